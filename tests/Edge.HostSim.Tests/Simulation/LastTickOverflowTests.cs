// Licensed under the MIT License.

using System.Linq;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The core reports the records a tick had no room for in a telemetryOverflow event at its next tick. A run that ends at
/// that tick has no next one: 256 identical one-cell modules under continuous current, without noise, reach the cut-off
/// in the same tick and end the run there; each writes a cutoff event, more than the tick's buffer leaves room for
/// besides the records kept for state changes and faults. Every one of the 256 must be in events.jsonl or counted as
/// lost in it; the run kept 132 and said nothing of the other 124.
/// </summary>
public sealed class LastTickOverflowTests
{
    private const int Modules = 256;

    private static Scenario AllModulesCutOffTogether() => ScenarioLoader.Parse("""
        { "name": "last-tick-overflow", "seed": 1, "samplePeriodMs": 50, "timeLimitS": 60,
          "pack": { "modules": 256, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 4 mA/cm2" ], "cutoffV": 3.0 },
          "controller": { "mode": "observe" },
          "measurement": { "voltageNoiseMv": 0 } }
        """);

    [Fact]
    public void Every_cutoff_of_the_last_tick_is_kept_or_counted_as_lost()
    {
        SimulationResult result = new ClosedLoopRunner(AllModulesCutOffTogether(), new RunOptions { RecordTrace = false }).Run();

        Assert.Equal("allModulesStopped", result.TerminatedBy);
        Assert.All(result.Modules, m => Assert.Equal("cutoff", m.StopReason));
        double lastTickS = result.Modules.Max(m => m.StoppedAtS!.Value);
        Assert.All(result.Modules, m => Assert.Equal(lastTickS, m.StoppedAtS!.Value));

        int cutoffsKept = result.Events.Count(e => e.Kind == "cutoff");
        SimulationEvent[] overflows = result.Events.Where(e => e.Kind == "telemetryOverflow").ToArray();

        // The case under test: the last tick could not keep every module's cutoff event.
        Assert.InRange(cutoffsKept, 1, Modules - 1);
        SimulationEvent overflow = Assert.Single(overflows);
        Assert.Equal(lastTickS, overflow.TS);
        Assert.Equal(-1, overflow.Module);
        Assert.Equal("records", overflow.Unit);
        Assert.True(cutoffsKept + overflow.Value >= Modules, cutoffsKept + " cutoff events kept and " + overflow.Value + " records reported lost, of " + Modules + " modules' cutoffs");
    }
}
