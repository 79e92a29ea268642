// Licensed under the MIT License.

using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;

namespace Edge.HostSim.Mqtt.Bridge
{
    /// <summary>
    /// The core outbox's transport over the host MQTT client: maps a <see cref="TopicId"/> to the
    /// device's topic string and hands the bytes to libmosquitto, which never blocks.
    /// </summary>
    public sealed class OutboxTransport : IMessageTransport
    {
        private readonly IMqttTransport _client;
        private readonly TopicSet _topics;

        public OutboxTransport(IMqttTransport client, TopicSet topics)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
        }

        public bool IsConnected => _client.IsConnected;

        public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            int id = _client.Publish(_topics[topic], payload, offset, count, qos, retain);
            return id < 0 ? -1 : id;
        }
    }
}
