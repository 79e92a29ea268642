// Licensed under the MIT License.

using Edge.Core.Telemetry.Outbox;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// The broker connection as the network thread needs it: the core's <see cref="IMessageTransport"/>
    /// (what the outbox pumps into) plus connecting with a Last Will, subscribing, publishing on
    /// topics outside the contract (device events, health) and closing. Implemented with
    /// nanoFramework.M2Mqtt on the device; faked in the tests.
    /// </summary>
    public interface IMqttConnection : IMessageTransport
    {
        /// <summary>Opens a clean session with a retained QoS 1 Last Will; false on any failure.</summary>
        bool TryConnect(string clientId, string username, string password, string willTopic, string willMessage, int keepAliveS);

        /// <summary>Subscribes to <paramref name="topicFilter"/> at QoS 1; false on failure.</summary>
        bool TrySubscribe(string topicFilter);

        /// <summary>Publishes on a topic by name; the client's message id, or -1 when it could not be queued.</summary>
        int PublishTo(string topic, byte[] payload, int offset, int count, int qos, bool retain);

        /// <summary>Drops the connection (if any) and releases the client.</summary>
        void Close();
    }
}
