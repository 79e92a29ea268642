using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Edge.NanoFrameworkGate.Tests.Deployment
{
    /// <summary>
    /// nanoCLR starts the last entry point it resolves: a test deployment that contains an
    /// executable runs that executable's Main and no test (measured: with Edge.Firmware built as an
    /// Exe, nanoCLR ran Program.Main and 0 tests). This check walks an .nfproj's project references
    /// (transitively, as the deployment collects them) and names every one whose OutputType is Exe.
    /// </summary>
    public static class TestDeploymentCheck
    {
        /// <summary>Every project in the reference closure of <paramref name="nfprojPath"/> (itself excluded), as full paths.</summary>
        public static IReadOnlyList<string> ReferenceClosure(string nfprojPath)
        {
            var seen = new List<string>();
            var pending = new Stack<string>();
            pending.Push(Path.GetFullPath(nfprojPath));
            while (pending.Count > 0)
            {
                string project = pending.Pop();
                foreach (string reference in ProjectReferences(project))
                {
                    if (!seen.Contains(reference, StringComparer.Ordinal))
                    {
                        seen.Add(reference);
                        pending.Push(reference);
                    }
                }
            }

            return seen;
        }

        /// <summary>Sentences naming each executable in the reference closure; empty when the deployment can run tests.</summary>
        public static IReadOnlyList<string> ExecutablesReferencedBy(string nfprojPath)
        {
            return ReferenceClosure(nfprojPath)
                .Where(p => string.Equals(OutputType(p), "Exe", StringComparison.OrdinalIgnoreCase))
                .Select(p => Path.GetFileName(nfprojPath) + " reaches " + Path.GetFileName(p) + ", an executable (OutputType Exe): nanoCLR would run its Main instead of the tests")
                .ToList();
        }

        public static string OutputType(string nfprojPath)
        {
            XElement outputType = XDocument.Load(nfprojPath).Descendants().FirstOrDefault(e => e.Name.LocalName == "OutputType");
            return outputType == null ? "Library" : outputType.Value.Trim();
        }

        private static IEnumerable<string> ProjectReferences(string nfprojPath)
        {
            string directory = Path.GetDirectoryName(nfprojPath);
            if (!File.Exists(nfprojPath))
            {
                throw new FileNotFoundException("referenced project not found", nfprojPath);
            }

            return XDocument.Load(nfprojPath).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => (string)e.Attribute("Include"))
                .Select(include => Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar))))
                .ToList();
        }
    }
}
