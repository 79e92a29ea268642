using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests.Deployment
{
    /// <summary>
    /// NFUnitTest (firmware/Edge.Firmware.Tests) references class libraries only; the firmware's one
    /// executable is Edge.Firmware.App. The check fails on a snippet test project that reaches an Exe.
    /// </summary>
    public sealed class TestDeploymentTests : IDisposable
    {
        private readonly string _snippetDirectory = Path.Combine(Path.GetTempPath(), "edge-nfproj-" + Guid.NewGuid().ToString("N"));

        [Fact]
        public void NfUnitTestReachesNoExecutable()
        {
            string tests = RepositoryFiles.PathOf("firmware", "Edge.Firmware.Tests", "Edge.Firmware.Tests.nfproj");

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

        public void Dispose()
        {
            if (Directory.Exists(_snippetDirectory))
            {
                Directory.Delete(_snippetDirectory, recursive: true);
            }
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
