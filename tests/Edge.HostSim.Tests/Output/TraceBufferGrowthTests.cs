// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// A trace whose period the scenario fixed keeps that period for the whole run, however long: it grows rather than
/// stop recording at its first capacity, so the end of the run (the cut-off a plot or a replay is made for) is in it.
/// </summary>
public sealed class TraceBufferGrowthTests
{
    [Fact]
    public void AFixedPeriodTraceGrowsPastItsCapacityAndKeepsItsPeriod()
    {
        // Capacity 8, a row every 10 ms tick, 1000 ticks: 1000 rows at 10 ms, the last at 9.99 s.
        TraceBuffer trace = new TraceBuffer(modules: 1, cells: 1, capacity: 8, periodMs: 10, adaptive: false);
        for (int tick = 0; tick < 1000; tick++)
        {
            trace.ObserveCell(0, 0.1f);
            trace.ObserveModule(0, 0f);
            int row = trace.Append(tick / 100.0);
            trace.VoltageV[row] = tick;
        }

        Assert.Equal(1000, trace.Count);
        Assert.Equal(10, trace.PeriodMs);
        Assert.Equal(9.99, trace.TimeS[999], 9);
        Assert.Equal(999f, trace.VoltageV[999]);
        Assert.Equal(0f, trace.VoltageV[0]);
    }

    [Fact]
    public void AFixedPeriodTraceOfALongRunEndsAtTheCutoff()
    {
        // Continuous 1 mA/cm2 on NaK50 cuts off after about 1,070 s (simulated); a row every second with room for 100
        // rows at first: the trace must hold a row per second to the end and the run's last tick.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "long-trace", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 5000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2" ], "cutoffV": 3.0 },
              "controller": { "mode": "observe" },
              "trace": { "periodMs": 1000 } }
            """);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { TraceRows = 100 }).Run();

        Assert.Equal("cutoff", result.Modules[0].StopReason);
        Assert.True(result.SimulatedS > 500, "the run should last well past the 100 rows it started with");
        TraceBuffer trace = result.Trace!;
        Assert.Equal(1000, trace.PeriodMs);
        Assert.Equal(result.SimulatedS, trace.TimeS[trace.Count - 1], 6);
        Assert.Equal(1.0, trace.TimeS[1] - trace.TimeS[0], 6);
        Assert.True(trace.Count >= (int)result.SimulatedS, "a row per simulated second, " + trace.Count + " rows for " + result.SimulatedS + " s");
        Assert.True(trace.VoltageMaxV[trace.Count - 1] >= 3.0f, "the last row should hold the cut-off voltage");
    }
}
