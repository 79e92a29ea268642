// Licensed under the MIT License.

using System.Reflection;
using System.Text;
using Edge.Core.Telemetry.Health;
using Edge.Core.Timing;
using Edge.Firmware.Sampling;
using Edge.Firmware.Telemetry;
using Xunit;

namespace Edge.Firmware.HostTests.Telemetry
{
    /// <summary>
    /// The health message's tick count is a total since boot: past 2^31 ticks (24.8 days at a 1 ms period, 248 days
    /// at 10 ms) it keeps counting up instead of going negative. The counters are set to the state after 2^31 - 1
    /// ticks; recording that many would take minutes.
    /// </summary>
    public sealed class HealthTickCountTests
    {
        [Fact]
        public void TicksPastTwoToTheThirtyFirstCountOn()
        {
            TickStatistics statistics = new TickStatistics();
            SetField(statistics, "_tickCount", int.MaxValue);
            SetField(statistics.Timing, "_ticksTotal", (long)int.MaxValue);

            // One more tick, recorded as the sampling loop records it.
            statistics.RecordTick(2000, 10000);
            statistics.Timing.Record(300, 2000);

            HealthReport report = new HealthReport();
            statistics.TakeHealthFigures(report);

            Assert.Equal(2147483648L, report.TickCount);
            Assert.Contains("\"ticks\":2147483648,", Encoding.UTF8.GetString(HealthPayload.Encode(report)));
            Assert.Equal(1, report.Timing.Ticks);
            Assert.Equal(2000, report.MaximumTickUsSinceLast);
        }

        /// <summary>
        /// tick_overruns is a total since boot as well: a loop that overruns every period (a 1 ms board whose tick takes
        /// longer, 2^31 overruns in 24.8 days) keeps counting up. Set to the state after 2^31 - 1 overruns.
        /// </summary>
        [Fact]
        public void OverrunsPastTwoToTheThirtyFirstCountOn()
        {
            TickStatistics statistics = new TickStatistics();
            SetField(statistics.Timing, "_overrunsTotal", (long)int.MaxValue);

            // A tick of 12 ms against a 10 ms period, then a wake that found three releases (two periods missed).
            statistics.RecordTick(12000, 10000);
            statistics.RecordMissedPeriods(2);

            HealthReport report = new HealthReport();
            statistics.TakeHealthFigures(report);

            Assert.Equal(2147483650L, report.TickOverrunCount);
            Assert.Contains("\"tick_overruns\":2147483650,", Encoding.UTF8.GetString(HealthPayload.Encode(report)));
        }

        [Fact]
        public void OverrunsAreCountedPerMissedPeriod()
        {
            TickStatistics statistics = new TickStatistics();

            // Within its period: none. Longer than its period: one. A wake that found four releases: three more.
            statistics.RecordTick(9999, 10000);
            statistics.RecordTick(10001, 10000);
            statistics.RecordMissedPeriods(3);
            statistics.RecordMissedPeriods(0);

            Assert.Equal(4L, statistics.OverrunCount);
        }

        private static void SetField(object target, string name, object value)
        {
            FieldInfo field = target.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)!;
            field.SetValue(target, value);
        }
    }
}
