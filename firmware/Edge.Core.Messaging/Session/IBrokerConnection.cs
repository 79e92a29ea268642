// Licensed under the MIT License.

using Edge.Core.Telemetry.Outbox;

namespace Edge.Core.Session
{
    /// <summary>
    /// The broker connection as the <see cref="DeviceSession"/> drives it: the outbox's
    /// <see cref="IMessageTransport"/> plus opening a clean session with a Last Will, subscribing,
    /// publishing on topics by name, and closing. nanoFramework.M2Mqtt implements it on the device,
    /// MQTTnet in the simulator; the test fakes record what a broker would see.
    /// <para>
    /// Calls come from the session's network thread only. The implementation reports back on its client's
    /// own thread: every received application message to <see cref="DeviceSession.Receive"/>, every QoS 1
    /// acknowledgement to <see cref="MessageOutbox.Acknowledge"/>. A lost connection shows as
    /// <see cref="IMessageTransport.IsConnected"/> turning false.
    /// </para>
    /// </summary>
    public interface IBrokerConnection : IMessageTransport
    {
        /// <summary>Why the last <see cref="Open"/> or <see cref="Subscribe"/> failed, in words (for the log), or null.</summary>
        string LastError { get; }

        /// <summary>
        /// One blocking attempt to open a clean session as <paramref name="clientId"/>, with
        /// <paramref name="willPayload"/> registered as a retained QoS 1 Last Will on <paramref name="willTopic"/>.
        /// An empty <paramref name="username"/> connects anonymously. Never throws for network conditions.
        /// </summary>
        ConnectOutcome Open(string clientId, string username, string password, int keepAliveS, string willTopic, byte[] willPayload);

        /// <summary>Subscribes at QoS 1; false when the broker refused it (ACL) or the connection failed.</summary>
        bool Subscribe(string topicFilter);

        /// <summary>Publishes on a topic by name: the client's message id, or -1 when it could not be queued.</summary>
        int PublishTo(string topic, byte[] payload, int offset, int count, int qos, bool retain);

        /// <summary>
        /// Ends the connection and releases the client. With <paramref name="sendDisconnect"/> an orderly
        /// DISCONNECT goes first (the broker discards the Last Will); without, the socket is just dropped, as a
        /// network failure would, and the broker publishes the Last Will.
        /// </summary>
        void Close(bool sendDisconnect);
    }
}
