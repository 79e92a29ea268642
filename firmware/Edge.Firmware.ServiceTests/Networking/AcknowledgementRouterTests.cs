// Licensed under the MIT License.

using Edge.Core.DeviceEvents;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using NFUnitTest.Fakes;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// Each new MQTT client numbers its packets from 1 again: a PUBACK the closed client delivers late names an id the
    /// new session uses for another message, which must stay until the broker acknowledges it on the new client.
    /// </summary>
    [TestClass]
    public class AcknowledgementRouterTests
    {
        [TestMethod]
        public void APubackFromTheClosedClientClearsNothingOfTheNewSession()
        {
            // Two fake clients, each numbering its publishes from 1 as M2Mqtt does.
            FakeConnection closed = new FakeConnection(new TopicSet("pack-7"));
            FakeConnection current = new FakeConnection(new TopicSet("pack-7"));
            OutboxConfiguration configuration = new OutboxConfiguration();
            configuration.SlotCount = 4;
            MessageOutbox outbox = new MessageOutbox(configuration, 64);
            DeviceEventLog events = new DeviceEventLog();
            AcknowledgementRouter router = new AcknowledgementRouter(outbox);
            router.Events = events;
            closed.IsConnected = true;
            router.Attach(closed);
            router.Detach();

            // The new session: an outbox event goes out as packet 1, a device event as packet 2.
            current.IsConnected = true;
            router.Attach(current);
            byte[] payload = new byte[] { 0x7B, 0x7D };
            outbox.Enqueue(TopicId.Event, 1, false, 1, payload, 0, payload.Length);
            Assert.AreEqual(1, outbox.Pump(current));
            events.Report("watchdog", "no tick");
            DeviceEvent watchdog = events.Queue.TakeNextToSend();
            events.Queue.Sent(watchdog, current.PublishTo("edge/pack-7/device-event", payload, 0, 2, 1, false));

            // The closed client's late PUBACKs for its own packets 1 and 2, and its give-up on 1: nothing changes.
            router.Published(closed, 1, true);
            router.Published(closed, 2, true);
            router.Published(closed, 1, false);
            router.Closed(closed);
            Assert.AreEqual(1, outbox.AwaitingAckCount);
            Assert.AreEqual(1, events.Count);
            Assert.AreEqual(0, outbox.Pump(current));

            // The current client's PUBACKs clear both.
            router.Published(current, 1, true);
            router.Published(current, 2, true);
            Assert.AreEqual(0, outbox.AwaitingAckCount);
            Assert.AreEqual(0, events.Count);
        }
    }
}
