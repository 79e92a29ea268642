// Licensed under the MIT License.

using Edge.Core.Timing;

namespace Edge.HostSim.Simulation;

/// <summary>
/// A run's tick timing in 64-bit counts: the ticks and each latency and execution bin (<see cref="TickTimingHistogram.UpperEdgesUs"/>).
/// The core's <see cref="TickTimingReport"/> counts in ints, enough for the device's health period, but a run covers
/// its whole simulated time: 30 days at a 1 ms period are 2.6e9 ticks, past int.MaxValue.
/// </summary>
public sealed class TickTimingTotals
{
    private readonly long[] _latency = new long[TickTimingHistogram.UpperEdgesUs.Length + 1];
    private readonly long[] _execution = new long[TickTimingHistogram.UpperEdgesUs.Length + 1];

    /// <summary>Ticks recorded.</summary>
    public long Ticks { get; private set; }

    /// <summary>Latest start of a tick after its release, us.</summary>
    public int LatencyMaximumUs { get; private set; }

    /// <summary>Longest tick, us.</summary>
    public int ExecutionMaximumUs { get; private set; }

    /// <summary>Ticks per latency bin (the last open above the last edge).</summary>
    public IReadOnlyList<long> Latency => _latency;

    /// <summary>Ticks per execution-time bin.</summary>
    public IReadOnlyList<long> Execution => _execution;

    /// <summary>Counts <paramref name="ticks"/> ticks that started <paramref name="latencyUs"/> late and ran <paramref name="executionUs"/>.</summary>
    public void Add(int latencyUs, int executionUs, long ticks)
    {
        _latency[Bin(latencyUs)] += ticks;
        _execution[Bin(executionUs)] += ticks;
        LatencyMaximumUs = Math.Max(LatencyMaximumUs, latencyUs);
        ExecutionMaximumUs = Math.Max(ExecutionMaximumUs, executionUs);
        Ticks += ticks;
    }

    /// <summary>The bin of <paramref name="durationUs"/>: a value equal to an edge counts in the next bin, as on the device.</summary>
    private static int Bin(int durationUs)
    {
        int[] edges = TickTimingHistogram.UpperEdgesUs;
        int bin = 0;
        while (bin < edges.Length && durationUs >= edges[bin])
        {
            bin++;
        }

        return bin;
    }
}
