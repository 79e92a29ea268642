// Licensed under the MIT License.

using System.Text;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Commands;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// The MQTT session as a broker sees it, against the core's contract (Edge.Core/Telemetry/CONTRACT.md):
    /// client id, Last Will, cmd/+ subscription, retained status and config, store-and-forward of the
    /// outbox across an outage, command replies on cmd/result, back-off 1 s doubling to 30 s.
    /// </summary>
    [TestClass]
    public class MqttSessionTests
    {
        private const string BootId = "B007";

        private static FakeConnection s_connection;
        private static FakeNetwork s_network;
        private static MessageOutbox s_outbox;
        private static TelemetryPublisher s_publisher;
        private static EdgeController s_controller;
        private static CommandInbox s_inbox;
        private static DeviceEventLog s_events;
        private static MqttSession s_session;

        /// <summary>A fresh session, broker and network: every test starts from here (the launcher runs [Setup] once per class, not per test).</summary>
        private static void CreateSession()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.DeviceId = "pack-7";
            settings.MqttHost = "broker";
            TopicSet topics = new TopicSet("pack-7");
            s_connection = new FakeConnection(topics);
            s_network = new FakeNetwork();
            OutboxConfiguration outboxConfiguration = new OutboxConfiguration();
            outboxConfiguration.SlotCount = 16;
            s_outbox = new MessageOutbox(outboxConfiguration, PayloadBudget.MaximumStreamPayloadBytes(1));
            s_publisher = new TelemetryPublisher(s_outbox, BootId);
            s_controller = new EdgeController(new PackLayout(2, 1, 0), new ControllerConfiguration());
            s_inbox = new CommandInbox();
            s_events = new DeviceEventLog();
            s_session = new MqttSession(settings, topics, s_connection, s_network, s_outbox, BootId, s_controller, new CommandHandler(s_controller, null), s_inbox, s_events, null, null);
        }

        [TestMethod]
        public void SessionOpensAsTheContractSays()
        {
            CreateSession();

            Assert.IsTrue(s_session.TryOpenSession());

            Assert.AreEqual("edge-pack-7", s_connection.ClientId);
            Assert.AreEqual(30, s_connection.KeepAliveS);
            Assert.AreEqual("edge/pack-7/status", s_connection.WillTopic);
            Assert.AreEqual("{\"v\":1,\"status\":\"offline\",\"bootId\":\"B007\"}", s_connection.WillMessage);
            Assert.AreEqual("edge/pack-7/cmd/+", (string)s_connection.Subscriptions[0]);
            Assert.AreEqual("edge/pack-7/status|{\"v\":1,\"status\":\"online\",\"bootId\":\"B007\"}|1|retained", s_connection.PublishedAt(0));
            Assert.StartsWith("edge/pack-7/config|{\"v\":1,\"bootId\":\"B007\",\"revision\":0,\"modules\":2,\"cellsPerModule\":1,", s_connection.PublishedAt(1));
            Assert.IsTrue(s_connection.PublishedAt(1).EndsWith("|1|retained"));
        }

        [TestMethod]
        public void NoNetworkMeansNoBrokerAttemptAndAnEvent()
        {
            CreateSession();

            s_network.IsUp = false;

            Assert.IsFalse(s_session.TryOpenSession());

            Assert.IsNull(s_connection.ClientId);
            Assert.AreEqual("wifi", s_events.Peek().Code);
        }

        [TestMethod]
        public void FailuresBackOffToThirtySecondsAndASessionStartsOver()
        {
            CreateSession();

            s_connection.AcceptConnect = false;
            int[] expected = new int[] { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.IsFalse(s_session.TryOpenSession());
                Assert.AreEqual(expected[i], s_session.CloseAfterFailure());
            }

            s_connection.AcceptConnect = true;
            Assert.IsTrue(s_session.TryOpenSession());
            Assert.AreEqual(0, s_session.Backoff.FailureCount);
        }

        [TestMethod]
        public void TelemetryWaitsForTheBrokerThenFlows()
        {
            CreateSession();

            // First tick: the default configuration starts every module (stateChanged to pulse) and reports cell voltages.
            TickOnce();
            int queued = s_outbox.SlotCount - s_outbox.FreeCount;
            Assert.IsTrue(queued > 0);

            Assert.IsFalse(s_session.Pump(0, out bool sentOffline));
            Assert.IsFalse(sentOffline);
            Assert.AreEqual(queued, s_outbox.SlotCount - s_outbox.FreeCount);

            Assert.IsTrue(s_session.TryOpenSession());
            Assert.IsTrue(s_session.Pump(0, out bool sent));

            Assert.IsTrue(sent);
            Assert.IsTrue(s_connection.IndexOf("edge/pack-7/telemetry/state|{\"v\":1,\"bootId\":\"B007\",\"seq\":1,\"tMs\":0,\"module\":0,\"type\":\"stateChanged\",\"state\":\"pulse\"") >= 0);
            Assert.IsTrue(s_connection.IndexOf("edge/pack-7/telemetry/cells|{\"v\":1,\"bootId\":\"B007\",\"seq\":1,") >= 0);
        }

        [TestMethod]
        public void CommandsAreAnsweredOnCmdResult()
        {
            CreateSession();

            Assert.IsTrue(s_session.TryOpenSession());
            s_inbox.TryAdd("edge/pack-7/cmd/stop", Encoding.UTF8.GetBytes("{\"id\":\"r1\",\"module\":0}"));
            s_inbox.TryAdd("edge/pack-7/cmd/stop", Encoding.UTF8.GetBytes("{\"id\":\"r2\",\"module\":5}"));
            s_inbox.TryAdd("edge/pack-7/cmd/result", Encoding.UTF8.GetBytes("{\"id\":\"r3\"}"));

            s_session.Pump(0, out bool sent);

            Assert.IsTrue(s_connection.IndexOf("edge/pack-7/cmd/result|{\"v\":1,\"id\":\"r1\",\"verb\":\"stop\",\"ok\":true}|1|-") >= 0);
            int refused = s_connection.IndexOf("edge/pack-7/cmd/result|{\"v\":1,\"id\":\"r2\",\"verb\":\"stop\",\"ok\":false,");
            Assert.IsTrue(refused >= 0);
            // Our own reply topic is ignored: no reply to r3.
            Assert.AreEqual(-1, s_connection.IndexOf("edge/pack-7/cmd/result|{\"v\":1,\"id\":\"r3\""));
        }

        [TestMethod]
        public void GetConfigRepublishesTheRetainedConfig()
        {
            CreateSession();

            Assert.IsTrue(s_session.TryOpenSession());
            int before = s_connection.Published.Count;
            s_inbox.TryAdd("edge/pack-7/cmd/getConfig", Encoding.UTF8.GetBytes("{\"id\":\"c1\"}"));

            s_session.Pump(0, out bool sent);

            int configs = 0;
            for (int i = before; i < s_connection.Published.Count; i++)
            {
                if (s_connection.PublishedAt(i).StartsWith("edge/pack-7/config|"))
                {
                    configs++;
                }
            }

            Assert.AreEqual(1, configs);
        }

        [TestMethod]
        public void DeviceEventsGoToTheirOwnTopic()
        {
            CreateSession();

            Assert.IsTrue(s_session.TryOpenSession());
            s_events.Report("watchdog", "no \"tick\"");

            s_session.Pump(0, out bool sent);

            Assert.IsTrue(s_connection.IndexOf("edge/pack-7/device-event|{\"v\":1,\"bootId\":\"B007\",\"code\":\"watchdog\",\"message\":\"no \\\"tick\\\"\"}|1|-") >= 0);
            Assert.IsNull(s_events.Peek());
        }

        [TestMethod]
        public void RefusedPublishKeepsTheMessageQueued()
        {
            CreateSession();

            TickOnce();
            Assert.IsTrue(s_session.TryOpenSession());
            int queued = s_outbox.SlotCount - s_outbox.FreeCount;
            s_connection.AcceptPublish = false;

            Assert.IsTrue(s_session.Pump(0, out bool sent));

            Assert.AreEqual(queued, s_outbox.SlotCount - s_outbox.FreeCount);
        }

        private static void TickOnce()
        {
            SampleFrame frame = new SampleFrame(s_controller.Layout);
            ActionFrame actions = new ActionFrame(s_controller.Layout);
            s_controller.Tick(frame, actions);
            s_publisher.Publish(s_controller.Telemetry, frame.TimestampMs);
        }
    }
}
