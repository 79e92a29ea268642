using Edge.Core.Configuration;
using Edge.Core.Decision;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// A cause that is bad on some readings and good on others, through the whole controller: a row that latches counts it
/// leaky, as foxBMS 2's diag.c does (a bad reading adds one, a good one takes one away), so a cause bad on two readings
/// of three reaches a debounce of three, and one bad reading in three never does. Before, one good reading started the
/// count over and a current channel saturated or missing two samples in three, or a temperature over its limit on two
/// ticks in three, ran for ever. One module, one cell, one pack-wide temperature sensor; 10 ms ticks; the default
/// protocol (1 s pulses at 385 uA).
/// </summary>
public class IntermittentFaultTests
{
    private sealed class Rig : OneModuleRig
    {
        public readonly List<TelemetryRecord> Faults = new List<TelemetryRecord>();

        public Rig(ControllerConfiguration configuration = null)
            : base(1, 1, configuration ?? new ControllerConfiguration())
        {
        }

        /// <summary>
        /// One tick. The cell answers its current (300 mV under the pulse, 200 at rest) unless <paramref name="cellMv"/>
        /// is given; the current reading is what the previous tick commanded, or the low rail (-3000 uA) for a saturated
        /// reading and 0 for one without a value. The low rail, against the stripping pulses and through the open switch:
        /// only a channel fault (the high rail would be overcurrent evidence, RailOvercurrentTests).
        /// </summary>
        public bool Step(ChannelStatus current = ChannelStatus.Valid, int tempDeci = 250, ChannelStatus temp = ChannelStatus.Valid, int cellMv = -1)
        {
            bool closed = Actions.SwitchClosed[0];
            Frame.CellVoltageMv[0] = cellMv >= 0 ? cellMv : closed ? 300 : 200;
            Frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            Frame.ModuleCurrentUa[0] = current == ChannelStatus.Saturated ? -3000 : current != ChannelStatus.Valid ? 0 : closed ? Actions.CurrentSetpointUa[0] : 0;
            Frame.ModuleCurrentStatus[0] = current;
            Frame.TemperatureDeciCelsius[0] = tempDeci;
            Frame.TemperatureStatus[0] = temp;
            Run();
            TelemetryBuffer telemetry = Controller.Telemetry;
            for (int i = 0; i < telemetry.Count; i++)
            {
                TelemetryRecord r = telemetry[i];
                if (r.Kind == TelemetryRecordKind.Event && r.Severity == Severity.Fault)
                {
                    Faults.Add(new TelemetryRecord(1) { TimestampMs = r.TimestampMs, Diagnosis = r.Diagnosis, EventKind = r.EventKind, Value = r.Value, Threshold = r.Threshold });
                }
            }

            return Actions.SwitchClosed[0];
        }

        /// <summary>Valid ticks until the first pulse has run <paramref name="ticks"/> ticks with its switch closed.</summary>
        public void IntoFirstPulse(int ticks)
        {
            int closedTicks = 0;
            while (closedTicks < ticks)
            {
                if (Step())
                {
                    closedTicks++;
                }

                Assert.True(Tick < 2000, "no pulse within 20 s");
            }
        }
    }

    // Bad on samples 1, 2, 4, 5, 7, ... (two of every three), from the 11th tick of a pulse on. Leaky count, debounce 3:
    // 1, 2, 1 (the good one takes one away), 2, 3: the fifth sample latches. Before, the good sample reset the count to 0
    // (1, 2, 0, 1, 2, 0, ...): never three, and the module pulsed on with its current unread one sample in three.
    [Theory]
    [InlineData(ChannelStatus.Saturated, DiagnosisId.CurrentChannelSaturated, -3000)]
    [InlineData(ChannelStatus.Implausible, DiagnosisId.CurrentChannelInvalid, (int)ChannelStatus.Implausible)]
    [InlineData(ChannelStatus.Missing, DiagnosisId.CurrentChannelInvalid, (int)ChannelStatus.Missing)]
    public void ACurrentChannelBadOnTwoSamplesOfThreeLatchesAtTheFifth(ChannelStatus bad, DiagnosisId row, int value)
    {
        var rig = new Rig();
        rig.IntoFirstPulse(10);
        long first = rig.Tick;
        for (int k = 0; k < 30 && !rig.Controller.Diagnosis.HasLatchedFault(0); k++)
        {
            bool closed = rig.Step(k % 3 == 2 ? ChannelStatus.Valid : bad);
            if (k < 4)
            {
                Assert.True(closed, $"sample {k + 1}: the pulse should run on its setpoint while the row counts");
                Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0), $"latched at sample {k + 1}");
            }
        }

        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "a current channel bad two samples in three never latched");
        Assert.Equal(first + 5, rig.Tick);
        Assert.False(rig.Actions.SwitchClosed[0], "the switch must open in the latching tick");
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        TelemetryRecord fault = Assert.Single(rig.Faults);
        Assert.Equal((row, EventKind.ChannelFault, (first + 4) * 10, (long)value), (fault.Diagnosis, fault.EventKind, fault.TimestampMs, fault.Value));
    }

    // A temperature over its maximum safety limit (70.0 degC against 60.0) on two ticks of three, 25.0 degC between, from
    // the 11th tick of a pulse on: cellOvertemperature (debounce 3) counts 1, 2, 1, 2, 3 and isolates at the fifth, the
    // switch open in that tick. Its warning and derate levels heal (they count readings in a row, 1, 2, 0): no event
    // from them. Before, the cool reading reset the limit's count too, and the pack ran on at 70 degC two ticks in three.
    [Fact]
    public void ATemperatureOverItsLimitOnTwoTicksOfThreeIsIsolatedAtTheFifth()
    {
        var rig = new Rig();
        rig.IntoFirstPulse(10);
        long first = rig.Tick;
        for (int k = 0; k < 30 && !rig.Controller.Diagnosis.HasLatchedFault(0); k++)
        {
            bool closed = rig.Step(tempDeci: k % 3 == 2 ? 250 : 700);
            if (k < 4)
            {
                Assert.True(closed, $"tick {k + 1}: isolated before the debounce");
            }
        }

        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "70 degC on two ticks of three never latched");
        Assert.Equal(first + 5, rig.Tick);
        Assert.False(rig.Actions.SwitchClosed[0]);
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        TelemetryRecord fault = Assert.Single(rig.Faults);
        Assert.Equal((DiagnosisId.CellOvertemperature, EventKind.Overtemperature, (first + 4) * 10, 700L, 600L), (fault.Diagnosis, fault.EventKind, fault.TimestampMs, fault.Value, fault.Threshold));
        Assert.Equal(new[] { EventKind.Overtemperature }, rig.Events.Where(e => e != EventKind.Started).ToArray());
    }

    // A cell over its maximum safety limit (3400 mV against 3300) on two ticks of three at rest (a loose sense wire; under
    // a strip pulse the cut-off ends the run first). The default overvoltage row counts two readings, where the two rules
    // agree (the good tick only ever takes a count of 1 to 0): the second tick latches. A table that asks three readings
    // of it counts 1, 2, 1, 2, 3 and latches at the fifth; before, never. No pulse starts on the way.
    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 5)]
    public void ACellOverItsLimitOnTwoTicksOfThreeIsIsolated(int debounce, int latchingTick)
    {
        var configuration = new ControllerConfiguration();
        configuration.Diagnosis[DiagnosisId.CellOvervoltage].DebounceCount = debounce;
        var rig = new Rig(configuration);
        rig.IntoFirstPulse(10);
        while (rig.Step())
        {
        }

        for (int i = 0; i < 10; i++)
        {
            Assert.False(rig.Step());
        }

        long first = rig.Tick;
        for (int k = 0; k < 30 && !rig.Controller.Diagnosis.HasLatchedFault(0); k++)
        {
            Assert.False(rig.Step(cellMv: k % 3 == 2 ? 200 : 3400), $"tick {k + 1}: a pulse started");
        }

        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "3400 mV on two ticks of three never latched");
        Assert.Equal(first + latchingTick, rig.Tick);
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        TelemetryRecord fault = Assert.Single(rig.Faults);
        Assert.Equal((DiagnosisId.CellOvervoltage, (first + latchingTick - 1) * 10, 3400L, 3300L), (fault.Diagnosis, fault.TimestampMs, fault.Value, fault.Threshold));
    }

    /// <summary>Ticks at which the switch closed after being open, over 30 s, each tick's readings from <paramref name="readings"/>.</summary>
    private static List<long> PulseStarts(Rig rig, Func<long, (ChannelStatus Current, ChannelStatus Temperature)> readings)
    {
        var starts = new List<long>();
        bool wasClosed = false;
        for (int i = 0; i < 3000; i++)
        {
            long t = rig.Tick;
            (ChannelStatus current, ChannelStatus temperature) = readings(t);
            bool closed = rig.Step(current, temp: temperature);
            if (closed && !wasClosed)
            {
                starts.Add(t);
            }

            wasClosed = closed;
        }

        return starts;
    }

    // One bad sample in three drains as fast as it fills (1, 0, 0): no latch, no event, and the module pulses as often as
    // on clean readings; each bad sample at a rest's end delays that pulse by one tick at most.
    [Theory]
    [InlineData(ChannelStatus.Saturated)]
    [InlineData(ChannelStatus.Missing)]
    public void OneBadSampleInThreeNeverLatches(ChannelStatus bad)
    {
        List<long> clean = PulseStarts(new Rig(), _ => (ChannelStatus.Valid, ChannelStatus.Valid));
        var rig = new Rig();
        List<long> starts = PulseStarts(rig, t => (t % 3 == 0 ? bad : ChannelStatus.Valid, ChannelStatus.Valid));

        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Empty(rig.Faults);
        Assert.Equal(clean.Count, starts.Count);
        Assert.All(starts.Zip(clean), p => Assert.InRange(p.First - p.Second, 0, 1));
    }

    // A drained count holds a due pulse no longer than ModuleDutyCycle.MaximumHeldTicks. The pack-wide temperature sensor
    // reads nothing for nine readings (one short of its row's ten), the last of them eight ticks after the second pulse
    // was due: its count, 9, then drains one a valid reading and reaches 0 nine ticks later, 17 ticks after the pulse was
    // due. The pulse waits 12 ticks and starts; the row never latches.
    [Fact]
    public void ADrainingCountHoldsAPulseNoLongerThanTheBound()
    {
        List<long> clean = PulseStarts(new Rig(), _ => (ChannelStatus.Valid, ChannelStatus.Valid));
        long due = clean[1];
        var rig = new Rig();
        List<long> starts = PulseStarts(rig, t => (ChannelStatus.Valid, t >= due && t <= due + 8 ? ChannelStatus.Missing : ChannelStatus.Valid));

        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Empty(rig.Faults);
        Assert.Equal(clean[0], starts[0]);
        Assert.Equal(due + ModuleDutyCycle.MaximumHeldTicks, starts[1]);
    }

    // A channel bad every other sample after two bad ones keeps a leaky count of debounce 3 at 1 or 2 for ever (1, 2, 1,
    // 2, ...): it never latches, and its evidence never clears. Pulses are not held for ever: the first waits at most
    // MaximumHeldTicks, and the module pulses as often as on clean readings, less that wait.
    [Fact]
    public void AChannelBadEveryOtherSampleDoesNotHoldPulsesForEver()
    {
        List<long> clean = PulseStarts(new Rig(), _ => (ChannelStatus.Valid, ChannelStatus.Valid));
        var rig = new Rig();
        List<long> starts = PulseStarts(rig, t => (t < 2 || t % 2 == 1 ? ChannelStatus.Missing : ChannelStatus.Valid, ChannelStatus.Valid));

        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.True(rig.Controller.Diagnosis.HasFaultEvidence(0), "the count should still be above 0");
        Assert.Empty(rig.Faults);
        Assert.InRange(starts[0] - clean[0], 0, ModuleDutyCycle.MaximumHeldTicks);
        Assert.InRange(starts.Count, clean.Count - 1, clean.Count);
    }
}
