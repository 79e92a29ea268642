using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests.Deployment
{
    /// <summary>
    /// The on-device test assemblies (each NFUnitTest: firmware/Edge.Firmware.Tests, firmware/Edge.Firmware.ServiceTests
    /// and firmware/Edge.Firmware.PersistenceTests)
    /// reference class libraries only; the firmware's one executable is Edge.Firmware.App. The check fails on a
    /// snippet test project that reaches an Exe.
    /// </summary>
    public sealed class TestDeploymentTests : IDisposable
    {
        private readonly string _snippetDirectory = Path.Combine(Path.GetTempPath(), "edge-nfproj-" + Guid.NewGuid().ToString("N"));

        /// <summary>The firmware's on-device test projects, each deployed and run on its own.</summary>
        public static IEnumerable<object[]> OnDeviceTestProjects()
        {
            return new[] { "Edge.Firmware.PersistenceTests", "Edge.Firmware.ServiceTests", "Edge.Firmware.Tests" }.Select(p => new object[] { p });
        }

        [Fact]
        public void TheOnDeviceTestProjectsAreTheOnesChecked()
        {
            // Another project named NFUnitTest must join the checks below (and the size and package-set checks).
            string[] testProjects = Directory.GetFiles(RepositoryFiles.PathOf("firmware"), "*.nfproj", SearchOption.AllDirectories)
                .Where(p => AssemblyName(p) == "NFUnitTest")
                .Select(p => Path.GetFileNameWithoutExtension(p))
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();

            Assert.Equal(OnDeviceTestProjects().Select(p => (string)p[0]), testProjects);
        }

        [Theory]
        [MemberData(nameof(OnDeviceTestProjects))]
        public void NfUnitTestReachesNoExecutable(string project)
        {
            string tests = RepositoryFiles.PathOf("firmware", project, project + ".nfproj");

            IReadOnlyList<string> closure = TestDeploymentCheck.ReferenceClosure(tests);
            IReadOnlyList<string> executables = TestDeploymentCheck.ExecutablesReferencedBy(tests);

            Assert.Equal(new[] { "Edge.Core.Boards.nfproj", "Edge.Core.Messaging.nfproj", "Edge.Core.nfproj", "Edge.Firmware.nfproj" }, closure.Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.True(executables.Count == 0, string.Join("\n", executables));
        }

        [Fact]
        public void TheApplicationIsTheFirmwaresOnlyExecutable()
        {
            string[] executables = Directory.GetFiles(RepositoryFiles.PathOf("firmware"), "*.nfproj", SearchOption.AllDirectories)
                .Where(p => TestDeploymentCheck.OutputType(p) == "Exe")
                .Select(Path.GetFileName)
                .ToArray();

            Assert.Equal(new[] { "Edge.Firmware.App.nfproj" }, executables);
            Assert.Equal("Library", TestDeploymentCheck.OutputType(RepositoryFiles.PathOf("firmware", "Edge.Firmware", "Edge.Firmware.nfproj")));
        }

        [Fact]
        public void ATestProjectThatReachesAnExecutableFails()
        {
            // NFUnitTest -> a library -> an application: the executable is found through the library.
            WriteProject("Tests/Tests.nfproj", "Library", @"..\Lib\Lib.nfproj");
            WriteProject("Lib/Lib.nfproj", "Library", @"..\App\App.nfproj");
            WriteProject("App/App.nfproj", "Exe");

            IReadOnlyList<string> executables = TestDeploymentCheck.ExecutablesReferencedBy(Path.Combine(_snippetDirectory, "Tests", "Tests.nfproj"));

            string only = Assert.Single(executables);
            Assert.StartsWith("Tests.nfproj reaches App.nfproj, an executable", only);
        }

        [Fact]
        public void ATestProjectOverLibrariesPasses()
        {
            WriteProject("Tests/Tests.nfproj", "Library", @"..\Lib\Lib.nfproj");
            WriteProject("Lib/Lib.nfproj", "Library");

            Assert.Empty(TestDeploymentCheck.ExecutablesReferencedBy(Path.Combine(_snippetDirectory, "Tests", "Tests.nfproj")));
        }

        [Theory]
        [MemberData(nameof(OnDeviceTestProjects))]
        public void TheGateCompilesTheSourcesTheTestProjectLinks(string project)
        {
            // A test project compiles its own folder plus files linked from elsewhere (the shared fakes); its gate
            // must list exactly those linked files, or the gate would check another assembly than the device gets.
            string nfproj = RepositoryFiles.PathOf("firmware", project, project + ".nfproj");
            string gate = RepositoryFiles.PathOf("tests", "Edge.NanoFrameworkGate", project + ".Gate.csproj");

            string[] linked = ItemPaths(nfproj, "Compile").Where(p => !p.StartsWith(Path.GetDirectoryName(nfproj) + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToArray();
            string[] gated = ItemPaths(gate, "NanoGateSource").Where(p => !p.Contains('*', StringComparison.Ordinal)).ToArray();

            Assert.Equal(linked, gated);
        }

        public void Dispose()
        {
            if (Directory.Exists(_snippetDirectory))
            {
                Directory.Delete(_snippetDirectory, recursive: true);
            }
        }

        private static string AssemblyName(string nfproj)
        {
            XElement name = XDocument.Load(nfproj).Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName");
            return name == null ? null : name.Value.Trim();
        }

        /// <summary>The Include of every item of that kind, as full paths, sorted.</summary>
        private static IEnumerable<string> ItemPaths(string project, string itemName)
        {
            string directory = Path.GetDirectoryName(project);
            return XDocument.Load(project).Descendants()
                .Where(e => e.Name.LocalName == itemName)
                .Select(e => (string)e.Attribute("Include"))
                .Select(include => Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar))))
                .OrderBy(p => p, StringComparer.Ordinal);
        }

        private void WriteProject(string relativePath, string outputType, params string[] references)
        {
            string path = Path.Combine(_snippetDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            string items = string.Concat(references.Select(r => "<ProjectReference Include=\"" + r + "\" />"));
            File.WriteAllText(
                path,
                "<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><PropertyGroup><OutputType>" + outputType
                + "</OutputType></PropertyGroup><ItemGroup>" + items + "</ItemGroup></Project>");
        }
    }
}
