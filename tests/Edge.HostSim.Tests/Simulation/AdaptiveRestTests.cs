// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Adaptive rest against the [W] plateau protocol (1 s pulses at 1 mA/cm2, 5 s fixed rest, 12-14 mAh/cm2):
/// the adaptive controller should deliver at least 95 % of that capacity at a higher duty cycle.
/// </summary>
public sealed class AdaptiveRestTests
{
    private const string Skip =
        "Fails with the core's current detectors and rest tuner (measured, seed 1, 10 ms samples, 2 mV noise). Act mode: fixed 5 s " +
        "stops at 0.071 mAh/cm2 and adaptive at 0.053 mAh/cm2, both on a noise-driven depletion CUSUM fault (stopReason " +
        "depletionOnset after about 1,500-6,000 s). Observe mode: fixed 5 s gives 13.54 mAh/cm2 at duty 0.167; adaptive " +
        "(0.5-10 s) gives 13.78 mAh/cm2 at duty 0.099 (mean rest 9.09 s: noise-driven lengthening pins the target at the maximum); " +
        "with 0.3 mV noise adaptive gives 8.82 mAh/cm2 at duty 0.32 (mean rest 2.12 s). Each run takes 10-25 s of wall time.";

    private static Scenario Plateau(string rest)
    {
        return ScenarioLoader.Parse($$"""
            { "name": "adaptive-{{rest}}", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 700000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "{{rest}}",
                            "minRestS": 0.5, "maxRestS": 10, "cutoffV": 3.0, "capacityLimitMAhPerCm2": 20 },
              "controller": { "mode": "act" } }
            """);
    }

    [Fact(Skip = Skip)]
    public void AdaptiveRestDeliversThePlateauCapacityAtAHigherDutyCycle()
    {
        SweepPoint[] points = SweepRunner.Run(new[] { Plateau("fixed"), Plateau("adaptive") }, new[] { 5.0, 0.0 });
        ModuleResult fixedRest = points[0].Result.Modules[0];
        ModuleResult adaptive = points[1].Result.Modules[0];

        // [W]: 12-14 mAh/cm2 on the 5 s plateau.
        Assert.InRange(fixedRest.CapacityMAhPerCm2, 12, 14.5);
        Assert.True(adaptive.CapacityMAhPerCm2 >= 0.95 * fixedRest.CapacityMAhPerCm2, $"adaptive {adaptive.CapacityMAhPerCm2:0.###} vs fixed {fixedRest.CapacityMAhPerCm2:0.###} mAh/cm2");
        Assert.True(adaptive.DutyCycle > fixedRest.DutyCycle, $"adaptive duty {adaptive.DutyCycle:0.###} vs fixed {fixedRest.DutyCycle:0.###}");
    }
}
