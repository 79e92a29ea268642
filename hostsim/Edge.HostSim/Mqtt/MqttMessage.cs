// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt
{
    /// <summary>An application message received from the broker; the payload is a private copy.</summary>
    public sealed class MqttMessage
    {
        /// <summary>Creates a message.</summary>
        public MqttMessage(string topic, byte[] payload, int qos, bool retain)
        {
            Topic = topic ?? throw new ArgumentNullException(nameof(topic));
            Payload = payload ?? throw new ArgumentNullException(nameof(payload));
            Qos = qos;
            Retain = retain;
        }

        /// <summary>Topic the message was published to.</summary>
        public string Topic { get; }

        /// <summary>Payload bytes (owned by the receiver, may be kept).</summary>
        public byte[] Payload { get; }

        /// <summary>QoS the message was delivered with (0..2; 0 when the client does not say).</summary>
        public int Qos { get; }

        /// <summary>True when the broker delivered a retained message (a stored one, on subscribing).</summary>
        public bool Retain { get; }
    }
}
