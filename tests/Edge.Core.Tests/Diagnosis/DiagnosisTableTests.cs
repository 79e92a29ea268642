using System;
using System.Linq;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Records;
using Xunit;

namespace Edge.Core.Tests.Diagnosis;

public class DiagnosisTableTests
{
    [Fact]
    public void EveryDiagnosisIdHasExactlyOneDefaultRow()
    {
        DiagnosisId[] ids = Enum.GetValues<DiagnosisId>();
        DiagnosisTableRow[] rows = DiagnosisTable.DefaultRows();

        Assert.Equal(DiagnosisTable.RowCount, ids.Length);
        Assert.All(ids, id => Assert.Single(rows, r => r.Id == id));
        Assert.Equal(ids.Length, rows.Length);
    }

    [Fact]
    public void TheTableFindsEachRowByItsIdWhateverTheListOrder()
    {
        DiagnosisTableRow[] reversed = DiagnosisTable.DefaultRows().Reverse().ToArray();

        Assert.True(DiagnosisTable.TryCreate(reversed, out DiagnosisTable table, out string reason), reason);
        foreach (DiagnosisId id in Enum.GetValues<DiagnosisId>())
        {
            Assert.Equal(id, table[id].Id);
        }
    }

    [Fact]
    public void ARowListWithoutARowForAnIdIsRefusedNamingIt()
    {
        DiagnosisTableRow[] rows = DiagnosisTable.DefaultRows().Where(r => r.Id != DiagnosisId.TickLate).ToArray();

        Assert.False(DiagnosisTable.TryCreate(rows, out DiagnosisTable table, out string reason));
        Assert.Null(table);
        Assert.Equal("diagnosis id 21 has no row", reason); // TickLate = 21
    }

    [Fact]
    public void ARowListWithTwoRowsForAnIdIsRefusedNamingIt()
    {
        DiagnosisTableRow extra = new DiagnosisTableRow(
            DiagnosisId.HardShort, DiagnosisScope.Cell, Severity.Warning, EventKind.HardShort, 1, 1,
            DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly);
        DiagnosisTableRow[] rows = DiagnosisTable.DefaultRows().Append(extra).ToArray();

        Assert.False(DiagnosisTable.TryCreate(rows, out DiagnosisTable table, out string reason));
        Assert.Null(table);
        Assert.Equal("diagnosis id 10 has two rows", reason); // HardShort = 10
    }

    [Fact]
    public void SafetyRowsLatchAndActInObserveModeThroughTheirNamedColumns()
    {
        DiagnosisTable table = DiagnosisTable.CreateDefault();

        // Safety rule: a hard short opens the switch and latches, in observe mode too.
        Assert.Equal(DiagnosisLatching.Latches, table[DiagnosisId.HardShort].Latching);
        Assert.True(table[DiagnosisId.HardShort].Latches);
        Assert.True(table[DiagnosisId.HardShort].ActsInObserveMode);
        // A detector warning heals and only reports in observe mode.
        Assert.Equal(ObserveModeAction.ReportsOnly, table[DiagnosisId.SoftShortSpike].ObserveMode);
        Assert.False(table[DiagnosisId.SoftShortSpike].Latches);
        Assert.False(table[DiagnosisId.SoftShortSpike].ActsInObserveMode);
    }
}
