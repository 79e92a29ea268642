// Licensed under the MIT License.

using System;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using NFUnitTest.Fakes;
using Xunit;

namespace Edge.Firmware.HostTests.Networking
{
    /// <summary>
    /// The device-event log drained by the network thread while another thread keeps reporting (firmware/README.md,
    /// <c>edge/&lt;id&gt;/device-event</c>: 32 kept while offline, <c>events-dropped</c> says how many a full log
    /// dropped): no event is lost without being counted, none is counted that reached the broker. Host tests: they were
    /// written when the on-device test assembly was at nanoFramework's string-table limit, before the device services'
    /// tests moved to their own assembly (firmware/Edge.Firmware.ServiceTests), where they could go now.
    /// </summary>
    public class DeviceEventPublishingTests
    {
        private const string EventPrefix = "edge/pack-7/device-event|{\"v\":1,\"bootId\":\"B007\",\"code\":\"";

        [Fact]
        public void AnEventReportedIntoAFullLogWhileTheOldestIsSentLosesNothing()
        {
            var events = new DeviceEventLog();
            var broker = new FakeConnection(new TopicSet("pack-7"));
            var connection = new ReportingConnection(broker);
            MqttSession session = OnlineWithAFullLog(connection, events);

            // While the client sends the oldest (e0), another thread reports into the full log: the full-log rule
            // pushes out e0, the one in flight. e0 still reaches the broker; e1 must not be removed in its place.
            connection.DuringFirstEventPublish = () => events.Report("late", "reported while e0 was sent");
            session.Pass();
            session.Pass();

            for (int i = 0; i < DeviceEventLog.Capacity; i++)
            {
                Assert.True(broker.CountOf(EventPrefix + "e" + i + "\",") == 1, "e" + i + " published " + broker.CountOf(EventPrefix + "e" + i + "\",") + " times");
            }

            Assert.Equal(1, broker.CountOf(EventPrefix + "late\","));

            // 33 events reported, 33 published: none was dropped, so no events-dropped report says otherwise.
            Assert.Equal(0, broker.CountOf(EventPrefix + "events-dropped\","));
            Assert.Equal(0, events.Count);
        }

        [Fact]
        public void AnEventThatPushesOutAnotherWhileTheOldestIsSentCountsThatOneDropped()
        {
            var events = new DeviceEventLog();
            var broker = new FakeConnection(new TopicSet("pack-7"));
            var connection = new ReportingConnection(broker);
            MqttSession session = OnlineWithAFullLog(connection, events);

            // A second e5 replaces the first (its own code's oldest) while e0 is sent: exactly that one is lost, and counted.
            connection.DuringFirstEventPublish = () => events.Report("e5", "second e5");
            session.Pass();
            session.Pass();

            for (int i = 0; i < DeviceEventLog.Capacity; i++)
            {
                Assert.Equal(1, broker.CountOf(EventPrefix + "e" + i + "\","));
            }

            Assert.Equal(0, broker.CountOf(EventPrefix + "e5\",\"message\":\"event 5\""));
            Assert.Equal(1, broker.CountOf(EventPrefix + "events-dropped\",\"message\":\"1 device event(s) dropped"));
            Assert.Equal(0, events.Count);
        }

        /// <summary>A session over <paramref name="connection"/>, opened, with a full log of 32 different codes, e0 the oldest.</summary>
        private static MqttSession OnlineWithAFullLog(ReportingConnection connection, DeviceEventLog events)
        {
            MqttSession session = OnlineMqttSession.Open(connection, connection.Broker, events);
            for (int i = 0; i < DeviceEventLog.Capacity; i++)
            {
                events.Report("e" + i, "event " + i);
            }

            return session;
        }

        /// <summary>The fake broker, with an action run inside the first device-event publish (as another thread could run it).</summary>
        private sealed class ReportingConnection : ISessionConnection
        {
            private bool _reported;

            public ReportingConnection(FakeConnection broker)
            {
                Broker = broker;
            }

            public FakeConnection Broker { get; }

            public Action DuringFirstEventPublish { get; set; }

            public DeviceSession Session
            {
                get => Broker.Session;
                set => Broker.Session = value;
            }

            public DeviceEventLog Events
            {
                get => Broker.Events;
                set => Broker.Events = value;
            }

            public bool IsConnected => Broker.IsConnected;

            public string LastError => Broker.LastError;

            public ConnectOutcome Open(string clientId, string username, string password, int keepAliveS, string willTopic, byte[] willPayload)
                => Broker.Open(clientId, username, password, keepAliveS, willTopic, willPayload);

            public bool Subscribe(string topicFilter) => Broker.Subscribe(topicFilter);

            public void Close(bool sendDisconnect) => Broker.Close(sendDisconnect);

            public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
                => Broker.Publish(topic, payload, offset, count, qos, retain);

            public int PublishTo(string topic, byte[] payload, int offset, int count, int qos, bool retain)
            {
                int id = Broker.PublishTo(topic, payload, offset, count, qos, retain);
                if (id >= 0 && !_reported && DuringFirstEventPublish != null && topic.EndsWith("/device-event", StringComparison.Ordinal))
                {
                    _reported = true;
                    DuringFirstEventPublish();
                }

                return id;
            }
        }
    }
}
