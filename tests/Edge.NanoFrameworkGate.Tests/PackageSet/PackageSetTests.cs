using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests.PackageSet
{
    /// <summary>
    /// One consistent nanoFramework package set (firmware/packages.dependencies.md): every
    /// packages.config of the firmware satisfies every declared dependency range, every .nfproj
    /// references the versions its packages.config pins, and the reference surface carries the
    /// pinned versions.
    /// </summary>
    public sealed class PackageSetTests
    {
        private const string SnippetTable = @"
| package | pinned | assemblies | declared dependencies (minimum versions) | source |
|---|---|---|---|---|
| nanoFramework.CoreLibrary | 1.17.11 | mscorlib | (none) | x |
| nanoFramework.M2Mqtt | 5.1.220 | nanoFramework.M2Mqtt | nanoFramework.CoreLibrary 1.17.11; nanoFramework.System.Net 1.11.60 | x |
| nanoFramework.System.Net | 1.11.60 | System.Net | nanoFramework.CoreLibrary 1.17.11 | x |
";

        /// <summary>Every nanoFramework project (a folder with a packages.config), repository-relative: the firmware's and the device benchmark's.</summary>
        public static IEnumerable<object[]> FirmwareProjects()
        {
            string root = RepositoryFiles.Root;
            return new[] { RepositoryFiles.PathOf("firmware"), RepositoryFiles.PathOf("tests", "Edge.DeviceCost.Nano") }
                .SelectMany(folder => Directory.GetFiles(folder, "packages.config", SearchOption.AllDirectories))
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(p => new object[] { Path.GetRelativePath(root, Path.GetDirectoryName(p)).Replace('\\', '/') })
                .OrderBy(p => (string)p[0], StringComparer.Ordinal);
        }

        [Fact]
        public void EveryFirmwareProjectHasAPackagesConfig()
        {
            string[] projects = FirmwareProjects().Select(p => (string)p[0]).ToArray();

            Assert.Equal(
                new[]
                {
                    "firmware/Edge.Core", "firmware/Edge.Core.Boards", "firmware/Edge.Core.Messaging", "firmware/Edge.Firmware",
                    "firmware/Edge.Firmware.App", "firmware/Edge.Firmware.PersistenceTests", "firmware/Edge.Firmware.ServiceTests", "firmware/Edge.Firmware.Tests", "tests/Edge.DeviceCost.Nano",
                },
                projects);
        }

        [Theory]
        [MemberData(nameof(FirmwareProjects))]
        public void PackagesConfigSatisfiesTheDependencyTable(string project)
        {
            IReadOnlyList<string> violations = PackageSetCheck.Dependencies(ReadConfig(project), PackageDependencyTable.Load());

            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        [Theory]
        [MemberData(nameof(FirmwareProjects))]
        public void NfprojReferencesThePinnedVersions(string project)
        {
            string nfproj = Directory.GetFiles(RepositoryFiles.PathOf(project.Split('/')), "*.nfproj").Single();

            IReadOnlyList<string> violations = PackageSetCheck.HintPaths(project, File.ReadAllText(nfproj), ReadConfig(project));

            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        [Fact]
        public void TableCarriesTheRequirementsThatBrokeTheOldSet()
        {
            // Measured on nanoCLR and read from the nuspecs: M2Mqtt 5.1.220 needs System.Net >= 1.11.60,
            // Hardware.Esp32 1.6.42 needs Runtime.Events >= 1.11.39.
            PackageDependencyTable table = PackageDependencyTable.Load();

            Assert.Equal(new Version(1, 11, 60), table.Find("nanoFramework.M2Mqtt").Dependencies["nanoFramework.System.Net"]);
            Assert.Equal(new Version(1, 11, 39), table.Find("nanoFramework.Hardware.Esp32").Dependencies["nanoFramework.Runtime.Events"]);
        }

        [Fact]
        public void ReferenceSurfaceCarriesThePinnedVersions()
        {
            PackageDependencyTable table = PackageDependencyTable.Load();
            var problems = new List<string>();
            int checkedCount = 0;
            foreach (string csproj in Directory.GetFiles(RepositoryFiles.PathOf("tests", "NanoFramework.ReferenceSurface"), "*.csproj", SearchOption.AllDirectories))
            {
                string text = File.ReadAllText(csproj);
                string assembly = Regex.Match(text, "<AssemblyName>([^<]+)</AssemblyName>").Groups[1].Value;
                Version version = Version.Parse(Regex.Match(text, "<Version>([^<]+)</Version>").Groups[1].Value);
                DeclaredPackage owner = table.OwnerOf(assembly);
                if (owner == null)
                {
                    // Only allowed for a surface no gate project compiles against (kept to show what is missing).
                    if (GateProjectsText().Contains("<NanoSurface Include=\"" + assembly + "\" />", StringComparison.Ordinal))
                    {
                        problems.Add(assembly + " is used by a gate project but has no row in the dependency table");
                    }

                    continue;
                }

                checkedCount++;
                if (owner.Pinned != version)
                {
                    problems.Add(assembly + " surface is " + version + ", " + owner.Id + " is pinned at " + owner.Pinned);
                }
            }

            Assert.True(checkedCount >= 15, "surface projects checked: " + checkedCount);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void AnOldSystemNetUnderM2MqttIsAViolation()
        {
            // The set before this table: System.Net 1.11.54 under M2Mqtt 5.1.220.
            PackagesConfig config = PackagesConfig.Parse("snippet", @"<packages>
  <package id=""nanoFramework.CoreLibrary"" version=""1.17.11"" />
  <package id=""nanoFramework.M2Mqtt"" version=""5.1.220"" />
  <package id=""nanoFramework.System.Net"" version=""1.11.54"" />
</packages>");

            IReadOnlyList<string> violations = PackageSetCheck.Dependencies(config, PackageDependencyTable.Parse(SnippetTable));

            Assert.Contains("snippet: nanoFramework.M2Mqtt 5.1.220 needs nanoFramework.System.Net >= 1.11.60, packages.config pins 1.11.54", violations);
            Assert.Contains("snippet: nanoFramework.System.Net is pinned at 1.11.54, the set pins 1.11.60", violations);
            Assert.Equal(2, violations.Count);
        }

        [Fact]
        public void AMissingDependencyAndAnUnknownPackageAreViolations()
        {
            PackagesConfig config = PackagesConfig.Parse("snippet", @"<packages>
  <package id=""nanoFramework.M2Mqtt"" version=""5.1.220"" />
  <package id=""nanoFramework.Json"" version=""2.2.0"" />
</packages>");

            IReadOnlyList<string> violations = PackageSetCheck.Dependencies(config, PackageDependencyTable.Parse(SnippetTable));

            Assert.Contains("snippet: nanoFramework.M2Mqtt 5.1.220 needs nanoFramework.CoreLibrary >= 1.17.11, which is missing", violations);
            Assert.Contains("snippet: nanoFramework.M2Mqtt 5.1.220 needs nanoFramework.System.Net >= 1.11.60, which is missing", violations);
            Assert.Contains("snippet: nanoFramework.Json 2.2.0 is not in the dependency table", violations);
        }

        [Fact]
        public void AHintPathToAnotherVersionIsAViolation()
        {
            PackagesConfig config = PackagesConfig.Parse("snippet", @"<packages><package id=""nanoFramework.System.Net"" version=""1.11.60"" /></packages>");
            const string nfproj = @"<Reference Include=""System.Net""><HintPath>..\..\packages\nanoFramework.System.Net.1.11.54\lib\System.Net.dll</HintPath></Reference>";

            IReadOnlyList<string> violations = PackageSetCheck.HintPaths("snippet", nfproj, config);

            Assert.Equal(new[] { "snippet: references nanoFramework.System.Net 1.11.54, its packages.config pins 1.11.60" }, violations);
        }

        private static PackagesConfig ReadConfig(string project)
        {
            string path = RepositoryFiles.PathOf(project + "/packages.config");
            return PackagesConfig.Parse(project + "/packages.config", File.ReadAllText(path));
        }

        private static string GateProjectsText()
        {
            return string.Concat(Directory.GetFiles(RepositoryFiles.PathOf("tests", "Edge.NanoFrameworkGate"), "*.csproj").Select(File.ReadAllText));
        }
    }
}
