using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Edge.NanoFrameworkGate.Tests.Layering
{
    /// <summary>
    /// The simulator's layers (hostsim/Edge.HostSim), bottom to top: the seeded generator; the board file
    /// and the measurement models; the cell bank the loop drives; the faults applied to both; scenarios,
    /// which describe all of these and build the bank; the closed loop that runs a scenario; and what
    /// reads its results (output, replay, studies, scoring) or serves a running one (the MQTT bridge,
    /// the dashboard). Any assembly outside the simulator may be used (the core, the physics, packages).
    /// </summary>
    public static class SimulatorLayering
    {
        public const string SimulatorNamespace = "Edge.HostSim";

        /// <summary>Bottom to top. A namespace Edge.HostSim.X[.Y] belongs to layer X.</summary>
        public static readonly string[] Order =
        {
            "Randomness", "Boards", "Measurement", "Pack", "Faults", "Scenarios", "Simulation",
            "Output", "Replay", "Studies", "Scoring", "Mqtt", "Dashboard",
        };

        /// <summary>The sources' [GeneratedRegex] members have their other half in a source generator this check does not run.</summary>
        private const string PartialMemberWithoutImplementation = "CS8795";

        public static readonly NamespaceLayers Layers = new NamespaceLayers(SimulatorNamespace, Order, null, PartialMemberWithoutImplementation)
        {
            ParseOptions = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None),
            Nullable = NullableContextOptions.Enable,
        };

        /// <summary>The simulator project's sources, with the SDK's implicit usings the project turns on.</summary>
        public static GateSource[] Sources()
        {
            string root = RepositoryFiles.PathOf("hostsim", "Edge.HostSim");
            var sources = new List<GateSource> { ImplicitUsings() };
            foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (!relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal))
                {
                    sources.Add(new GateSource(relative, File.ReadAllText(file)));
                }
            }

            return sources.ToArray();
        }

        /// <summary>The SDK's implicit usings for a console or library project (ImplicitUsings=enable).</summary>
        public static GateSource ImplicitUsings()
        {
            return new GateSource(
                "ImplicitUsings.cs",
                "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; "
                + "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;");
        }

        /// <summary>
        /// The runtime's assemblies and this test's dependencies (the simulator's packages, the core, the
        /// physics), without the simulator's own assembly, whose sources are compiled instead.
        /// </summary>
        public static MetadataReference[] References()
        {
            return s_references.Value;
        }

        private static readonly Lazy<MetadataReference[]> s_references = new Lazy<MetadataReference[]>(LoadReferences);

        private static MetadataReference[] LoadReferences()
        {
            string[] paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator);
            return paths
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Where(p => !string.Equals(Path.GetFileName(p), SimulatorNamespace + ".dll", StringComparison.OrdinalIgnoreCase))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray();
        }
    }
}
