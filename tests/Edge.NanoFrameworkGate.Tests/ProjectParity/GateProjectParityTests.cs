using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests.ProjectParity
{
    /// <summary>
    /// Each gate project compiles exactly what its .nfproj gives the official toolchain: the same source files, the same
    /// nanoFramework assemblies and project references, the same assembly name and output type, the same repository
    /// imports. Every .nfproj of the repository has its gate, and every gate its .nfproj.
    /// </summary>
    public sealed class GateProjectParityTests : IDisposable
    {
        private readonly string _snippetDirectory = Path.Combine(Path.GetTempPath(), "edge-parity-" + Guid.NewGuid().ToString("N"));

        /// <summary>Every gate project's name without ".Gate.csproj": the .nfproj it stands for has that name.</summary>
        public static IEnumerable<object[]> GatedProjects()
        {
            return Directory.GetFiles(RepositoryFiles.PathOf("tests", "Edge.NanoFrameworkGate"), "*.Gate.csproj")
                .Select(p => Path.GetFileName(p))
                .Select(n => n.Substring(0, n.Length - ".Gate.csproj".Length))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => new object[] { n });
        }

        [Fact]
        public void EveryNfprojHasAGateAndEveryGateItsNfproj()
        {
            string[] nfprojs = NfprojFiles().Select(p => Path.GetFileNameWithoutExtension(p)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            string[] gated = GatedProjects().Select(p => (string)p[0]).ToArray();

            Assert.Equal(nfprojs, gated);
        }

        [Theory]
        [MemberData(nameof(GatedProjects))]
        public void TheGateCompilesWhatTheDeviceBuildCompiles(string project)
        {
            string gate = RepositoryFiles.PathOf("tests", "Edge.NanoFrameworkGate", project + ".Gate.csproj");
            string nfproj = NfprojFiles().Single(p => Path.GetFileNameWithoutExtension(p) == project);

            IReadOnlyList<string> differences = GateProjectParity.Differences(gate, nfproj);

            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }

        [Fact]
        public void TheSharedProjectsCompileSomething()
        {
            // A wildcard that matched nothing on both sides would compare equal; the core and the firmware are not empty.
            string nfproj = RepositoryFiles.PathOf("firmware", "Edge.Firmware", "Edge.Firmware.nfproj");
            IReadOnlyList<string> sources = GateProjectParity.Sources(nfproj, System.Xml.Linq.XDocument.Load(nfproj), "Compile");

            Assert.Contains(RepositoryFiles.PathOf("firmware", "Edge.Firmware", "Boot", "BootSequence.cs"), sources);
            Assert.DoesNotContain(sources, s => s.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        }

        [Fact]
        public void AFileTheDeviceBuildCompilesAndTheGateDoesNotIsNamed()
        {
            Write("Lib/A.cs", "class A { }");
            Write("Lib/Sub/B.cs", "class B { }");
            Write("Lib/obj/Generated.cs", "class G { }");
            Write("Lib/Lib.nfproj", Nfproj("Library", "<Compile Include=\"**\\*.cs\" Exclude=\"bin\\**;obj\\**\" />"));
            Write("Gate/Lib.Gate.csproj", Gate(null, "<NanoGateSource Include=\"../Lib/A.cs\" />"));

            IReadOnlyList<string> differences = GateProjectParity.Differences(PathOf("Gate/Lib.Gate.csproj"), PathOf("Lib/Lib.nfproj"));

            Assert.Equal(
                new[] { "Lib.nfproj has the source file " + PathOf("Lib/Sub/B.cs") + ", Lib.Gate.csproj does not: the gate does not check what the device build compiles" },
                differences);
        }

        [Fact]
        public void AnApplicationGatedAsALibraryIsNamed()
        {
            // A gate compiled as a library accepts an application without its Main, which the device build refuses.
            Write("App/Program.cs", "class P { static void Main() { } }");
            Write("App/App.nfproj", Nfproj("Exe", "<Compile Include=\"Program.cs\" />"));
            Write("Gate/App.Gate.csproj", Gate(null, "<NanoGateSource Include=\"../App/Program.cs\" />"));

            IReadOnlyList<string> differences = GateProjectParity.Differences(PathOf("Gate/App.Gate.csproj"), PathOf("App/App.nfproj"));

            Assert.Equal(new[] { "OutputType: App.nfproj builds Exe, App.Gate.csproj Library" }, differences);
        }

        [Fact]
        public void AssembliesAndProjectReferencesAreCompared()
        {
            Write("Lib/A.cs", "class A { }");
            Write(
                "Lib/Lib.nfproj",
                Nfproj(
                    "Library",
                    "<Compile Include=\"A.cs\" /><Reference Include=\"mscorlib\" /><Reference Include=\"System.Net\" />"
                    + "<Reference Include=\"nanoFramework.UnitTestLauncher\" /><ProjectReference Include=\"..\\Core\\Core.nfproj\" />"));
            Write("Gate/Lib.Gate.csproj", Gate(null, "<NanoGateSource Include=\"../Lib/A.cs\" /><NanoSurface Include=\"mscorlib\" /><NanoSurface Include=\"System.Math\" />"));

            IReadOnlyList<string> differences = GateProjectParity.Differences(PathOf("Gate/Lib.Gate.csproj"), PathOf("Lib/Lib.nfproj"));

            Assert.Equal(
                new[]
                {
                    "Lib.nfproj has the nanoFramework assembly System.Net, Lib.Gate.csproj does not: the gate does not check what the device build compiles",
                    "Lib.Gate.csproj has the nanoFramework assembly System.Math, Lib.nfproj does not: the gate checks something the device build does not compile",
                    "Lib.nfproj has the project reference Core, Lib.Gate.csproj does not: the gate does not check what the device build compiles",
                },
                differences);
        }

        [Fact]
        public void AWildcardItCannotExpandIsRefused()
        {
            Write("Lib/Lib.nfproj", Nfproj("Library", "<Compile Include=\"Bo*.cs\" />"));
            Write("Gate/Lib.Gate.csproj", Gate(null, string.Empty));

            NotSupportedException refused = Assert.Throws<NotSupportedException>(() => GateProjectParity.Differences(PathOf("Gate/Lib.Gate.csproj"), PathOf("Lib/Lib.nfproj")));
            Assert.Contains("Bo*.cs", refused.Message, StringComparison.Ordinal);
        }

        public void Dispose()
        {
            if (Directory.Exists(_snippetDirectory))
            {
                Directory.Delete(_snippetDirectory, recursive: true);
            }
        }

        private static IEnumerable<string> NfprojFiles()
        {
            return Directory.GetFiles(RepositoryFiles.PathOf("firmware"), "*.nfproj", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(RepositoryFiles.PathOf("tests"), "*.nfproj", SearchOption.AllDirectories))
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        }

        private static string Nfproj(string outputType, string items)
        {
            return "<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><PropertyGroup><OutputType>" + outputType
                + "</OutputType><AssemblyName>Snippet</AssemblyName></PropertyGroup><ItemGroup>" + items + "</ItemGroup></Project>";
        }

        private static string Gate(string outputType, string items)
        {
            string output = outputType == null ? string.Empty : "<OutputType>" + outputType + "</OutputType>";
            return "<Project Sdk=\"Microsoft.NET.Sdk\"><Import Project=\"NanoFrameworkGate.props\" /><PropertyGroup><AssemblyName>Snippet</AssemblyName>" + output
                + "</PropertyGroup><ItemGroup>" + items + "</ItemGroup><Import Project=\"NanoFrameworkGate.targets\" /></Project>";
        }

        private string PathOf(string relative)
        {
            return Path.Combine(_snippetDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
        }

        private void Write(string relative, string text)
        {
            string path = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllText(path, text);
        }
    }
}
