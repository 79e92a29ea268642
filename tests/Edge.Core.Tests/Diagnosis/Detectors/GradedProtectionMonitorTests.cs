using Edge.Core.Configuration;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// <see cref="ProtectionMonitor"/>'s graded levels on hand-filled snapshots, against the default limits and their
/// levels computed by hand: cells warn above 2970 mV (90 % of 3300), derate above 3135 (95 %), isolate above 3300;
/// below 0 mirrored; pulse current 1733 / 1829 / 1925 uA; temperature 50.0 / 55.0 / 60.0 degC. The default table sets
/// voltage and current levels on the 2nd NotOk tick and clears them after 50 Ok ticks; temperature levels after 3 and 100.
/// </summary>
public class GradedProtectionMonitorTests
{
    private static void Tick(SnapshotRig rig, ProtectionMonitor monitor, long nowMs, Action<SnapshotRig> set)
    {
        rig.Begin(nowMs);
        set(rig);
        monitor.Evaluate(rig.Frame, rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    private static (SnapshotRig Rig, ProtectionMonitor Monitor) Make(ControlMode mode = ControlMode.Act, int modules = 1)
    {
        var configuration = new ControllerConfiguration { Mode = mode };
        var rig = new SnapshotRig(new PackLayout(modules, 2, 1), configuration);
        for (int m = 0; m < modules; m++)
        {
            rig.SetCurrent(m, ModulePhase.Open, 0);
            rig.SetCells(m, 100, 100);
        }

        return (rig, new ProtectionMonitor(rig.Configuration.Protection, rig.Layout));
    }

    [Fact]
    public void The_warning_level_sets_on_its_second_reading_above_and_asks_for_nothing()
    {
        var (rig, monitor) = Make();

        // 2970 mV is the level itself: inside.
        Tick(rig, monitor, 0, r => r.SetCells(0, 100, 2970));
        Tick(rig, monitor, 10, r => r.SetCells(0, 100, 2970));
        Tick(rig, monitor, 20, r => r.SetCells(0, 100, 2971));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageWarning, 1));
        Tick(rig, monitor, 30, r => r.SetCells(0, 100, 2971));

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageWarning, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageDerate, 1));
        Assert.False(rig.Diagnosis.Requests.Derate[0] || rig.Diagnosis.Requests.ReduceCurrent[0] || rig.Diagnosis.Requests.Isolate[0]);
        var raised = Assert.Single(rig.Raised(DiagnosisId.CellOvervoltageWarning));
        Assert.Equal((30L, 1, 2971, 2970, Severity.Warning, EventKind.Overvoltage), (raised.TimestampMs, raised.Cell, raised.Value, raised.Threshold, raised.Severity, raised.EventKind));
    }

    [Fact]
    public void The_derate_level_asks_for_a_derate_not_for_a_depletion_reduction_nor_an_isolation()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, r => r.SetCells(0, 3136, 100));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageDerate, 0));
        Tick(rig, monitor, 10, r => r.SetCells(0, 3136, 100));

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageDerate, 0));
        Assert.True(rig.Diagnosis.Requests.Derate[0]);
        Assert.False(rig.Diagnosis.Requests.ReduceCurrent[0]);
        Assert.False(rig.Diagnosis.Requests.Isolate[0]);
        Assert.False(rig.Diagnosis.HasLatchedFault(0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.CellOvervoltageDerate));
        Assert.Equal((3136, 3135, Severity.Warning), (raised.Value, raised.Threshold, raised.Severity));

        // Asked once per activation: the next tick above the level asks for nothing more.
        Tick(rig, monitor, 20, r => r.SetCells(0, 3136, 100));
        Assert.False(rig.Diagnosis.Requests.Derate[0]);
    }

    [Fact]
    public void A_level_clears_after_fifty_readings_inside_and_not_before()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, r => r.SetCells(0, 3136, 100));
        Tick(rig, monitor, 10, r => r.SetCells(0, 3136, 100));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageDerate, 0));

        long now = 20;
        for (int i = 1; i <= 49; i++, now += 10)
        {
            Tick(rig, monitor, now, r => r.SetCells(0, 100, 100));
        }

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageDerate, 0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageWarning, 0));

        Tick(rig, monitor, now, r => r.SetCells(0, 100, 100));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageDerate, 0));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageWarning, 0));
        Assert.True(rig.Diagnosis.IsQuiet(DiagnosisId.CellOvervoltageDerate));

        // Cleared, it sets again on new evidence, after its two readings, and asks for another derate.
        Tick(rig, monitor, now + 10, r => r.SetCells(0, 3136, 100));
        Tick(rig, monitor, now + 20, r => r.SetCells(0, 3136, 100));
        Assert.True(rig.Diagnosis.Requests.Derate[0]);
        Assert.Equal(2, rig.Raised(DiagnosisId.CellOvervoltageDerate).Count);
    }

    [Fact]
    public void A_rising_cell_warns_then_derates_then_isolates()
    {
        // 2900 mV + 10 mV a tick: above 2970 first at tick 8 (2980), above 3135 at tick 24 (3140), above 3300 at
        // tick 41 (3310); each level sets on its second reading above, one tick later.
        var (rig, monitor) = Make();
        for (int k = 0; k <= 42; k++)
        {
            int v = 2900 + (10 * k);
            Tick(rig, monitor, k * 10, r => r.SetCells(0, 100, v));
        }

        var events = rig.Records.Where(r => r.Kind == TelemetryRecordKind.Event).ToList();
        Assert.Equal(
            new[] { (DiagnosisId.CellOvervoltageWarning, 90L), (DiagnosisId.CellOvervoltageDerate, 250L), (DiagnosisId.CellOvervoltage, 420L) },
            events.Select(e => (e.Diagnosis, e.TimestampMs)).ToArray());
        Assert.True(rig.Diagnosis.Requests.Isolate[0]);
    }

    [Fact]
    public void A_jump_past_every_level_reports_them_in_the_ladders_order_in_one_tick()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, r => r.SetCells(0, 100, 3400));
        Tick(rig, monitor, 10, r => r.SetCells(0, 100, 3400));

        Assert.Equal(
            new[] { DiagnosisId.CellOvervoltageWarning, DiagnosisId.CellOvervoltageDerate, DiagnosisId.CellOvervoltage },
            rig.Records.Where(r => r.Kind == TelemetryRecordKind.Event).Select(e => e.Diagnosis).ToArray());
    }

    [Fact]
    public void In_observe_mode_the_derate_level_reports_without_asking_while_the_safety_limit_still_isolates()
    {
        var (rig, monitor) = Make(ControlMode.Observe);
        Tick(rig, monitor, 0, r => r.SetCells(0, 3136, 100));
        Tick(rig, monitor, 10, r => r.SetCells(0, 3136, 100));
        Assert.Single(rig.Raised(DiagnosisId.CellOvervoltageDerate));
        Assert.False(rig.Diagnosis.Requests.Derate[0]);

        Tick(rig, monitor, 20, r => r.SetCells(0, 3301, 100));
        Tick(rig, monitor, 30, r => r.SetCells(0, 3301, 100));
        Assert.True(rig.Diagnosis.Requests.Isolate[0]);
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
    }

    [Fact]
    public void Below_zero_the_levels_mirror()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, r => r.SetCells(0, -3135, -2971));
        Tick(rig, monitor, 10, r => r.SetCells(0, -3135, -2971));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellUndervoltageWarning, 0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellUndervoltageWarning, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellUndervoltageDerate, 0));

        Tick(rig, monitor, 20, r => r.SetCells(0, -3136, -2971));
        Tick(rig, monitor, 30, r => r.SetCells(0, -3136, -2971));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellUndervoltageDerate, 0));
        Assert.True(rig.Diagnosis.Requests.Derate[0]);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellUndervoltage, 0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.CellUndervoltageDerate));
        Assert.Equal((-3136, -3135), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void Pulse_current_is_graded_in_either_direction_and_current_through_an_open_switch_is_not()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, r => r.SetCurrent(0, ModulePhase.Current, -1734));
        Tick(rig, monitor, 10, r => r.SetCurrent(0, ModulePhase.Current, -1734));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrentWarning, 0));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrentDerate, 0));

        Tick(rig, monitor, 20, r => r.SetCurrent(0, ModulePhase.Current, 1830));
        Tick(rig, monitor, 30, r => r.SetCurrent(0, ModulePhase.Current, 1830));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrentDerate, 0));
        Assert.True(rig.Diagnosis.Requests.Derate[0]);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrent, 0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.ModuleOvercurrentDerate));
        Assert.Equal((1830, 1829), (raised.Value, raised.Threshold));

        // The same current through an open switch: straight to the envelope's open-switch limit (50 uA).
        var (open, openMonitor) = Make();
        Tick(open, openMonitor, 0, r => r.SetCurrent(0, ModulePhase.Open, 1830));
        Tick(open, openMonitor, 10, r => r.SetCurrent(0, ModulePhase.Open, 1830));
        Assert.True(open.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrent, 0));
        Assert.Empty(open.Raised(DiagnosisId.ModuleOvercurrentWarning));
        Assert.Empty(open.Raised(DiagnosisId.ModuleOvercurrentDerate));
    }

    [Fact]
    public void Temperature_above_its_derate_level_derates_every_module_after_three_readings()
    {
        var (rig, monitor) = Make(modules: 2);
        rig.Frame.TemperatureStatus[0] = ChannelStatus.Valid;
        Tick(rig, monitor, 0, r => r.Frame.TemperatureDeciCelsius[0] = 551);
        Tick(rig, monitor, 10, r => r.Frame.TemperatureDeciCelsius[0] = 551);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvertemperatureDerate, 0));
        Tick(rig, monitor, 20, r => r.Frame.TemperatureDeciCelsius[0] = 551);

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvertemperatureWarning, 0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvertemperatureDerate, 0));
        Assert.True(rig.Diagnosis.Requests.Derate[0]);
        Assert.True(rig.Diagnosis.Requests.Derate[1]);
        Assert.False(rig.Diagnosis.Requests.Isolate[0]);
        var raised = Assert.Single(rig.Raised(DiagnosisId.CellOvertemperatureDerate));
        Assert.Equal((551, 550), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void Temperature_levels_clear_after_a_hundred_readings_inside()
    {
        var (rig, monitor) = Make();
        rig.Frame.TemperatureStatus[0] = ChannelStatus.Valid;
        for (int i = 0; i < 3; i++)
        {
            Tick(rig, monitor, i * 10, r => r.Frame.TemperatureDeciCelsius[0] = 501);
        }

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvertemperatureWarning, 0));
        for (int i = 0; i < 99; i++)
        {
            Tick(rig, monitor, 30 + (i * 10), r => r.Frame.TemperatureDeciCelsius[0] = 250);
        }

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvertemperatureWarning, 0));
        Tick(rig, monitor, 1020, r => r.Frame.TemperatureDeciCelsius[0] = 250);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvertemperatureWarning, 0));
    }

    [Fact]
    public void Levels_follow_a_limit_changed_after_construction()
    {
        // A board lowers the cell limit to 3000 mV: the warning level is then 2700 mV, the derate level 2850 mV.
        var (rig, monitor) = Make();
        rig.Configuration.Protection.CellMaximumMv = 3000;
        Tick(rig, monitor, 0, r => r.SetCells(0, 2851, 100));
        Tick(rig, monitor, 10, r => r.SetCells(0, 2851, 100));

        Assert.Equal(2700, Assert.Single(rig.Raised(DiagnosisId.CellOvervoltageWarning)).Threshold);
        Assert.Equal(2850, Assert.Single(rig.Raised(DiagnosisId.CellOvervoltageDerate)).Threshold);
    }
}
