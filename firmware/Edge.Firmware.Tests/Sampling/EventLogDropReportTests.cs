// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Boards;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Sampling
{
    /// <summary>The device event log when full: repeats coalesce, and reporting the drops does not drop anything more.</summary>
    [TestClass]
    public class EventLogDropReportTests
    {
        /// <summary>
        /// A repeating code replaces its own copy, so offline retries cannot push out a watchdog trip; the log is still
        /// full at the reconnect, and the events-dropped report must not evict the oldest event (the watchdog trip)
        /// on its way out either.
        /// </summary>
        [TestMethod]
        public void TheEventsDroppedReportDoesNotPushOutTheWatchdogTrip()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.DeviceId = "pack-9";
            settings.MqttHost = "broker";
            TopicSet topics = new TopicSet("pack-9");
            FakeConnection connection = new FakeConnection(topics);
            FakeClock clock = new FakeClock();
            OutboxConfiguration outboxConfiguration = new OutboxConfiguration();
            outboxConfiguration.SlotCount = 16;
            MessageOutbox outbox = new MessageOutbox(outboxConfiguration, PayloadBudget.MaximumStreamPayloadBytes(1));
            connection.Outbox = outbox;
            EdgeController controller = new EdgeController(new PackLayout(2, 1, 0), new ControllerConfiguration());
            DeviceEventLog events = new DeviceEventLog();
            MqttSession session = new MqttSession(settings, topics, connection, clock, outbox, "B009", controller, new CommandHandler(controller, null), new TelemetryPublisher(outbox, "B009"), events, null);

            events.Report("watchdog", "no sampling tick for 100 ms: all switches latched open and setpoints at 0 until reboot");
            connection.NextOutcome = ConnectOutcome.BrokerUnreachable;
            for (int i = 0; i < 60; i++)
            {
                session.Pass();
                clock.NowMs += 30000;
            }

            // The log is full of the watchdog and coalesced retries; the watchdog is still there before the reconnect.
            Assert.AreEqual(DeviceEventLog.Capacity, events.Count);
            Assert.AreEqual("watchdog", events.Peek().Code);

            connection.NextOutcome = ConnectOutcome.Accepted;
            Assert.AreEqual((int)SessionStep.Opened, (int)session.Pass());
            session.Pass();

            string prefix = "edge/pack-9/device-event|";
            bool watchdogSeen = false;
            for (int i = 0; i < connection.Published.Count; i++)
            {
                string line = connection.PublishedAt(i);
                if (line.StartsWith(prefix) && line.IndexOf("\"code\":\"watchdog\"") >= 0)
                {
                    watchdogSeen = true;
                }
            }

            Assert.IsTrue(watchdogSeen, "the watchdog trip, kept through the whole outage, was evicted by the events-dropped report at the reconnect");
        }
    }
}
