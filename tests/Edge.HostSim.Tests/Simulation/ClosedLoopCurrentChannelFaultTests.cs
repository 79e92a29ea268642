// Licensed under the MIT License.

using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A module current channel that gives no usable reading (the currentSensor fault in mode saturated or missing) in the
/// closed loop, on the simple chain and through the virtual board's ADC and the core's own conversion. NaK50 cells, 1 s
/// pulses at 1 mA/cm2 (385 uA on 0.3848 cm2) and 5 s rests: the switch is closed in the ticks 120.00 to 120.99 s and
/// 126.00 to 126.99 s. What firmware/Edge.Core/README.md promises ("Bad readings and the safety rows", the channel rows
/// of the diagnosis table): three such readings in a row latch currentChannelSaturated or currentChannelInvalid and
/// isolate the module, in every mode; fewer let the pulse run on the setpoint; no pulse starts while the row counts; the
/// cells record carries the latest valid reading marked invalid; the detectors take the setpoint's sign.
/// </summary>
public sealed class ClosedLoopCurrentChannelFaultTests
{
    private const string VirtualBoard = "\"measurement\": { \"board\": \"virtual\" },";

    private static Scenario Pack(double timeLimitS, string measurement) => ScenarioLoader.Parse("""
        { "name": "current-channel", "seed": 3, "samplePeriodMs": 10, "timeLimitS": LIMIT,
          "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          MEASUREMENT
          "controller": { "mode": "observe" } }
        """.Replace("LIMIT", timeLimitS.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("MEASUREMENT", measurement));

    private static FaultSpec Fault(double atS, double durationS, CurrentSensorMode mode, bool railHigh)
        => new() { Kind = FaultKind.CurrentSensor, AtS = atS, DurationS = durationS, Module = 1, CurrentSensorMode = mode, RailHigh = railHigh };

    /// <summary>Module 1's tick by tick: the reading, its status, the switch, the current that flowed, its cells record.</summary>
    private sealed record Tick(long Ms, int ReadingUa, ChannelStatus Status, bool SwitchClosed, int TrueUa, int? RecordUa, bool RecordInvalid);

    private static (SimulationResult Result, Dictionary<long, Tick> Ticks) Run(Scenario scenario)
    {
        var ticks = new Dictionary<long, Tick>();
        var options = new RunOptions { RecordTrace = false, CellVoltagePeriodMs = 10 };
        options.Observer = o =>
        {
            int? recordUa = null;
            bool recordInvalid = false;
            for (int i = 0; i < o.Controller.Telemetry.Count; i++)
            {
                TelemetryRecord r = o.Controller.Telemetry[i];
                if (r.Module == 1 && r.Kind == TelemetryRecordKind.CellVoltages)
                {
                    (recordUa, recordInvalid) = (r.ModuleCurrentUa, r.ModuleCurrentInvalid);
                }
            }

            long ms = (long)Math.Round(o.TimeS * 1000);
            ticks[ms] = new Tick(ms, o.Frame.ModuleCurrentUa[1], o.Frame.ModuleCurrentStatus[1], o.Actions.SwitchClosed[1], o.TrueCurrentUa[1], recordUa, recordInvalid);
        };

        return (new ClosedLoopRunner(scenario, options).Run(), ticks);
    }

    // The high rail, past the 1925 uA limit in the strip pulse's direction, is overcurrent evidence and isolates at the
    // second sample (TheHighRailDuringAStripPulseIsOvercurrentAndIsolatesAtTheSecondSample).
    [Theory]
    [InlineData(CurrentSensorMode.Saturated, false, false)]
    [InlineData(CurrentSensorMode.Missing, false, false)]
    [InlineData(CurrentSensorMode.Saturated, false, true)]
    [InlineData(CurrentSensorMode.Missing, false, true)]
    public void AChannelWithoutAUsableReadingDuringAPulseIsolatesItsModuleAtTheThirdSample(CurrentSensorMode mode, bool railHigh, bool board)
    {
        // From 120.50 s on: the samples of 120.50 and 120.51 s are counted, the pulse runs on; the third, 120.52 s, latches
        // the row, which opens the switch in that tick (observe mode: a safety row acts in every mode).
        Scenario scenario = Pack(200, board ? VirtualBoard : string.Empty);
        scenario.Faults.Add(Fault(120.5, 0, mode, railHigh));
        (SimulationResult result, Dictionary<long, Tick> ticks) = Run(scenario);

        // As the firmware's acquisition delivers it: a rail is Saturated with the value at that rail (the simple chain's
        // +-3000 uA; through the board, the calibration's value at 4095 or 0 counts, above or below the 385 uA flowing); no
        // conversion (-1 counts) is Implausible with 0.
        Tick first = ticks[120_500];
        if (mode == CurrentSensorMode.Missing)
        {
            Assert.Equal((ChannelStatus.Implausible, 0), (first.Status, first.ReadingUa));
        }
        else
        {
            Assert.Equal(ChannelStatus.Saturated, first.Status);
            if (!board)
            {
                Assert.Equal(railHigh ? 3000 : -3000, first.ReadingUa);
            }
            else
            {
                Assert.True(railHigh ? first.ReadingUa > 385 : first.ReadingUa < -385, "rail reading " + first.ReadingUa);
            }
        }

        SimulationEvent fault = Assert.Single(result.Events, e => e.Severity == "fault");
        string row = mode == CurrentSensorMode.Missing ? "currentChannelInvalid" : "currentChannelSaturated";
        Assert.Equal(("channelFault", row, 1), (fault.Kind, fault.Diagnosis, fault.Module));
        Assert.Equal(120.52, fault.TS, 3);

        // The switch stays closed for the two counted samples (the pulse runs on its setpoint) and opens with the latch; no
        // current flows after it, through to the end of the run.
        Assert.True(ticks[120_490].SwitchClosed && ticks[120_500].SwitchClosed && ticks[120_510].SwitchClosed);
        Assert.False(ticks[120_520].SwitchClosed);
        Assert.All(ticks.Values.Where(t => t.Ms > 120_520), t => Assert.Equal((false, 0), (t.SwitchClosed, t.TrueUa)));
        Assert.Equal(("hold", "plausibility"), (result.Modules[1].State, result.Modules[1].StopReason));
        Assert.NotEqual("hold", result.Modules[0].State);

        // The cells records (one a tick here) carry the last valid reading, 120.49 s's, marked invalid, not the rail.
        int lastValidUa = ticks[120_490].ReadingUa;
        Assert.InRange(lastValidUa, 375, 395);
        Assert.Equal((lastValidUa, true), (ticks[120_500].RecordUa, ticks[120_500].RecordInvalid));
        Assert.Equal((lastValidUa, true), (ticks[120_510].RecordUa, ticks[120_510].RecordInvalid));
        Assert.Equal((lastValidUa, true), (ticks[199_990].RecordUa, ticks[199_990].RecordInvalid));
    }

    [Theory]
    [InlineData(CurrentSensorMode.Saturated, false, false)]
    [InlineData(CurrentSensorMode.Missing, false, false)]
    [InlineData(CurrentSensorMode.Saturated, false, true)]
    [InlineData(CurrentSensorMode.Missing, false, true)]
    public void AChannelBadOnTwoSamplesOfThreeIsolatesItsModuleAtTheFifth(CurrentSensorMode mode, bool railHigh, bool board)
    {
        // Bad at 120.50, 120.51, 120.53, 120.54, 120.56, ... s: two samples of every three, through to the pulse's end.
        // The row's count is leaky (foxBMS 2's diag.c: a valid sample takes one back): 1, 2, 1, 2, 3, so the fifth bad
        // sample, 120.54 s, latches the row and opens the switch in that tick. Before, the valid sample reset the count
        // (1, 2, 0, ...), and the pulse ran its length on a channel unread two samples in three, and every pulse after it.
        Scenario scenario = Pack(200, board ? VirtualBoard : string.Empty);
        for (int k = 0; k < 17; k++)
        {
            scenario.Faults.Add(Fault((12_050 + (3 * k)) / 100.0, 0.02, mode, railHigh));
        }

        (SimulationResult result, Dictionary<long, Tick> ticks) = Run(scenario);

        Assert.Equal(new[] { true, true, false, true, true }, new long[] { 120_500, 120_510, 120_520, 120_530, 120_540 }.Select(ms => ticks[ms].Status != ChannelStatus.Valid));
        SimulationEvent fault = Assert.Single(result.Events, e => e.Severity == "fault");
        string row = mode == CurrentSensorMode.Missing ? "currentChannelInvalid" : "currentChannelSaturated";
        Assert.Equal(("channelFault", row, 1), (fault.Kind, fault.Diagnosis, fault.Module));
        Assert.Equal(120.54, fault.TS, 3);
        Assert.All(ticks.Values.Where(t => t.Ms >= 120_000 && t.Ms < 120_540), t => Assert.True(t.SwitchClosed, t.Ms + " ms"));
        Assert.False(ticks[120_540].SwitchClosed);
        Assert.All(ticks.Values.Where(t => t.Ms > 120_540), t => Assert.Equal((false, 0), (t.SwitchClosed, t.TrueUa)));
        Assert.Equal(("hold", "plausibility"), (result.Modules[1].State, result.Modules[1].StopReason));
        Assert.NotEqual("hold", result.Modules[0].State);
    }

    [Theory]
    [InlineData(CurrentSensorMode.Saturated, true, false)]
    [InlineData(CurrentSensorMode.Missing, false, true)]
    public void AChannelBadOnOneSampleOfThreeNeverLatches(CurrentSensorMode mode, bool railHigh, bool board)
    {
        // Bad at 120.00, 120.03, 120.06, ... s, one sample of every three for 10 s (two pulses and their rests): each bad
        // sample's count is taken back by the next valid one (1, 0, 0): no latch, no fault, and module 1 pulses as often as
        // module 0. A third of its readings bad is warned (firmware/Edge.Core/README.md, "Bad readings and the safety
        // rows"): the window 120.00-120.99 s holds 34 of them (120.00, 120.03, ..., 120.99), at least the 20 of 20 % of
        // 100, warned at its end; the last bad one is 129.99 s, so the windows of 130, 131 and 132 s are clean and the
        // third of them heals it, at 132.99 s.
        Scenario scenario = Pack(140, board ? VirtualBoard : string.Empty);
        for (int k = 0; k < 334; k++)
        {
            scenario.Faults.Add(Fault((12_000 + (3 * k)) / 100.0, 0.01, mode, railHigh));
        }

        (SimulationResult result, Dictionary<long, Tick> ticks) = Run(scenario);

        Assert.Equal(new[] { true, false, false, true }, new long[] { 120_000, 120_010, 120_020, 120_030 }.Select(ms => ticks[ms].Status != ChannelStatus.Valid));
        Assert.Equal(
            new[] { ("channelFault", "currentChannelIntermittent", "warning", 1, 120.99, 34L, 20L), ("channelRecovered", "currentChannelIntermittent", "info", 1, 132.99, 0L, 10L) },
            result.Events.Where(e => e.Kind != "started").Select(e => (e.Kind, e.Diagnosis, e.Severity, e.Module, Math.Round(e.TS, 3), e.Value, e.Threshold)).ToArray());
        Assert.Equal(result.Modules[0].Pulses, result.Modules[1].Pulses);
    }

    [Theory]
    [InlineData(CurrentSensorMode.Saturated, false, false)]
    [InlineData(CurrentSensorMode.Missing, false, false)]
    [InlineData(CurrentSensorMode.Saturated, false, true)]
    [InlineData(CurrentSensorMode.Missing, false, true)]
    public void TwoBadSamplesInAPulseLetItRunItsLengthAndTwoAtARestsEndDelayThePulseUntilTheyAreTakenBack(CurrentSensorMode mode, bool railHigh, bool board)
    {
        // 120.50 and 120.51 s inside the pulse: fewer than three, no latch, the pulse ends as planned (switch open in the
        // 121.00 s tick). 125.99 and 126.00 s at the rest's end: the row counts 2 at 126.00 s, so that pulse waits; each
        // valid sample takes one back (the leaky count), 1 at 126.01 s, 0 at 126.02 s: the pulse starts then and runs
        // its full 100 ticks, to 127.02 s.
        Scenario scenario = Pack(130, board ? VirtualBoard : string.Empty);
        scenario.Faults.Add(Fault(120.5, 0.02, mode, railHigh));
        scenario.Faults.Add(Fault(125.99, 0.02, mode, railHigh));
        (SimulationResult result, Dictionary<long, Tick> ticks) = Run(scenario);

        Assert.DoesNotContain(result.Events, e => e.Severity != "info" || e.Kind != "started");
        Assert.All(ticks.Values.Where(t => t.Ms >= 120_000 && t.Ms < 121_000), t => Assert.True(t.SwitchClosed, t.Ms + " ms"));
        Assert.False(ticks[121_000].SwitchClosed);
        Assert.Equal(ChannelStatus.Valid, ticks[120_520].Status);

        Assert.False(ticks[126_000].SwitchClosed);
        Assert.False(ticks[126_010].SwitchClosed);
        Assert.Equal(Enumerable.Range(12_602, 100).Select(i => i * 10L), ticks.Values.Where(t => t.Ms >= 125_000 && t.SwitchClosed).Select(t => t.Ms).OrderBy(ms => ms));

        // The glitch's cells records: the latest valid reading (120.49 s's, under the pulse; 125.98 s's at rest), invalid.
        Assert.Equal((ticks[120_490].ReadingUa, true), (ticks[120_510].RecordUa, ticks[120_510].RecordInvalid));
        Assert.Equal((ticks[120_520].ReadingUa, false), (ticks[120_520].RecordUa, ticks[120_520].RecordInvalid));
        Assert.Equal((ticks[125_980].ReadingUa, true), (ticks[126_000].RecordUa, ticks[126_000].RecordInvalid));
    }

    [Fact]
    public void RepeatedRailReadingsOfTheWrongSignAreNeitherAShortNorDepletion()
    {
        // Two samples at the low rail in the middle of each of 30 pulses (it reads a strip as plating) and two in each
        // rest: a detector that took the rail's sign saw the polarisation turn over, a spike toward 0 V at every pulse. The
        // detectors take the setpoint's sign for an invalid reading, and the channel rows never reach three: nothing to
        // report but the start. (Two at the high rail are overcurrent evidence, which latches at the second.)
        const bool railHigh = false;
        Scenario scenario = Pack(180, string.Empty);
        for (int pulse = 0; pulse < 30; pulse++)
        {
            scenario.Faults.Add(Fault((pulse * 6) + 0.5, 0.02, CurrentSensorMode.Saturated, railHigh));
            scenario.Faults.Add(Fault((pulse * 6) + 3.5, 0.02, CurrentSensorMode.Saturated, railHigh));
        }

        (SimulationResult result, Dictionary<long, Tick> _) = Run(scenario);

        Assert.DoesNotContain(result.Events, e => e.Kind != "started");
        Assert.Equal(30, result.Modules[1].Pulses);
        Assert.Equal(result.Modules[0].Pulses, result.Modules[1].Pulses);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheHighRailDuringAStripPulseIsOvercurrentAndIsolatesAtTheSecondSample(bool board)
    {
        // Saturated high from 120.50 s, inside a 385 uA strip pulse. The rail is what the chain delivers at full scale: the
        // simple chain's 3000 uA, the virtual board's calibration at 4095 counts; either lies past the 1925 uA limit (5 mA/cm2
        // on 0.3848 cm2; the virtual board's 2 mA is the looser) in the pulse's direction, so the current is at least
        // that: moduleOvercurrent (debounce 2) counts 120.50 and 120.51 s and latches at 120.51 s, the switch open in that
        // tick, one sample before the channel row's third (observe mode: a safety row acts in every mode).
        Scenario scenario = Pack(200, board ? VirtualBoard : string.Empty);
        scenario.Faults.Add(Fault(120.5, 0, CurrentSensorMode.Saturated, railHigh: true));
        (SimulationResult result, Dictionary<long, Tick> ticks) = Run(scenario);

        int railUa = ticks[120_500].ReadingUa;
        Assert.Equal(ChannelStatus.Saturated, ticks[120_500].Status);
        if (!board)
        {
            Assert.Equal(3000, railUa);
        }

        Assert.True(railUa >= 1925, "rail " + railUa + " uA");
        SimulationEvent fault = result.Events.First(e => e.Severity == "fault");
        Assert.Equal(("overcurrent", "moduleOvercurrent", 1), (fault.Kind, fault.Diagnosis, fault.Module));
        Assert.Equal(120.51, fault.TS, 3);
        Assert.Equal(((long)railUa, 1925L), (fault.Value, fault.Threshold));

        Assert.True(ticks[120_490].SwitchClosed && ticks[120_500].SwitchClosed);
        Assert.False(ticks[120_510].SwitchClosed);
        Assert.All(ticks.Values.Where(t => t.Ms > 120_510), t => Assert.Equal((false, 0), (t.SwitchClosed, t.TrueUa)));
        Assert.Equal(("hold", "protection"), (result.Modules[1].State, result.Modules[1].StopReason));
        Assert.NotEqual("hold", result.Modules[0].State);
    }
}
