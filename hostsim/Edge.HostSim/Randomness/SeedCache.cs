// Licensed under the MIT License.

using System.Collections.Concurrent;

namespace Edge.HostSim.Randomness;

/// <summary>
/// Per seed, what every <see cref="SimRandom"/> of that seed computes the same way: the stream's state after
/// the draws the Gaussian table takes, and the table once built. Shared across threads; an entry is filled
/// once and then only read (a table is never written after it is built). Bounded: past
/// <see cref="MaximumSeeds"/> seeds it starts afresh, which only costs the recomputation.
/// </summary>
internal static class SeedCache
{
    private const int MaximumSeeds = 256;

    private static readonly ConcurrentDictionary<ulong, Entry> Entries = new ConcurrentDictionary<ulong, Entry>();

    public static Entry For(ulong seed)
    {
        if (Entries.TryGetValue(seed, out Entry? entry))
        {
            return entry;
        }

        if (Entries.Count >= MaximumSeeds)
        {
            Entries.Clear();
        }

        return Entries.GetOrAdd(seed, _ => new Entry());
    }

    /// <summary>One seed's shared values; written once each, read by any thread after that.</summary>
    public sealed class Entry
    {
        private StateHolder? _skipped;
        private double[]? _table;

        /// <summary>The state after the table's draws, when a generator of this seed has skipped them before.</summary>
        public bool TryGetSkippedState(out ulong s0, out ulong s1, out ulong s2, out ulong s3)
        {
            StateHolder? state = Volatile.Read(ref _skipped);
            s0 = state?.S0 ?? 0;
            s1 = state?.S1 ?? 0;
            s2 = state?.S2 ?? 0;
            s3 = state?.S3 ?? 0;
            return state != null;
        }

        /// <summary>The Gaussian table, or null until a generator of this seed has built it.</summary>
        public double[]? Table
        {
            get => Volatile.Read(ref _table);
            set => Volatile.Write(ref _table, value);
        }

        public void KeepSkippedState(ulong s0, ulong s1, ulong s2, ulong s3)
        {
            Volatile.Write(ref _skipped, new StateHolder(s0, s1, s2, s3));
        }

        private sealed record StateHolder(ulong S0, ulong S1, ulong S2, ulong S3);
    }
}
