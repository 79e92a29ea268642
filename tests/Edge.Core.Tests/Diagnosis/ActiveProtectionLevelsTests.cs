using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis;

/// <summary>
/// The diagnosis' count of active warning and derate levels per module, driven through the real
/// <see cref="ProtectionMonitor"/> on hand-filled snapshots of two modules of two cells and one temperature sensor.
/// Default levels: cells warn above 2970 mV and derate above 3135; voltage levels set on their 2nd reading and clear
/// after 50 readings inside; temperature warns above 50.0 degC, sets on its 3rd reading and clears after 100.
/// </summary>
public class ActiveProtectionLevelsTests
{
    private static (SnapshotRig Rig, ProtectionMonitor Monitor) Make(int[] temperatureSensorModules = null)
    {
        var configuration = new ControllerConfiguration();
        configuration.Protection.TemperatureSensorModules = temperatureSensorModules;
        var rig = new SnapshotRig(new PackLayout(2, 2, 1), configuration);
        rig.Frame.TemperatureStatus[0] = ChannelStatus.Valid;
        return (rig, new ProtectionMonitor(rig.Configuration.Protection, rig.Layout));
    }

    private static void Ticks(SnapshotRig rig, ProtectionMonitor monitor, ref long nowMs, int count, int cell3Mv, int temperatureDeciCelsius = 250)
    {
        for (int i = 0; i < count; i++)
        {
            rig.Begin(nowMs);
            rig.SetCurrent(0, ModulePhase.Open, 0);
            rig.SetCurrent(1, ModulePhase.Open, 0);
            rig.SetCells(0, 100, 100);
            rig.SetCells(1, 100, cell3Mv);
            rig.Frame.TemperatureDeciCelsius[0] = temperatureDeciCelsius;
            monitor.Evaluate(rig.Frame, rig.Snapshot, rig.Diagnosis);
            rig.End();
            nowMs += 10;
        }
    }

    [Fact]
    public void A_cell_level_holds_its_own_module_until_it_heals()
    {
        var (rig, monitor) = Make();
        long now = 0;
        ActiveProtectionLevels levels = rig.Diagnosis.ProtectionLevels;

        // One reading above the derate level sets nothing yet; the second sets the warning and the derate of cell 3.
        Ticks(rig, monitor, ref now, 1, 3200);
        Assert.True(levels.AreClear(1));
        Ticks(rig, monitor, ref now, 1, 3200);
        Assert.False(levels.AreClear(1));
        Assert.True(levels.AreClear(0));

        // Back between the levels: the derate heals after 50 readings, the warning does not.
        Ticks(rig, monitor, ref now, 50, 3000);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltageDerate, 3));
        Assert.False(levels.AreClear(1));

        // Inside the warning level: clear on the 50th reading, not the 49th.
        Ticks(rig, monitor, ref now, 49, 2900);
        Assert.False(levels.AreClear(1));
        Ticks(rig, monitor, ref now, 1, 2900);
        Assert.True(levels.AreClear(1));
    }

    [Fact]
    public void A_temperature_level_holds_every_module()
    {
        var (rig, monitor) = Make();
        long now = 0;
        ActiveProtectionLevels levels = rig.Diagnosis.ProtectionLevels;

        Ticks(rig, monitor, ref now, 3, 100, temperatureDeciCelsius: 510);
        Assert.False(levels.AreClear(0));
        Assert.False(levels.AreClear(1));

        Ticks(rig, monitor, ref now, 99, 100);
        Assert.False(levels.AreClear(0));
        Ticks(rig, monitor, ref now, 1, 100);
        Assert.True(levels.AreClear(0));
        Assert.True(levels.AreClear(1));
    }

    [Fact]
    public void A_fault_reset_clears_the_levels_it_clears()
    {
        var (rig, monitor) = Make();
        long now = 0;
        ActiveProtectionLevels levels = rig.Diagnosis.ProtectionLevels;

        // Above the safety limit: warning, derate and the latched limit itself on cell 3.
        Ticks(rig, monitor, ref now, 2, 3400);
        Assert.True(rig.Diagnosis.HasLatchedFault(1));
        Assert.False(levels.AreClear(1));

        rig.Diagnosis.ResetModule(1);
        Assert.True(levels.AreClear(1));

        // New evidence counts again, once.
        Ticks(rig, monitor, ref now, 2, 3000);
        Assert.False(levels.AreClear(1));
        Ticks(rig, monitor, ref now, 50, 100);
        Assert.True(levels.AreClear(1));
    }

    [Fact]
    public void A_temperature_sensor_on_a_module_holds_that_module_alone()
    {
        var (rig, monitor) = Make(new[] { 1 });
        long now = 0;
        ActiveProtectionLevels levels = rig.Diagnosis.ProtectionLevels;

        Ticks(rig, monitor, ref now, 3, 100, temperatureDeciCelsius: 510);
        Assert.True(levels.AreClear(0));
        Assert.False(levels.AreClear(1));

        // A fault reset of the other module leaves the sensor's evidence alone; one of its own module clears it.
        rig.Diagnosis.ResetModule(0);
        Assert.False(levels.AreClear(1));
        rig.Diagnosis.ResetModule(1);
        Assert.True(levels.AreClear(1));
    }

    [Fact]
    public void Only_the_warning_and_derate_rows_are_graded_levels()
    {
        DiagnosisId[] graded =
        {
            DiagnosisId.CellOvervoltageWarning, DiagnosisId.CellOvervoltageDerate, DiagnosisId.CellUndervoltageWarning,
            DiagnosisId.CellUndervoltageDerate, DiagnosisId.ModuleOvercurrentWarning, DiagnosisId.ModuleOvercurrentDerate,
            DiagnosisId.CellOvertemperatureWarning, DiagnosisId.CellOvertemperatureDerate,
        };
        foreach (DiagnosisId id in Enum.GetValues<DiagnosisId>())
        {
            Assert.Equal(graded.Contains(id), ActiveProtectionLevels.IsGradedLevel(id));
        }
    }
}
