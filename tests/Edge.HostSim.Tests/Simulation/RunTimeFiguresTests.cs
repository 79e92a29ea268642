// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The time figures of a run's summary, against hand counts of its ticks: the duty cycle of modules the pack scheduler
/// takes in turn, and the simulated time of a run that stops at its time limit.
/// </summary>
public sealed class RunTimeFiguresTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ModulesTakenInTurnByThePackSchedulerHaveTheirShareAsDutyCycle(int modules)
    {
        // A demand of one module's 1 mA/cm2 and strip 1 s / rest 1 s: in every 10 ms interval of 0-30 s one module
        // carries it, and every module is granted as often, so each is on 30 / modules s of the 30 s (the trace shows
        // 15.00 s for two modules). The duty is 1 / modules exactly: the modules start in the tick at 0 s, which ends
        // no interval of the run, so it is no module's rest (15 / 30.01 = 0.49983 for two modules before).
        Scenario scenario = ScenarioLoader.Parse($$"""
            { "name": "demand-duty", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 30,
              "pack": { "modules": {{modules}}, "cellsPerModule": 1, "preset": "nak50-nasicon", "demand": { "currentDensityMAPerCm2": 1 } },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();
        Assert.Equal(30.0, result.SimulatedS);
        foreach (ModuleResult module in result.Modules)
        {
            Assert.Equal(1.0 / modules, module.DutyCycle);
        }
    }

    [Fact]
    public void ARunStoppedByItsTimeLimitReportsTheSimulatedTimeAsWritten()
    {
        // 0.41 s of 10 ms ticks: ticks at 0, 10, ..., 410 ms, the last at 0.41 s. 41 x 0.01 in floating point is
        // 0.41000000000000003; the summary must say 0.41.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "short", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 0.41,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ] },
              "controller": { "mode": "observe" } }
            """);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();
        Assert.Equal(42, result.Ticks);
        Assert.Equal(0.41, result.SimulatedS);
    }
}
