// Licensed under the MIT License.

using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A run's tick counts are 64-bit: 30 simulated days at a 1 ms period are 2,592,000,000 ticks, past int.MaxValue
/// (2,147,483,647), and a wrapped count would report a negative number of ticks.
/// </summary>
public sealed class TickTimingTotalsTests
{
    [Fact]
    public void Counts_past_int_MaxValue_do_not_wrap()
    {
        // Two runs of equal ticks, as the closed loop batches them: int.MaxValue ticks 300 us late running 1500 us,
        // then 2 more, then one 7000 us late. Bins (upper edges 100, 200, 500, 1000, 2000, 5000, 10000, ...):
        // 300 us -> 2, 1500 us -> 4, 7000 us -> 6.
        TickTimingTotals totals = new TickTimingTotals();
        totals.Add(300, 1500, int.MaxValue);
        totals.Add(300, 1500, 2);
        totals.Add(7000, 1500, 1);

        TickTimingSummary summary = TickTimingSummary.From(totals, missedReleases: 0);

        Assert.Equal(2_147_483_650L, summary.Ticks);
        Assert.Equal(2_147_483_649L, summary.TickLatencyHistogram[2]);
        Assert.Equal(1L, summary.TickLatencyHistogram[6]);
        Assert.Equal(2_147_483_650L, summary.TickExecutionHistogram[4]);
        Assert.Equal(7000, summary.TickLatencyMaxUs);
        Assert.Equal(1500, summary.TickExecutionMaxUs);
        Assert.Equal(summary.Ticks, summary.TickLatencyHistogram.Sum());
    }
}
