// Licensed under the MIT License.

using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// The check of the broker before a run (<see cref="MqttDeviceBridge.VerifyBrokerAccess"/>, edge-sim run --mqtt):
    /// it looks at the broker and must not disturb anyone already on it.
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
    }
}
