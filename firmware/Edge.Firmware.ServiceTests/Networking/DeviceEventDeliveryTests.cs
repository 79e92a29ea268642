// Licensed under the MIT License.

using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using NFUnitTest.Fakes;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// Device events are QoS 1 (firmware/README.md, <c>edge/&lt;id&gt;/device-event</c>): at least once. An event leaves
    /// the log when the broker's PUBACK for its publish arrives, not when the client takes it, so a link that drops
    /// between the publish and the PUBACK sends it again on the next session.
    /// </summary>
    [TestClass]
    public class DeviceEventDeliveryTests
    {
        private const string DroppedReport = "edge/pack-7/device-event|{\"v\":1,\"bootId\":\"B007\",\"code\":\"events-dropped\",\"message\":\"";

        private const string WatchdogEvent = "edge/pack-7/device-event|{\"v\":1,\"bootId\":\"B007\",\"code\":\"watchdog\",";

        [TestMethod]
        public void AnEventWhosePubackNeverCameIsSentAgainAfterTheReconnect()
        {
            // The fake broker acknowledges the outbox's messages but no device event: the PUBACK is lost with the link.
            FakeConnection broker = new FakeConnection(new TopicSet("pack-7"));
            FakeClock clock = new FakeClock();
            DeviceEventLog events = new DeviceEventLog();
            MqttSession session = Open(broker, clock, events);
            events.Report("watchdog", "no sampling tick for 100 ms");
            session.Pass();
            Assert.AreEqual(1, broker.CountOf(WatchdogEvent));

            // The link drops before the PUBACK; the session reopens after the first back-off (1 s).
            broker.IsConnected = false;
            Assert.AreEqual((int)SessionStep.Lost, (int)session.Pass());
            clock.NowMs += 1000;
            Assert.AreEqual((int)SessionStep.Opened, (int)session.Pass());

            // Sent once more on the new session, and still kept until that publish is acknowledged; nothing counted dropped.
            Assert.AreEqual(2, broker.CountOf(WatchdogEvent));
            Assert.AreEqual(0, broker.CountOf(DroppedReport));
            Assert.AreEqual("watchdog", events.Peek().Code);
        }

        [TestMethod]
        public void AnAcknowledgedEventLeavesTheLogAndIsNotSentAgain()
        {
            // The connection routes every PUBACK to the log, as the device's transport does.
            FakeConnection broker = new FakeConnection(new TopicSet("pack-7"));
            FakeClock clock = new FakeClock();
            DeviceEventLog events = new DeviceEventLog();
            broker.Events = events;
            MqttSession session = Open(broker, clock, events);
            events.Report("watchdog", "no sampling tick for 100 ms");
            session.Pass();
            Assert.AreEqual(0, events.Count);

            broker.IsConnected = false;
            session.Pass();
            clock.NowMs += 1000;
            Assert.AreEqual((int)SessionStep.Opened, (int)session.Pass());
            Assert.AreEqual(1, broker.CountOf(WatchdogEvent));
        }

        [TestMethod]
        public void ADroppedCountWhosePubackNeverCameIsReportedAgainAfterTheReconnect()
        {
            // 33 different codes into the 32-event log while offline: one dropped. No device event's PUBACK arrives.
            FakeConnection broker = new FakeConnection(new TopicSet("pack-7"));
            FakeClock clock = new FakeClock();
            DeviceEventLog events = new DeviceEventLog();
            for (int i = 0; i <= DeviceEventLog.Capacity; i++)
            {
                events.Report("e" + i.ToString(), "event " + i.ToString());
            }

            MqttSession session = Open(broker, clock, events);
            Assert.AreEqual(1, broker.CountOf(DroppedReport + "1 device event(s)"));

            // The 32 events are through (as if acknowledged); the link drops before the report's PUBACK: the next
            // session says again that one was dropped.
            while (events.Peek() != null)
            {
                events.RemoveOldest();
            }

            broker.IsConnected = false;
            session.Pass();
            clock.NowMs += 1000;
            Assert.AreEqual((int)SessionStep.Opened, (int)session.Pass());
            Assert.AreEqual(2, broker.CountOf(DroppedReport + "1 device event(s)"));
        }

        [TestMethod]
        public void ARedeliveredEventKeepsItsSeqAndANewOneWithTheSameTextGetsTheNext()
        {
            // Two watchdog trips with the same text; no PUBACK comes before the link drops, so both go again.
            FakeConnection broker = new FakeConnection(new TopicSet("pack-7"));
            FakeClock clock = new FakeClock();
            DeviceEventLog events = new DeviceEventLog();
            MqttSession session = Open(broker, clock, events);
            events.Report("watchdog", "no tick");
            events.Report("watchdog", "no tick");
            session.Pass();
            broker.IsConnected = false;
            session.Pass();
            clock.NowMs += 1000;
            Assert.AreEqual((int)SessionStep.Opened, (int)session.Pass());

            // Numbered per boot from 1: the trips are 1 and 2 each time they go, the lost session's mqtt-connect 3.
            int[] expected = new int[] { 1, 2, 1, 2 };
            int at = -1;
            for (int i = 0; i < expected.Length; i++)
            {
                at = broker.IndexOf(WatchdogEvent, at + 1);
                Assert.AreEqual(expected[i], SeqOf(broker.PublishedAt(at)));
            }

            Assert.AreEqual(3, SeqOf(broker.PublishedAt(broker.IndexOf("edge/pack-7/device-event|{\"v\":1,\"bootId\":\"B007\",\"code\":\"mqtt-connect\""))));
        }

        // The seq field of a published "topic|payload|qos|retain" line, or -1 when it has none.
        private static int SeqOf(string line)
        {
            int start = line.IndexOf("\"seq\":");
            if (start < 0)
            {
                return -1;
            }

            start += 6;
            return int.Parse(line.Substring(start, line.IndexOf('}', start) - start));
        }

        private static MqttSession Open(FakeConnection broker, FakeClock clock, DeviceEventLog events)
        {
            MqttSession session = FakeBrokerSession.Create(broker, clock, events);
            Assert.AreEqual((int)SessionStep.Opened, (int)session.Pass());
            return session;
        }
    }
}
