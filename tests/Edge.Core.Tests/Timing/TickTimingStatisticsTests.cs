using Edge.Core.Actuation;
using Edge.Core.Timing;
using Xunit;

namespace Edge.Core.Tests.Timing;

/// <summary>Tick lateness and execution time as the health telemetry reports them, and the hardware enable's feed.</summary>
public class TickTimingStatisticsTests
{
    [Fact]
    public void Histogram_bins_at_its_edges()
    {
        var histogram = new TickTimingHistogram();
        foreach (int us in new[] { 0, 99, 100, 4999, 5000, 19999, 20000, 35000, 50000, 250000 })
        {
            histogram.Add(us);
        }

        // Edges 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000 us and an open bin.
        Assert.Equal(10, histogram.BinCount);
        Assert.Equal(new[] { 2, 1, 0, 0, 0, 1, 1, 1, 2, 2 }, Enumerable.Range(0, 10).Select(histogram.CountAt).ToArray());
    }

    [Fact]
    public void Report_carries_maxima_and_histograms_of_its_period_and_starts_a_new_one()
    {
        var statistics = new TickTimingStatistics();
        statistics.Record(300, 1800);
        statistics.Record(21000, 2100);
        statistics.Record(150, 1900);

        var report = new TickTimingReport();
        statistics.TakeReport(report);
        Assert.Equal(3, report.Ticks);
        Assert.Equal(21000, report.LatencyMaximumUs);
        Assert.Equal(2100, report.ExecutionMaximumUs);
        Assert.Equal(1, report.Latency.CountAt(8));   // 21 ms: the 20-50 ms bin, beyond one thread quantum
        Assert.Equal(1, report.Latency.CountAt(1));
        Assert.Equal(2, report.Execution.CountAt(4));  // 1-2 ms

        statistics.Record(50, 900);
        statistics.TakeReport(report);
        Assert.Equal(1, report.Ticks);
        Assert.Equal(50, report.LatencyMaximumUs);
        Assert.Equal(0, report.Latency.CountAt(8));
        Assert.Equal(4, statistics.TicksTotal);
    }

    [Fact]
    public void Enable_feed_toggles_only_for_ticks_within_their_period()
    {
        var feed = new HardwareEnableFeed();
        Assert.False(feed.Level);
        Assert.True(feed.OnTickCompleted(2000, 10000));
        Assert.False(feed.OnTickCompleted(10000, 10000));

        // An overrunning tick holds the level: no edge, and the monostable is not retriggered.
        Assert.False(feed.OnTickCompleted(10001, 10000));
        Assert.Equal(2, feed.FeedCount);
    }
}
