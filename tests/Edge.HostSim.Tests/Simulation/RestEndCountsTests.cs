// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// summary.json counts each module's completed rests by why they ended, under the names the device's restEnded
/// messages give the reasons (CONTRACT.md: fixed, relaxed, maximumReached, directionChange, scheduled), and the counts
/// add up to the module's rests.
/// </summary>
public sealed class RestEndCountsTests
{
    private static Scenario OneCell(string rest, double timeLimitS) => ScenarioLoader.Parse($$"""
        { "name": "rest-ends-{{rest}}", "seed": 1, "samplePeriodMs": 10, "timeLimitS": {{timeLimitS}},
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "{{rest}}", "minRestS": 0.5, "maxRestS": 10 },
          "controller": { "mode": "observe" } }
        """);

    [Fact]
    public void FixedRestsAllEndAsFixed()
    {
        ModuleResult module = new ClosedLoopRunner(OneCell("fixed", 60), new RunOptions { RecordTrace = false }).Run().Modules[0];

        // 60 s of 1 s pulses and 2 s rests: 20 cycles, the last rest perhaps still under way at the end.
        Assert.InRange(module.Rests, 19, 20);
        Assert.Equal(module.Rests, module.RestEnds.Fixed);
        Assert.Equal(0, module.RestEnds.Relaxed + module.RestEnds.MaximumReached + module.RestEnds.DirectionChange + module.RestEnds.Scheduled);
    }

    [Fact]
    public void AdaptiveRestsEndRelaxedOrAtTheMaximumAndAddUpToTheRests()
    {
        ModuleResult module = new ClosedLoopRunner(OneCell("adaptive", 300), new RunOptions { RecordTrace = false }).Run().Modules[0];

        Assert.True(module.Rests > 20, $"{module.Rests} rests in 300 s");
        Assert.Equal(module.Rests, module.RestEnds.Relaxed + module.RestEnds.MaximumReached);
        Assert.Equal(0, module.RestEnds.Fixed + module.RestEnds.DirectionChange + module.RestEnds.Scheduled);
        // Most rests settle; the first rest under margin control runs to the maximum to take the rested level
        // (core README, "Rest tuning"), so at least one ends there.
        Assert.True(module.RestEnds.Relaxed > module.Rests / 2, $"{module.RestEnds.Relaxed} of {module.Rests} rests settled");
        Assert.True(module.RestEnds.MaximumReached >= 1);
    }

    [Fact]
    public void RestsThePackSchedulerCutsEndAsScheduled()
    {
        // Two modules share one module's 1 mA/cm2: each pulses while the other rests, so a rest lasts about one pulse,
        // 1 s, shorter than the settle test's two 500 ms slope windows and its hold: the scheduler ends them.
        SimulationResult result = new ClosedLoopRunner(PackSchedulingTests.Pack(2, 1.0, "adaptive", 120, 10), new RunOptions { RecordTrace = false }).Run();
        foreach (ModuleResult module in result.Modules)
        {
            Assert.True(module.Rests > 20, $"module {module.Index}: {module.Rests} rests in 120 s");
            Assert.Equal(module.Rests, module.RestEnds.Scheduled + module.RestEnds.Relaxed + module.RestEnds.MaximumReached);
            Assert.True(module.RestEnds.Scheduled > module.Rests / 2, $"module {module.Index}: {module.RestEnds.Scheduled} of {module.Rests} rests cut by the scheduler");
        }
    }

    [Fact]
    public void SummaryJsonNamesTheReasonsAsTheDeviceDoes()
    {
        ModuleResult module = new ClosedLoopRunner(OneCell("fixed", 10), new RunOptions { RecordTrace = false }).Run().Modules[0];

        JsonElement counts = JsonSerializer.SerializeToElement(module, OutputJson.Indented).GetProperty("restEnds");
        string[] names = counts.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "fixed", "relaxed", "maximumReached", "directionChange", "scheduled" }, names);
        Assert.Equal(module.Rests, counts.GetProperty("fixed").GetInt32());
    }
}
