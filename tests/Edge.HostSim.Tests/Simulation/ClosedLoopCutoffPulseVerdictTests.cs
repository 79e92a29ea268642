// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The pulse a protocol's end cuts short is not judged by the depletion trend: the cut-off is the verdict on it. Two
/// NaK50 modules in act mode, module 0's cell with a third of the limiting current and a three times slower relaxation
/// (simulated): its 1 s pulses at 1 mA/cm2 run the cell to the 0.6 V cut-off within about 130 s. Before, the pulse the
/// cut-off ended 0.35 s in was judged one tick later against the baseline of 1 s pulses (154 mV against a 60 mV limit),
/// so a module whose protocol had ended normally got a depletion fault beside its "cutoff".
/// </summary>
public sealed class ClosedLoopCutoffPulseVerdictTests
{
    [Fact]
    public void NoDepletionVerdictFollowsTheCutoffOnItsModule()
    {
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "cutoff-verdict", "seed": 2, "samplePeriodMs": 50, "timeLimitS": 300,
              "pack": { "modules": 2, "cellsPerModule": 1, "preset": "nak50-nasicon",
                        "moduleOverrides": [ { "module": 0, "iLimScale": 0.35, "tauScale": 3 }, { "module": 1, "iLimScale": 0.6, "tauScale": 2 } ] },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed", "cutoffV": 0.6 },
              "controller": { "mode": "act" } }
            """);

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent cutoff = Assert.Single(result.Events, e => e.Kind == "cutoff");
        Assert.Equal(0, cutoff.Module);
        // The trend had seen the depletion coming before the cut-off: the fix takes no warning away.
        Assert.Contains(result.Events, e => e.Module == 0 && e.Diagnosis is "depletionTrendWarning" or "depletionTrendInfo" && e.TS < cutoff.TS);
        Assert.DoesNotContain(result.Events, e => e.Module == 0 && e.Kind == "depletionOnset" && e.TS > cutoff.TS);
        // Module 1 runs on, and its own verdicts still come.
        Assert.Contains(result.Events, e => e.Module == 1 && e.Diagnosis == "depletionTrendFault" && e.TS > cutoff.TS);
    }
}
