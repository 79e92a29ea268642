// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The closed loop's detection and safety checks (ClosedLoopFaultTests, ClosedLoopDepletionTests) again, with
/// every tick scheduled as nanoFramework would: released by the timer, but in a quarter of the releases started
/// late by up to the 20 ms thread quantum, plus a 15 ms garbage-collection pause every 10 s or so; a tick late
/// past the next release swallows it. Physics follows the real intervals.
/// </summary>
public sealed class NanoFrameworkTimingTests
{
    private static FaultSpec LateStarts() => new FaultSpec
    {
        Kind = FaultKind.TickJitter,
        JitterMode = TickJitterMode.NanoFramework,
        AtS = 0,
        JitterMs = 20,
        BusyFraction = 0.25,
        GcPeriodS = 10,
        GcPauseMs = 15,
    };

    private static Scenario SingleCell(string mode, double timeLimitS, string measurement = "")
    {
        string json = """
            { "name": "late-ticks", "seed": 3, "samplePeriodMs": 10, "timeLimitS": LIMIT,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "MODE" }MEASUREMENT }
            """.Replace("LIMIT", timeLimitS.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("MODE", mode).Replace("MEASUREMENT", measurement);
        Scenario scenario = ScenarioLoader.Parse(json);
        scenario.Faults.Add(LateStarts());
        return scenario;
    }

    [Fact]
    public void HardShortIsIsolatedInTheFirstTickThatSeesIt()
    {
        Scenario scenario = SingleCell("act", 60);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = 24.5, Module = 0, Cell = 0 });
        bool closedBefore = false;
        bool? closedAtShort = null;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                if (!o.Ticked)
                {
                    return;
                }

                if (o.TimeS < 24.5 - 1e-9)
                {
                    closedBefore = o.Actions.SwitchClosed[0];
                }
                else if (closedAtShort == null)
                {
                    Assert.True(Math.Abs(o.TrueCellVoltageV[0]) < 0.005);
                    closedAtShort = o.Actions.SwitchClosed[0];
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        Assert.True(closedBefore, "the pulse was running in the last tick before the short");
        Assert.False(closedAtShort, "the switch must open in the first tick that samples the short");
        SimulationEvent hard = Assert.Single(result.Events, e => e.Kind == "hardShort");
        Assert.InRange(hard.TS, 24.5, 24.5 + 0.05);
        Assert.Equal("hardShort", result.Modules[0].StopReason);
        AssertTimedLikeNanoFramework(result);
    }

    [Fact]
    public void SoftShortIsFlaggedBeforeTheHardShort()
    {
        Scenario scenario = SingleCell("act", 200);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.SoftShort, AtS = 30, Module = 0, Cell = 0, ResistanceOhmCm2 = 300, OnS = 0.05, OffS = 0.6 });
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = 120.5, Module = 0, Cell = 0 });

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent? soft = result.Events.FirstOrDefault(e => e.Kind == "softShort");
        Assert.NotNull(soft);
        Assert.InRange(soft!.TS, 30, 120.5);
        SimulationEvent confirmed = Assert.Single(result.Events, e => e.Kind == "softShort" && e.Severity == "fault");
        Assert.True(confirmed.TS < 120.5);
        Assert.Equal("softShort", result.Modules[0].StopReason);
        AssertTimedLikeNanoFramework(result);
    }

    [Fact]
    public void HealthyCellRaisesNoShortEventsAndNoMissedTicks()
    {
        SimulationResult result = new ClosedLoopRunner(SingleCell("act", 120), new RunOptions { RecordTrace = false }).Run();

        Assert.DoesNotContain(result.Events, e => e.Kind == "softShort" || e.Kind == "hardShort");

        // Late ticks are reported (info); none is late enough to count as missed and stop the pack (5 periods).
        Assert.Contains(result.Events, e => e.Diagnosis == "tickLate");
        Assert.DoesNotContain(result.Events, e => e.Diagnosis == "tickMissed");
        Assert.Equal("running", result.Modules[0].StopReason);
        Assert.True(result.Modules[0].Pulses >= 19, "pulses every 6 s for 120 s");
        AssertTimedLikeNanoFramework(result);
    }

    [Fact]
    public void DepletionOnsetIsFlaggedBeforeTheCutoff()
    {
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "depletion-late-ticks", "seed": 5, "samplePeriodMs": 10, "timeLimitS": 40000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "observe" } }
            """);
        scenario.Faults.Add(LateStarts());

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent cutoff = Assert.Single(result.Events, e => e.Kind == "cutoff");
        Assert.Equal("cutoff", result.Modules[0].StopReason);
        Assert.InRange(result.Modules[0].CapacityMAhPerCm2, 1.0, 4.0);
        // Within the last two pulses, as without late ticks (ClosedLoopDepletionTests).
        Assert.Contains(result.Events, e => e.Kind == "depletionOnset" && e.Severity != "info" && e.TS < cutoff.TS && e.TS >= cutoff.TS - 2.5);
    }

    [Fact]
    public void HardwareEnableStaysUpThroughLateButHealthyTicks()
    {
        // The virtual board's monostable (2 x 10 + 60 = 80 ms) against two periods plus a late start (up to 35 ms).
        // Two counts of ADC noise (the default, about 5 mV at a 0.33 cell channel): the spike and shape limits follow
        // the measured noise, so a healthy cell raises no soft short that would open the switch.
        Scenario scenario = SingleCell("act", 60, ", \"measurement\": { \"board\": \"virtual\", \"adcNoiseCounts\": 2 }");
        bool gateAlwaysUp = true;
        long pulseTicks = 0;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                if (o.TimeS > 0.05)
                {
                    gateAlwaysUp &= o.GateDriveEnabled;
                    pulseTicks += o.TrueCurrentUa[0] > 0 ? 1 : 0;
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        Assert.True(gateAlwaysUp, "a healthy run never lets the monostable time out");
        Assert.True(pulseTicks > 900, "ten 1 s pulses carried current: " + pulseTicks + " ticks with current");
        Assert.True(result.UnitCalibrated);
        Assert.InRange(result.UnitAdcVrefMv!.Value, 1000, 1200);
        AssertTimedLikeNanoFramework(result);
    }

    [Theory]
    [InlineData(0.98)]
    [InlineData(0.99)]
    [InlineData(1.0)]
    public void TicksAfterTheLateStartsEndKeepTheirOrder(double lateStartsS)
    {
        // Every accepted release late by a 25 ms collection pause until the fault ends: one tick in three releases,
        // so in at least two of the three phases the last late tick starts after the first release past the end,
        // which it swallowed as on the device. Ticking it again would run the firmware twice for one timer signal,
        // with sample times going back.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "late-ticks-end", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 3,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
        scenario.Faults.Add(new FaultSpec
        {
            Kind = FaultKind.TickJitter,
            JitterMode = TickJitterMode.NanoFramework,
            AtS = 0,
            DurationS = lateStartsS,
            JitterMs = 1,
            BusyFraction = 0,
            GcPeriodS = 0.01,
            GcPauseMs = 25,
        });
        long lastTimestampMs = long.MinValue;
        long ticks = 0;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                if (!o.Ticked)
                {
                    return;
                }

                Assert.True(o.Frame.TimestampMs > lastTimestampMs, "tick at " + o.TimeS + " s: sample time " + o.Frame.TimestampMs + " ms after " + lastTimestampMs + " ms");
                lastTimestampMs = o.Frame.TimestampMs;
                ticks++;
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        Assert.True(result.TickTiming!.MissedReleases > 0, "the late starts swallowed releases");
        Assert.Equal(ticks, result.TickTiming.Ticks);
    }

    /// <summary>
    /// The run really was scheduled late: swallowed releases and late starts. As on the device, a tick is measured
    /// from the latest release it answers, so no latency reaches the 10 ms period however late the tick woke.
    /// </summary>
    private static void AssertTimedLikeNanoFramework(SimulationResult result)
    {
        TickTimingSummary timing = result.TickTiming!;
        Assert.InRange(timing.TickLatencyMaxUs, 5_000, 9_999);
        Assert.True(timing.MissedReleases > 0, "late starts swallow releases");
        long aPeriodOrMore = timing.TickLatencyHistogram[7] + timing.TickLatencyHistogram[8] + timing.TickLatencyHistogram[9];
        Assert.Equal(0, aPeriodOrMore);
        Assert.Equal(timing.Ticks, timing.TickLatencyHistogram.Sum());
    }
}
