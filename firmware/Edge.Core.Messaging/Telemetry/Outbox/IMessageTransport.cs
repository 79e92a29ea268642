// Licensed under the MIT License.

using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Telemetry.Outbox
{
    /// <summary>
    /// The MQTT client as the outbox sees it (M2Mqtt on the device, MQTTnet in the simulator).
    /// Called from the network thread only. The client reports broker acknowledgements of QoS 1
    /// messages back through <see cref="MessageOutbox.Acknowledge"/>.
    /// </summary>
    public interface IMessageTransport
    {
        bool IsConnected { get; }

        /// <summary>
        /// Hands one message to the client. Returns the client's message id (used in the later
        /// acknowledgement; any non-negative value for QoS 0), or -1 when it could not be queued.
        /// </summary>
        int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain);
    }
}
