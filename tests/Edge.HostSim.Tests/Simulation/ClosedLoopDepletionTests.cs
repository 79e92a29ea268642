// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>NaK50 under 1 s pulses in the closed loop: the depletion detector sees the failing pulse before the cut-off.</summary>
public sealed class ClosedLoopDepletionTests
{
    [Fact]
    public void DepletionOnsetIsFlaggedBeforeTheCutoff()
    {
        // [W]: 1 s pulses at 1 mA/cm2 with 1 s rests reach about 2 mAh/cm2 before the 3 V cut-off. Observe mode, so the
        // warnings do not change the protocol and the cut-off is reached.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "depletion", "seed": 5, "samplePeriodMs": 10, "timeLimitS": 40000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "observe" } }
            """);

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent cutoff = Assert.Single(result.Events, e => e.Kind == "cutoff");
        Assert.Equal("cutoff", result.Modules[0].StopReason);
        Assert.InRange(result.Modules[0].CapacityMAhPerCm2, 1.0, 4.0);

        // The run-up to the cut-off is flagged (warning or fault) before the voltage reaches it: within the last two
        // pulses (2.5 s: the failing pulse, or the one before it, whose end already rises above the run's plateau as
        // the lasting interfacial damage builds; cell-model.md), and strictly earlier than the cut-off tick.
        Assert.Contains(result.Events, e => e.Kind == "depletionOnset" && e.Severity != "info" && e.TS < cutoff.TS && e.TS >= cutoff.TS - 2.5);
    }
}
