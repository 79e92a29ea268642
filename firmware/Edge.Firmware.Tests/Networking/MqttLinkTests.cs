// Licensed under the MIT License.

using Edge.Core.Telemetry;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using Edge.Firmware.Telemetry;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// The MQTT session as the broker sees it: Last Will and retained "online", the command
    /// subscription, store-and-forward of the outbox across outages, the in-flight bound, back-off.
    /// </summary>
    [TestClass]
    public class MqttLinkTests
    {
        private static FakeTransport s_transport;
        private static FakeNetwork s_network;
        private static TelemetryOutbox s_outbox;
        private static DeviceEventLog s_events;
        private static MqttLink s_link;

        [Setup]
        public void CreateLink()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.DeviceId = "pack-7";
            settings.MqttHost = "broker";
            settings.HealthPeriodS = 30;
            s_transport = new FakeTransport();
            s_network = new FakeNetwork();
            s_outbox = new TelemetryOutbox(16, 1);
            s_events = new DeviceEventLog();
            s_link = new MqttLink(settings, new MqttTopics("pack-7"), s_transport, s_network, s_outbox, s_events, null, null, 1);
        }

        [TestMethod]
        public void SessionOpensWithLastWillOnlineAndCommandSubscription()
        {
            Assert.IsTrue(s_link.TryOpenSession());

            Assert.AreEqual("pack-7", s_transport.ClientId);
            Assert.AreEqual("edge/pack-7/status", s_transport.WillTopic);
            Assert.AreEqual("offline", s_transport.WillMessage);
            Assert.AreEqual("edge/pack-7/status|online|retained", s_transport.PublishedAt(0));
            Assert.AreEqual("edge/pack-7/cmd/#", (string)s_transport.Subscriptions[0]);
            Assert.AreEqual(1, s_link.ConnectionCount);
        }

        [TestMethod]
        public void NoNetworkMeansNoBrokerAttemptAndAnEvent()
        {
            s_network.IsUp = false;

            Assert.IsFalse(s_link.TryOpenSession());

            Assert.IsNull(s_transport.ClientId);
            Assert.AreEqual("wifi", s_events.Peek().Code);
        }

        [TestMethod]
        public void FailuresBackOffAndASessionStartsOver()
        {
            s_transport.AcceptConnect = false;
            Assert.IsFalse(s_link.TryOpenSession());
            Assert.AreEqual(1000, s_link.CloseAfterFailure());
            Assert.IsFalse(s_link.TryOpenSession());
            Assert.AreEqual(2000, s_link.CloseAfterFailure());

            s_transport.AcceptConnect = true;
            Assert.IsTrue(s_link.TryOpenSession());

            Assert.AreEqual(0, s_link.Backoff.FailureCount);
        }

        [TestMethod]
        public void OutboxIsForwardedInOrderAndKeptWhileTheBrokerIsAway()
        {
            PushEvent(10, 1);
            PushEvent(20, 2);
            s_transport.IsConnected = false;

            // Broker away: nothing leaves the outbox.
            Assert.IsFalse(s_link.Pump(0, out bool sentOffline));
            Assert.IsFalse(sentOffline);
            Assert.AreEqual(2, s_outbox.Count);

            Assert.IsTrue(s_link.TryOpenSession());
            DrainEventsLog();
            Assert.IsTrue(s_link.Pump(0, out bool sent));

            Assert.IsTrue(sent);
            Assert.AreEqual(0, s_outbox.Count);
            int first = s_transport.Published.Count - 2;
            Assert.StartsWith("edge/pack-7/telemetry/event|{\"t_ms\":10,", s_transport.PublishedAt(first));
            Assert.StartsWith("edge/pack-7/telemetry/event|{\"t_ms\":20,", s_transport.PublishedAt(first + 1));
        }

        [TestMethod]
        public void AtMostEightMessagesAreInFlight()
        {
            for (int i = 0; i < 12; i++)
            {
                PushEvent(i, i);
            }

            Assert.IsTrue(s_link.TryOpenSession());
            DrainEventsLog();
            s_transport.AcknowledgeImmediately = false;
            s_transport.InFlightCount = 0;
            int before = s_transport.Published.Count;

            s_link.Pump(0, out bool sent);

            Assert.AreEqual(MqttLink.MaximumInFlight, s_transport.Published.Count - before);
            Assert.AreEqual(12 - MqttLink.MaximumInFlight, s_outbox.Count);

            // The broker acknowledges everything: the rest follows.
            s_transport.InFlightCount = 0;
            s_link.Pump(0, out sent);
            Assert.AreEqual(0, s_outbox.Count);
        }

        [TestMethod]
        public void RefusedPublishKeepsTheRecord()
        {
            PushEvent(5, 5);
            Assert.IsTrue(s_link.TryOpenSession());
            DrainEventsLog();
            s_transport.AcceptPublish = false;

            // Still connected: a full client queue ends the pass, not the session.
            Assert.IsTrue(s_link.Pump(0, out bool sent));

            Assert.IsFalse(sent);
            Assert.AreEqual(1, s_outbox.Count);
        }

        [TestMethod]
        public void DeviceEventsArePublishedAsJson()
        {
            Assert.IsTrue(s_link.TryOpenSession());
            s_events.Report("watchdog", "no \"tick\"");

            s_link.Pump(0, out bool sent);

            Assert.AreEqual("edge/pack-7/device-event|{\"code\":\"watchdog\",\"message\":\"no \\\"tick\\\"\"}|-", s_transport.PublishedAt(s_transport.Published.Count - 1));
        }

        private static void PushEvent(long timestampMs, int value)
        {
            TelemetryRecord record = new TelemetryRecord(1);
            record.Kind = TelemetryRecordKind.Event;
            record.TimestampMs = timestampMs;
            record.Module = 0;
            record.Cell = -1;
            record.Value = value;
            s_outbox.Push(record);
        }

        private static void DrainEventsLog()
        {
            while (s_events.Peek() != null)
            {
                s_events.RemoveOldest();
            }
        }
    }
}
