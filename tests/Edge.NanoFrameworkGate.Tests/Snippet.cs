namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>Builds a one-file snippet: members wrapped in a class, usings on top.</summary>
    internal static class Snippet
    {
        public static GateSource Members(string members, string usings = "using System;")
        {
            return new GateSource(
                "Snippet.cs",
                usings + "\nnamespace Snippets\n{\n    public class Subject\n    {\n        " + members + "\n    }\n}\n");
        }

        public static GateSource File(string text)
        {
            return new GateSource("Snippet.cs", text);
        }
    }
}
