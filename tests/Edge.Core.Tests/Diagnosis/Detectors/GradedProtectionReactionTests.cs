using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// The graded protection levels through the whole controller: a derate lowers the module's current by
/// <c>protection.derateCurrentPercent</c> (20 %) in act mode and only reports in observe mode; the safety limit
/// still isolates in the tick it confirms. Plating pulses of 154 uA (0.4 mA/cm2) for 1 s every 6 s, so that a cell
/// reading above 3000 mV is not the stripping cut-off; derated, 154 x 80 / 100 = 123 uA.
/// </summary>
public class GradedProtectionReactionTests
{
    private static ControllerConfiguration Plating(ControlMode mode)
    {
        var configuration = new ControllerConfiguration { Mode = mode };
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, 154, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 5000) };
        return configuration;
    }

    private static SyntheticPack Pack(ControllerConfiguration configuration, Action<SyntheticPack> inject, long fromMs, int temperatures = 0)
    {
        var pack = new SyntheticPack(new PackLayout(2, 2, temperatures), configuration, c => SyntheticCells.Healthy(c));
        pack.BeforeTick = p =>
        {
            for (int t = 0; t < temperatures; t++)
            {
                p.Frame.TemperatureStatus[t] = ChannelStatus.Valid;
                p.Frame.TemperatureDeciCelsius[t] = 250;
            }

            if (p.NowMs >= fromMs)
            {
                inject(p);
            }
        };
        return pack;
    }

    private static List<RecordCopy> ProtectionEvents(SyntheticPack pack) =>
        pack.Records.Where(r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.EventKind == EventKind.Overvoltage).ToList();

    [Fact]
    public void A_cell_rising_through_the_levels_is_warned_then_derated_then_isolated()
    {
        // From 6.0 s (the second pulse) cell 1 reads 2900 mV + 10 mV a tick: above 2970 first at 6080 ms, above 3135
        // at 6240, above 3300 at 6410; each level confirms on its second reading, one tick later.
        var pack = Pack(Plating(ControlMode.Act), p => p.Frame.CellVoltageMv[1] = 2900 + (int)(10 * ((p.NowMs - 6000) / 10)), 6000);

        pack.RunUntil(6240);
        Assert.Equal(-154, pack.Actions.CurrentSetpointUa[0]);
        pack.RunUntil(6250);
        Assert.Equal(-123, pack.Actions.CurrentSetpointUa[0]);
        Assert.Equal(-154, pack.Actions.CurrentSetpointUa[1]);
        Assert.Equal(80, pack.Controller.Module(0).CurrentPercent);
        Assert.Equal(ModuleState.Pulse, pack.Controller.Module(0).State);

        pack.RunUntil(6410);
        Assert.True(pack.Actions.SwitchClosed[0]);
        pack.RunUntil(6420);
        Assert.False(pack.Actions.SwitchClosed[0]);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.Equal(StopReason.Protection, pack.Controller.Module(0).StopReason);
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(0));
        Assert.True(pack.Actions.SwitchClosed[1]);

        Assert.Equal(
            new[] { (DiagnosisId.CellOvervoltageWarning, 6090L), (DiagnosisId.CellOvervoltageDerate, 6250L), (DiagnosisId.CellOvervoltage, 6420L) },
            ProtectionEvents(pack).Select(e => (e.Diagnosis, e.TimestampMs)).ToArray());
    }

    [Fact]
    public void In_observe_mode_the_derate_level_reports_and_the_current_stays()
    {
        var pack = Pack(Plating(ControlMode.Observe), p => p.Frame.CellVoltageMv[1] = 3200, 6500);
        pack.RunUntil(6600);

        var derate = Assert.Single(ProtectionEvents(pack), e => e.Diagnosis == DiagnosisId.CellOvervoltageDerate);
        Assert.Equal(6510, derate.TimestampMs);
        Assert.Equal(-154, pack.Actions.CurrentSetpointUa[0]);
        Assert.Equal(100, pack.Controller.Module(0).CurrentPercent);
        Assert.Equal(ModuleState.Pulse, pack.Controller.Module(0).State);
    }

    [Fact]
    public void In_observe_mode_the_safety_limit_still_isolates()
    {
        var pack = Pack(Plating(ControlMode.Observe), p => p.Frame.CellVoltageMv[1] = 3400, 6500);
        pack.RunUntil(6510);

        Assert.False(pack.Actions.SwitchClosed[0]);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(0));
    }

    [Fact]
    public void A_hot_pack_derates_every_module_by_its_current_not_its_pulse_length()
    {
        // Stripping at 385 uA (1 mA/cm2) with pulse tuning on: a depletion answer would shorten the pulse, a derate
        // must lower the current. 56.0 degC is above the derate level (55.0) and below the limit (60.0); it confirms
        // on its third reading (6520 ms), and both modules then run 385 x 80 / 100 = 308 uA.
        var configuration = new ControllerConfiguration();
        configuration.PulseTuning.Enabled = true;
        var pack = Pack(configuration, p => p.Frame.TemperatureDeciCelsius[0] = 560, 6500, temperatures: 1);

        pack.RunUntil(6510);
        Assert.Equal(385, pack.Actions.CurrentSetpointUa[0]);
        pack.RunUntil(6520);
        Assert.Equal(308, pack.Actions.CurrentSetpointUa[0]);
        Assert.Equal(308, pack.Actions.CurrentSetpointUa[1]);
        Assert.Equal(100, pack.Controller.Module(0).PulsePercent);

        // The next pulse (12 s) starts at the derated current, and nothing was isolated.
        pack.RunUntil(12050);
        Assert.Equal(308, pack.Actions.CurrentSetpointUa[0]);
        Assert.Equal(ModuleState.Pulse, pack.Controller.Module(1).State);
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(0));
    }
}
