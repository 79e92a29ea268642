using Edge.Core.Records;
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

        // Cell 0's 7 mV is no reading of this interval, and the record says so; cell 1's are.
        Assert.Equal(new[] { true, false }, record.CellInvalid);

        // One valid reading of cell 0 in the next interval makes it valid again.
        extremes.Include(new[] { 40, 91 }, new[] { true, true });
        extremes.TakeInto(record, 0, 2);
        Assert.Equal(new[] { false, false }, record.CellInvalid);
    }
}

/// <summary>The controller's cells records carry each cell's extremes since the previous record (the measurement tracks them).</summary>
public sealed class ControllerCellExtremesTests
{
    [Fact]
    public void TheCellsRecordCarriesTheValidPeakAndTroughSinceThePreviousRecord()
    {
        // One module of two cells, idle, 10 ms ticks; a cells record every 100 ms: at 0 ms, then at 100 ms.
        var layout = new Edge.Core.Sampling.PackLayout(1, 2, 0);
        var configuration = new Edge.Core.Configuration.ControllerConfiguration { StartImmediately = false };
        configuration.Telemetry.CellVoltagePeriodMs = 100;
        var controller = new EdgeController(layout, configuration);
        var actions = new Edge.Core.Actuation.ActionFrame(layout);
        var frame = new Edge.Core.Sampling.SampleFrame(layout);
        TelemetryRecord last = null;
        for (int tick = 0; tick <= 11; tick++)
        {
            long now = tick * 10;
            frame.TickIndex = tick;
            frame.TimestampMs = now;
            frame.CellVoltageStatus[0] = Edge.Core.Sampling.ChannelStatus.Valid;

            // Cell 0 sits at 2000 mV with a 2100 mV peak at 50 ms, a 1900 mV trough at 70 ms, and an implausible
            // 5000 mV at 60 ms that must not count; before the first record it dipped to 1500 mV, which belongs
            // to the first record's interval only.
            frame.CellVoltageMv[0] = now switch
            {
                0 => 1500,
                50 => 2100,
                60 => 5000,
                70 => 1900,
                _ => 2000,
            };
            if (now == 60)
            {
                frame.CellVoltageStatus[0] = Edge.Core.Sampling.ChannelStatus.Implausible;
            }

            frame.CellVoltageMv[1] = 2500;
            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = controller.Telemetry[i];
                if (record.Kind == TelemetryRecordKind.CellVoltages && record.TimestampMs == 100)
                {
                    last = record;
                }
            }
        }

        Assert.NotNull(last);
        Assert.Equal(new[] { 2000, 2500 }, last.CellValuesA.Take(2));
        Assert.Equal(new[] { 1900, 2500 }, last.CellValuesB.Take(2));
        Assert.Equal(new[] { 2100, 2500 }, last.CellValuesC.Take(2));
        Assert.Equal(new[] { false, false }, last.CellInvalid);
    }

    [Fact]
    public void ACellSaturatedThroughAWholeIntervalIsMarkedInvalidAndTheOtherIsNot()
    {
        // One module of two cells, cells records every 100 ms (at 0, 100 and 200 ms). Cell 1 reads 2400 mV, valid,
        // until 30 ms, then saturated from 40 ms on: the 100 ms record's interval (10..100 ms) holds its valid 2400 mV
        // at 10 to 30 ms; the 200 ms record's (110..200 ms) holds none, and cell 1 is listed invalid there only.
        var layout = new Edge.Core.Sampling.PackLayout(1, 2, 0);
        var configuration = new Edge.Core.Configuration.ControllerConfiguration { StartImmediately = false };
        configuration.Telemetry.CellVoltagePeriodMs = 100;
        var controller = new EdgeController(layout, configuration);
        var actions = new Edge.Core.Actuation.ActionFrame(layout);
        var frame = new Edge.Core.Sampling.SampleFrame(layout);
        var records = new System.Collections.Generic.Dictionary<long, (bool[] Invalid, int[] Mv)>();
        for (int tick = 0; tick <= 22; tick++)
        {
            long now = tick * 10;
            frame.TickIndex = tick;
            frame.TimestampMs = now;
            frame.CellVoltageMv[0] = 2000;
            frame.CellVoltageStatus[0] = Edge.Core.Sampling.ChannelStatus.Valid;
            bool saturated = now >= 40;
            frame.CellVoltageMv[1] = saturated ? 6000 : 2400;
            frame.CellVoltageStatus[1] = saturated ? Edge.Core.Sampling.ChannelStatus.Saturated : Edge.Core.Sampling.ChannelStatus.Valid;
            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = controller.Telemetry[i];
                if (record.Kind == TelemetryRecordKind.CellVoltages)
                {
                    records[record.TimestampMs] = ((bool[])record.CellInvalid.Clone(), record.CellValuesA.Take(2).ToArray());
                }
            }
        }

        Assert.Equal(new[] { 0L, 100, 200 }, records.Keys.OrderBy(k => k));
        Assert.Equal(new[] { false, false }, records[100].Invalid);
        Assert.Equal(new[] { false, true }, records[200].Invalid);

        // The invalid cell's value is its last valid reading, not the saturated 6000 mV: the list is what tells them apart.
        Assert.Equal(new[] { 2000, 2400 }, records[200].Mv);
    }
}

/// <summary>CONTRACT.md, telemetry/cells: "Every cellVoltagePeriodMs (config), one message per module".</summary>
public sealed class CellsRecordPeriodTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(10L)]
    [InlineData(5000L)]
    public void CellsRecordsComeEveryPeriodFromTheFirstTick(long firstTickMs)
    {
        // One module of one cell, idle, 10 ms ticks, the default 1000 ms period: over 3.5 s records at the first tick and
        // then every 1000 ms after it, wherever the device's clock stood at the first tick (the simulator starts at 0).
        var layout = new Edge.Core.Sampling.PackLayout(1, 1, 0);
        var configuration = new Edge.Core.Configuration.ControllerConfiguration { StartImmediately = false };
        var controller = new EdgeController(layout, configuration);
        var actions = new Edge.Core.Actuation.ActionFrame(layout);
        var frame = new Edge.Core.Sampling.SampleFrame(layout);
        var stamps = new System.Collections.Generic.List<long>();
        for (int tick = 0; tick <= 350; tick++)
        {
            frame.TickIndex = tick;
            frame.TimestampMs = firstTickMs + tick * 10;
            frame.CellVoltageMv[0] = 2000;
            frame.CellVoltageStatus[0] = Edge.Core.Sampling.ChannelStatus.Valid;
            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                if (controller.Telemetry[i].Kind == TelemetryRecordKind.CellVoltages)
                {
                    stamps.Add(controller.Telemetry[i].TimestampMs - firstTickMs);
                }
            }
        }

        Assert.Equal(new[] { 0L, 1000, 2000, 3000 }, stamps);
    }
}
