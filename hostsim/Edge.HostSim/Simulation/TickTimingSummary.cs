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

    public IReadOnlyList<int> TickLatencyHistogram { get; init; } = Array.Empty<int>();

    public IReadOnlyList<int> TickExecutionHistogram { get; init; } = Array.Empty<int>();

    /// <summary>Reads a report of the whole run.</summary>
    public static TickTimingSummary From(TickTimingReport report, long missedReleases)
    {
        var latency = new int[report.Latency.BinCount];
        var execution = new int[report.Execution.BinCount];
        for (int i = 0; i < latency.Length; i++)
        {
            latency[i] = report.Latency.CountAt(i);
            execution[i] = report.Execution.CountAt(i);
        }

        return new TickTimingSummary
        {
            Ticks = report.Ticks,
            MissedReleases = missedReleases,
            TickLatencyMaxUs = report.LatencyMaximumUs,
            TickExecutionMaxUs = report.ExecutionMaximumUs,
            TickLatencyHistogram = latency,
            TickExecutionHistogram = execution,
        };
    }
}
