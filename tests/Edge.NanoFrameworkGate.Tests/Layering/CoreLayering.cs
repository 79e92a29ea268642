using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Edge.NanoFrameworkGate.Tests.Layering
{
    /// <summary>
    /// The core's layers, bottom to top. The flow of a tick runs upwards: samples, measurement,
    /// diagnosis, decision, actuation, telemetry; what every stage shares (text, timing, the records
    /// every stage writes with the enums they carry, configuration with its enums and the diagnosis
    /// table) sits below it, and what drives the whole controller (commands, the session,
    /// <c>EdgeController</c> in the root namespace) sits on top. Besides itself the core may use
    /// mscorlib and System.Math only.
    /// </summary>
    public static class CoreLayering
    {
        public const string CoreNamespace = "Edge.Core";

        /// <summary>The root namespace (<c>Edge.Core</c> itself) is named by this in the order.</summary>
        public const string RootLayer = NamespaceLayers.RootLayer;

        /// <summary>Bottom to top. A namespace Edge.Core.X[.Y] belongs to layer X.</summary>
        public static readonly string[] Order =
        {
            "Annotations", "Text", "Timing", "Records", "Sampling", "Configuration", "Boards", "Calibration", "Measurement",
            "Diagnosis", "Decision", "Actuation", "Telemetry", RootLayer, "Commands", "Session", "DeviceEvents",
        };

        /// <summary>The only assemblies the core may use besides itself (Edge.Core.nfproj's references).</summary>
        public static readonly string[] AllowedAssemblies = { "mscorlib", "System.Math" };

        public static readonly NamespaceLayers Layers = new NamespaceLayers(CoreNamespace, Order, AllowedAssemblies);

        /// <summary>
        /// Compiles the sources against the given references (all of nanoFramework's surface, so that a
        /// reference outside the allowed assemblies resolves and can be named) and returns one line per
        /// violating reference. A source that does not compile is reported too: it cannot be checked.
        /// </summary>
        public static IReadOnlyList<string> Check(IEnumerable<GateSource> sources, IEnumerable<MetadataReference> references)
        {
            return Layers.Check(sources, references);
        }

        /// <summary>As <see cref="Check"/>, each violation with its parts.</summary>
        public static IReadOnlyList<NamespaceLayers.LayeringViolation> Violations(IEnumerable<GateSource> sources, IEnumerable<MetadataReference> references)
        {
            return Layers.Violations(sources, references);
        }

        /// <summary>The layer of a core namespace; null for a namespace outside the core.</summary>
        public static string LayerOf(string ns)
        {
            return Layers.LayerOf(ns);
        }
    }
}
