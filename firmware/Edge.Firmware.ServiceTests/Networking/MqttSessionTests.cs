// Licensed under the MIT License.

using System.Text;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using NFUnitTest.Fakes;
using NFUnitTest.Support;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// The firmware's network thread over the core's device session, as a broker sees it, against the contract
    /// (Edge.Core.Messaging/Telemetry/CONTRACT.md): client id, Last Will, subscriptions, retained status and config (also
    /// after every applied change), store-and-forward across an outage, command replies, idempotent and
    /// retained commands, state changes at QoS 1, back-off 1 s doubling to 30 s, discovery, device events.
    /// </summary>
    [TestClass]
    public class MqttSessionTests
    {
        private const string BootId = "B007";
        private const string Root = "edge/pack-7/";

        private static FakeConnection s_connection;
        private static FakeClock s_clock;
        private static MessageOutbox s_outbox;
        private static TelemetryPublisher s_publisher;
        private static EdgeController s_controller;
        private static DeviceEventLog s_events;
        private static MqttSession s_session;
        private static OhmicTicker s_ticker;

        /// <summary>A fresh session, broker and clock: every test starts from here (the launcher runs [Setup] once per class, not per test).</summary>
        private static void CreateSession()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.DeviceId = "pack-7";
            settings.MqttHost = "broker";
            TopicSet topics = new TopicSet("pack-7");
            s_connection = new FakeConnection(topics);
            s_clock = new FakeClock();
            OutboxConfiguration outboxConfiguration = new OutboxConfiguration();
            outboxConfiguration.SlotCount = 16;
            s_outbox = new MessageOutbox(outboxConfiguration, PayloadBudget.MaximumStreamPayloadBytes(1));
            s_publisher = new TelemetryPublisher(s_outbox, BootId);
            s_connection.Outbox = s_outbox;
            s_controller = new EdgeController(new PackLayout(2, 1, 0), new ControllerConfiguration());
            s_events = new DeviceEventLog();
            s_connection.Events = s_events;
            s_session = new MqttSession(settings, topics, s_connection, s_clock, s_outbox, BootId, s_controller, new CommandHandler(s_controller, null), s_publisher, s_events, null);
            s_ticker = new OhmicTicker(s_controller, s_publisher);
        }

        [TestMethod]
        public void SessionOpensAsTheContractSays()
        {
            CreateSession();

            Assert.AreEqual((int)SessionStep.Opened, (int)s_session.Pass());

            Assert.AreEqual("edge-pack-7", s_connection.ClientId);
            Assert.AreEqual(30, s_connection.KeepAliveS);
            Assert.AreEqual(Root + "status", s_connection.WillTopic);
            Assert.AreEqual("{\"v\":1,\"fw\":\"" + FirmwareVersion.Text + "\",\"status\":\"offline\",\"bootId\":\"B007\"}", s_connection.WillMessage);
            Assert.AreEqual(Root + "cmd/+", (string)s_connection.Subscriptions[0]);
            Assert.AreEqual("homeassistant/status", (string)s_connection.Subscriptions[1]);
            Assert.AreEqual(Root + "status|{\"v\":1,\"fw\":\"" + FirmwareVersion.Text + "\",\"status\":\"online\",\"bootId\":\"B007\"}|1|retained", s_connection.PublishedAt(0));
            Assert.IsTrue(s_connection.PublishedAt(1).StartsWith(Root + "config|{\"v\":1,\"bootId\":\"B007\",\"revision\":0,\"modules\":2,\"cellsPerModule\":1,"));
            Assert.IsTrue(s_connection.PublishedAt(1).EndsWith("|1|retained"));
        }

        [TestMethod]
        public void AFailedAttemptIsADeviceEventWithTheReason()
        {
            CreateSession();

            s_connection.NextOutcome = ConnectOutcome.NetworkUnavailable;

            Assert.AreEqual((int)SessionStep.OpenFailed, (int)s_session.Pass());

            Assert.AreEqual((int)ConnectOutcome.NetworkUnavailable, (int)s_session.Session.LastOutcome);
            Assert.AreEqual("mqtt-connect", s_events.Peek().Code);
            Assert.IsTrue(s_events.Peek().Message.IndexOf("refused by the fake broker") >= 0);
        }

        [TestMethod]
        public void AnAclThatRefusesTheCommandsIsAFailedAttempt()
        {
            CreateSession();

            s_connection.AcceptSubscribe = false;

            Assert.AreEqual((int)SessionStep.OpenFailed, (int)s_session.Pass());

            Assert.AreEqual((int)ConnectOutcome.SubscriptionRefused, (int)s_session.Session.LastOutcome);
            Assert.IsFalse(s_connection.IsConnected);
            Assert.AreEqual(-1, s_connection.IndexOf(Root + "status|"));
        }

        [TestMethod]
        public void FailuresBackOffOneSecondDoublingToThirtySecondsAndASessionStartsOver()
        {
            CreateSession();

            s_connection.NextOutcome = ConnectOutcome.BrokerUnreachable;
            int[] waits = new int[] { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
            Assert.AreEqual((int)SessionStep.OpenFailed, (int)s_session.Pass());
            for (int i = 0; i < waits.Length; i++)
            {
                // One millisecond early: no attempt. On time: the next attempt.
                s_clock.NowMs += waits[i] - 1;
                int opens = s_connection.Opens;
                Assert.AreEqual((int)SessionStep.Waiting, (int)s_session.Pass());
                Assert.AreEqual(opens, s_connection.Opens);
                s_clock.NowMs += 1;
                Assert.AreEqual((int)SessionStep.OpenFailed, (int)s_session.Pass());
                Assert.AreEqual(opens + 1, s_connection.Opens);
            }

            s_connection.NextOutcome = ConnectOutcome.Accepted;
            s_clock.NowMs += 30000;
            Assert.AreEqual((int)SessionStep.Opened, (int)s_session.Pass());

            // The schedule starts over once the session has stayed up for a keep-alive period (30 s).
            s_clock.NowMs += 30000;
            s_session.Pass();
            Assert.AreEqual(0, s_session.Session.Backoff.FailureCount);
        }

        [TestMethod]
        public void ASessionThatDropsRightAfterOpeningKeepsDoublingTheWait()
        {
            CreateSession();

            // A broker that closes the connection at once (another device with the same client id, an ACL that
            // disconnects on the first publish): every open succeeds, yet the waits must keep growing.
            Assert.AreEqual((int)SessionStep.Opened, (int)s_session.Pass());
            int[] waits = new int[] { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
            for (int i = 0; i < waits.Length; i++)
            {
                LoseAndReopenAfter(waits[i]);
            }

            // Up for a whole keep-alive period: the next loss waits the first delay again.
            s_clock.NowMs += 30000;
            s_session.Pass();
            LoseAndReopenAfter(1000);
        }

        [TestMethod]
        public void ALostSessionIsRetriedAfterTheFirstWait()
        {
            CreateSession();

            s_session.Pass();

            LoseAndReopenAfter(1000);
            Assert.AreEqual(2, s_session.Session.ConnectionCount);
        }

        /// <summary>The connection drops: the session reports it lost, waits <paramref name="waitMs"/> and not a millisecond less, then opens again.</summary>
        private static void LoseAndReopenAfter(int waitMs)
        {
            s_connection.IsConnected = false;
            Assert.AreEqual((int)SessionStep.Lost, (int)s_session.Pass());
            s_clock.NowMs += waitMs - 1;
            Assert.AreEqual((int)SessionStep.Waiting, (int)s_session.Pass());
            s_clock.NowMs += 1;
            Assert.AreEqual((int)SessionStep.Opened, (int)s_session.Pass());
        }

        [TestMethod]
        public void TelemetryWaitsForTheBrokerThenFlows()
        {
            CreateSession();

            // First tick: the default configuration starts every module (started events, stateChanged to pulse) and reports cell voltages.
            Tick(1);
            int queued = s_outbox.SlotCount - s_outbox.FreeCount;
            Assert.IsTrue(queued > 0);

            Assert.IsTrue(s_session.Pass() == SessionStep.Opened);
            Assert.IsTrue(s_session.Pass() == SessionStep.Sent);

            // Queued before the connection: backlog, replayed a few per pass beside live data.
            s_session.Pass();

            Assert.IsTrue(s_connection.IndexOf(Root + "telemetry/state|{\"v\":1,\"bootId\":\"B007\",\"seq\":1,\"tMs\":0,\"module\":0,\"type\":\"stateChanged\",\"state\":\"pulse\",\"stopReason\":\"none\"}|0|-") >= 0);
            Assert.IsTrue(s_connection.IndexOf(Root + "event|{\"v\":1,\"bootId\":\"B007\",\"seq\":1,\"tMs\":0,\"kind\":\"started\",\"diagnosis\":null,\"severity\":\"info\",\"module\":0,\"cell\":null,\"value\":0,\"threshold\":0}|1|-") >= 0);
            Assert.IsTrue(s_connection.IndexOf(Root + "telemetry/cells|{\"v\":1,\"bootId\":\"B007\",\"seq\":1,") >= 0);
            Assert.IsTrue(s_connection.PublishedAt(s_connection.IndexOf(Root + "telemetry/cells|")).EndsWith("|0|-"));
        }

        [TestMethod]
        public void CommandsAreAnsweredOnCmdResult()
        {
            CreateSession();

            s_session.Pass();
            Receive("stop", "{\"id\":\"r1\",\"module\":0}", false);
            Receive("stop", "{\"id\":\"r2\",\"module\":5}", false);
            Receive("result", "{\"id\":\"r3\"}", false);

            s_session.Pass();

            Assert.IsTrue(s_connection.IndexOf(Root + "cmd/result|{\"v\":1,\"id\":\"r1\",\"verb\":\"stop\",\"ok\":true}|1|-") >= 0);
            Assert.IsTrue(s_connection.IndexOf(Root + "cmd/result|{\"v\":1,\"id\":\"r2\",\"verb\":\"stop\",\"ok\":false,") >= 0);

            // Our own reply topic is ignored: no reply to r3.
            Assert.AreEqual(-1, s_connection.IndexOf(Root + "cmd/result|{\"v\":1,\"id\":\"r3\""));
        }

        [TestMethod]
        public void TheRetainedConfigIsRepublishedAfterEveryAppliedChange()
        {
            CreateSession();

            s_session.Pass();
            Receive("setMode", "{\"id\":\"m1\",\"mode\":\"observe\"}", false);
            s_session.Pass();
            Assert.AreEqual(1, s_connection.CountOf(Root + "config|"));

            // Applied at the next tick: revision 1, mode observe, retained.
            Tick(1);
            s_session.Pass();

            Assert.AreEqual(2, s_connection.CountOf(Root + "config|"));
            Assert.IsTrue(s_connection.IndexOf(Root + "config|{\"v\":1,\"bootId\":\"B007\",\"revision\":1,\"modules\":2,\"cellsPerModule\":1,\"mode\":\"observe\"") >= 0);
        }

        [TestMethod]
        public void GetConfigRepublishesTheRetainedConfig()
        {
            CreateSession();

            s_session.Pass();
            Receive("getConfig", "{\"id\":\"c1\"}", false);

            s_session.Pass();

            Assert.AreEqual(2, s_connection.CountOf(Root + "config|"));
        }

        [TestMethod]
        public void TheSameCommandIdTwiceExecutesOnceAndGetsTwoIdenticalReplies()
        {
            CreateSession();

            s_session.Pass();
            Tick(1);
            string setProtocol = "{\"id\":\"p1\",\"steps\":[\"Strip at 100 uA for 2 s\",\"Rest for 2 s\"],\"start\":true}";
            Receive("setProtocol", setProtocol, false);
            s_session.Pass();
            Tick(3);
            Receive("setProtocol", setProtocol, false);
            s_session.Pass();
            Tick(3);

            // One execution: one protocol swap (config revision 1), one stop of each module.
            Assert.AreEqual(1, s_controller.ConfigurationRevision);
            s_session.Pass();
            s_session.Pass();
            Assert.AreEqual(2, CountEvents("stopped"));

            // A run-state change (to done) is kept and sent at QoS 1; the duty cycle's steps at QoS 0.
            Assert.IsTrue(s_connection.IndexOf(Root + "telemetry/state|{\"v\":1,\"bootId\":\"B007\",\"seq\":3,\"tMs\":10,\"module\":0,\"type\":\"stateChanged\",\"state\":\"done\",\"stopReason\":\"command\"}|1|-") >= 0);
            int first = s_connection.IndexOf(Root + "cmd/result|");
            int second = s_connection.IndexOf(Root + "cmd/result|", first + 1);
            Assert.IsTrue(first >= 0 && second > first);
            Assert.AreEqual(s_connection.PublishedAt(first), s_connection.PublishedAt(second));
            Assert.AreEqual(Root + "cmd/result|{\"v\":1,\"id\":\"p1\",\"verb\":\"setProtocol\",\"ok\":true}|1|-", s_connection.PublishedAt(first));
        }

        [TestMethod]
        public void ARetainedStopIsNotExecutedOnConnectNorOnReconnect()
        {
            CreateSession();

            s_session.Pass();
            Tick(1);
            for (int connection = 0; connection < 2; connection++)
            {
                // What the broker replays to a new subscription: the retained stop, retain flag set.
                Receive("stop", "{\"id\":\"s1\",\"module\":0}", true);
                s_session.Pass();
                Tick(2);
                Assert.AreEqual((int)ModuleState.Pulse, (int)s_controller.Module(0).State);

                s_connection.IsConnected = false;
                s_session.Pass();
                s_clock.NowMs = s_session.Session.NextAttemptMs;
                Assert.IsTrue(s_session.Pass() == SessionStep.Opened);
            }

            s_session.Pass();
            s_session.Pass();
            // Answered on both connections, but refused and reported once: the replay is a repeat of a remembered command.
            Assert.AreEqual(2, s_connection.CountOf(Root + "cmd/result|{\"v\":1,\"id\":\"s1\",\"verb\":\"stop\",\"ok\":false,\"error\":{\"field\":\"retain\","));
            Assert.AreEqual(1, CountEvents("retainedCommand"));
            Assert.AreEqual(0, CountEvents("stopped"));
        }

        [TestMethod]
        public void TheTunedRestIsTheRestThatFollowsThePulse()
        {
            CreateSession();

            s_session.Pass();

            // The default protocol: 1 s pulses, then the fixed 5 s rest; the summary comes with the open switch.
            Tick(102);
            s_session.Pass();
            s_session.Pass();

            int at = s_connection.IndexOf(Root + "telemetry/pulse|");
            Assert.IsTrue(at >= 0);
            Assert.IsTrue(s_connection.PublishedAt(at).IndexOf("\"pulseIndex\":1,\"pulseCurrentUa\":385,\"pulseDurationMs\":1000,") > 0);
            Assert.IsTrue(s_connection.PublishedAt(at).IndexOf("\"tunedRestMs\":5000,") > 0);
        }

        [TestMethod]
        public void APulseInterruptedBySetProtocolKeepsItsOwnSummary()
        {
            CreateSession();

            s_session.Pass();
            Tick(50);
            Receive("setProtocol", "{\"id\":\"x1\",\"steps\":[\"Strip at 100 uA for 2 s\",\"Rest for 2 s\"],\"start\":true}", false);
            s_session.Pass();

            // The swap at 0.5 s; a current flowed moments ago, so the new protocol rests its 2 s first, then pulses 2 s.
            // The network passes every second, as the device's thread would, so the outbox never fills.
            for (int second = 0; second < 5; second++)
            {
                Tick(100);
                s_session.Pass();
            }

            s_session.Pass();

            int first = s_connection.IndexOf(Root + "telemetry/pulse|{\"v\":1,\"bootId\":\"B007\",\"seq\":1,");
            Assert.IsTrue(first >= 0);
            string interrupted = s_connection.PublishedAt(first);
            Assert.IsTrue(interrupted.IndexOf("\"module\":0,\"pulseIndex\":1,\"pulseCurrentUa\":385,\"pulseDurationMs\":500,") > 0);
            Assert.IsTrue(interrupted.IndexOf("\"tunedRestMs\":2000,") > 0);

            // The interrupted pulse was the last of the run it belonged to: the new run counts its own pulses from 1.
            int next = s_connection.IndexOf(Root + "telemetry/pulse|{\"v\":1,\"bootId\":\"B007\",\"seq\":3,");
            Assert.IsTrue(next >= 0);
            Assert.IsTrue(s_connection.PublishedAt(next).IndexOf("\"module\":0,\"pulseIndex\":1,\"pulseCurrentUa\":100,\"pulseDurationMs\":2000,") > 0);
            Assert.IsTrue(s_connection.PublishedAt(next).IndexOf("\"tunedRestMs\":2000,") > 0);
        }

        [TestMethod]
        public void SuspendDropsTheConnectionWithoutDisconnectAndWaits()
        {
            CreateSession();

            s_session.Pass();

            s_session.Session.Suspend(5000);

            Assert.AreEqual(1, s_connection.AbruptCloses);
            Assert.AreEqual((int)SessionStep.Waiting, (int)s_session.Pass());
            s_clock.NowMs = 5000;
            Assert.AreEqual((int)SessionStep.Opened, (int)s_session.Pass());
        }

        [TestMethod]
        public void CloseLeavesTheRetainedStatusOfflineEvenIfTheStatusPublishIsStillQueued()
        {
            CreateSession();

            s_session.Pass();
            s_session.Session.Close();

            // The client may still hold the "offline" publish when the socket closes. Without a DISCONNECT the
            // broker publishes the Last Will (the same retained "offline"); a DISCONNECT would cancel it and
            // could overtake the queued publish, leaving the retained "online" of a device that is gone.
            Assert.AreEqual(0, s_connection.OrderlyCloses);
            Assert.AreEqual(1, s_connection.AbruptCloses);
            Assert.AreEqual("{\"v\":1,\"fw\":\"" + FirmwareVersion.Text + "\",\"status\":\"offline\",\"bootId\":\"B007\"}", s_connection.WillMessage);
            Assert.IsTrue(s_connection.IndexOf(Root + "status|{\"v\":1,\"fw\":\"" + FirmwareVersion.Text + "\",\"status\":\"offline\"") >= 0);
            Assert.IsFalse(s_session.Session.IsOnline);
        }

        [TestMethod]
        public void DiscoveryConfigsAreRetainedAndSentAgainWhenHomeAssistantComesOnline()
        {
            CreateSession();

            s_session.Pass();
            s_session.Pass();
            int entities = s_session.Session.Discovery.Count;
            Assert.AreEqual(2 + 6 + (2 * (7 + 1)), entities);
            Assert.AreEqual(entities, s_connection.CountOf("homeassistant/sensor/pack-7/"));
            Assert.IsTrue(s_connection.IndexOf("homeassistant/sensor/pack-7/module1_cell0_voltage/config|{\"name\":\"Module 1 cell 0 voltage\"") >= 0);

            s_session.Session.Receive("homeassistant/status", Encoding.UTF8.GetBytes("online"), false);
            s_session.Pass();

            Assert.AreEqual(2 * entities, s_connection.CountOf("homeassistant/sensor/pack-7/"));
        }

        [TestMethod]
        public void DeviceEventsGoToTheirOwnTopic()
        {
            CreateSession();

            s_session.Pass();
            s_events.Report("watchdog", "no \"tick\"");

            s_session.Pass();

            // Then "timeUtc": the time it was reported at, or null on a device whose clock is not set (DeviceEventPayloadTextTests).
            Assert.IsTrue(s_connection.IndexOf(Root + "device-event|{\"v\":1,\"bootId\":\"B007\",\"code\":\"watchdog\",\"message\":\"no \\\"tick\\\"\",\"timeUtc\":") >= 0);
            Assert.IsNull(s_events.Peek());
        }

        [TestMethod]
        public void RefusedPublishKeepsTheMessageQueued()
        {
            CreateSession();

            Tick(1);
            s_session.Pass();
            s_connection.AcceptPublish = false;
            int queued = s_outbox.SlotCount - s_outbox.FreeCount;

            s_session.Pass();

            Assert.AreEqual(queued, s_outbox.SlotCount - s_outbox.FreeCount);
        }

        [TestMethod]
        public void ALinkThatTakesNoMessageForAKeepAlivePeriodIsDroppedAndOpenedAgain()
        {
            CreateSession();

            s_session.Pass();
            Tick(1);
            s_connection.AcceptPublish = false;

            // Connected as far as the client knows (a half-open TCP connection), but nothing goes out.
            Assert.AreEqual((int)SessionStep.Idle, (int)s_session.Pass());
            s_clock.NowMs += 29999;
            Assert.AreEqual((int)SessionStep.Idle, (int)s_session.Pass());
            Assert.IsTrue(s_session.Session.IsOnline);

            s_clock.NowMs += 1;
            Assert.AreEqual((int)SessionStep.Lost, (int)s_session.Pass());
            Assert.AreEqual(1, s_connection.AbruptCloses);
            Assert.IsTrue(s_session.Session.LastError.IndexOf("stalled") >= 0);

            // The operator's event says why the device dropped the link, not just that it was lost.
            Assert.AreEqual("mqtt-connect", s_events.Peek().Code);
            Assert.StartsWith("connection stalled: ", s_events.Peek().Message);

            // What the stalled link refused goes out on the new one.
            s_connection.AcceptPublish = true;
            s_clock.NowMs += 1000;
            Assert.AreEqual((int)SessionStep.Opened, (int)s_session.Pass());
            Assert.IsTrue(s_outbox.FreeCount < s_outbox.SlotCount);
            for (int i = 0; i < 5; i++)
            {
                s_session.Pass();
            }

            Assert.AreEqual(s_outbox.SlotCount, s_outbox.FreeCount);
        }

        [TestMethod]
        public void ABusyButDrainingLinkIsKept()
        {
            CreateSession();

            s_session.Pass();
            for (int i = 0; i < 40; i++)
            {
                Tick(1);
                s_connection.AcceptPublish = i % 2 == 0;
                s_session.Pass();
                s_clock.NowMs += 1000;
            }

            Assert.IsTrue(s_session.Session.IsOnline);
            Assert.AreEqual(0, s_connection.AbruptCloses);
        }

        private static void Receive(string verb, string json, bool retained)
        {
            s_session.Session.Receive(Root + "cmd/" + verb, Encoding.UTF8.GetBytes(json), retained);
        }

        private static int CountEvents(string kind)
        {
            int count = 0;
            for (int i = 0; i < s_connection.Published.Count; i++)
            {
                string line = s_connection.PublishedAt(i);
                if (line.StartsWith(Root + "event|") && line.IndexOf("\"kind\":\"" + kind + "\"") >= 0)
                {
                    count++;
                }
            }

            return count;
        }

        // Ohmic 390 ohm cells (150 mV at 385 uA), 10 ms ticks; publishes each tick's records.
        private static void Tick(int ticks)
        {
            s_ticker.Run(ticks);
        }
    }
}
