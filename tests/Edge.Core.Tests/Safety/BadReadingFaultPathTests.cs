using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// Fault paths under readings that are bad in changing ways: a channel that is never valid, a limit crossed on the valid
/// readings of a flickering channel, a lost temperature sensor, a reset while the cause persists, a fault confirmed in
/// observe mode. Each ends with the switch open, a latched fault and an event, and no switch closes on a bad reading.
/// </summary>
public class BadReadingFaultPathTests
{
    private readonly ITestOutputHelper _out;

    public BadReadingFaultPathTests(ITestOutputHelper output) => _out = output;

    private sealed class Rig : OneModuleRig
    {
        public Rig(ControlMode mode = ControlMode.Act)
            : base(1, 1, new ControllerConfiguration { Mode = mode })
        {
        }

        /// <summary>One 10 ms tick; the current follows what the previous tick commanded (385 uA when closed).</summary>
        public bool Step(int cellMv, ChannelStatus cell = ChannelStatus.Valid, int tempDeci = 250, ChannelStatus temp = ChannelStatus.Valid, ChannelStatus current = ChannelStatus.Valid)
        {
            Frame.CellVoltageMv[0] = cellMv;
            Frame.CellVoltageStatus[0] = cell;
            Frame.ModuleCurrentUa[0] = Actions.SwitchClosed[0] ? Actions.CurrentSetpointUa[0] : 0;
            Frame.ModuleCurrentStatus[0] = current;
            Frame.TemperatureDeciCelsius[0] = tempDeci;
            Frame.TemperatureStatus[0] = temp;
            Run();
            return Actions.SwitchClosed[0];
        }
    }

    // Rule: a cell above its MSL (3300 mV) must isolate within the row's debounce; a channel that cannot be read must
    // isolate too. A channel that flickers between a valid over-limit reading and Missing defeats both debounces.
    [Fact]
    public void CellOverMSLFlickeringWithMissingIsIsolated()
    {
        var rig = new Rig();
        int closedTicks = 0;
        for (int i = 0; i < 100; i++)
        {
            bool closed = rig.Step(3400, i % 2 == 0 ? ChannelStatus.Valid : ChannelStatus.Missing);
            if (closed) closedTicks++;
        }

        _out.WriteLine($"latched={rig.Controller.Diagnosis.HasLatchedFault(0)} state={rig.Controller.Module(0).State} closed ticks: {closedTicks}");
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "cell at 3400 mV (MSL 3300) every other tick, Missing in between: never latched");
        Assert.Contains(EventKind.Overvoltage, rig.Events);
        Assert.Equal(0, closedTicks);
    }

    // A channel that is never valid (Saturated, then Missing, alternately) is a blind channel; it must isolate.
    [Fact]
    public void CellChannelAlternatingSaturatedAndMissingIsIsolated()
    {
        var rig = new Rig();
        int closedTicks = 0;
        for (int i = 0; i < 100; i++)
        {
            if (rig.Step(200, i % 2 == 0 ? ChannelStatus.Saturated : ChannelStatus.Missing)) closedTicks++;
        }

        _out.WriteLine($"latched={rig.Controller.Diagnosis.HasLatchedFault(0)} closed ticks: {closedTicks}");
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "never-valid cell channel (Saturated/Missing alternating) never latched");
        Assert.Contains(EventKind.ChannelFault, rig.Events);
        Assert.Equal(0, closedTicks);
    }

    // Same for the module current: Saturated / Implausible alternating. Overcurrent is judged only on valid readings.
    [Fact]
    public void CurrentChannelAlternatingSaturatedAndImplausibleIsIsolated()
    {
        var rig = new Rig();
        int closedTicks = 0;
        for (int i = 0; i < 100; i++)
        {
            if (rig.Step(200, current: i % 2 == 0 ? ChannelStatus.Saturated : ChannelStatus.Implausible)) closedTicks++;
        }

        _out.WriteLine($"latched={rig.Controller.Diagnosis.HasLatchedFault(0)} closed ticks: {closedTicks}");
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "never-valid current channel never latched");
        Assert.Contains(EventKind.ChannelFault, rig.Events);
        Assert.Equal(0, closedTicks);
    }

    // A real overcurrent (3000 uA against the 1925 uA MSL, a stuck current stage) read Valid every other tick, Implausible between.
    [Fact]
    public void OvercurrentFlickeringWithImplausibleIsIsolated()
    {
        var rig = new Rig();
        int closedTicks = 0;
        for (int i = 0; i < 100; i++)
        {
            bool valid = i % 2 == 0;
            rig.Frame.ModuleCurrentUa[0] = 3000;
            rig.Frame.TickIndex = rig.Tick; rig.Frame.TimestampMs = rig.Tick * 10;
            rig.Frame.CellVoltageMv[0] = 200; rig.Frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            rig.Frame.TemperatureDeciCelsius[0] = 250; rig.Frame.TemperatureStatus[0] = ChannelStatus.Valid;
            rig.Frame.ModuleCurrentStatus[0] = valid ? ChannelStatus.Valid : ChannelStatus.Implausible;
            rig.Run();
            if (rig.Actions.SwitchClosed[0]) closedTicks++;
        }

        _out.WriteLine($"latched={rig.Controller.Diagnosis.HasLatchedFault(0)} closed ticks: {closedTicks}");
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "3000 uA every other tick never latched");
        Assert.Contains(EventKind.Overcurrent, rig.Events);
        Assert.Equal(0, closedTicks);
    }

    // Temperature above its MSL (60.0 degC) every other tick, Missing in between.
    [Fact]
    public void TemperatureOverMSLFlickeringWithMissingIsIsolated()
    {
        var rig = new Rig();
        int closedTicks = 0;
        for (int i = 0; i < 100; i++)
        {
            if (rig.Step(200, tempDeci: 700, temp: i % 2 == 0 ? ChannelStatus.Valid : ChannelStatus.Missing)) closedTicks++;
        }

        _out.WriteLine($"latched={rig.Controller.Diagnosis.HasLatchedFault(0)} closed ticks: {closedTicks}");
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "70 degC every other tick never latched");
        Assert.Contains(EventKind.Overtemperature, rig.Events);
        Assert.Equal(0, closedTicks);
    }

    // A temperature sensor that is Missing for good leaves the overtemperature limit blind: after its ten readings the
    // pack is isolated and latched, with a channel-fault event, and no pulse started on the way.
    [Fact]
    public void PermanentlyMissingTemperatureSensorStopsThePack()
    {
        var rig = new Rig();
        int closedTicks = 0;
        for (int i = 0; i < 100; i++)
        {
            if (rig.Step(200, temp: ChannelStatus.Missing)) closedTicks++;
            if (i == 8)
            {
                Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0), "latched before the row's 10 readings");
            }
        }

        _out.WriteLine($"latched={rig.Controller.Diagnosis.HasLatchedFault(0)} closed ticks: {closedTicks}");
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "a sensor missing for 100 readings never latched");
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        Assert.Contains(EventKind.ChannelFault, rig.Events);
        Assert.Equal(0, closedTicks);
    }

    // The other side of holding pulses back: one missing reading exactly when a rest ends delays that pulse by one tick
    // and nothing more. No latch, no event, the same pulse length, and the next pulse on time again.
    [Fact]
    public void OneMissingReadingAtARestEndDelaysThePulseByOneTickOnly()
    {
        List<long> clean = PulseStarts(-1, out _, out _);
        Assert.True(clean.Count >= 3, "the default protocol should pulse at least three times in 30 s");
        long glitchTick = clean[1];
        List<long> glitched = PulseStarts(glitchTick, out bool latched, out List<EventKind> events);

        Assert.False(latched);
        Assert.DoesNotContain(EventKind.ChannelFault, events);
        Assert.Equal(clean[0], glitched[0]);
        Assert.Equal(glitchTick + 1, glitched[1]);
        Assert.Equal(clean.Count, glitched.Count);
    }

    /// <summary>Ticks at which the switch closed after being open, over 30 s; one cell reading Missing at <paramref name="missingAt"/>.</summary>
    private static List<long> PulseStarts(long missingAt, out bool latched, out List<EventKind> events)
    {
        var rig = new Rig();
        var starts = new List<long>();
        bool wasClosed = false;
        for (int i = 0; i < 3000; i++)
        {
            long t = rig.Tick;
            // A cell that answers its current (100 mV polarisation at 385 uA, relaxed at once), so the stuck-channel
            // check at the edges sees a live channel.
            int cellMv = rig.Actions.SwitchClosed[0] ? 300 : 200;
            bool closed = rig.Step(cellMv, t == missingAt ? ChannelStatus.Missing : ChannelStatus.Valid);
            if (closed && !wasClosed)
            {
                starts.Add(t);
            }

            wasClosed = closed;
        }

        latched = rig.Controller.Diagnosis.HasLatchedFault(0);
        events = rig.Events;
        return starts;
    }

    // Rule: bad readings never lead to closing a switch. A cell Missing from the first tick: the automatic start waits.
    [Fact]
    public void SwitchNeverClosesWhileACellReadingIsInvalid()
    {
        var rig = new Rig();
        var closedAt = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            if (rig.Step(0, ChannelStatus.Missing)) closedAt.Add(i);
        }

        _out.WriteLine("switch closed at ticks: " + string.Join(",", closedAt));
        Assert.Empty(closedAt);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "a cell missing for five readings (debounce 3) did not latch");
        Assert.Contains(EventKind.ChannelFault, rig.Events);
    }

    // Fault reset and start while the cause (cell over MSL) persists: the switch must not close onto the over-limit cell.
    [Fact]
    public void ResetAndStartWhileOvervoltagePersistsNeverClosesTheSwitch()
    {
        var rig = new Rig();
        for (int i = 0; i < 20; i++) rig.Step(3400);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0));
        rig.Controller.RequestFaultReset(0);
        rig.Controller.RequestStart(0);
        var closedAt = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            long t = rig.Tick;
            if (rig.Step(3400)) closedAt.Add(t);
        }

        _out.WriteLine("after reset+start with 3400 mV persisting, switch closed at ticks: " + string.Join(",", closedAt) + $"; latched again={rig.Controller.Diagnosis.HasLatchedFault(0)}");
        Assert.Empty(closedAt);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "the overvoltage that persisted after the reset did not latch again");
    }

    // A fault reset starts every row's count afresh, so the wait of the next pulse starts afresh too: however often the
    // operator resets and starts while the temperature sensor is still lost, no pulse closes before its row latches again.
    [Fact]
    public void RepeatedResetsAndStartsWhileASensorIsLostNeverCloseTheSwitch()
    {
        var rig = new Rig();
        var closedAt = new List<long>();

        // The cell shows 150 mV of polarisation under the pulse current, 0 mV at rest.
        void Step()
        {
            long t = rig.Tick;
            if (rig.Step(rig.Actions.SwitchClosed[0] ? 150 : 0, temp: ChannelStatus.Missing)) closedAt.Add(t);
        }

        for (int cycle = 0; cycle < 4; cycle++)
        {
            // Held past the protocol's rest (5 s), so the start after the reset begins with its pulse.
            for (int i = 0; i < 600; i++) Step();
            Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), $"cycle {cycle}: the lost sensor is not latched");
            rig.Controller.RequestFaultReset(0);
            Step();
            rig.Controller.RequestStart(0);
        }

        for (int i = 0; i < 20; i++) Step();
        _out.WriteLine("switch closed at ticks: " + string.Join(",", closedAt));
        Assert.Empty(closedAt);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "the lost sensor did not latch again after the last reset");
        Assert.Equal(5, rig.Events.Count(e => e == EventKind.ChannelFault));
    }

    // Observe -> act: a latching row that set in observe mode (soft short confirmed) latches, with its event, once act mode is on.
    [Fact]
    public void SoftShortConfirmedInObserveModeLatchesOnceActModeIsOn()
    {
        var layout = new PackLayout(1, 1, 0);
        var telemetry = new TelemetryBuffer(64, 1);
        var cfg = new ControllerConfiguration();
        var d = new DiagnosisManager(cfg.Diagnosis, layout, telemetry);
        d.BeginTick(0, ControlMode.Observe);
        Assert.True(d.Report(DiagnosisId.SoftShortConfirmed, 0, true, 5, 5));
        Assert.False(d.HasLatchedFault(0)); // documented: observe mode only reports

        telemetry.Clear();
        d.BeginTick(10, ControlMode.Act);
        d.Report(DiagnosisId.SoftShortConfirmed, 0, true, 6, 5);
        _out.WriteLine($"act tick with the short still confirmed: latched={d.HasLatchedFault(0)} isolate={d.Requests.Isolate[0]} events={telemetry.Count}");
        Assert.True(d.HasLatchedFault(0), "confirmed soft short still present in act mode: not latched");
        Assert.Equal(1, telemetry.Count);
        Assert.Equal(EventKind.SoftShort, telemetry[0].EventKind);
        Assert.Equal(DiagnosisId.SoftShortConfirmed, telemetry[0].Diagnosis);

        // Latched once: the next act tick with the short still there writes no second event.
        telemetry.Clear();
        d.BeginTick(20, ControlMode.Act);
        d.Report(DiagnosisId.SoftShortConfirmed, 0, true, 6, 5);
        Assert.Equal(0, telemetry.Count);
    }
}
