// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Timing
{
    /// <summary>
    /// Counts of durations per bin, microseconds. The bins are fixed so that every device and the
    /// simulator report comparable histograms: upper edges 100, 200, 500 us, 1, 2, 5, 10, 20, 50 ms
    /// and one open bin above. The 20 ms edge is nanoFramework's thread quantum: a late start beyond
    /// it means more than one thread slice (or a garbage collection) stood in the way.
    /// </summary>
    [HotPath]
    public sealed class TickTimingHistogram
    {
        /// <summary>Upper edges of the bins, us; a value equal to an edge falls in the next bin.</summary>
        public static readonly int[] UpperEdgesUs = new int[] { 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000 };

        private readonly int[] _counts = new int[UpperEdgesUs.Length + 1];

        /// <summary>Bins, including the open one above the last edge.</summary>
        public int BinCount
        {
            get { return _counts.Length; }
        }

        /// <summary>Values counted in bin <paramref name="bin"/>.</summary>
        public int CountAt(int bin)
        {
            return _counts[bin];
        }

        /// <summary>Counts one duration (negative values count as 0).</summary>
        public void Add(int durationUs)
        {
            int bin = 0;
            while (bin < UpperEdgesUs.Length && durationUs >= UpperEdgesUs[bin])
            {
                bin++;
            }

            _counts[bin]++;
        }

        /// <summary>
        /// Counts <paramref name="count"/> equal durations at once: a host that records many ticks batches the
        /// repeated values. <see cref="Add(int)"/> keeps its own loop: on the device it runs every tick, and a
        /// shared helper would cost an interpreted call there.
        /// </summary>
        public void Add(int durationUs, int count)
        {
            int bin = 0;
            while (bin < UpperEdgesUs.Length && durationUs >= UpperEdgesUs[bin])
            {
                bin++;
            }

            _counts[bin] += count;
        }

        /// <summary>Copies the counts into <paramref name="target"/> and clears them.</summary>
        public void MoveTo(TickTimingHistogram target)
        {
            for (int i = 0; i < _counts.Length; i++)
            {
                target._counts[i] = _counts[i];
                _counts[i] = 0;
            }
        }
    }
}
