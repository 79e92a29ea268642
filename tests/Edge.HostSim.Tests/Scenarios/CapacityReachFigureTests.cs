// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// The capacity-limit warning gives the charge a run can strip at most as a figure with digits, however short the run:
/// 1 mA/cm2 for 0.001 s is 0.001 / 3600 = 2.78e-7 mAh/cm2, which five decimals wrote as 0.
/// </summary>
public sealed class CapacityReachFigureTests
{
    [Fact]
    public void AOneMillisecondRunSaysItStripsAtMostItsThreeSignificantDigits()
    {
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "reach", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 0.001,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "areaCm2": 0.5 },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "capacityLimitMAhPerCm2": 1 },
              "controller": { "mode": "observe" } }
            """);

        string warning = Assert.Single(FieldsWithoutEffect.Find(scenario, ScenarioUse.Run), w => w.StartsWith("protocol.capacityLimitMAhPerCm2", StringComparison.Ordinal));

        Assert.Contains("in the run's 0.001 s (timeLimitS) a module strips at most 0.000000278 mAh/cm2 even", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunOnceProtocolOfAShortPulseSaysWhatItStripsWithDigits()
    {
        // One pass of 10 ms at 0.1 mA/cm2 (a step rounded to whole 10 ms samples): 0.1 x 0.01 / 3600 = 2.78e-7 mAh/cm2.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "once", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 10,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "areaCm2": 0.5 },
              "protocol": { "steps": [ "Strip at 0.1 mA/cm2 for 0.01 s", "Rest for 1 s" ], "repeat": false, "capacityLimitMAhPerCm2": 1 },
              "controller": { "mode": "observe" } }
            """);

        string warning = Assert.Single(FieldsWithoutEffect.Find(scenario, ScenarioUse.Run), w => w.StartsWith("protocol.capacityLimitMAhPerCm2", StringComparison.Ordinal));

        Assert.Contains("its Strip steps strip at most 0.000000278 mAh/cm2, less than the limit of 1", warning, StringComparison.Ordinal);
    }
}
