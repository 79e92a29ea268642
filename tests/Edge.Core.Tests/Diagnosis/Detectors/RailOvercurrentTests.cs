using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// A module current reading saturated at a rail says the current is at least the rail's calibrated value. At the rail
/// the current flows toward (the setpoint's sign; the stripping one through an open switch), at or past the overcurrent
/// limit, it is overcurrent evidence: moduleOvercurrent counts it with the rail as its reading and latches at its own
/// debounce (2), the switch open in that tick, with the event, in every mode. The opposite rail, or a rail inside the
/// limit, is only a channel fault: currentChannelSaturated latches at its third reading as before.
/// </summary>
public class RailOvercurrentTests
{
    // The rails of the DevKitC's module 0 current channel, its calibration's end segments extended
    // (boards/esp32-devkitc-4s2m.board): 4095 counts from 3968:3708 and 4089:3811, 3811 + 6 x 103 / 121 = 3816.1 -> 3816 uA;
    // 0 counts from 5:-2160 and 2876:2466, -2160 - 5 x 4626 / 2871 = -2168.1 -> -2168 uA.
    private const int HighRailUa = 3816;
    private const int LowRailUa = -2168;

    // The default limits on 0.3848 cm2: 5 mA/cm2 = 1925 uA for a pulse (the DevKitC's 2 mA is the looser), its warning
    // level 90 %, 1733 uA; 50 uA through an open switch; a plating pulse held to the shipped boards' 0.5 mA.
    private const int PulseLimitUa = 1925;
    private const int WarningUa = 1733;
    private const int OpenLimitUa = 50;
    private const int PlatingLimitUa = 500;

    // Default protocol: strip 385 uA for 1 s, rest 5 s: pulses at 0-1 s, 6-7 s, 12-13 s; 6.5 s is inside a pulse,
    // 7.5 s inside a rest.
    private static SyntheticPack Pack(long fromMs, int module, int railUa, ControllerConfiguration configuration = null)
    {
        var pack = new SyntheticPack(new PackLayout(2, 2, 0), configuration ?? new ControllerConfiguration(), c => SyntheticCells.Healthy(c));
        pack.BeforeTick = p =>
        {
            if (p.NowMs >= fromMs)
            {
                p.Frame.ModuleCurrentUa[module] = railUa;
                p.Frame.ModuleCurrentStatus[module] = ChannelStatus.Saturated;
            }
        };
        return pack;
    }

    private static ControllerConfiguration Plating(ControlMode mode = ControlMode.Act)
    {
        var configuration = new ControllerConfiguration { Mode = mode };
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, 154, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 5000) };
        configuration.Protection.ModuleMaximumPlatingCurrentUa = PlatingLimitUa;
        return configuration;
    }

    /// <summary>Runs until the first fault event; checks its tick, the switch open in it, the latch, and no channel fault before it.</summary>
    private static RecordCopy AssertOvercurrentLatchedAt(SyntheticPack pack, long expectedMs, int module, int limitUa)
    {
        pack.RunUntil(20000, p => p.Records.Any(r => r.Kind == TelemetryRecordKind.Event && r.Severity == Severity.Fault));
        RecordCopy fault = Assert.Single(pack.Records, r => r.Kind == TelemetryRecordKind.Event && r.Severity == Severity.Fault);
        Assert.Equal((EventKind.Overcurrent, DiagnosisId.ModuleOvercurrent, module), (fault.EventKind, fault.Diagnosis, fault.Module));
        Assert.Equal(expectedMs, fault.TimestampMs);
        Assert.Equal(limitUa, fault.Threshold);
        Assert.False(pack.Actions.SwitchClosed[module], "open in the confirming tick");
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(module));
        Assert.Equal((ModuleState.Hold, StopReason.Protection), (pack.Controller.Module(module).State, pack.Controller.Module(module).StopReason));

        // Latched: the reading recovers, the module stays open.
        pack.BeforeTick = null;
        pack.RunUntil(30000);
        Assert.False(pack.Actions.SwitchClosed[module]);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(module).State);
        return fault;
    }

    [Theory]
    [InlineData(ControlMode.Act)]
    [InlineData(ControlMode.Observe)]
    public void TheHighRailInAStripPulseBeyondTheLimitLatchesOvercurrentAtTheSecondReading(ControlMode mode)
    {
        // Saturated high from 6.50 s, inside module 0's second pulse: 3816 uA >= 1925 uA at 6.50 and 6.51 s, so the row
        // (debounce 2) latches at 6.51 s; the channel row would have at 6.52 s. Module 1 pulses on.
        SyntheticPack pack = Pack(6500, 0, HighRailUa, new ControllerConfiguration { Mode = mode });
        RecordCopy fault = AssertOvercurrentLatchedAt(pack, 6510, 0, PulseLimitUa);
        Assert.Equal(HighRailUa, fault.Value);
        Assert.True(pack.Controller.Module(1).PulseCount >= 5, "module 1 kept pulsing");

        // The warning level counted the same reading (its event in the ladder's order, before the fault).
        RecordCopy warning = pack.Events(EventKind.Overcurrent).First(e => e.Diagnosis == DiagnosisId.ModuleOvercurrentWarning);
        Assert.Equal((6510L, (long)HighRailUa, (long)WarningUa), (warning.TimestampMs, warning.Value, warning.Threshold));
    }

    [Fact]
    public void TheHighRailAtExactlyTheLimitIsEvidence()
    {
        // A pulse limit of 3816 uA, the rail itself: the current is at least the limit.
        var configuration = new ControllerConfiguration();
        configuration.Protection.ModuleMaximumCurrentUa = HighRailUa;
        RecordCopy fault = AssertOvercurrentLatchedAt(Pack(6500, 0, HighRailUa, configuration), 6510, 0, HighRailUa);
        Assert.Equal(HighRailUa, fault.Value);
    }

    [Fact]
    public void TheHighRailThroughAnOpenSwitchLatchesOvercurrentAtTheSecondReading()
    {
        // From 7.50 s, in module 0's rest: 3816 uA >= the 50 uA an open switch may carry; latched at 7.51 s, the next pulse
        // (12 s) never starts.
        SyntheticPack pack = Pack(7500, 0, HighRailUa);
        RecordCopy fault = AssertOvercurrentLatchedAt(pack, 7510, 0, OpenLimitUa);
        Assert.Equal(HighRailUa, fault.Value);
        Assert.Equal(2, pack.Controller.Module(0).PulseCount);
    }

    [Fact]
    public void TheLowRailInAPlatingPulseBeyondThePlatingLimitLatchesOvercurrentAtTheSecondReading()
    {
        // Plating pulses of 154 uA: the low rail, -2168 uA, is the current's direction and past the 500 uA plating limit.
        RecordCopy fault = AssertOvercurrentLatchedAt(Pack(6500, 1, LowRailUa, Plating()), 6510, 1, PlatingLimitUa);
        Assert.Equal(LowRailUa, fault.Value);
    }

    /// <summary>
    /// Runs to 20 s: the channel row latches at the third reading and no overcurrent level counts before it, nor after
    /// it: the switch is open then, and the high rail is past the 50 uA an open switch may carry, but a reading the
    /// channel's own fault pinned there is no current through the switch (no second fault naming an overcurrent).
    /// </summary>
    private static void AssertTheChannelRowLatchesFirst(SyntheticPack pack, long fromMs, int module)
    {
        pack.RunUntil(20000);
        List<RecordCopy> faults = pack.Records.Where(r => r.Kind == TelemetryRecordKind.Event && r.Severity == Severity.Fault).ToList();
        Assert.Equal((EventKind.ChannelFault, DiagnosisId.CurrentChannelSaturated, module, fromMs + 20), (faults[0].EventKind, faults[0].Diagnosis, faults[0].Module, faults[0].TimestampMs));
        Assert.Equal((ModuleState.Hold, StopReason.Plausibility), (pack.Controller.Module(module).State, pack.Controller.Module(module).StopReason));
        Assert.Single(faults);
        Assert.Empty(pack.Events(EventKind.Overcurrent));
    }

    [Fact]
    public void TheHighRailInsideTheLimitIsOnlyAChannelFault()
    {
        // A pulse limit of 3817 uA, one past the rail: the reading says nothing about overcurrent in the pulse.
        var configuration = new ControllerConfiguration();
        configuration.Protection.ModuleMaximumCurrentUa = HighRailUa + 1;
        AssertTheChannelRowLatchesFirst(Pack(6500, 0, HighRailUa, configuration), 6500, 0);
    }

    [Fact]
    public void TheLowRailInAStripPulseIsOnlyAChannelFault()
    {
        // -2168 uA is past the limit in size, but a strip pulse flows the other way.
        AssertTheChannelRowLatchesFirst(Pack(6500, 0, LowRailUa), 6500, 0);
    }

    [Fact]
    public void TheHighRailInAPlatingPulseIsOnlyAChannelFault()
    {
        AssertTheChannelRowLatchesFirst(Pack(6500, 1, HighRailUa, Plating()), 6500, 1);
    }

    [Fact]
    public void TheLowRailThroughAnOpenSwitchIsOnlyAChannelFault()
    {
        // Through an open switch only the stripping direction counts (the one every current stage drives).
        AssertTheChannelRowLatchesFirst(Pack(7500, 0, LowRailUa), 7500, 0);
    }
}
