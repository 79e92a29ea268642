// Licensed under the MIT License.

using System.Threading;
using Edge.Core.Annotations;
using Edge.Core.Telemetry.Health;
using Edge.Core.Timing;

namespace Edge.Firmware.Sampling
{
    /// <summary>
    /// Timing figures of the sampling loop, written by the sampling thread and read by the watchdog
    /// and the health report. The tick count the watchdog compares is an int so that nanoFramework's int-only
    /// Interlocked fits; the totals the health report carries are 64-bit, counted under the lock of
    /// <see cref="Timing"/>.
    /// </summary>
    [HotPath]
    public sealed class TickStatistics
    {
        private int _tickCount;
        private int _lastTickUs;
        private int _maximumTickUs;

        /// <summary>How late each tick started after its timer release and how long it ran, as maxima and histograms per health period.</summary>
        public TickTimingStatistics Timing { get; } = new TickTimingStatistics();

        /// <summary>Ticks completed since start (wraps after 2^31; the watchdog only compares for change).</summary>
        public int TickCount
        {
            get { return _tickCount; }
        }

        /// <summary>
        /// Periods missed since start: ticks that took longer than one period, timer expirations that found the loop busy,
        /// and ticks that started a period or more after the release they answer. 64-bit: an int went negative after 2^31,
        /// 24.8 days of a loop that overruns every 1 ms period.
        /// </summary>
        public long OverrunCount
        {
            get { return Timing.OverrunsTotal; }
        }

        /// <summary>Duration of the last tick, us.</summary>
        public int LastTickUs
        {
            get { return _lastTickUs; }
        }

        /// <summary>Longest tick since the last <see cref="TakeMaximumTickUs"/>, us.</summary>
        public int MaximumTickUs
        {
            get { return _maximumTickUs; }
        }

        /// <summary>Records one finished tick of <paramref name="durationUs"/> against <paramref name="periodUs"/>.</summary>
        public void RecordTick(int durationUs, int periodUs)
        {
            _lastTickUs = durationUs;
            if (durationUs > _maximumTickUs)
            {
                _maximumTickUs = durationUs;
            }

            if (durationUs > periodUs)
            {
                Timing.RecordOverruns(1);
            }

            Interlocked.Increment(ref _tickCount);
        }

        /// <summary>Counts <paramref name="missedPeriods"/> periods in which no tick could start.</summary>
        public void RecordMissedPeriods(int missedPeriods)
        {
            if (missedPeriods > 0)
            {
                Timing.RecordOverruns(missedPeriods);
            }
        }

        /// <summary>
        /// Copies the loop's figures into <paramref name="report"/>: ticks and overruns since boot, and the longest tick
        /// and the tick timing since the previous report (both start a new period). On the network thread.
        /// </summary>
        public void TakeHealthFigures(HealthReport report)
        {
            report.TickCount = Timing.TicksTotal;
            report.TickOverrunCount = OverrunCount;
            report.MaximumTickUsSinceLast = TakeMaximumTickUs();
            Timing.TakeReport(report.Timing);
        }

        /// <summary>Returns the longest tick so far and starts a new maximum.</summary>
        public int TakeMaximumTickUs()
        {
            return Interlocked.Exchange(ref _maximumTickUs, 0);
        }
    }
}
