using Edge.Core.Telemetry;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>The lowest and highest reading per cell between two telemetry/cells records.</summary>
public sealed class CellVoltageExtremesTests
{
    [Fact]
    public void APulsePeakBetweenTwoRecordsIsCarriedByTheNextRecordOnly()
    {
        // Two modules of two cells; module 1's first cell pulses to 243 mV for three ticks between records at 12 mV.
        var extremes = new CellVoltageExtremes(4);
        bool[] valid = { true, true, true, true };
        int[][] ticks =
        {
            new[] { 10, 11, 12, 13 },
            new[] { 10, 11, 150, 13 },
            new[] { 10, 11, 243, 13 },
            new[] { 9, 11, 200, 13 },
            new[] { 10, 11, 12, 13 },
        };
        foreach (int[] tick in ticks)
        {
            extremes.Include(tick, valid);
        }

        var record = new TelemetryRecord(2);
        new[] { 12, 13 }.CopyTo(record.CellValuesA, 0);
        extremes.TakeInto(record, first: 2, count: 2);
        Assert.Equal(new[] { 12, 13 }, record.CellValuesB.Take(2));
        Assert.Equal(new[] { 243, 13 }, record.CellValuesC.Take(2));

        // Module 0 was not taken yet: its interval still holds the 9 mV dip.
        var module0 = new TelemetryRecord(2);
        extremes.TakeInto(module0, first: 0, count: 2);
        Assert.Equal(new[] { 9, 11 }, module0.CellValuesB.Take(2));

        // The next interval starts afresh: only what came after the record.
        extremes.Include(new[] { 10, 11, 20, 13 }, valid);
        extremes.TakeInto(record, first: 2, count: 2);
        Assert.Equal(20, record.CellValuesB[0]);
        Assert.Equal(20, record.CellValuesC[0]);
    }

    [Fact]
    public void InvalidReadingsAreLeftOutAndACellWithoutAnyGetsItsRecordValue()
    {
        var extremes = new CellVoltageExtremes(2);
        extremes.Include(new[] { 5000, 100 }, new[] { false, true });
        extremes.Include(new[] { -5000, 90 }, new[] { false, true });

        var record = new TelemetryRecord(2);
        new[] { 7, 95 }.CopyTo(record.CellValuesA, 0);
        extremes.TakeInto(record, 0, 2);
        Assert.Equal(new[] { 7, 90 }, record.CellValuesB);
        Assert.Equal(new[] { 7, 100 }, record.CellValuesC);
    }
}
