// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Plating above the critical current in act mode ([W]: 0.7 mA/cm2 shorts a fresh NaK50 cell after about
/// 0.5 mAh/cm2), judged against the simulated cell's own short (<see cref="ModuleResult.CellHardShortS"/>), which the
/// controller never sees: the controller confirms the soft short from the filament's intermittent shunts and
/// isolates the module while the cell has not shorted.
/// </summary>
public sealed class ClosedLoopPlatingIsolationTests
{
    [Theory]
    [InlineData(0.7, 11UL)]
    [InlineData(0.7, 12UL)]
    [InlineData(0.9, 13UL)]
    public void ActModeIsolatesASoftShortBeforeTheCellShorts(double currentMAPerCm2, ulong seed)
    {
        SimulationResult result = new ClosedLoopRunner(Plating(currentMAPerCm2, seed, "act"), new RunOptions { RecordTrace = false }).Run();

        SimulationEvent isolation = Assert.Single(result.Events, e => e.Kind == "softShort" && e.Severity == "fault");
        Assert.Equal("softShort", result.Modules[0].StopReason);
        Assert.Null(result.Modules[0].CellHardShortS);
        Assert.DoesNotContain(result.Events, e => e.Kind == "hardShort");
        Assert.Contains(result.Events, e => e.Kind == "softShort" && e.Severity == "warning" && e.TS <= isolation.TS);

        // Isolated by the soft short, not by running out of plating: well inside the 4 mAh/cm2 offered.
        Assert.InRange(-result.Modules[0].CapacityMAhPerCm2, 0.1, 1.5);
    }

    [Fact]
    public void TheCellsOwnShortIsRecordedWhenItLatches()
    {
        // A hard short forced at 20 s: the ground truth is the fault's time, to the tick.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "forced-short", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 60,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 0.2 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "faults": [ { "atS": 20, "module": 1, "cell": 1, "kind": "hardShort" } ] }
            """);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        Assert.Null(result.Modules[0].CellHardShortS);
        Assert.Equal(20.0, result.Modules[1].CellHardShortS!.Value, 2);
    }

    private static Scenario Plating(double currentMAPerCm2, ulong seed, string mode)
    {
        double durationS = 4.0 / currentMAPerCm2 * 3600.0;
        string current = currentMAPerCm2.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ScenarioLoader.Parse($$"""
            { "name": "plating-{{mode}}", "seed": {{seed}}, "samplePeriodMs": 10, "timeLimitS": {{(int)durationS + 10}},
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Plate at {{current}} mA/cm2 for {{(int)durationS}} s" ], "repeat": false, "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "{{mode}}", "platingCriticalMAPerCm2": 1.0 },
              "measurement": { "voltageNoiseMv": 2.0 } }
            """);
    }
}
