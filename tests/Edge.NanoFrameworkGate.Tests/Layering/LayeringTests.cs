using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests.Layering
{
    /// <summary>
    /// The repository keeps its layering (firmware/Edge.Core/README.md "Layers"), and each rule of the
    /// check is shown to fail on a snippet that breaks it: the snippets run through the same checks.
    /// </summary>
    public sealed class LayeringTests : IClassFixture<NanoGateFixture>
    {
        private readonly NanoGateFixture _gate;

        public LayeringTests(NanoGateFixture gate)
        {
            _gate = gate;
        }

        /// <summary>
        /// Upward references the core is allowed to keep, each a layer and the type it reaches up to, with
        /// the reason. Empty: every cycle is broken. The mechanism stays so that an exception, if one is ever
        /// needed, is named with its reason, and an entry no longer needed fails the test below.
        /// </summary>
        private static readonly KnownUpwardReference[] KnownUpwardReferences = new KnownUpwardReference[0];

        [Fact]
        public void CoreNamespacesUseOnlyTheirOwnAndLowerLayersAndMscorlibAndSystemMath()
        {
            GateSource[] core = NanoGateFixture.SourcesUnder("CoreSource/");
            Assert.True(core.Length > 100, "the core's sources are embedded");

            IReadOnlyList<NamespaceLayers.LayeringViolation> violations = CoreLayering.Violations(core, _gate.References(_gate.SurfaceNames));
            string[] unknown = violations.Where(v => !KnownUpwardReferences.Any(k => k.Covers(v))).Select(v => v.ToString()).Distinct().ToArray();
            string[] stale = KnownUpwardReferences.Where(k => !violations.Any(k.Covers)).Select(k => k.ToString()).ToArray();

            Assert.True(unknown.Length == 0, "References against the layer order:\n" + string.Join("\n", unknown));
            Assert.True(stale.Length == 0, "Known upward references no longer made (remove them from the list):\n" + string.Join("\n", stale));
        }

        [Fact]
        public void EveryCoreFolderHasALayer()
        {
            string[] folders = ProjectLayering.CoreFolders
                .SelectMany(folder => Directory.GetDirectories(RepositoryFiles.PathOf(folder.TrimEnd('/').Split('/'))))
                .Select(Path.GetFileName)
                .Where(f => f != "bin" && f != "obj" && f != "Properties")
                .ToArray();

            Assert.DoesNotContain(folders, f => !CoreLayering.Order.Contains(f));
        }

        [Fact]
        public void ProjectReferencesKeepCorePhysicsFirmwareAndSimulatorApart()
        {
            ProjectFile[] projects = RepositoryProjects();
            string[] paths = projects.Select(p => p.Path).ToArray();
            Assert.Contains("firmware/Edge.Core/Edge.Core.csproj", paths);
            Assert.Contains("firmware/Edge.Core/Edge.Core.nfproj", paths);
            Assert.Contains("hostsim/Edge.HostSim.Physics/Edge.HostSim.Physics.csproj", paths);
            Assert.Contains("firmware/Edge.Firmware/Edge.Firmware.nfproj", paths);
            Assert.Contains("hostsim/Edge.HostSim/Edge.HostSim.csproj", paths);

            IReadOnlyList<string> violations = ProjectLayering.Check(projects);

            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        [Fact]
        public void SimulatorReferencesTheCoreAndPhysicsReferencesNothing()
        {
            // The rules above must see the references that do exist, or they would hold vacuously.
            ProjectFile[] projects = RepositoryProjects();
            ProjectFile simulator = projects.Single(p => p.Path == "hostsim/Edge.HostSim/Edge.HostSim.csproj");
            ProjectFile firmware = projects.Single(p => p.Path == "firmware/Edge.Firmware/Edge.Firmware.nfproj");

            Assert.Contains("firmware/Edge.Core/Edge.Core.csproj", ProjectLayering.ProjectReferences(simulator));
            Assert.Contains("hostsim/Edge.HostSim.Physics/Edge.HostSim.Physics.csproj", ProjectLayering.ProjectReferences(simulator));
            Assert.Equal(
                new[] { "firmware/Edge.Core/Edge.Core.nfproj", "firmware/Edge.Core.Boards/Edge.Core.Boards.nfproj", "firmware/Edge.Core.Messaging/Edge.Core.Messaging.nfproj" },
                ProjectLayering.ProjectReferences(firmware));
        }

        // ---- one snippet per rule ----

        [Fact]
        public void CoreUsingAnAssemblyOutsideMscorlibAndSystemMathIsReported()
        {
            IReadOnlyList<string> violations = CheckCore(
                Source("namespace Edge.Core.Telemetry { public class Uplink { public object Address() { return new System.Net.IPAddress(0L); } } }"));

            Assert.Contains(violations, v => v.Contains("System.Net.IPAddress") && v.Contains("assembly System.Net is outside"));
        }

        [Fact]
        public void DiagnosisUsingDecisionIsReported()
        {
            IReadOnlyList<string> violations = CheckCore(
                Source("namespace Edge.Core.Decision { public enum ModuleState { Idle } }"),
                Source("namespace Edge.Core.Diagnosis { public class Detector { public Edge.Core.Decision.ModuleState State; } }"));

            Assert.Equal(
                new[] { "Snippet1.cs:1: Edge.Core.Diagnosis -> Edge.Core.Decision.ModuleState (layer Diagnosis uses the higher layer Decision)" },
                violations);
        }

        [Theory]
        // Each namespace reaching one step up the flow; a member access counts as much as a type name.
        [InlineData("Sampling", "Measurement")]
        [InlineData("Measurement", "Telemetry")]
        [InlineData("Decision", "Actuation")]
        [InlineData("Actuation", "Telemetry")]
        [InlineData("Sampling", "Configuration")]
        [InlineData("Timing", "Configuration")]
        [InlineData("Records", "Diagnosis")]
        [InlineData("Records", "Configuration")]
        [InlineData("Configuration", "Diagnosis")]
        public void NamespaceUsingALaterOneIsReported(string lower, string higher)
        {
            IReadOnlyList<string> violations = CheckCore(
                Source("namespace Edge.Core." + higher + ".Inner { public static class Later { public const int Value = 1; } }"),
                Source("namespace Edge.Core." + lower + " { public class Earlier { public int Read() { return Edge.Core." + higher + ".Inner.Later.Value; } } }"));

            Assert.Equal(
                new[] { "Snippet1.cs:1: Edge.Core." + lower + " -> Edge.Core." + higher + ".Inner.Later (layer " + lower + " uses the higher layer " + higher + ")" },
                violations);
        }

        [Fact]
        public void NamespaceUsingAnEarlierOneOrItselfIsAccepted()
        {
            IReadOnlyList<string> violations = CheckCore(
                Source("namespace Edge.Core.Diagnosis { public enum Severity { Info } }"),
                Source("namespace Edge.Core.Decision { public class Rule { public Edge.Core.Diagnosis.Severity Level; public Rule Next; public int Scale() { return (int)System.Math.Round(1.5); } } }"));

            Assert.Empty(violations);
        }

        [Fact]
        public void CoreFolderMissingFromTheOrderIsReported()
        {
            IReadOnlyList<string> violations = CheckCore(
                Source("namespace Edge.Core.Sampling { public class Frame { } }"),
                Source("namespace Edge.Core.Plugins { public class Plugin { public Edge.Core.Sampling.Frame Frame; } }"));

            Assert.Contains(violations, v => v.Contains("layer Plugins is not in the layer order"));
        }

        [Fact]
        public void PhysicsReferencingTheCoreIsReported()
        {
            IReadOnlyList<string> violations = ProjectLayering.Check(new[]
            {
                Project("firmware/Edge.Core/Edge.Core.csproj"),
                Project("hostsim/Edge.HostSim.Physics/Edge.HostSim.Physics.csproj", "../../firmware/Edge.Core/Edge.Core.csproj"),
            });

            Assert.Equal(
                new[] { "hostsim/Edge.HostSim.Physics/Edge.HostSim.Physics.csproj references the core (firmware/Edge.Core/Edge.Core.csproj): the physics model must not know the controller" },
                violations);
        }

        [Fact]
        public void PhysicsReachingTheCoreThroughAnotherProjectIsReported()
        {
            IReadOnlyList<string> violations = ProjectLayering.Check(new[]
            {
                Project("firmware/Edge.Core/Edge.Core.csproj"),
                Project("hostsim/Edge.HostSim.Shared/Edge.HostSim.Shared.csproj", "..\\..\\firmware\\Edge.Core\\Edge.Core.csproj"),
                Project("hostsim/Edge.HostSim.Physics/Edge.HostSim.Physics.csproj", "../Edge.HostSim.Shared/Edge.HostSim.Shared.csproj"),
            });

            Assert.Contains(violations, v => v.StartsWith("hostsim/Edge.HostSim.Physics/Edge.HostSim.Physics.csproj references the core", StringComparison.Ordinal));
        }

        [Fact]
        public void FirmwareReferencingTheSimulatorIsReported()
        {
            IReadOnlyList<string> violations = ProjectLayering.Check(new[]
            {
                Project("hostsim/Edge.HostSim/Edge.HostSim.csproj"),
                Project("firmware/Edge.Firmware/Edge.Firmware.nfproj", "..\\..\\hostsim\\Edge.HostSim\\Edge.HostSim.csproj"),
            });

            Assert.Equal(new[] { "firmware/Edge.Firmware/Edge.Firmware.nfproj references the simulator project hostsim/Edge.HostSim/Edge.HostSim.csproj" }, violations);
        }

        [Fact]
        public void SimulatorReferencingTheFirmwareIsReportedButTheCoreIsAllowed()
        {
            IReadOnlyList<string> violations = ProjectLayering.Check(new[]
            {
                Project("firmware/Edge.Core/Edge.Core.csproj"),
                Project("firmware/Edge.Firmware/Edge.Firmware.nfproj"),
                Project("hostsim/Edge.HostSim/Edge.HostSim.csproj", "../../firmware/Edge.Core/Edge.Core.csproj", "../../firmware/Edge.Firmware/Edge.Firmware.nfproj"),
            });

            Assert.Equal(
                new[] { "hostsim/Edge.HostSim/Edge.HostSim.csproj references the firmware project firmware/Edge.Firmware/Edge.Firmware.nfproj (the simulator may reference the core only)" },
                violations);
        }

        [Fact]
        public void CoreProjectReferencingAnythingIsReported()
        {
            var core = new ProjectFile(
                "firmware/Edge.Core/Edge.Core.nfproj",
                "<Project><ItemGroup><Reference Include=\"mscorlib\" /><Reference Include=\"System.Math\" /><Reference Include=\"System.Net\" />"
                + "<PackageReference Include=\"Newtonsoft.Json\" /><ProjectReference Include=\"..\\Edge.Firmware\\Edge.Firmware.nfproj\" /></ItemGroup></Project>");

            IReadOnlyList<string> violations = ProjectLayering.Check(new[] { core, Project("firmware/Edge.Firmware/Edge.Firmware.nfproj") });

            Assert.Equal(
                new[]
                {
                    "firmware/Edge.Core/Edge.Core.nfproj references firmware/Edge.Firmware/Edge.Firmware.nfproj: the core's control part (Edge.Core) references no project",
                    "firmware/Edge.Core/Edge.Core.nfproj references Newtonsoft.Json: the core references no package",
                    "firmware/Edge.Core/Edge.Core.nfproj references assembly System.Net: the core may use mscorlib and System.Math only",
                },
                violations);
        }

        [Fact]
        public void CorePartsReferenceTheControlPartOnly()
        {
            IReadOnlyList<string> violations = ProjectLayering.Check(new[]
            {
                Project("firmware/Edge.Core/Edge.Core.nfproj", "..\\Edge.Core.Boards\\Edge.Core.Boards.nfproj"),
                Project("firmware/Edge.Core.Boards/Edge.Core.Boards.nfproj", "..\\Edge.Core\\Edge.Core.nfproj"),
                Project("firmware/Edge.Core.Messaging/Edge.Core.Messaging.nfproj", "..\\Edge.Core\\Edge.Core.nfproj", "..\\Edge.Core.Boards\\Edge.Core.Boards.nfproj"),
                Project("hostsim/Edge.HostSim/Edge.HostSim.csproj", "../../firmware/Edge.Core.Messaging/Edge.Core.Messaging.nfproj"),
            });

            Assert.Equal(
                new[]
                {
                    "firmware/Edge.Core/Edge.Core.nfproj references firmware/Edge.Core.Boards/Edge.Core.Boards.nfproj: the core's control part (Edge.Core) references no project",
                    "firmware/Edge.Core.Messaging/Edge.Core.Messaging.nfproj references firmware/Edge.Core.Boards/Edge.Core.Boards.nfproj: a part of the core references the control part (Edge.Core) only",
                },
                violations);
        }

        private sealed class KnownUpwardReference
        {
            public KnownUpwardReference(string fromLayer, string target, string why)
            {
                FromLayer = fromLayer;
                Target = target;
                Why = why;
            }

            public string FromLayer { get; }

            public string Target { get; }

            public string Why { get; }

            public bool Covers(NamespaceLayers.LayeringViolation violation)
            {
                return violation.Target == Target && CoreLayering.LayerOf(violation.From) == FromLayer;
            }

            public override string ToString()
            {
                return FromLayer + " -> " + Target + " (" + Why + ")";
            }
        }

        private IReadOnlyList<string> CheckCore(params GateSource[] sources)
        {
            // Every surface assembly is referenced so that a use of one outside the core's two resolves and is named.
            return CoreLayering.Check(sources, _gate.References(_gate.SurfaceNames));
        }

        private int _snippetCount;

        private GateSource Source(string text)
        {
            return new GateSource("Snippet" + _snippetCount++ + ".cs", text);
        }

        private static ProjectFile Project(string path, params string[] projectReferences)
        {
            string items = string.Concat(projectReferences.Select(r => "<ProjectReference Include=\"" + r + "\" />"));
            return new ProjectFile(path, "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>" + items + "</ItemGroup></Project>");
        }

        private static ProjectFile[] RepositoryProjects()
        {
            string root = RepositoryFiles.Root;
            return new[] { "firmware", "hostsim" }
                .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.*proj", SearchOption.AllDirectories))
                .Where(f => f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".nfproj", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new ProjectFile(f, File.ReadAllText(Path.Combine(root, f))))
                .ToArray();
        }
    }
}
