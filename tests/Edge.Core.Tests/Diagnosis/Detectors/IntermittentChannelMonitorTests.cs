using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// A channel bad on a share of its readings its leaky latching rows drain as fast as it fills (every other reading: 1, 0,
/// 1, 0, ...) is warned, through the whole controller: at the defaults, 20 bad readings or more in a window of 100 (one
/// second at 10 ms ticks) set cellChannelIntermittent or currentChannelIntermittent, a warning that changes no switch;
/// a warned channel heals after three windows in a row with fewer than 10, with a channelRecovered event. Before, such a
/// channel ran for ever and nothing was reported. Modules of one cell, no temperature sensor, the default protocol (1 s
/// pulses at 385 uA); the windows start at the first tick (tick 0), so window k ends at tick 100 k - 1, at (100 k - 1) x 10 ms.
/// </summary>
public class IntermittentChannelMonitorTests
{
    private sealed class Rig
    {
        public readonly EdgeController Controller;
        public readonly SampleFrame Frame;
        public readonly ActionFrame Actions;
        public readonly List<TelemetryRecord> Events = new List<TelemetryRecord>();
        public readonly List<string> Switches = new List<string>();
        public long Tick;

        public Rig(int modules, ControllerConfiguration configuration = null)
        {
            var layout = new PackLayout(modules, 1, 0);
            Controller = new EdgeController(layout, configuration ?? new ControllerConfiguration());
            Frame = new SampleFrame(layout);
            Actions = new ActionFrame(layout);
        }

        /// <summary>
        /// One tick. A module's cell reads 300 mV under the pulse and 200 at rest, its current what the previous tick
        /// commanded; <paramref name="cellBad"/> and <paramref name="currentBad"/> (module, tick) give those that read
        /// <paramref name="bad"/> instead (a saturated current at the low rail, -3000 uA: against the stripping pulses, no
        /// overcurrent evidence).
        /// </summary>
        public void Step(Func<int, long, bool> cellBad, Func<int, long, bool> currentBad, ChannelStatus bad = ChannelStatus.Missing)
        {
            for (int m = 0; m < Actions.SwitchClosed.Length; m++)
            {
                bool closed = Actions.SwitchClosed[m];
                bool cellIsBad = cellBad(m, Tick);
                bool currentIsBad = currentBad(m, Tick);
                Frame.CellVoltageMv[m] = cellIsBad ? 0 : closed ? 300 : 200;
                Frame.CellVoltageStatus[m] = cellIsBad ? bad : ChannelStatus.Valid;
                Frame.ModuleCurrentUa[m] = currentIsBad ? (bad == ChannelStatus.Saturated ? -3000 : 0) : closed ? Actions.CurrentSetpointUa[m] : 0;
                Frame.ModuleCurrentStatus[m] = currentIsBad ? bad : ChannelStatus.Valid;
            }

            Frame.TickIndex = Tick;
            Frame.TimestampMs = Tick * 10;
            Controller.Tick(Frame, Actions);
            Tick++;
            TelemetryBuffer telemetry = Controller.Telemetry;
            for (int i = 0; i < telemetry.Count; i++)
            {
                TelemetryRecord r = telemetry[i];
                if (r.Kind == TelemetryRecordKind.Event && r.EventKind != EventKind.Started)
                {
                    Events.Add(new TelemetryRecord(1)
                    {
                        TimestampMs = r.TimestampMs, Module = r.Module, Cell = r.Cell, EventKind = r.EventKind, Diagnosis = r.Diagnosis,
                        HasDiagnosis = r.HasDiagnosis, Severity = r.Severity, Value = r.Value, Threshold = r.Threshold,
                    });
                }
            }

            Switches.Add(string.Join(",", Actions.SwitchClosed) + " " + string.Join(",", Actions.CurrentSetpointUa));
        }

        public void Run(int ticks, Func<int, long, bool> cellBad, Func<int, long, bool> currentBad, ChannelStatus bad = ChannelStatus.Missing)
        {
            for (int i = 0; i < ticks; i++)
            {
                Step(cellBad, currentBad, bad);
            }
        }

        public bool Pulsed => Switches.Any(s => s.StartsWith("True", StringComparison.Ordinal));
    }

    private static bool Never(int module, long tick) => false;

    private static bool EveryOther(int module, long tick) => tick % 2 == 1;

    // Every other reading bad from tick 0 on: 50 of the first window's 100 readings, at least its 20. The warning comes at
    // the window's end (tick 99, 990 ms), once: the next windows hold it without a new event. The leaky latching row
    // counts 1, 0, 1, 0: no latch, no fault, and the switches and setpoints tick for tick those of the same readings with
    // the warning's row disabled: the valid readings still protect, the warning only reports.
    [Theory]
    [InlineData(false, ChannelStatus.Missing)]
    [InlineData(false, ChannelStatus.Implausible)]
    [InlineData(false, ChannelStatus.Saturated)]
    [InlineData(true, ChannelStatus.Missing)]
    [InlineData(true, ChannelStatus.Saturated)]
    public void AChannelBadEveryOtherReadingIsWarnedAtTheWindowsEndAndKeepsItsSwitch(bool cell, ChannelStatus bad)
    {
        DiagnosisId row = cell ? DiagnosisId.CellChannelIntermittent : DiagnosisId.CurrentChannelIntermittent;
        Func<int, long, bool> cellBad = cell ? EveryOther : Never;
        Func<int, long, bool> currentBad = cell ? Never : EveryOther;
        var rig = new Rig(1);
        rig.Run(500, cellBad, currentBad, bad);

        var unwarnedConfiguration = new ControllerConfiguration();
        unwarnedConfiguration.Diagnosis[row].Enabled = false;
        var unwarned = new Rig(1, unwarnedConfiguration);
        unwarned.Run(500, cellBad, currentBad, bad);

        TelemetryRecord warning = Assert.Single(rig.Events, e => e.HasDiagnosis && e.Diagnosis == row);
        Assert.Equal(
            (EventKind.ChannelFault, Severity.Warning, 990L, 0, cell ? 0 : -1, 50L, 20L),
            (warning.EventKind, warning.Severity, warning.TimestampMs, warning.Module, warning.Cell, warning.Value, warning.Threshold));
        Assert.True(rig.Controller.Diagnosis.IsActive(row, 0));
        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.DoesNotContain(rig.Events, e => e.Severity == Severity.Fault);
        Assert.True(rig.Pulsed, "the module should pulse on its valid readings");
        Assert.Equal(unwarned.Switches, rig.Switches);
    }

    // Two modules' current channels over three windows: module 0's bad one reading in ten (10 a window, under the 20),
    // module 1's one in five (20 a window: the limit itself, 20 %). Only module 1 is warned, at the first window's end.
    [Fact]
    public void OneBadReadingInTenIsNotWarnedOneInFiveIs()
    {
        var rig = new Rig(2);
        rig.Run(300, Never, (m, t) => m == 0 ? t % 10 == 5 : t % 5 == 2);

        TelemetryRecord warning = Assert.Single(rig.Events);
        Assert.Equal(
            (DiagnosisId.CurrentChannelIntermittent, 1, 990L, 20L, 20L),
            (warning.Diagnosis, warning.Module, warning.TimestampMs, warning.Value, warning.Threshold));
        Assert.False(rig.Controller.Diagnosis.IsActive(DiagnosisId.CurrentChannelIntermittent, 0));
        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0) || rig.Controller.Diagnosis.HasLatchedFault(1));
    }

    // Warned in the first window (every other reading bad), then clean: windows 2, 3 and 4 have no bad reading (under the
    // clear limit's 10), so the third of them heals it: a channelRecovered event at tick 399 (3990 ms), value 0 against 10.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AWarnedChannelThatReadsWellAgainRecovers(bool cell)
    {
        DiagnosisId row = cell ? DiagnosisId.CellChannelIntermittent : DiagnosisId.CurrentChannelIntermittent;
        Func<int, long, bool> bad = (m, t) => t < 100 && t % 2 == 1;
        var rig = new Rig(1);
        rig.Run(399, cell ? bad : Never, cell ? Never : bad);
        Assert.True(rig.Controller.Diagnosis.IsActive(row, 0), "healed before its third clean window ended");
        rig.Run(200, cell ? bad : Never, cell ? Never : bad);

        Assert.Equal(new[] { EventKind.ChannelFault, EventKind.ChannelRecovered }, rig.Events.Select(e => e.EventKind).ToArray());
        TelemetryRecord recovered = rig.Events[1];
        Assert.Equal(
            (row, Severity.Info, 3990L, 0, cell ? 0 : -1, 0L, 10L),
            (recovered.Diagnosis, recovered.Severity, recovered.TimestampMs, recovered.Module, recovered.Cell, recovered.Value, recovered.Threshold));
        Assert.False(rig.Controller.Diagnosis.IsActive(row, 0));
    }

    // Hysteresis: once warned, a channel bad one reading in seven (14 of each later window: under the warning's 20, not
    // under the clear limit's 10) stays warned with no new event and no recovery; three clean windows then heal it.
    [Fact]
    public void AWarnedChannelStaysWarnedBetweenTheClearAndTheWarningLimit()
    {
        var rig = new Rig(1);
        rig.Run(100, Never, EveryOther);
        rig.Run(500, Never, (m, t) => t % 7 == 0);
        Assert.True(rig.Controller.Diagnosis.IsActive(DiagnosisId.CurrentChannelIntermittent, 0));
        Assert.Equal(new[] { EventKind.ChannelFault }, rig.Events.Select(e => e.EventKind).ToArray());

        rig.Run(300, Never, Never);
        Assert.Equal(new[] { EventKind.ChannelFault, EventKind.ChannelRecovered }, rig.Events.Select(e => e.EventKind).ToArray());
        Assert.Equal(8990L, rig.Events[1].TimestampMs);
    }

    // A channel that stays bad latches its own row at the third reading (tick 2, 20 ms) and holds the module: that fault
    // is the channel's one event, no intermittent warning on top of it at the window's end.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AChannelWhoseOwnRowLatchedIsNotWarnedAsWell(bool cell)
    {
        Func<int, long, bool> always = (m, t) => true;
        var rig = new Rig(1);
        rig.Run(300, cell ? always : Never, cell ? Never : always);

        TelemetryRecord fault = Assert.Single(rig.Events);
        Assert.Equal(
            (cell ? DiagnosisId.CellChannelInvalid : DiagnosisId.CurrentChannelInvalid, Severity.Fault, 20L),
            (fault.Diagnosis, fault.Severity, fault.TimestampMs));
    }

    // A fault reset does not repair a sense wire: the warning outlives it and ends with its own event. Warned at the first
    // window's end (every other reading missing, 990 ms), then bad on every reading: the channel's own invalid row latches
    // and holds the module. From tick 200 the channel reads well, and the module is reset at tick 250 (2500 ms). Windows
    // 3, 4 and 5 are clean, so the third heals the warning at tick 499 (4990 ms) with channelRecovered. Before, the reset
    // cleared the warning and nothing ever said it ended.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AWarningHeldThroughAFaultResetRecoversWithItsEvent(bool cell)
    {
        DiagnosisId row = cell ? DiagnosisId.CellChannelIntermittent : DiagnosisId.CurrentChannelIntermittent;
        DiagnosisId invalid = cell ? DiagnosisId.CellChannelInvalid : DiagnosisId.CurrentChannelInvalid;
        Func<int, long, bool> bad = (m, t) => t < 100 ? t % 2 == 1 : t < 200;
        var rig = new Rig(1);
        rig.Run(250, cell ? bad : Never, cell ? Never : bad);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "the channel's invalid row should hold the module");

        rig.Controller.RequestFaultReset(0);
        rig.Run(1, Never, Never);
        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.True(rig.Controller.Diagnosis.IsActive(row, 0), "the reset ended the intermittent warning");
        rig.Run(349, Never, Never);

        Assert.Equal(
            new[] { (EventKind.ChannelFault, row, 990L), (EventKind.ChannelFault, invalid, -1L), (EventKind.FaultReset, (DiagnosisId)0, 2500L), (EventKind.ChannelRecovered, row, 4990L) },
            rig.Events.Select(e => (e.EventKind, e.HasDiagnosis ? e.Diagnosis : (DiagnosisId)0, e.EventKind == EventKind.ChannelFault && e.Diagnosis == invalid ? -1L : e.TimestampMs)).ToArray());
        Assert.Equal(Severity.Fault, rig.Events[1].Severity);
        Assert.False(rig.Controller.Diagnosis.IsActive(row, 0));
    }

    // Still dropping every other reading after the reset (tick 200 on; the leaky count never reaches the invalid row's
    // latch): the channel is the same warned one, not a new warning. Window 3 (50 bad) keeps the warning without an event;
    // windows 4, 5 and 6 are clean and heal it at tick 599 (5990 ms). Before, the reset cleared it and window 3 warned
    // again at 2990 ms.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AChannelStillIntermittentAfterAFaultResetIsNotWarnedAgain(bool cell)
    {
        DiagnosisId row = cell ? DiagnosisId.CellChannelIntermittent : DiagnosisId.CurrentChannelIntermittent;
        Func<int, long, bool> bad = (m, t) => (t >= 100 && t < 200) || (t < 300 && t % 2 == 1);
        var rig = new Rig(1);
        rig.Run(200, cell ? bad : Never, cell ? Never : bad);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "the channel's invalid row should hold the module");

        rig.Controller.RequestFaultReset(0);
        rig.Run(400, cell ? bad : Never, cell ? Never : bad);

        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0), "every other reading bad latched the invalid row again");
        Assert.Equal(
            new[] { (EventKind.ChannelFault, Severity.Warning, 990L), (EventKind.ChannelFault, Severity.Fault, -1L), (EventKind.FaultReset, Severity.Info, 2000L), (EventKind.ChannelRecovered, Severity.Info, 5990L) },
            rig.Events.Select(e => (e.EventKind, e.Severity, e.Severity == Severity.Fault ? -1L : e.TimestampMs)).ToArray());
        Assert.Equal(row, rig.Events[3].Diagnosis);
    }

    // The window and the limit are the configuration's: over a window of 50 readings a channel bad every other reading
    // has 25 bad (50 %): not warned at 60 % (30 readings), warned at 50 % (25) at the first window's end, tick 49 (490 ms).
    [Theory]
    [InlineData(60, false)]
    [InlineData(50, true)]
    public void TheWindowAndTheLimitAreConfigured(int warningPercent, bool warned)
    {
        var configuration = new ControllerConfiguration();
        configuration.Plausibility.IntermittentWindowReadings = 50;
        configuration.Plausibility.IntermittentWarningPercent = warningPercent;
        var rig = new Rig(1, configuration);
        rig.Run(200, Never, EveryOther);

        Assert.Equal(warned ? new[] { 490L } : Array.Empty<long>(), rig.Events.Select(e => e.TimestampMs).ToArray());
    }
}
