// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A tick's release latency in the simulator is the device's (firmware/README.md, health; CONTRACT.md,
/// <c>tick_latency_*</c>): its start minus the latest timer release it answers. A tick that starts after the next
/// release has swallowed that release, and the device measures from it, not from the release that woke it.
/// </summary>
public sealed class TickReleaseLatencyTests
{
    [Fact]
    public void A_tick_started_past_later_releases_is_measured_from_the_latest_of_them()
    {
        // 10 ms period; no thread busy (an uncontended start is under 300 us late); a 25 ms collection before every
        // accepted release after the first (the next collection is due 5 to 15 ms after one, the next accepted
        // release comes 30 ms after it). Hand-worked timeline, u < 300 us each time:
        //   release 0 ms: starts at u (no collection yet): latency u.
        //   release 10 ms: starts at 35 ms + u, after the releases at 20 and 30 ms, which it answers too:
        //     latency 35 + u - 30 = 5 ms + u, and 20 and 30 ms are missed.
        //   release 40 ms: starts at 65 ms + u (50, 60 missed): 5 ms + u; ... up to the release at 1000 ms.
        // Releases 0, 10, ..., 1000 ms: 101; ticks at 0 and at 10 + 30 k ms for k = 0..33: 35; missed 66.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "latency-timeline", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 1,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
        scenario.Faults.Add(new FaultSpec
        {
            Kind = FaultKind.TickJitter,
            JitterMode = TickJitterMode.NanoFramework,
            AtS = 0,
            JitterMs = 1,
            BusyFraction = 0,
            GcPeriodS = 0.01,
            GcPauseMs = 25,
        });
        RunOptions options = new RunOptions { RecordTrace = false, RunOnWhenAllModulesStop = true };

        TickTimingSummary timing = new ClosedLoopRunner(scenario, options).Run().TickTiming!;

        Assert.Equal(35, timing.Ticks);
        Assert.Equal(66, timing.MissedReleases);
        Assert.InRange(timing.TickLatencyMaxUs, 5000, 5299);

        // Bins' upper edges 100, 200, 500, 1000, 2000, 5000, 10000 us, ...: the first tick below 500 us, the 34 others
        // in 5000..10000 us; none a period (10 ms) or more late.
        Assert.Equal(1, timing.TickLatencyHistogram[0] + timing.TickLatencyHistogram[1] + timing.TickLatencyHistogram[2]);
        Assert.Equal(34, timing.TickLatencyHistogram[6]);
        Assert.Equal(0, timing.TickLatencyHistogram[7] + timing.TickLatencyHistogram[8] + timing.TickLatencyHistogram[9]);
    }
}
