// Licensed under the MIT License.

using Edge.Core.Timing;

namespace Edge.HostSim.Simulation;

/// <summary>
/// Tick timing over a run, in the health telemetry's terms (CONTRACT.md, <c>health</c>): release
/// latency as the simulated scheduling produced it, execution time as measured on this host (.NET,
/// not the device) on one tick in <see cref="ClosedLoopRunner.ExecutionSampleTicks"/>, each sample
/// counted for the ticks up to the next one; maxima and histograms over <see cref="TickTimingHistogram.UpperEdgesUs"/>.
/// </summary>
public sealed class TickTimingSummary
{
    public long Ticks { get; init; }

    /// <summary>Releases no tick answered (simulated): swallowed by a tick that started after them, or passed while the runtime hung.</summary>
    public long MissedReleases { get; init; }

    public int TickLatencyMaxUs { get; init; }

    public int TickExecutionMaxUs { get; init; }

    public IReadOnlyList<int> TickHistogramEdgesUs { get; init; } = TickTimingHistogram.UpperEdgesUs;

    /// <summary>Ticks per latency bin, 64-bit as <see cref="Ticks"/>: a long run's bin passes 2^31.</summary>
    public IReadOnlyList<long> TickLatencyHistogram { get; init; } = Array.Empty<long>();

    public IReadOnlyList<long> TickExecutionHistogram { get; init; } = Array.Empty<long>();

    /// <summary>Reads the totals of the whole run.</summary>
    public static TickTimingSummary From(TickTimingTotals totals, long missedReleases)
    {
        return new TickTimingSummary
        {
            Ticks = totals.Ticks,
            MissedReleases = missedReleases,
            TickLatencyMaxUs = totals.LatencyMaximumUs,
            TickExecutionMaxUs = totals.ExecutionMaximumUs,
            TickLatencyHistogram = totals.Latency.ToArray(),
            TickExecutionHistogram = totals.Execution.ToArray(),
        };
    }
}
