using Edge.Core.Configuration;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Diagnosis;

/// <summary>Debounce, heal, latch and mode rules of the diagnosis table (foxBMS diag style).</summary>
public class DiagnosisManagerTests
{
    private static (DiagnosisManager Manager, TelemetryBuffer Telemetry) Create(DiagnosisTable table = null)
    {
        var layout = new PackLayout(2, 2, 1);
        var telemetry = new TelemetryBuffer(64, 2);
        return (new DiagnosisManager(table ?? DiagnosisTable.CreateDefault(), layout, telemetry), telemetry);
    }

    [Fact]
    public void ActivatesOnTheDebounceCountOfConsecutiveNotOkReports()
    {
        var (manager, telemetry) = Create();
        manager.BeginTick(0, ControlMode.Act);

        // CellChannelInvalid: debounce 3; an Ok in between restarts the count.
        Assert.False(manager.Report(DiagnosisId.CellChannelInvalid, 3, true, 0, 0));
        Assert.False(manager.Report(DiagnosisId.CellChannelInvalid, 3, true, 0, 0));
        Assert.False(manager.Report(DiagnosisId.CellChannelInvalid, 3, false, 0, 0));
        Assert.False(manager.Report(DiagnosisId.CellChannelInvalid, 3, true, 0, 0));
        Assert.False(manager.Report(DiagnosisId.CellChannelInvalid, 3, true, 0, 0));
        Assert.False(manager.HasLatchedFault(1));
        Assert.True(manager.Report(DiagnosisId.CellChannelInvalid, 3, true, 7, 0));
        Assert.True(manager.IsActive(DiagnosisId.CellChannelInvalid, 3));
        Assert.True(manager.HasLatchedFault(1), "cell 3 belongs to module 1");
        Assert.False(manager.HasLatchedFault(0));
        Assert.True(manager.Requests.Isolate[1]);
        Assert.Equal(1, telemetry.Count);
        Assert.Equal(EventKind.ChannelFault, telemetry[0].EventKind);
        Assert.Equal(7, telemetry[0].Value);
    }

    [Fact]
    public void LatchedDiagnosisDoesNotHealButANonLatchedOneDoes()
    {
        var (manager, _) = Create();
        manager.BeginTick(0, ControlMode.Act);
        manager.Report(DiagnosisId.HardShort, 0, true, 1, 5);
        manager.Report(DiagnosisId.SoftShortResistanceDrop, 1, true, 1, 5);
        manager.Report(DiagnosisId.SoftShortResistanceDrop, 1, true, 1, 5);
        Assert.True(manager.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        for (int i = 0; i < 100; i++)
        {
            manager.Report(DiagnosisId.HardShort, 0, false, 0, 5);
        }

        // Heal count 5 for the resistance drop.
        for (int i = 0; i < 4; i++)
        {
            manager.Report(DiagnosisId.SoftShortResistanceDrop, 1, false, 0, 5);
        }

        Assert.True(manager.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        manager.Report(DiagnosisId.SoftShortResistanceDrop, 1, false, 0, 5);
        Assert.False(manager.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        Assert.True(manager.IsActive(DiagnosisId.HardShort, 0));
        Assert.True(manager.HasLatchedFault(0));

        manager.ResetModule(0);
        Assert.False(manager.IsActive(DiagnosisId.HardShort, 0));
        Assert.False(manager.HasLatchedFault(0));
    }

    [Fact]
    public void ObserveModeReportsDetectorFaultsWithoutLatchingButStillLatchesSafetyFaults()
    {
        var (manager, telemetry) = Create();
        manager.BeginTick(0, ControlMode.Observe);
        Assert.True(manager.Report(DiagnosisId.SoftShortConfirmed, 0, true, 2, 2));
        Assert.Equal(1, telemetry.Count);
        Assert.False(manager.HasLatchedFault(0));
        Assert.False(manager.Requests.Isolate[0]);

        Assert.True(manager.Report(DiagnosisId.HardShort, 2, true, 0, 5));
        Assert.True(manager.HasLatchedFault(1));
        Assert.True(manager.Requests.Isolate[1]);
    }

    [Fact]
    public void PackScopeFaultIsolatesEveryModule()
    {
        var (manager, _) = Create();
        manager.BeginTick(0, ControlMode.Act);
        manager.Report(DiagnosisId.TickMissed, 0, true, 100, 50);
        Assert.True(manager.HasLatchedFault(0) && manager.HasLatchedFault(1));
        Assert.True(manager.Requests.Isolate[0] && manager.Requests.Isolate[1]);
    }

    [Fact]
    public void DisabledRowIgnoresReports()
    {
        var table = DiagnosisTable.CreateDefault();
        table[DiagnosisId.HardShort].Enabled = false;
        var (manager, telemetry) = Create(table);
        manager.BeginTick(0, ControlMode.Act);
        Assert.False(manager.Report(DiagnosisId.HardShort, 0, true, 0, 5));
        Assert.False(manager.IsActive(DiagnosisId.HardShort, 0));
        Assert.False(manager.HasLatchedFault(0));
        Assert.Equal(0, telemetry.Count);
    }

    [Fact]
    public void RowIsQuietOnlyWhileNoChannelDebouncesOrIsActive()
    {
        var (manager, _) = Create();
        manager.BeginTick(0, ControlMode.Act);
        Assert.True(manager.IsQuiet(DiagnosisId.SoftShortResistanceDrop));

        // Debounce 2, heal 5: one NotOk makes the row pending, the second activates it.
        manager.Report(DiagnosisId.SoftShortResistanceDrop, 1, true, 1, 5);
        Assert.False(manager.IsQuiet(DiagnosisId.SoftShortResistanceDrop));
        Assert.True(manager.IsQuiet(DiagnosisId.SoftShortSpike), "another row stays quiet");
        manager.Report(DiagnosisId.SoftShortResistanceDrop, 3, true, 1, 5);
        manager.Report(DiagnosisId.SoftShortResistanceDrop, 1, true, 1, 5);
        Assert.True(manager.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));

        // Cell 3's debounce restarts with an Ok: cell 1 still holds the row.
        manager.Report(DiagnosisId.SoftShortResistanceDrop, 3, false, 0, 5);
        Assert.False(manager.IsQuiet(DiagnosisId.SoftShortResistanceDrop));

        // Healed after five Oks in a row: quiet again; a second heal report changes nothing.
        for (int i = 0; i < 4; i++)
        {
            manager.Report(DiagnosisId.SoftShortResistanceDrop, 1, false, 0, 5);
            Assert.False(manager.IsQuiet(DiagnosisId.SoftShortResistanceDrop));
        }

        manager.Report(DiagnosisId.SoftShortResistanceDrop, 1, false, 0, 5);
        Assert.True(manager.IsQuiet(DiagnosisId.SoftShortResistanceDrop));
        manager.Report(DiagnosisId.SoftShortResistanceDrop, 1, false, 0, 5);
        Assert.True(manager.IsQuiet(DiagnosisId.SoftShortResistanceDrop));
    }

    [Fact]
    public void LatchedRowIsQuietAgainOnlyAfterTheModuleReset()
    {
        var (manager, _) = Create();
        manager.BeginTick(0, ControlMode.Act);
        manager.Report(DiagnosisId.HardShort, 2, true, 0, 5);
        manager.Report(DiagnosisId.HardShort, 2, true, 0, 5);
        Assert.False(manager.IsQuiet(DiagnosisId.HardShort));
        manager.ResetModule(0);
        Assert.False(manager.IsQuiet(DiagnosisId.HardShort), "cell 2 is in module 1");
        manager.ResetModule(1);
        Assert.True(manager.IsQuiet(DiagnosisId.HardShort));
    }
}
