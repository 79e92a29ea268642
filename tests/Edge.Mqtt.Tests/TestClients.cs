// Licensed under the MIT License.

using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

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

        /// <summary>A unique topic prefix so tests sharing a broker never see each other's traffic.</summary>
        public static string UniqueTopic(string name)
        {
            return "test/" + Guid.NewGuid().ToString("N").Substring(0, 8) + "/" + name;
        }
    }
}
