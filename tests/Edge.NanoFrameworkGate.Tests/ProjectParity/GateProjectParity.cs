using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Edge.NanoFrameworkGate.Tests.ProjectParity
{
    /// <summary>
    /// The gate proves an assembly only if it compiles what the device build compiles: the same source files, against
    /// the same nanoFramework assemblies and project references, under the same assembly name and output type, with
    /// the same build imports from the repository (the shipped boards' generated source). This check compares a gate
    /// project (<c>tests/Edge.NanoFrameworkGate/X.Gate.csproj</c>) with its <c>X.nfproj</c> item by item, expanding the
    /// two wildcard forms both use (<c>folder/**/*.cs</c>, and <c>folder/**</c> in an Exclude), and names every
    /// difference. Any other wildcard is refused rather than guessed at.
    /// </summary>
    public static class GateProjectParity
    {
        /// <summary>nanoFramework.TestFramework's launcher: deployed with a test project, never compiled against.</summary>
        private const string TestLauncher = "nanoFramework.UnitTestLauncher";

        /// <summary>Sentences naming each way the two projects differ; empty when the gate compiles what the device build does.</summary>
        public static IReadOnlyList<string> Differences(string gateProject, string nfproj)
        {
            XDocument gate = XDocument.Load(gateProject);
            XDocument device = XDocument.Load(nfproj);
            string gateName = Path.GetFileName(gateProject);
            string deviceName = Path.GetFileName(nfproj);
            var differences = new List<string>();

            Compare(differences, "source file", gateName, Sources(gateProject, gate, "NanoGateSource"), deviceName, Sources(nfproj, device, "Compile"), p => Relative(p));
            Compare(
                differences,
                "nanoFramework assembly",
                gateName,
                Includes(gate, "NanoSurface"),
                deviceName,
                Includes(device, "Reference").Where(r => r != TestLauncher),
                r => r);
            Compare(
                differences,
                "project reference",
                gateName,
                Includes(gate, "NanoGateProjectReference").Select(r => ProjectStem(r, ".Gate.csproj")),
                deviceName,
                Includes(device, "ProjectReference").Select(r => ProjectStem(r, ".nfproj")),
                r => r);
            Compare(differences, "build import", gateName, RepositoryImports(gateProject, gate), deviceName, RepositoryImports(nfproj, device), p => Relative(p));

            CompareProperty(differences, "AssemblyName", gateName, Property(gate, "AssemblyName"), deviceName, Property(device, "AssemblyName"));
            CompareProperty(differences, "OutputType", gateName, Property(gate, "OutputType") ?? "Library", deviceName, Property(device, "OutputType") ?? "Library");
            return differences;
        }

        /// <summary>The source files an item type names, as full paths: wildcards expanded, excludes applied.</summary>
        public static IReadOnlyList<string> Sources(string projectPath, XDocument project, string itemName)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(projectPath));
            var files = new SortedSet<string>(StringComparer.Ordinal);
            foreach (XElement item in Items(project, itemName))
            {
                string[] excludes = Split((string)item.Attribute("Exclude"));
                foreach (string include in Split((string)item.Attribute("Include")))
                {
                    foreach (string file in Expand(directory, include))
                    {
                        if (!excludes.Any(e => Excludes(directory, e, file)))
                        {
                            files.Add(file);
                        }
                    }
                }
            }

            return files.ToList();
        }

        private static IEnumerable<string> Expand(string directory, string include)
        {
            string pattern = include.Replace('\\', '/');
            int wildcard = pattern.IndexOf("**/*.", StringComparison.Ordinal);
            if (wildcard >= 0 && pattern.IndexOf('*', wildcard + 5) < 0)
            {
                string root = Path.GetFullPath(Path.Combine(directory, pattern.Substring(0, wildcard)));
                string extension = pattern.Substring(wildcard + 4);
                return Directory.Exists(root)
                    ? Directory.GetFiles(root, "*" + extension, SearchOption.AllDirectories).Where(f => f.EndsWith(extension, StringComparison.Ordinal))
                    : Enumerable.Empty<string>();
            }

            if (pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal) || pattern.Contains("$(", StringComparison.Ordinal))
            {
                throw new NotSupportedException("cannot compare the item '" + include + "': only folder/**/*.ext and plain paths are expanded here");
            }

            return new[] { Path.GetFullPath(Path.Combine(directory, pattern)) };
        }

        private static bool Excludes(string directory, string exclude, string file)
        {
            string pattern = exclude.Replace('\\', '/');
            if (pattern.EndsWith("/**", StringComparison.Ordinal) && pattern.IndexOf('*') == pattern.Length - 2)
            {
                string folder = Path.GetFullPath(Path.Combine(directory, pattern.Substring(0, pattern.Length - 3)));
                return file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            }

            if (pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal))
            {
                throw new NotSupportedException("cannot compare the exclude '" + exclude + "': only folder/** and plain paths are applied here");
            }

            return string.Equals(Path.GetFullPath(Path.Combine(directory, pattern)), file, StringComparison.Ordinal);
        }

        private static IEnumerable<string> RepositoryImports(string projectPath, XDocument project)
        {
            // The nanoFramework project system's own imports (through $(NanoFrameworkProjectSystemPath)) and the gate's
            // machinery (NanoFrameworkGate.props/.targets) are each side's build system; what is left is shared.
            string directory = Path.GetDirectoryName(Path.GetFullPath(projectPath));
            return project.Descendants()
                .Where(e => e.Name.LocalName == "Import")
                .Select(e => (string)e.Attribute("Project"))
                .Where(p => !p.Contains("$(", StringComparison.Ordinal) && !Path.GetFileName(p.Replace('\\', '/')).StartsWith("NanoFrameworkGate.", StringComparison.Ordinal))
                .Select(p => Path.GetFullPath(Path.Combine(directory, p.Replace('\\', '/'))));
        }

        private static void Compare(List<string> differences, string what, string gateName, IEnumerable<string> gated, string deviceName, IEnumerable<string> built, Func<string, string> show)
        {
            var gateSet = new HashSet<string>(gated, StringComparer.Ordinal);
            var deviceSet = new HashSet<string>(built, StringComparer.Ordinal);
            foreach (string item in deviceSet.Where(i => !gateSet.Contains(i)).OrderBy(i => i, StringComparer.Ordinal))
            {
                differences.Add(deviceName + " has the " + what + " " + show(item) + ", " + gateName + " does not: the gate does not check what the device build compiles");
            }

            foreach (string item in gateSet.Where(i => !deviceSet.Contains(i)).OrderBy(i => i, StringComparer.Ordinal))
            {
                differences.Add(gateName + " has the " + what + " " + show(item) + ", " + deviceName + " does not: the gate checks something the device build does not compile");
            }
        }

        private static void CompareProperty(List<string> differences, string name, string gateName, string gated, string deviceName, string built)
        {
            if (!string.Equals(gated, built, StringComparison.OrdinalIgnoreCase))
            {
                differences.Add(name + ": " + deviceName + " builds " + (built ?? "(none)") + ", " + gateName + " " + (gated ?? "(none)"));
            }
        }

        private static IEnumerable<XElement> Items(XDocument project, string itemName)
        {
            return project.Descendants().Where(e => e.Name.LocalName == itemName && e.Attribute("Include") != null);
        }

        private static IEnumerable<string> Includes(XDocument project, string itemName)
        {
            return Items(project, itemName).SelectMany(e => Split((string)e.Attribute("Include")));
        }

        private static string Property(XDocument project, string name)
        {
            XElement element = project.Descendants().FirstOrDefault(e => e.Name.LocalName == name && e.Parent != null && e.Parent.Name.LocalName == "PropertyGroup");
            return element == null ? null : element.Value.Trim();
        }

        private static string ProjectStem(string reference, string suffix)
        {
            string name = Path.GetFileName(reference.Replace('\\', '/'));
            return name.EndsWith(suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - suffix.Length) : name;
        }

        private static string[] Split(string value)
        {
            return value == null
                ? new string[0]
                : value.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        }

        private static string Relative(string path)
        {
            string root = RepositoryFiles.Root + Path.DirectorySeparatorChar;
            return path.StartsWith(root, StringComparison.Ordinal) ? path.Substring(root.Length).Replace('\\', '/') : path;
        }
    }
}
