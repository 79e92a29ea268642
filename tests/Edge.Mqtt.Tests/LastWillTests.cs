// Licensed under the MIT License.

using System.Text;
using Edge.HostSim.Mqtt;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// Last Will and online message on a status topic: the broker must publish the retained will when
    /// the device vanishes without DISCONNECT, must not when it leaves cleanly, and the online
    /// message must replace the will once the device is back.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class LastWillTests
    {
        private readonly BrokerFixture _fixture;

        public LastWillTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void AbortedConnection_BrokerPublishesRetainedWill_ThenOnlineReplacesItAfterReconnect()
        {
            string status = TestClients.UniqueTopic("status");
            using HostMqttClient observer = Observe(status, out Recorder seen);
            HostMqttClientOptions options = DeviceOptions(status);

            // A fixed 2 s reconnect delay leaves time to look at the retained will before "online" returns.
            options.ReconnectDelayMinMs = 2000;
            options.ReconnectDelayMaxMs = 2000;
            using HostMqttClient device = new HostMqttClient(options);
            Recorder deviceEvents = new Recorder(device);
            device.Connect();
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(status).Contains("online")));

            device.AbortConnection();

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(status).Contains("offline")), "no will. Log:\n" + _fixture.Broker.Log);
            Assert.Equal("offline", RetainedValue(status));

            Assert.True(deviceEvents.WaitFor(() => deviceEvents.Connects == 2), "device did not reconnect");
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(status).Count == 3));
            Assert.Equal(new[] { "online", "offline", "online" }, seen.PayloadsOn(status));
            Assert.Equal("online", RetainedValue(status));
        }

        [Fact]
        public void GracefulDispose_SendsDisconnect_SoTheWillIsNotPublished()
        {
            string status = TestClients.UniqueTopic("status");
            string marker = status + "/marker";
            using HostMqttClient observer = Observe(status, out Recorder seen);
            observer.Subscribe(marker, 1);
            HostMqttClient device = new HostMqttClient(DeviceOptions(status));
            device.Connect();
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(status).Contains("online")));

            device.Dispose();

            // mosquitto logs the end of every session; once it has, a will would already have been sent.
            Assert.True(seen.WaitFor(() => _fixture.Broker.Log.Contains("Client " + device.ClientId + " disconnected")), "Log:\n" + _fixture.Broker.Log);
            observer.Publish(marker, new byte[] { 1 }, 0, 1, 1, false);
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(marker).Count == 1));
            Assert.Equal(new[] { "online" }, seen.PayloadsOn(status));
            Assert.Equal("online", RetainedValue(status));
        }

        private HostMqttClientOptions DeviceOptions(string status)
        {
            HostMqttClientOptions options = TestClients.OptionsFor(_fixture.Broker, "device");
            options.WillTopic = status;
            options.WillPayload = Encoding.UTF8.GetBytes("offline");
            options.OnlinePayload = Encoding.UTF8.GetBytes("online");
            options.WillQos = 1;
            options.WillRetain = true;
            return options;
        }

        private HostMqttClient Observe(string topic, out Recorder recorder)
        {
            HostMqttClient observer = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "observer"));
            recorder = new Recorder(observer);
            observer.Subscribe(topic, 1);
            observer.Connect();
            Recorder connected = recorder;
            Assert.True(recorder.WaitFor(() => connected.Connects == 1));
            return observer;
        }

        /// <summary>The retained value a newly arriving subscriber receives, read with a fresh client.</summary>
        private string RetainedValue(string topic)
        {
            using HostMqttClient late = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "late"));
            Recorder received = new Recorder(late);
            late.Subscribe(topic, 1);
            late.Connect();
            Assert.True(received.WaitFor(() => received.Messages.Any(m => m.Topic == topic)), "nothing retained on " + topic);
            MqttMessage message = received.Messages.First(m => m.Topic == topic);
            Assert.True(message.Retain);
            return Encoding.UTF8.GetString(message.Payload);
        }
    }
}
