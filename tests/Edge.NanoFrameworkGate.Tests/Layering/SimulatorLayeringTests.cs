using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests.Layering
{
    /// <summary>
    /// The simulator keeps its namespace layering (hostsim/README.md "Layout"), and each rule of the check
    /// is shown to fail on a snippet that breaks it.
    /// </summary>
    public sealed class SimulatorLayeringTests
    {
        [Fact]
        public void SimulatorNamespacesUseOnlyTheirOwnAndLowerLayers()
        {
            GateSource[] sources = SimulatorLayering.Sources();
            Assert.True(sources.Length > 100, "the simulator's sources are read");

            IReadOnlyList<string> violations = SimulatorLayering.Layers.Check(sources, SimulatorLayering.References());

            Assert.True(violations.Count == 0, "References against the simulator's layer order:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void EverySimulatorFolderHasALayer()
        {
            string[] folders = Directory.GetDirectories(RepositoryFiles.PathOf("hostsim", "Edge.HostSim"))
                .Select(Path.GetFileName)
                .Where(f => f != "bin" && f != "obj" && f != "Properties")
                .ToArray();

            Assert.Contains("Simulation", folders);
            Assert.DoesNotContain(folders, f => !SimulatorLayering.Order.Contains(f));
        }

        [Theory]
        // The cycles the simulator had (the injector used the loop's types; the bank's factory and the
        // scenario loader used each other), and a step up from the bottom and from the loop.
        [InlineData("Faults", "Simulation")]
        [InlineData("Pack", "Scenarios")]
        [InlineData("Scenarios", "Simulation")]
        [InlineData("Randomness", "Measurement")]
        [InlineData("Simulation", "Output")]
        public void NamespaceUsingALaterOneIsReported(string lower, string higher)
        {
            IReadOnlyList<string> violations = Check(
                "namespace Edge.HostSim." + higher + ".Inner; public static class Later { public const int Value = 1; }",
                "using Edge.HostSim." + higher + ".Inner; namespace Edge.HostSim." + lower + "; public class Earlier { public int Read() => Later.Value; }");

            Assert.Equal(
                new[] { "Snippet1.cs:1: Edge.HostSim." + lower + " -> Edge.HostSim." + higher + ".Inner.Later (layer " + lower + " uses the higher layer " + higher + ")" },
                violations);
        }

        [Fact]
        public void NamespaceUsingAnEarlierOneItselfOrAnotherAssemblyIsAccepted()
        {
            IReadOnlyList<string> violations = Check(
                "namespace Edge.HostSim.Faults; public enum FaultKind { SoftShort }",
                "namespace Edge.HostSim.Simulation; public class Runner { public Edge.HostSim.Faults.FaultKind Kind; public Runner? Next; "
                + "public Edge.Core.Sampling.SampleFrame? Frame; public int Parse(string s) => System.Text.Json.JsonDocument.Parse(s).RootElement.GetInt32(); }");

            Assert.Empty(violations);
        }

        [Fact]
        public void FolderMissingFromTheOrderIsReported()
        {
            IReadOnlyList<string> violations = Check(
                "namespace Edge.HostSim.Pack; public interface ICellBank { }",
                "namespace Edge.HostSim.Plugins; public class Plugin { public Edge.HostSim.Pack.ICellBank? Bank; }");

            Assert.Contains(violations, v => v.Contains("layer Plugins is not in the layer order"));
        }

        [Fact]
        public void SourceThatDoesNotCompileIsReported()
        {
            // An unresolved name would otherwise pass as no reference at all.
            IReadOnlyList<string> violations = Check("namespace Edge.HostSim.Faults; public class Injector { public Missing? Chain; }");

            Assert.Contains(violations, v => v.StartsWith("Snippet0.cs: does not compile:", StringComparison.Ordinal) && v.Contains("Missing"));
        }

        private static IReadOnlyList<string> Check(params string[] texts)
        {
            GateSource[] sources = texts.Select((t, i) => new GateSource("Snippet" + i + ".cs", t)).ToArray();
            return SimulatorLayering.Layers.Check(sources.Append(SimulatorLayering.ImplicitUsings()), SimulatorLayering.References());
        }
    }
}
