// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>Injected measurement faults reach the core as what a board would show, and the core reacts.</summary>
public sealed class ChannelFaultInjectionTests
{
    private static Scenario TwoModules()
    {
        return ScenarioLoader.Parse("""
            { "name": "channels", "seed": 9, "samplePeriodMs": 10, "timeLimitS": 40,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "act" } }
            """);
    }

    [Fact]
    public void SaturatedChannelIsReportedAndIsolatesOnlyItsModule()
    {
        Scenario scenario = TwoModules();
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.SaturatedChannel, AtS = 10, Module = 1, Cell = 1 });
        bool sawSaturated = false;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o => sawSaturated |= o.Frame.CellVoltageStatus[3] == Edge.Core.Sampling.ChannelStatus.Saturated,
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        Assert.True(sawSaturated);
        SimulationEvent fault = Assert.Single(result.Events, e => e.Kind == "channelFault");
        Assert.Equal(1, fault.Module);
        Assert.Equal(1, fault.Cell);
        Assert.InRange(fault.TS, 10, 10.1);
        Assert.Equal("plausibility", result.Modules[1].StopReason);
        Assert.Equal("running", result.Modules[0].StopReason);
    }

    [Fact]
    public void StuckChannelFreezesTheReading()
    {
        Scenario scenario = TwoModules();
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.StuckChannel, AtS = 3, Module = 0, Cell = 0 });
        List<int> readings = new List<int>();
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                if (o.TimeS >= 3 && o.TimeS < 8)
                {
                    readings.Add(o.Frame.CellVoltageMv[0]);
                }
            },
        };

        new ClosedLoopRunner(scenario, options).Run();

        // A pulse (6-7 s) lies inside the window: a live channel would swing by hundreds of mV.
        Assert.All(readings, r => Assert.Equal(readings[0], r));
    }

    [Fact]
    public void TickJitterIsSeenAsLateTicks()
    {
        Scenario scenario = TwoModules();
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.TickJitter, AtS = 5, JitterMs = 20 });
        long maxGapMs = 0;
        long last = 0;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                maxGapMs = Math.Max(maxGapMs, o.Frame.TimestampMs - last);
                last = o.Frame.TimestampMs;
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        // +-20 ms on a 10 ms period: gaps up to 50 ms, beyond the core's 150 % late-tick limit.
        Assert.InRange(maxGapMs, 16, 50);
        Assert.Contains(result.Events, e => e.Kind == "tickTiming" && e.TS >= 5);
        Assert.DoesNotContain(result.Events, e => e.Kind == "tickTiming" && e.TS < 5);
    }
}
