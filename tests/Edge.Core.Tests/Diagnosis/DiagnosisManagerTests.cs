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
    public void ActivatesOnTheDebounceCountOfNotOkReports()
    {
        var (manager, telemetry) = Create();
        manager.BeginTick(0, ControlMode.Act);

        // CellChannelInvalid: debounce 3, three NotOk in a row latch at the third.
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

    // foxBMS 2's diag.c: an Ok report takes one from a latching row's count, it does not start it over. Debounce 3,
    // NotOk NotOk Ok repeated: 1, 2, 1, 2, 3, the fifth report latches (with a reset to 0: 1, 2, 0, 1, 2, 0, never).
    [Fact]
    public void AnOkReportTakesOneFromALatchingRowsCount()
    {
        var (manager, telemetry) = Create();
        manager.BeginTick(0, ControlMode.Act);
        bool[] notOk = { true, true, false, true, true };
        for (int i = 0; i < 4; i++)
        {
            Assert.False(manager.Report(DiagnosisId.CurrentChannelSaturated, 1, notOk[i], 3000, 0), $"report {i + 1} set the row");
        }

        Assert.True(manager.Report(DiagnosisId.CurrentChannelSaturated, 1, notOk[4], 3000, 0), "the fifth report should latch");
        Assert.True(manager.HasLatchedFault(1));
        Assert.True(manager.Requests.Isolate[1]);
        Assert.Equal(DiagnosisId.CurrentChannelSaturated, Assert.Single(Enumerable.Range(0, telemetry.Count).Select(i => telemetry[i])).Diagnosis);
    }

    // One NotOk in three: 1, 0, 0, 1, 0, 0, ... never 3; and the count drains to nothing, so the row goes quiet and the
    // module shows no fault evidence after the second Ok.
    [Fact]
    public void OneNotOkReportInThreeNeverLatchesAndDrains()
    {
        var (manager, telemetry) = Create();
        manager.BeginTick(0, ControlMode.Act);
        for (int i = 0; i < 300; i++)
        {
            Assert.False(manager.Report(DiagnosisId.CurrentChannelInvalid, 0, i % 3 == 0, 2, 0));
            Assert.Equal(i % 3 == 0, manager.HasFaultEvidence(0));
        }

        Assert.False(manager.HasLatchedFault(0));
        Assert.True(manager.IsQuiet(DiagnosisId.CurrentChannelInvalid));
        Assert.Equal(0, telemetry.Count);
    }

    // The evidence that holds pulses is the count: after two NotOk an Ok leaves 1, still evidence; a second Ok drains it.
    [Fact]
    public void ACountThatDrainsIsEvidenceUntilItReachesZero()
    {
        var (manager, _) = Create();
        manager.BeginTick(0, ControlMode.Act);
        manager.Report(DiagnosisId.CellChannelInvalid, 0, true, 2, 0);
        manager.Report(DiagnosisId.CellChannelInvalid, 0, true, 2, 0);
        manager.Report(DiagnosisId.CellChannelInvalid, 0, false, 0, 0);
        Assert.True(manager.HasFaultEvidence(0), "a count of 1 left: the row is still counting");
        Assert.False(manager.IsQuiet(DiagnosisId.CellChannelInvalid));
        manager.Report(DiagnosisId.CellChannelInvalid, 0, false, 0, 0);
        Assert.False(manager.HasFaultEvidence(0));
        Assert.True(manager.IsQuiet(DiagnosisId.CellChannelInvalid));
    }

    // A row that heals counts its NotOk reports in a row: the temperature warning (debounce 3, heals) never sets on two
    // hot readings of three, so noise at a level gives no run of events and derate steps; three in a row set it.
    [Fact]
    public void AHealingRowCountsNotOkReportsInARow()
    {
        var (manager, telemetry) = Create();
        manager.BeginTick(0, ControlMode.Act);
        for (int i = 0; i < 300; i++)
        {
            Assert.False(manager.Report(DiagnosisId.CellOvertemperatureWarning, 0, i % 3 != 2, 510, 500));
        }

        Assert.Equal(0, telemetry.Count);
        Assert.False(manager.Report(DiagnosisId.CellOvertemperatureWarning, 0, true, 510, 500));
        Assert.False(manager.Report(DiagnosisId.CellOvertemperatureWarning, 0, true, 510, 500));
        Assert.True(manager.Report(DiagnosisId.CellOvertemperatureWarning, 0, true, 510, 500));
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
