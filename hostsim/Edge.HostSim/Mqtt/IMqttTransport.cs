// Licensed under the MIT License.

using Edge.Core.Session;

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// The MQTT operations the host needs, independent of the client library underneath.
    /// Contract: no member blocks on the network. <see cref="Connect"/> returns at once and the
    /// transport keeps (re)connecting in the background; <see cref="Publish"/> fails fast with a
    /// negative <see cref="MqttError"/> code while disconnected. Events are raised on the transport's
    /// own network thread: handlers must be short, must not block and must not throw.
    /// </summary>
    public interface IMqttTransport : IDisposable
    {
        /// <summary>Raised after each successful CONNACK (first connect and every reconnect).</summary>
        event Action? Connected;

        /// <summary>
        /// Raised when the connection ends. Argument: 0 after a requested disconnect, otherwise a
        /// <see cref="MqttError"/> value (typically <see cref="MqttError.ConnectionLost"/>).
        /// </summary>
        event Action<int>? Disconnected;

        /// <summary>Raised when a connection attempt fails: why (bad credentials, not authorised, TLS, unreachable ...) and the details in words.</summary>
        event Action<ConnectOutcome, string>? ConnectionFailed;

        /// <summary>
        /// Raised with the message id once a publish is complete: for QoS 1 when the broker's PUBACK
        /// arrived, for QoS 0 when the message was written to the socket. Ids are 16-bit and wrap.
        /// </summary>
        event Action<int>? PublishAcknowledged;

        /// <summary>
        /// Raised when the broker refuses a subscription (SUBACK with a failure reason, such as NotAuthorized from an ACL),
        /// when it is first made or made again after a reconnect: the filter and the reason in words. Nothing arrives
        /// on that filter then; the subscription is kept and asked for again at the next connection.
        /// </summary>
        event Action<string, string>? SubscriptionRefused;

        /// <summary>Raised for every application message received on a subscribed topic.</summary>
        event Action<MqttMessage>? MessageReceived;

        /// <summary>True between a successful CONNACK and the next disconnection.</summary>
        bool IsConnected { get; }

        /// <summary>Starts connecting in the background and keeps reconnecting with back-off; returns at once.</summary>
        void Connect();

        /// <summary>
        /// Queues a message for sending. Returns the message id (1..65535) or, on failure, a negative
        /// <see cref="MqttError"/> value; never throws for network conditions and never blocks.
        /// </summary>
        int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain);

        /// <summary>
        /// Adds a subscription; it is sent now if connected and re-applied after every reconnect. A filter that is no MQTT
        /// topic filter (empty, a wildcard not a whole level, '#' not last) or a QoS outside 0..2 throws an
        /// <see cref="ArgumentException"/> and adds nothing.
        /// </summary>
        void Subscribe(string topicFilter, int qos);
    }
}
