// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// Settings of a <see cref="MosquittoClient"/>. Read once when the client is created; later
    /// changes have no effect.
    /// </summary>
    public sealed class MosquittoClientOptions
    {
        /// <summary>Broker host name or IP address.</summary>
        public string Host { get; set; } = "127.0.0.1";

        /// <summary>Broker TCP port (1883 plain, 8883 TLS by convention).</summary>
        public int Port { get; set; } = 1883;

        /// <summary>MQTT client id; must be unique per broker (a second client with the same id kicks the first off).</summary>
        public string ClientId { get; set; } = "edge-" + Guid.NewGuid().ToString("N").Substring(0, 12);

        /// <summary>Clean session: the broker forgets subscriptions and queued messages on disconnect; the client re-subscribes itself.</summary>
        public bool CleanSession { get; set; } = true;

        /// <summary>User name, or null for anonymous access.</summary>
        public string? Username { get; set; }

        /// <summary>Password, only used with <see cref="Username"/>.</summary>
        public string? Password { get; set; }

        /// <summary>PEM file of the CA that signed the broker's certificate; non-null switches TLS on.</summary>
        public string? CaFile { get; set; }

        /// <summary>
        /// Keep-alive in seconds: the broker declares the client dead (and publishes the will) after
        /// 1.5 times this without traffic; the client notices a dead broker after about the same.
        /// </summary>
        public int KeepAliveSeconds { get; set; } = 30;

        /// <summary>Topic of the Last Will (and of <see cref="OnlinePayload"/>); null for no will.</summary>
        public string? WillTopic { get; set; }

        /// <summary>Will payload the broker publishes when the client vanishes without DISCONNECT.</summary>
        public byte[]? WillPayload { get; set; }

        /// <summary>QoS of the will and of the online message.</summary>
        public int WillQos { get; set; } = 1;

        /// <summary>Retain flag of the will and of the online message (retained so late subscribers see the state).</summary>
        public bool WillRetain { get; set; } = true;

        /// <summary>
        /// Optional payload published to <see cref="WillTopic"/> after every successful connect, so a
        /// retained "offline" will is replaced by "online" once the client is back.
        /// </summary>
        public byte[]? OnlinePayload { get; set; }

        /// <summary>Delay before the first reconnect attempt after a connection loss, in milliseconds; doubles per failed attempt.</summary>
        public int ReconnectDelayMinMs { get; set; } = 500;

        /// <summary>Upper bound of the reconnect delay in milliseconds.</summary>
        public int ReconnectDelayMaxMs { get; set; } = 30_000;

        /// <summary>
        /// How long a TCP/TLS/MQTT connect may take before it is abandoned and retried, in milliseconds;
        /// without it a connect to an unreachable host would wait for the kernel's TCP timeout (minutes).
        /// </summary>
        public int ConnectTimeoutMs { get; set; } = 10_000;

        /// <summary>QoS 1/2 messages in flight before libmosquitto queues further ones (libmosquitto default 20).</summary>
        public int MaxInflightMessages { get; set; } = 20;

        /// <summary>Checks ranges and combinations; throws <see cref="ArgumentException"/> on the first problem.</summary>
        public void Validate()
        {
            if (string.IsNullOrEmpty(Host))
            {
                throw new ArgumentException("Host is required.", nameof(Host));
            }

            if (Port < 1 || Port > 65535)
            {
                throw new ArgumentException("Port must be 1..65535.", nameof(Port));
            }

            if (string.IsNullOrEmpty(ClientId) || ClientId.Length > 65535)
            {
                throw new ArgumentException("ClientId must be non-empty.", nameof(ClientId));
            }

            if (KeepAliveSeconds < 5 || KeepAliveSeconds > 65535)
            {
                // libmosquitto rejects keep-alive below 5 s (mosquitto_connect: MOSQ_ERR_INVAL).
                throw new ArgumentException("KeepAliveSeconds must be 5..65535.", nameof(KeepAliveSeconds));
            }

            if (WillQos < 0 || WillQos > 2)
            {
                throw new ArgumentException("WillQos must be 0..2.", nameof(WillQos));
            }

            if ((WillPayload != null || OnlinePayload != null) && WillTopic == null)
            {
                throw new ArgumentException("WillPayload and OnlinePayload need a WillTopic.", nameof(WillTopic));
            }

            if (ReconnectDelayMinMs < 1 || ReconnectDelayMaxMs < ReconnectDelayMinMs)
            {
                throw new ArgumentException("Reconnect delays must satisfy 1 <= min <= max.", nameof(ReconnectDelayMinMs));
            }

            if (ConnectTimeoutMs < 100)
            {
                throw new ArgumentException("ConnectTimeoutMs must be at least 100.", nameof(ConnectTimeoutMs));
            }

            if (MaxInflightMessages < 1 || MaxInflightMessages > 65535)
            {
                throw new ArgumentException("MaxInflightMessages must be 1..65535.", nameof(MaxInflightMessages));
            }
        }
    }
}
