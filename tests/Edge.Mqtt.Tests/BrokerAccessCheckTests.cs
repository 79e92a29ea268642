// Licensed under the MIT License.

using System.Text;
using Edge.Core;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// The check of the broker before a run (<see cref="MqttDeviceBridge.VerifyBrokerAccess"/>, edge-sim run --mqtt):
    /// it looks at the broker and must not disturb anyone already on it, nor take a command from the device it checks for.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class BrokerAccessCheckTests
    {
        private readonly BrokerFixture _fixture;

        public BrokerAccessCheckTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void TheCheckDoesNotTakeOverAClientAlreadyConnectedAsTheDevice()
        {
            // A live device (another run, or real hardware) holds the device's client id, edge-<deviceId>. MQTT gives a
            // client id to one connection at a time: a second CONNECT with that id takes the session over and the
            // broker drops the first (MQTT 5 DISCONNECT "session taken over").
            MosquittoBroker broker = _fixture.Broker;
            string deviceId = "check-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            HostMqttClientOptions live = TestClients.OptionsFor(broker, "live");
            live.ClientId = "edge-" + deviceId;
            using HostMqttClient device = new HostMqttClient(live);
            Recorder seen = new Recorder(device);
            device.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = broker.Port, DeviceId = deviceId });
            bridge.VerifyBrokerAccess();

            // A takeover reaches the live client within milliseconds on loopback; give it a second.
            Assert.False(seen.WaitFor(() => seen.Disconnects > 0, TimeSpan.FromSeconds(1)), "the check took the live client's session over:\n" + broker.Log);
            Assert.True(device.IsConnected);
            Assert.Equal(1, seen.Connects);
        }

        [Fact]
        public void ACommandSentDuringOrJustAfterTheCheckIsAnsweredByTheDevice()
        {
            // An operator who sends a command as soon as the device says it is online: the check announces it (status
            // online, not retained) before the device's own session exists. Neither that command nor one sent after the
            // check, before the device has subscribed, may be lost: with clean sessions the broker keeps none for a
            // client that is not subscribed, and the check's own subscription used to take them and answer none.
            MosquittoBroker broker = _fixture.Broker;
            string deviceId = "check-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string root = "edge/" + deviceId + "/";
            using HostMqttClient replies = TestClients.ConnectedObserver(broker, "replies", root + "cmd/result", 1, out Recorder seen);
            using HostMqttClient operatorClient = new HostMqttClient(TestClients.OptionsFor(broker, "operator"));
            int sentDuring = 0;
            operatorClient.MessageReceived += m =>
            {
                if (m.Topic == root + "status" && Encoding.UTF8.GetString(m.Payload).Contains("\"online\"", StringComparison.Ordinal) && Interlocked.Exchange(ref sentDuring, 1) == 0)
                {
                    Send(operatorClient, root + "cmd/setMode", "{\"id\":\"during-check\",\"mode\":\"observe\"}");
                }
            };
            operatorClient.Subscribe(root + "status", 1);
            operatorClient.Connect();
            Assert.True(SpinWait.SpinUntil(() => operatorClient.IsConnected, Recorder.Patience));
            Thread.Sleep(200);

            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = broker.Port, DeviceId = deviceId });
            bridge.VerifyBrokerAccess();
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref sentDuring) == 1, Recorder.Patience), "the check announced no online status");
            Send(operatorClient, root + "cmd/getConfig", "{\"id\":\"after-check\"}");

            // The run takes a moment to build its controller before the device connects.
            Thread.Sleep(500);
            Assert.Empty(seen.PayloadsOn(root + "cmd/result"));
            EdgeController controller = new EdgeController(new PackLayout(1, 2, 0), new ControllerConfiguration { StartImmediately = false });
            bridge.Attach(controller);

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "cmd/result").Count >= 2), "replies: " + string.Join(" | ", seen.PayloadsOn(root + "cmd/result")));
            Thread.Sleep(300);
            List<string> answered = seen.PayloadsOn(root + "cmd/result");
            Assert.Equal(2, answered.Count);
            Assert.Contains("{\"v\":1,\"id\":\"during-check\",\"verb\":\"setMode\",\"ok\":true}", answered);
            Assert.Contains("{\"v\":1,\"id\":\"after-check\",\"verb\":\"getConfig\",\"ok\":true}", answered);
        }

        private static void Send(HostMqttClient client, string topic, string json)
        {
            byte[] payload = Encoding.UTF8.GetBytes(json);
            Assert.True(client.Publish(topic, payload, 0, payload.Length, 1, false) >= 0);
        }
    }
}
