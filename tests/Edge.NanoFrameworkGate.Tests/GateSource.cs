namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>One source file handed to the gate compilation.</summary>
    public sealed class GateSource
    {
        public GateSource(string path, string text)
        {
            Path = path;
            Text = text;
        }

        public string Path { get; }

        public string Text { get; }
    }
}
