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

        private static void SetField(object target, string name, object value)
        {
            FieldInfo field = target.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)!;
            field.SetValue(target, value);
        }
    }
}
