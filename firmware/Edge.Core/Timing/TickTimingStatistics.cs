// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Timing
{
    /// <summary>
    /// How late each control tick started (release latency: start minus the timer's release) and how
    /// long it ran (execution time), as maxima and histograms over a reporting period. nanoFramework
    /// time-slices managed threads with a 20 ms quantum, Wi-Fi shares the core and a garbage
    /// collection stops every thread, so a tick released on time may start late; the firmware measures
    /// both figures every tick and the health telemetry reports them (CONTRACT.md, <c>health</c>).
    /// Written by the tick thread, read by the reporting thread; both under one lock, no allocation.
    /// </summary>
    [HotPath]
    public sealed class TickTimingStatistics
    {
        private readonly object _sync = new object();
        private readonly TickTimingHistogram _latency = new TickTimingHistogram();
        private readonly TickTimingHistogram _execution = new TickTimingHistogram();
        private int _ticks;
        private int _latencyMaximumUs;
        private int _executionMaximumUs;
        private long _ticksTotal;
        private long _overrunsTotal;

        /// <summary>Records one tick: how late it started and how long it ran, us.</summary>
        public void Record(int releaseLatencyUs, int executionUs)
        {
            lock (_sync)
            {
                _latency.Add(releaseLatencyUs);
                _execution.Add(executionUs);
                if (releaseLatencyUs > _latencyMaximumUs)
                {
                    _latencyMaximumUs = releaseLatencyUs;
                }

                if (executionUs > _executionMaximumUs)
                {
                    _executionMaximumUs = executionUs;
                }

                _ticks++;
                _ticksTotal++;
            }
        }

        /// <summary>Ticks recorded since start.</summary>
        public long TicksTotal
        {
            get
            {
                lock (_sync)
                {
                    return _ticksTotal;
                }
            }
        }

        /// <summary>
        /// Counts <paramref name="periods"/> periods missed (a tick longer than its period, a release no tick answered, a
        /// tick started a period or more late) in the total since start: 64-bit, so a loop that overruns every 1 ms period
        /// counts on past 2^31 (24.8 days) instead of going negative.
        /// </summary>
        public void RecordOverruns(int periods)
        {
            lock (_sync)
            {
                _overrunsTotal += periods;
            }
        }

        /// <summary>Periods missed since start (<see cref="RecordOverruns"/>).</summary>
        public long OverrunsTotal
        {
            get
            {
                lock (_sync)
                {
                    return _overrunsTotal;
                }
            }
        }

        /// <summary>Moves the figures since the last call into <paramref name="report"/> and starts a new period.</summary>
        public void TakeReport(TickTimingReport report)
        {
            lock (_sync)
            {
                report.Ticks = _ticks;
                report.LatencyMaximumUs = _latencyMaximumUs;
                report.ExecutionMaximumUs = _executionMaximumUs;
                _latency.MoveTo(report.Latency);
                _execution.MoveTo(report.Execution);
                _ticks = 0;
                _latencyMaximumUs = 0;
                _executionMaximumUs = 0;
            }
        }
    }
}
