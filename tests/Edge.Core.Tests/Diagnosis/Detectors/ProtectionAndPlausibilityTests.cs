using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Safety rule 4: every protection and plausibility fault ends with the affected switches open within
/// one tick of confirmation (the tick the event is written in), latched, with an event; debounced as the
/// diagnosis table says.
/// </summary>
public class ProtectionAndPlausibilityTests
{
    // Default protocol: pulses 0-1 s, 6-7 s, 12-13 s ...; a fault injected from 6.5 s hits a running pulse.
    private const long FaultFromMs = 6500;

    private static SyntheticPack Pack(Action<SyntheticPack> inject, ControllerConfiguration configuration = null)
    {
        var pack = new SyntheticPack(new PackLayout(2, 2, 0), configuration ?? new ControllerConfiguration(), c => SyntheticCells.Healthy(c));
        pack.BeforeTick = p =>
        {
            if (p.NowMs >= FaultFromMs)
            {
                inject(p);
            }
        };
        return pack;
    }

    /// <summary>Runs to the confirmation and checks open-in-that-tick, latch, later ticks open, event.</summary>
    private static RecordCopy AssertIsolatedOnConfirmation(SyntheticPack pack, EventKind kind, int debounceTicks, int[] isolated, int[] running)
    {
        // The graded protection levels (warning, derate) write events of the same kind with severity warning;
        // the safety limit's is the fault.
        pack.RunUntil(20000, p => p.Events(kind).Any(e => e.Severity == Severity.Fault));
        var fault = pack.Events(kind).First(e => e.Severity == Severity.Fault);
        Assert.Equal(FaultFromMs + ((debounceTicks - 1) * 10), fault.TimestampMs);
        Assert.Equal(fault.TimestampMs, pack.NowMs);
        foreach (int m in isolated)
        {
            Assert.False(pack.Actions.SwitchClosed[m], $"module {m} open in the confirming tick");
            Assert.Equal(ModuleState.Hold, pack.Controller.Module(m).State);
            Assert.True(pack.Controller.Diagnosis.HasLatchedFault(m));
        }

        foreach (int m in running)
        {
            Assert.True(pack.Actions.SwitchClosed[m], $"module {m} keeps its pulse");
        }

        // Latched: the fault condition goes away, the modules stay open.
        pack.BeforeTick = null;
        for (int i = 0; i < 1500; i++)
        {
            pack.Step();
            foreach (int m in isolated)
            {
                Assert.False(pack.Actions.SwitchClosed[m]);
            }
        }

        return fault;
    }

    [Fact]
    public void OvervoltageDuringAPlatingPulseIsolatesAfterTwoSamples()
    {
        // Plating pulses, so the strip cut-off does not end the pulse first: a cell reading 3400 mV (> 3300) is a fault.
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, 154, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 5000) };
        var pack = Pack(p => p.Frame.CellVoltageMv[1] = 3400, configuration);
        var fault = AssertIsolatedOnConfirmation(pack, EventKind.Overvoltage, 2, new[] { 0 }, new[] { 1 });
        Assert.Equal(1, fault.Cell);
        Assert.Equal(3400, fault.Value);
        Assert.Equal(3300, fault.Threshold);
    }

    [Fact]
    public void UndervoltageDuringAStrippingPulseIsolatesAfterTwoSamples()
    {
        var pack = Pack(p => p.Frame.CellVoltageMv[2] = -3400);
        var fault = AssertIsolatedOnConfirmation(pack, EventKind.Undervoltage, 2, new[] { 1 }, new[] { 0 });
        Assert.Equal(2, fault.Cell);
    }

    [Fact]
    public void OvercurrentIsolatesAfterTwoSamples()
    {
        var pack = Pack(p => p.Frame.ModuleCurrentUa[0] = 2500);
        var fault = AssertIsolatedOnConfirmation(pack, EventKind.Overcurrent, 2, new[] { 0 }, new[] { 1 });
        Assert.Equal(0, fault.Module);
        Assert.Equal(1925, fault.Threshold);
    }

    [Fact]
    public void CurrentThroughAnOpenSwitchIsolates()
    {
        // From 7.5 s the switch is open (rest) but 200 uA flows: a welded switch. Limit 50 uA.
        var pack = new SyntheticPack(new PackLayout(2, 2, 0), new ControllerConfiguration(), c => SyntheticCells.Healthy(c));
        pack.BeforeTick = p =>
        {
            if (p.NowMs >= 7500)
            {
                p.Frame.ModuleCurrentUa[1] = 200;
            }
        };
        pack.RunUntil(20000, p => p.Events(EventKind.Overcurrent).Any());
        var fault = Assert.Single(pack.Events(EventKind.Overcurrent));
        Assert.Equal(1, fault.Module);
        Assert.Equal(50, fault.Threshold);
        Assert.Equal(7510, fault.TimestampMs);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(1).State);
        pack.RunUntil(30000);
        Assert.False(pack.Actions.SwitchClosed[1]);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(1).State);
        Assert.Equal(5, pack.Controller.Module(0).PulseCount);
    }

    [Theory]
    [InlineData(ChannelStatus.Saturated)]
    [InlineData(ChannelStatus.Implausible)]
    [InlineData(ChannelStatus.Missing)]
    public void InvalidCellChannelIsolatesAfterThreeSamples(ChannelStatus status)
    {
        var pack = Pack(p => p.Frame.CellVoltageStatus[3] = status);
        var fault = AssertIsolatedOnConfirmation(pack, EventKind.ChannelFault, 3, new[] { 1 }, new[] { 0 });
        Assert.Equal(3, fault.Cell);
        Assert.Equal(status == ChannelStatus.Saturated ? DiagnosisId.CellChannelSaturated : DiagnosisId.CellChannelInvalid, fault.Diagnosis);
    }

    [Theory]
    [InlineData(ChannelStatus.Saturated)]
    [InlineData(ChannelStatus.Missing)]
    public void InvalidCurrentChannelIsolatesAfterThreeSamples(ChannelStatus status)
    {
        var pack = Pack(p => p.Frame.ModuleCurrentStatus[0] = status);
        var fault = AssertIsolatedOnConfirmation(pack, EventKind.ChannelFault, 3, new[] { 0 }, new[] { 1 });
        Assert.Equal(0, fault.Module);
    }

    [Fact]
    public void TwoInvalidSamplesInARowAreDebouncedAway()
    {
        // Every third sample is saturated: never three in a row.
        var pack = Pack(p =>
        {
            if (p.TickCount % 3 == 0)
            {
                p.Frame.CellVoltageStatus[0] = ChannelStatus.Saturated;
                p.Frame.ModuleCurrentStatus[1] = ChannelStatus.Missing;
            }
        });
        pack.RunUntil(60000);
        Assert.DoesNotContain(pack.Events(EventKind.ChannelFault), e => e.Severity == Severity.Fault);
        Assert.Equal(10, pack.Controller.Module(0).PulseCount);

        // A third of each channel's readings bad (33 or 34 of a window of 100, at least the 20 of 20 %) is no fault but
        // is warned once each, the cell's and the current's, and stays warned: no recovery.
        Assert.Equal(
            new[] { (DiagnosisId.CellChannelIntermittent, 0, 0), (DiagnosisId.CurrentChannelIntermittent, 1, -1) },
            pack.Events(EventKind.ChannelFault).Select(e => (e.Diagnosis, e.Module, e.Cell)).OrderBy(e => e.Diagnosis).ToArray());
        Assert.All(pack.Events(EventKind.ChannelFault), e => Assert.Equal((Severity.Warning, 20L), (e.Severity, e.Threshold)));
        Assert.All(pack.Events(EventKind.ChannelFault), e => Assert.InRange(e.Value, 33, 34));
        Assert.Empty(pack.Events(EventKind.ChannelRecovered));
    }

    [Fact]
    public void StuckCellReadingIsolatesOnTheThirdEdgeWithoutResponse()
    {
        // Cell 1 reads a constant 40 mV from 3 s on: no step at the edges of pulse 2 (6 s, 7 s) and 3 (12 s).
        // Expected step 385 uA * 390 ohm = 150 mV >> 4 x 2 mV, so the test applies.
        var pack = new SyntheticPack(new PackLayout(2, 2, 0), new ControllerConfiguration(), c => SyntheticCells.Healthy(c));
        pack.BeforeTick = p =>
        {
            if (p.NowMs >= 3000)
            {
                p.Frame.CellVoltageMv[1] = 40;
            }
        };
        pack.RunUntil(20000, p => p.Events(EventKind.ChannelFault).Any());
        var fault = Assert.Single(pack.Events(EventKind.ChannelFault));
        Assert.Equal(DiagnosisId.CellChannelStuck, fault.Diagnosis);
        Assert.Equal(1, fault.Cell);

        // Edges are seen one sample after the switch changes: 6.01 s, 7.01 s, 12.01 s.
        Assert.Equal(12010, fault.TimestampMs);
        Assert.False(pack.Actions.SwitchClosed[0]);
        Assert.True(pack.Actions.SwitchClosed[1]);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
    }

    [Theory]
    [InlineData(100, 10)] // a 100 ms gap: 10 periods, the missed limit
    [InlineData(10, 11)]  // the timestamp looks fine but 10 tick indices are missing
    public void MissedTickIsolatesEveryModuleInTheTickAfterTheGap(int gapMs, int indexJump)
    {
        var pack = new SyntheticPack(new PackLayout(2, 2, 0), new ControllerConfiguration(), c => SyntheticCells.Healthy(c));
        pack.RunUntil(6500);
        Assert.True(pack.Actions.SwitchClosed[0] && pack.Actions.SwitchClosed[1]);
        long index = pack.TickCount - 1 + indexJump;
        pack.StepAt(pack.NowMs + gapMs, index);
        Assert.False(pack.Actions.SwitchClosed[0]);
        Assert.False(pack.Actions.SwitchClosed[1]);
        var fault = Assert.Single(pack.Events(EventKind.TickTiming));
        Assert.Equal(DiagnosisId.TickMissed, fault.Diagnosis);
        Assert.Equal(Severity.Fault, fault.Severity);
        for (int i = 0; i < 1000; i++)
        {
            pack.Step();
            Assert.False(pack.Actions.SwitchClosed[0] || pack.Actions.SwitchClosed[1]);
        }

        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(1).State);
    }

    [Fact]
    public void LateTickOnlyReports()
    {
        // 40 ms: late (> 150 % of the period) but not missed (< 5 periods).
        var pack = new SyntheticPack(new PackLayout(1, 1, 0), new ControllerConfiguration(), c => SyntheticCells.Healthy(c));
        pack.RunUntil(6500);
        pack.StepAt(pack.NowMs + 40, pack.TickCount);
        var late = Assert.Single(pack.Events(EventKind.TickTiming));
        Assert.Equal(DiagnosisId.TickLate, late.Diagnosis);
        Assert.True(pack.Actions.SwitchClosed[0]);
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(0));
    }
}
