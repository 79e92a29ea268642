// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// Device events are QoS 1 (firmware/README.md, <c>edge/&lt;id&gt;/device-event</c>): at least once. The simulated
    /// device keeps an event until the broker's PUBACK for it arrives, so one whose link failed between the publish and
    /// the PUBACK is sent again after the reconnect.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class DeviceEventRedeliveryTests
    {
        private readonly BrokerFixture _fixture;

        public DeviceEventRedeliveryTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void An_event_whose_puback_was_lost_with_the_link_arrives_again_after_the_reconnect()
        {
            string deviceId = "redeliver-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string topic = "edge/" + deviceId + "/device-event";
            using HostMqttClient observer = TestClients.ConnectedObserver(_fixture.Broker, "dashboard", topic, 1, out Recorder seen);
            using BrokerLinkProxy link = new BrokerLinkProxy(_fixture.Broker.Port);
            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = link.Port, DeviceId = deviceId, ReconnectDelayMinMs = 300, ReconnectDelayMaxMs = 600 });
            bridge.Attach(new EdgeController(new PackLayout(1, 2, 0), new ControllerConfiguration { StartImmediately = false }));
            Assert.True(SpinWait.SpinUntil(() => bridge.IsConnected, Recorder.Patience));

            // The broker takes the event (the observer gets it) but its PUBACK never reaches the device.
            link.SwallowReplies = true;
            bridge.Session!.DeviceEvents.Report("board-warning", "board x sent while the link fails");
            Assert.True(seen.WaitFor(() => Copies(seen, topic) == 1), "the event did not reach the broker");
            Thread.Sleep(200);
            Assert.Equal(1, bridge.Session.DeviceEvents.Count);

            // The link fails; the device reconnects and, its PUBACK never having come, sends the event again.
            link.DropAll();
            link.SwallowReplies = false;
            Assert.True(seen.WaitFor(() => Copies(seen, topic) == 2), "the event was not sent again after the reconnect");
            Assert.True(SpinWait.SpinUntil(() => bridge.Session.DeviceEvents.Count == 0, Recorder.Patience), "the acknowledged event stayed in the log");
            Assert.DoesNotContain(seen.PayloadsOn(topic), p => p.Contains("\"events-dropped\"", StringComparison.Ordinal));
        }

        private static int Copies(Recorder seen, string topic)
        {
            return seen.PayloadsOn(topic).Count(p => p.Contains("board x sent while the link fails", StringComparison.Ordinal));
        }
    }
}
