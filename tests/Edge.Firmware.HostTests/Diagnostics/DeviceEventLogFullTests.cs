// Licensed under the MIT License.

using System.Collections.Generic;
using Edge.Firmware.Diagnostics;
using Xunit;

namespace Edge.Firmware.HostTests.Diagnostics
{
    /// <summary>
    /// The device-event log full while offline (firmware/README.md, <c>events-dropped</c>: a repeating event replaces its
    /// own oldest copy first, so retries cannot push out a <c>watchdog</c> or <c>tick-exception</c>).
    /// </summary>
    public class DeviceEventLogFullTests
    {
        [Fact]
        public void ARareEventIntoALogFullOfRetriesPushesOutARetryNotAnotherRareEvent()
        {
            // A watchdog trip, then connection retries until the log is full, then a failed tick: 33 events, one too many.
            var log = new DeviceEventLog();
            log.Report("watchdog", "no sampling tick for 100 ms");
            for (int i = 1; i < DeviceEventLog.Capacity; i++)
            {
                log.Report("mqtt-connect", "retry " + i);
            }

            log.Report("tick-exception", "tick 7 failed");

            // The one dropped is the oldest retry (30 others say the same); both faults are kept.
            var kept = new List<string>();
            for (DeviceEvent e = log.Peek(); e != null; e = log.Peek())
            {
                kept.Add(e.Code + ": " + e.Message);
                log.Remove(e);
            }

            var expected = new List<string> { "watchdog: no sampling tick for 100 ms" };
            for (int i = 2; i < DeviceEventLog.Capacity; i++)
            {
                expected.Add("mqtt-connect: retry " + i);
            }

            expected.Add("tick-exception: tick 7 failed");
            Assert.Equal(expected, kept);
            Assert.Equal(1, log.TakeDroppedCount());
        }
    }
}
