namespace Edge.NanoFrameworkGate.Tests.Layering
{
    /// <summary>A project file's path from the repository root (forward slashes) and its XML.</summary>
    public sealed class ProjectFile
    {
        public ProjectFile(string path, string xml)
        {
            Path = path.Replace('\\', '/');
            Xml = xml;
        }

        public string Path { get; }

        public string Xml { get; }
    }
}
