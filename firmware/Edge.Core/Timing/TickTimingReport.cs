// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Timing
{
    /// <summary>One reporting period of <see cref="TickTimingStatistics"/>; allocated once and refilled.</summary>
    [HotPath]
    public sealed class TickTimingReport
    {
        /// <summary>Ticks in the period.</summary>
        public int Ticks { get; set; }

        /// <summary>Latest start of a tick after its release in the period, us.</summary>
        public int LatencyMaximumUs { get; set; }

        /// <summary>Longest tick in the period, us.</summary>
        public int ExecutionMaximumUs { get; set; }

        /// <summary>Release latencies of the period.</summary>
        public TickTimingHistogram Latency { get; } = new TickTimingHistogram();

        /// <summary>Execution times of the period.</summary>
        public TickTimingHistogram Execution { get; } = new TickTimingHistogram();
    }
}
