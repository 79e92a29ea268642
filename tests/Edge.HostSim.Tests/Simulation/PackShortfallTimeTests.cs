// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// packControllerShortfallS is time: a tick's "fewer modules on than wanted" holds until the next tick runs, so
/// releases no tick answered (a hung runtime, a late tick that swallows the next release) count as much as the ticks
/// around them. One module, demand = its own 1 mA/cm2 pulse current, 1 s pulses and 5 s fixed rests over 12 s: by
/// hand the pack is short through both rests, 1-6 s and 7-12 s, 10 s, whatever the ticks do within them.
/// </summary>
public sealed class PackShortfallTimeTests
{
    private const double RunS = 12;
    private const double ExpectedShortfallS = RunS - 2 * 1.0;

    internal static Scenario OneModule() => ScenarioLoader.Parse("""
        { "name": "shortfall-time", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 12,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "demand": { "currentDensityMAPerCm2": 1.0 } },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """);

    [Fact]
    public void Without_faults_the_shortfall_is_the_rest_time()
    {
        PackResult pack = new ClosedLoopRunner(OneModule(), new RunOptions { RecordTrace = false }).Run().Pack!;

        Assert.InRange(pack.ControllerShortfallS, ExpectedShortfallS - 0.05, ExpectedShortfallS + 0.05);
    }

    [Fact]
    public void A_runtime_hang_within_a_rest_still_counts_as_shortfall()
    {
        // Hung from 2 s to 4 s, inside the first rest: 200 releases with no tick, the switch open and the demand unmet.
        // The first tick after it sees a 2 s gap, beyond the 5 missed periods the plausibility check allows, and holds
        // the module, which ends the run at 4 s: short from the pulse's end at 1 s to 4 s, 3 s (the ticks alone: 1 s).
        Scenario scenario = OneModule();
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.RuntimeHang, AtS = 2, DurationS = 2 });

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        Assert.Equal(200L, result.TickTiming!.MissedReleases);
        Assert.Equal("allModulesStopped", result.TerminatedBy);
        Assert.Equal(4.0, result.SimulatedS, 3);
        Assert.InRange(result.Pack!.ControllerShortfallS, 3.0 - 0.05, 3.0 + 0.05);
    }

    [Fact]
    public void Releases_swallowed_by_late_ticks_still_count_as_shortfall()
    {
        // Every release waits up to 19 ms for another thread at a 10 ms period: many ticks start after the next
        // release and swallow it.
        Scenario scenario = OneModule();
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.TickJitter, JitterMode = TickJitterMode.NanoFramework, JitterMs = 19, BusyFraction = 1, GcPauseMs = 0 });

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        Assert.True(result.TickTiming!.MissedReleases > 100, "missed releases: " + result.TickTiming!.MissedReleases);
        Assert.InRange(result.Pack!.ControllerShortfallS, ExpectedShortfallS - 0.1, ExpectedShortfallS + 0.1);
    }
}
