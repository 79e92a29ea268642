// Licensed under the MIT License.

using System.Text;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// The broker goes away and comes back on the same port: the client must fail fast while it is
    /// gone, then reconnect, re-subscribe and deliver again without any help from the caller.
    /// Each test owns its broker because it stops it.
    /// </summary>
    public sealed class BrokerOutageTests : IDisposable
    {
        private readonly MosquittoBroker _broker = MosquittoBroker.StartNew();

        public void Dispose()
        {
            _broker.Dispose();
        }

        [Fact]
        public void BrokerRestartedOnSamePort_ClientReconnectsResubscribesAndPublishesArriveAgain()
        {
            string commands = TestClients.UniqueTopic("cmd");
            string telemetry = TestClients.UniqueTopic("telemetry");
            using HostMqttClient device = new HostMqttClient(TestClients.OptionsFor(_broker, "device"));
            Recorder deviceEvents = new Recorder(device);
            device.Subscribe(commands, 1);
            device.Connect();
            Assert.True(deviceEvents.WaitFor(() => deviceEvents.Connects == 1));

            _broker.Stop();

            Assert.True(deviceEvents.WaitFor(() => deviceEvents.Disconnects >= 1));
            Assert.False(device.IsConnected);
            Assert.Equal(-(int)MqttError.NotConnected, device.Publish(telemetry, new byte[] { 1 }, 0, 1, 1, false));
            Assert.Equal(-(int)MqttError.NotConnected, device.Publish(telemetry, new byte[] { 1 }, 0, 1, 0, false));
            Thread.Sleep(TimeSpan.FromSeconds(3));
            Assert.Equal(1, deviceEvents.Connects);

            _broker.Start();

            Assert.True(deviceEvents.WaitFor(() => deviceEvents.Connects == 2), "no reconnect. Log:\n" + _broker.Log);
            using HostMqttClient operatorClient = new HostMqttClient(TestClients.OptionsFor(_broker, "operator"));
            Recorder operatorEvents = new Recorder(operatorClient);
            operatorClient.Subscribe(telemetry, 1);
            operatorClient.Connect();
            Assert.True(operatorEvents.WaitFor(() => operatorEvents.Connects == 1));

            // The device never called Subscribe again: receiving the command proves the automatic re-subscribe.
            Assert.True(deviceEvents.WaitFor(() =>
            {
                operatorClient.Publish(commands, Encoding.UTF8.GetBytes("start"), 0, 5, 1, false);
                return deviceEvents.PayloadsOn(commands).Count > 0;
            }));
            int mid = device.Publish(telemetry, Encoding.UTF8.GetBytes("42"), 0, 2, 1, false);
            Assert.True(mid > 0);
            Assert.True(deviceEvents.WaitFor(() => deviceEvents.Acknowledged.ContainsKey(mid)));
            Assert.True(operatorEvents.WaitFor(() => operatorEvents.PayloadsOn(telemetry).Contains("42")));
        }

        [Fact]
        public void ClientStartedWhileBrokerDown_ReturnsAtOnce_AndConnectsWhenBrokerComesUp()
        {
            _broker.Stop();
            using HostMqttClient device = new HostMqttClient(TestClients.OptionsFor(_broker, "device"));
            Recorder events = new Recorder(device);

            device.Connect();

            Assert.False(device.IsConnected);
            Assert.Equal(-(int)MqttError.NotConnected, device.Publish("t", new byte[1], 0, 1, 1, false));
            _broker.Start();
            Assert.True(events.WaitFor(() => events.Connects == 1), "no connect. Log:\n" + _broker.Log);
            Assert.True(device.IsConnected);
        }
    }
}
