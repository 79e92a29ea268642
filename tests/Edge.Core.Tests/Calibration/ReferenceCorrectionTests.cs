using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Sampling;
using Edge.Core.Tests.Boards;
using Edge.Core.Tests.Support;
using Edge.Core.Timing;
using Xunit;

namespace Edge.Core.Tests.Calibration;

/// <summary>The per-tick reference correction: a filtered drift in counts, and a broken REF refused.</summary>
public class ReferenceCorrectionTests
{
    [Fact]
    public void Starts_from_the_first_reading_and_filters_noise()
    {
        var correction = new ReferenceCorrection(1344, 4095);
        Assert.True(correction.Update(1364));
        Assert.Equal(20, correction.ShiftCounts);

        // Alternating +-4 counts of noise around +20: the 1/16 filter keeps the shift at 20 +- 0.5.
        for (int i = 0; i < 200; i++)
        {
            Assert.True(correction.Update(i % 2 == 0 ? 1368 : 1360));
            Assert.InRange(correction.ShiftCounts, 19, 21);
        }

        // A step of REF back to its calibrated value is followed within about 3 time constants (50 ticks: 20 x e^-3 = 1).
        for (int i = 0; i < 50; i++)
        {
            correction.Update(1344);
        }

        Assert.InRange(correction.ShiftCounts, 0, 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4095)]
    [InlineData(1344 + 125)]
    [InlineData(1344 - 125)]
    public void A_reading_that_is_no_drift_is_refused_and_keeps_the_shift(int reading)
    {
        var correction = new ReferenceCorrection(1344, 4095);
        correction.Update(1350);
        Assert.False(correction.Update(reading));
        Assert.Equal(6, correction.ShiftCounts);
        Assert.True(correction.Update(1344 + 124));
    }

    [Fact]
    public void Corrected_conversion_and_tick_timing_allocate_nothing()
    {
        BoardDefinition mux = BoardFiles.Parse(BoardFiles.Mux6s);
        Assert.True(BoardPackLayout.TryCreate(mux, out PackLayout layout, out _));
        var converter = new BoardSampleConverter(new BoardAdcChannels(mux, SwitchInterlockTests.UnitFromNominalCurves(mux)));
        var frame = new SampleFrame(layout);
        var timing = new TickTimingStatistics();
        int[] cells = { 1300, 1350, 1400, 1450, 1500, 1550 };
        int[] modules = { 1344, 1400, 1200 };
        int[] temperatures = { 1872 };

        long bytes = SteadyStateAllocation.BytesPerWindow(
            i =>
            {
                converter.Convert(cells, modules, temperatures, 1340 + (i % 9), frame);
                timing.Record(i % 25000, 1500);
            },
            0,
            10000);

        Assert.Equal(0, bytes);
        Assert.Equal(ChannelStatus.Valid, frame.CellVoltageStatus[5]);
    }
}
