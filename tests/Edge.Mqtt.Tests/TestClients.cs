// Licensed under the MIT License.

using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;
using Xunit;

namespace Edge.Mqtt.Tests
{
    /// <summary>Builds clients aimed at a test broker.</summary>
    public static class TestClients
    {
        /// <summary>Options for the broker's plain listener, a unique client id and 0.2..1 s reconnect back-off.</summary>
        public static HostMqttClientOptions OptionsFor(MosquittoBroker broker, string role)
        {
            return new HostMqttClientOptions
            {
                Host = MosquittoBroker.Host,
                Port = broker.Port,
                ClientId = role + "-" + Guid.NewGuid().ToString("N").Substring(0, 8),
                KeepAliveSeconds = 10,
                ReconnectDelayMinMs = 200,
                ReconnectDelayMaxMs = 1000,
            };
        }

        /// <summary>
        /// A client in <paramref name="role"/> subscribed to <paramref name="topic"/> and connected, with a recorder of
        /// what it gets (<paramref name="seen"/>), as a dashboard watches a device.
        /// </summary>
        public static HostMqttClient ConnectedObserver(MosquittoBroker broker, string role, string topic, int qos, out Recorder seen)
        {
            HostMqttClient observer = new HostMqttClient(OptionsFor(broker, role));
            Recorder recorder = new Recorder(observer);
            observer.Subscribe(topic, qos);
            observer.Connect();
            Assert.True(recorder.WaitFor(() => recorder.Connects == 1));
            seen = recorder;
            return observer;
        }

        /// <summary>A unique topic prefix so tests sharing a broker never see each other's traffic.</summary>
        public static string UniqueTopic(string name)
        {
            return "test/" + Guid.NewGuid().ToString("N").Substring(0, 8) + "/" + name;
        }
    }
}
