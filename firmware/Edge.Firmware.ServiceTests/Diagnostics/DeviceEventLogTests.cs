// Licensed under the MIT License.

using Edge.Core.DeviceEvents;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;

namespace NFUnitTest.Diagnostics
{
    /// <summary>
    /// The device-event log full while offline (firmware/README.md, <c>events-dropped</c>): a repeating event gives way
    /// before a single one, and the broker's PUBACK removes exactly the event it acknowledges, whatever the sampling
    /// thread reported meanwhile; every event lost is counted, none that reached the broker.
    /// </summary>
    [TestClass]
    public class DeviceEventLogTests
    {
        [TestMethod]
        public void ARareEventIntoALogFullOfRetriesPushesOutARetryNotAnotherRareEvent()
        {
            // A watchdog trip, then connection retries until the log is full, then a failed tick: one too many.
            DeviceEventLog log = new DeviceEventLog();
            log.Report("watchdog", "no sampling tick for 100 ms");
            for (int i = 1; i < DeviceEventLog.Capacity; i++)
            {
                log.Report("mqtt-connect", "retry " + i.ToString());
            }

            log.Report("tick-exception", "tick 7 failed");

            // The one dropped is the oldest retry (30 others say the same); both faults are kept, in order.
            Assert.AreEqual("watchdog", Take(log).Code);
            for (int i = 2; i < DeviceEventLog.Capacity; i++)
            {
                Assert.AreEqual("retry " + i.ToString(), Take(log).Message);
            }

            Assert.AreEqual("tick-exception", Take(log).Code);
            Assert.IsNull(log.Peek());
            Assert.AreEqual(1, log.Queue.TakeDroppedCount());
        }

        [TestMethod]
        public void TheEventPublishedIsRemovedNotTheOneReportedAfterIt()
        {
            // 32 different codes: the log is full. The network thread takes e0 to publish it; meanwhile a new code is
            // reported, and the full log pushes out its oldest: e0, the one in flight.
            DeviceEventLog log = new DeviceEventLog();
            for (int i = 0; i < DeviceEventLog.Capacity; i++)
            {
                log.Report("e" + i.ToString(), "event " + i.ToString());
            }

            DeviceEvent inFlight = log.Queue.TakeNextToSend();
            log.Report("late", "reported while e0 was sent");

            // e0 reached the broker (its PUBACK came): it is not counted as dropped, and nothing else goes in its place.
            log.Queue.Sent(inFlight, 7);
            log.Queue.Acknowledge(7);
            Assert.AreEqual(0, log.Queue.TakeDroppedCount());
            Assert.AreEqual(DeviceEventLog.Capacity, log.Count);
            Assert.AreEqual("e1", log.Peek().Code);
        }

        [TestMethod]
        public void AnEventPushedOutWhileItsPubackIsAwaitedCountsAsDroppedOnlyWhenThePubackNeverComes()
        {
            // e0 is published as packet 7; before its PUBACK a new code pushes it out of the full log.
            DeviceEventLog log = new DeviceEventLog();
            for (int i = 0; i < DeviceEventLog.Capacity; i++)
            {
                log.Report("e" + i.ToString(), "event " + i.ToString());
            }

            log.Queue.Sent(log.Queue.TakeNextToSend(), 7);
            log.Report("late", "reported while e0 awaited its PUBACK");
            Assert.AreEqual(0, log.Queue.TakeDroppedCount());

            // The link drops and a new session opens: the PUBACK will not come, so e0 is lost: one dropped, and no more.
            log.Queue.ConnectionRestarted();
            Assert.AreEqual(1, log.Queue.TakeDroppedCount());
            log.Queue.Acknowledge(7);
            Assert.AreEqual(0, log.Queue.TakeDroppedCount());
            Assert.AreEqual(DeviceEventLog.Capacity, log.Count);
        }

        private static DeviceEvent Take(DeviceEventLog log)
        {
            DeviceEvent next = log.Peek();
            log.RemoveOldest();
            return next;
        }
    }
}
