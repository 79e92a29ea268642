// Licensed under the MIT License.

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// The broker connection as the MQTT thread needs it: connect with a Last Will, publish,
    /// subscribe, close. Implemented with nanoFramework.M2Mqtt on the device; the seam where the
    /// core's transport interface will plug in once the telemetry contract lands.
    /// </summary>
    public interface IMessageTransport
    {
        /// <summary>True while the broker session is up.</summary>
        bool IsConnected { get; }

        /// <summary>Messages handed to the client and not yet acknowledged by the broker.</summary>
        int InFlightCount { get; }

        /// <summary>Opens a clean session with a retained Last Will on <paramref name="willTopic"/>; false on any failure.</summary>
        bool TryConnect(string clientId, string username, string password, string willTopic, string willMessage, int keepAliveS);

        /// <summary>Queues one message (QoS 1); false when the client refused it.</summary>
        bool TryPublish(string topic, byte[] payload, bool retain);

        /// <summary>Subscribes to <paramref name="topicFilter"/> at QoS 1; false on failure.</summary>
        bool TrySubscribe(string topicFilter);

        /// <summary>Drops the connection (if any) and releases the client.</summary>
        void Close();
    }
}
