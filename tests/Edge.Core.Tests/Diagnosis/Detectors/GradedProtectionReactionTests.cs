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

    private static List<RecordCopy> Lifts(SyntheticPack pack) =>
        pack.Records.Where(r => r.Kind == TelemetryRecordKind.Event && r.EventKind == EventKind.DerateLifted).ToList();

    [Fact]
    public void A_derate_is_lifted_once_the_module_stayed_inside_its_operating_limits_for_the_recovery_time()
    {
        // Cell 1 reads 3200 mV (above the derate level 3135) from 6500 to 6590 ms: warning and derate set at 6510. From
        // 6600 it is back at the healthy model's few mV; the 50th reading inside (7090 ms) clears both levels, and that
        // tick is the first of the 60 s (6000 ticks) the module must stay clear: restored at 7090 + 5990 x 10 = 67080 ms.
        var pack = Pack(Plating(ControlMode.Act), p => p.Frame.CellVoltageMv[1] = p.NowMs < 6600 ? 3200 : p.Frame.CellVoltageMv[1], 6500);

        pack.RunUntil(6600);
        Assert.Equal(80, pack.Controller.Module(0).CurrentPercent);
        Assert.Equal(1, pack.Controller.Module(0).DerateSteps);

        pack.RunUntil(66050);
        Assert.Equal(-123, pack.Actions.CurrentSetpointUa[0]);
        pack.RunUntil(67070);
        Assert.Equal(80, pack.Controller.Module(0).CurrentPercent);
        Assert.Empty(Lifts(pack));

        pack.RunUntil(67080);
        Assert.Equal(100, pack.Controller.Module(0).CurrentPercent);
        var lift = Assert.Single(Lifts(pack));
        Assert.Equal((67080L, 0, -1, 100, 80), (lift.TimestampMs, lift.Module, lift.Cell, lift.Value, lift.Threshold));

        // The next pulse (72 s) runs at the protocol's current again; the other module was never derated.
        pack.RunUntil(72050);
        Assert.Equal(-154, pack.Actions.CurrentSetpointUa[0]);
        Assert.Equal(100, pack.Controller.Module(1).CurrentPercent);
    }

    [Fact]
    public void A_module_whose_pulses_still_reach_the_warning_level_stays_derated_until_they_no_longer_do()
    {
        // After the derate (6510 ms), cell 1 reads 3000 mV (between the warning level 2970 and the derate level 3135) in
        // every pulse up to the one at 198 s: the warning sets in each, so the 60 s never run out. The last such reading
        // is at 198990 ms, the warning clears on the 50th reading inside (199490), and the lift comes 5990 ticks later.
        static void Inject(SyntheticPack p)
        {
            bool inPulse = p.NowMs % 6000 < 1000;
            if (p.NowMs < 6600)
            {
                p.Frame.CellVoltageMv[1] = 3200;
            }
            else if (p.NowMs < 199000 && inPulse)
            {
                p.Frame.CellVoltageMv[1] = 3000;
            }
        }

        // The per-pulse depletion trend would read the end of the injected pulses as a change of overpotential and
        // lower the current for its own reason; it is not what this test is about.
        ControllerConfiguration configuration = Plating(ControlMode.Act);
        configuration.Diagnosis[DiagnosisId.DepletionTrendInfo].Enabled = false;
        configuration.Diagnosis[DiagnosisId.DepletionTrendWarning].Enabled = false;
        configuration.Diagnosis[DiagnosisId.DepletionTrendFault].Enabled = false;
        var pack = Pack(configuration, Inject, 6500);

        pack.RunUntil(199480);
        Assert.Equal(80, pack.Controller.Module(0).CurrentPercent);
        Assert.Empty(Lifts(pack));
        Assert.DoesNotContain(ProtectionEvents(pack), e => e.Diagnosis == DiagnosisId.CellOvervoltageDerate && e.TimestampMs > 6510);

        pack.RunUntil(259470);
        Assert.Equal(80, pack.Controller.Module(0).CurrentPercent);
        pack.RunUntil(259480);
        Assert.Equal(100, pack.Controller.Module(0).CurrentPercent);
        Assert.Equal(259480, Assert.Single(Lifts(pack)).TimestampMs);
    }

    [Fact]
    public void A_module_that_overshoots_after_each_lift_waits_twice_as_long_for_the_next()
    {
        // From 100 ms into a pulse (the pulse edge stays clean for the edge-resistance tests), cell 1 reads 3200 mV (above
        // the derate level) in every tick that follows one at the full 154 uA, and its healthy few mV at the derated
        // 123 uA. First derate at 6110 ms (second reading); inside from 6120, clear on the 50th reading (6610); lifted
        // after 60 s at 6610 + 5999 x 10 = 66600, in the pulse at 66 s. The full current overshoots at once: derated at
        // 66620, 20 ms after the lift, so the next wait is 120 s: clear at 67120, lifted at 187110 (a rest). The pulse at
        // 192 s is derated at 192110, 5 s after that lift: 240 s, clear at 192610, lifted at 432600, derated at 432620.
        // (The per-pulse depletion trend would read the injected pulses as a change of overpotential; not this test's matter.)
        ControllerConfiguration configuration = Plating(ControlMode.Act);
        configuration.Diagnosis[DiagnosisId.DepletionTrendInfo].Enabled = false;
        configuration.Diagnosis[DiagnosisId.DepletionTrendWarning].Enabled = false;
        configuration.Diagnosis[DiagnosisId.DepletionTrendFault].Enabled = false;
        var pack = Pack(configuration, p => p.Frame.CellVoltageMv[1] = p.Actions.CurrentSetpointUa[0] <= -150 && p.NowMs % 6000 >= 100 ? 3200 : p.Frame.CellVoltageMv[1], 6000);

        pack.RunUntil(440000);

        Assert.Equal(
            new[] { 6110L, 66620L, 192110L, 432620L },
            ProtectionEvents(pack).Where(e => e.Diagnosis == DiagnosisId.CellOvervoltageDerate).Select(e => e.TimestampMs).ToArray());
        Assert.Equal(new[] { 66600L, 187110L, 432600L }, Lifts(pack).Select(e => e.TimestampMs).ToArray());
    }

    [Fact]
    public void With_no_recovery_time_a_derate_holds_for_the_rest_of_the_run()
    {
        ControllerConfiguration configuration = Plating(ControlMode.Act);
        configuration.Protection.DerateRecoveryMs = 0;
        var pack = Pack(configuration, p => p.Frame.CellVoltageMv[1] = p.NowMs < 6600 ? 3200 : p.Frame.CellVoltageMv[1], 6500);

        pack.RunUntil(200000);
        Assert.Equal(80, pack.Controller.Module(0).CurrentPercent);
        Assert.Empty(Lifts(pack));
    }

    [Fact]
    public void A_hot_pack_gets_its_current_back_one_step_at_a_time_after_it_cooled()
    {
        // 56.0 degC (above the derate level 55.0) from 6500 to 6590 ms, then 57.0 from 30 000 to 30 090: two derates of
        // both modules, 100 -> 80 -> 64 %. From 30 100 ms at 25.0 degC the temperature levels clear on their 100th reading
        // inside (31 090 ms); one step comes back 60 s later (91 080 ms: 64 -> 80 %), the other 60 s after that
        // (151 080 ms: 80 -> 100 %).
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act };
        var pack = Pack(
            configuration,
            p =>
            {
                if (p.NowMs < 6600)
                {
                    p.Frame.TemperatureDeciCelsius[0] = 560;
                }
                else if (p.NowMs >= 30000 && p.NowMs < 30100)
                {
                    p.Frame.TemperatureDeciCelsius[0] = 570;
                }
            },
            6500,
            temperatures: 1);

        pack.RunUntil(30100);
        Assert.Equal(64, pack.Controller.Module(0).CurrentPercent);
        Assert.Equal(2, pack.Controller.Module(1).DerateSteps);

        pack.RunUntil(91070);
        Assert.Equal(64, pack.Controller.Module(1).CurrentPercent);
        pack.RunUntil(91080);
        Assert.Equal(80, pack.Controller.Module(0).CurrentPercent);
        Assert.Equal(80, pack.Controller.Module(1).CurrentPercent);

        pack.RunUntil(151080);
        Assert.Equal(100, pack.Controller.Module(0).CurrentPercent);
        var lifts = Lifts(pack);
        Assert.Equal(
            new[] { (91080L, 0, 80L, 64L), (91080L, 1, 80L, 64L), (151080L, 0, 100L, 80L), (151080L, 1, 100L, 80L) },
            lifts.Select(e => (e.TimestampMs, e.Module, e.Value, e.Threshold)).ToArray());

        // Stripping 385 uA at the protocol's current again.
        pack.RunUntil(156050);
        Assert.Equal(385, pack.Actions.CurrentSetpointUa[0]);
    }

    [Fact]
    public void A_sensor_on_a_module_derates_and_isolates_that_module_alone()
    {
        // Sensor 0 sits on module 1. 56.0 degC from 6500 ms: the derate confirms on its third reading (6520), for module
        // 1 only (385 x 80 / 100 = 308 uA). 61.0 degC from 8000 ms: above the 60.0 limit, confirmed at 8020, module 1
        // is isolated and latched while module 0 keeps pulsing at the protocol's current.
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act };
        configuration.Protection.TemperatureSensorModules = new[] { 1 };
        var pack = Pack(configuration, p => p.Frame.TemperatureDeciCelsius[0] = p.NowMs < 8000 ? 560 : 610, 6500, temperatures: 1);

        pack.RunUntil(6520);
        Assert.Equal((385, 308), (pack.Actions.CurrentSetpointUa[0], pack.Actions.CurrentSetpointUa[1]));
        Assert.Equal((100, 80), (pack.Controller.Module(0).CurrentPercent, pack.Controller.Module(1).CurrentPercent));

        pack.RunUntil(8020);
        Assert.False(pack.Actions.SwitchClosed[1]);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(1).State);
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(1));
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(0));

        pack.RunUntil(12050);
        Assert.Equal(385, pack.Actions.CurrentSetpointUa[0]);
        Assert.Equal(ModuleState.Pulse, pack.Controller.Module(0).State);

        // Every over-temperature event names the module its sensor sits on.
        var events = pack.Records.Where(r => r.Kind == TelemetryRecordKind.Event && r.EventKind == EventKind.Overtemperature).ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal((1, -1), (e.Module, e.Cell)));
    }

    [Fact]
    public void A_pack_wide_sensor_still_acts_on_every_module()
    {
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act };
        configuration.Protection.TemperatureSensorModules = new[] { -1 };
        var pack = Pack(configuration, p => p.Frame.TemperatureDeciCelsius[0] = 610, 6500, temperatures: 1);

        pack.RunUntil(6520);
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(0));
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(1));
        Assert.False(pack.Actions.SwitchClosed[0] || pack.Actions.SwitchClosed[1]);
    }
}
