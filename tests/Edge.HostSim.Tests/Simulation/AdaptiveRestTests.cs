// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Adaptive rest against the [W] plateau protocol (1 s pulses at 1 mA/cm2, 5 s fixed rest, 12-14 mAh/cm2):
/// the adaptive controller delivers at least 95 % of that capacity at a higher duty cycle; in act mode its
/// depletion warning comes before the cut-off and the module goes on past the capacity where observe mode cut off.
/// </summary>
public sealed class AdaptiveRestTests
{
    private static Scenario Plateau(string rest, string mode, double capacityLimit)
    {
        return ScenarioLoader.Parse($$"""
            { "name": "adaptive-{{rest}}-{{mode}}", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 700000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "{{rest}}",
                            "minRestS": 0.5, "maxRestS": 10, "cutoffV": 3.0, "capacityLimitMAhPerCm2": {{capacityLimit}} },
              "controller": { "mode": "{{mode}}" } }
            """);
    }

    [Fact]
    public void AdaptiveRestDeliversThePlateauCapacityAtAHigherDutyCycle()
    {
        // Observe mode: the rest policy alone decides; both runs end at the 3 V cut-off.
        SweepPoint[] points = SweepRunner.Run(new[] { Plateau("fixed", "observe", 20), Plateau("adaptive", "observe", 20) }, new[] { 5.0, 0.0 });
        ModuleResult fixedRest = points[0].Result.Modules[0];
        ModuleResult adaptive = points[1].Result.Modules[0];

        // [W]: 12-14 mAh/cm2 on the 5 s plateau; duty 1 s / 6 s.
        Assert.InRange(fixedRest.CapacityMAhPerCm2, 12, 14.5);
        Assert.InRange(fixedRest.DutyCycle, 0.16, 0.17);
        Assert.Equal("cutoff", adaptive.StopReason);
        Assert.True(adaptive.CapacityMAhPerCm2 >= 0.95 * fixedRest.CapacityMAhPerCm2, $"adaptive {adaptive.CapacityMAhPerCm2:0.###} vs fixed {fixedRest.CapacityMAhPerCm2:0.###} mAh/cm2");
        Assert.True(adaptive.DutyCycle > fixedRest.DutyCycle, $"adaptive duty {adaptive.DutyCycle:0.###} vs fixed {fixedRest.DutyCycle:0.###}");
        Assert.InRange(adaptive.MeanRestS, 0.5, 5.0);
    }

    [Fact]
    public void InActModeTheDepletionWarningComesBeforeTheCutoffAndAvertsIt()
    {
        // Observe mode cut off near 13 mAh/cm2 (test above); act mode answers the non-linear rise by ending the
        // pulse and resting longer at a lower current, so the module reaches a 15 mAh/cm2 capacity limit instead.
        SimulationResult result = new ClosedLoopRunner(Plateau("adaptive", "act", 15), new RunOptions { RecordTrace = false }).Run();
        ModuleResult module = result.Modules[0];
        Assert.Equal("capacityLimit", module.StopReason);
        Assert.InRange(module.CapacityMAhPerCm2, 14.99, 15.01);
        Assert.Contains(result.Events, e => e.Kind == "depletionOnset" && e.Severity == "warning");
        Assert.DoesNotContain(result.Events, e => e.Kind == "cutoff");
    }
}
