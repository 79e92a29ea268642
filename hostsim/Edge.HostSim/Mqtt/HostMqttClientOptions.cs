// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// Settings of a <see cref="HostMqttClient"/>. Read once when the client is created; later changes have
    /// no effect.
    /// </summary>
    public sealed class HostMqttClientOptions
    {
        /// <summary>Broker host name or IP address.</summary>
        public string Host { get; set; } = "127.0.0.1";

        /// <summary>Broker TCP port (1883 plain, 8883 TLS by convention).</summary>
        public int Port { get; set; } = 1883;

        /// <summary>MQTT client id; unique per broker (a second client with the same id takes the session over, unless the broker ties ids to users).</summary>
        public string ClientId { get; set; } = "host-" + Guid.NewGuid().ToString("N").Substring(0, 12);

        /// <summary>Clean session: the broker forgets subscriptions and queued messages on disconnect; the client re-subscribes itself.</summary>
        public bool CleanSession { get; set; } = true;

        /// <summary>User name, or null for anonymous access.</summary>
        public string? Username { get; set; }

        /// <summary>Password, only used with <see cref="Username"/>.</summary>
        public string? Password { get; set; }

        /// <summary>PEM file of the CA that signed the broker's certificate; non-null switches TLS on.</summary>
        public string? CaFile { get; set; }

        /// <summary>PEM client certificate (mutual TLS), with <see cref="ClientKeyFile"/>.</summary>
        public string? ClientCertificateFile { get; set; }

        /// <summary>PEM key of <see cref="ClientCertificateFile"/>.</summary>
        public string? ClientKeyFile { get; set; }

        /// <summary>Keep-alive in seconds: the broker declares the client dead (and publishes the will) after 1.5 times this without traffic.</summary>
        public int KeepAliveSeconds { get; set; } = 30;

        /// <summary>Topic of the Last Will (and of <see cref="OnlinePayload"/>), a topic name without wildcards; null for no will.</summary>
        public string? WillTopic { get; set; }

        /// <summary>Will payload the broker publishes when the client vanishes without DISCONNECT.</summary>
        public byte[]? WillPayload { get; set; }

        /// <summary>QoS of the will and of the online message.</summary>
        public int WillQos { get; set; } = 1;

        /// <summary>Retain flag of the will and of the online message (retained so late subscribers see the state).</summary>
        public bool WillRetain { get; set; } = true;

        /// <summary>Optional payload published to <see cref="WillTopic"/> after every successful connect, so a retained "offline" will is replaced by "online".</summary>
        public byte[]? OnlinePayload { get; set; }

        /// <summary>Wait before the first reconnect attempt after a failure or a loss, ms; doubles per failed attempt and per connection lost before it stayed up for <see cref="KeepAliveSeconds"/> (the core's <see cref="Edge.Core.Session.ReconnectBackoff"/>).</summary>
        public int ReconnectDelayMinMs { get; set; } = Edge.Core.Session.ReconnectBackoff.DefaultInitialDelayMs;

        /// <summary>Upper bound of the reconnect wait, ms.</summary>
        public int ReconnectDelayMaxMs { get; set; } = Edge.Core.Session.ReconnectBackoff.DefaultMaximumDelayMs;

        /// <summary>How long one TCP/TLS/MQTT connect may take before it is abandoned and retried, ms.</summary>
        public int ConnectTimeoutMs { get; set; } = 10_000;

        /// <summary>The broker address and TLS part of these options.</summary>
        public MqttEndpoint Endpoint() => new MqttEndpoint
        {
            Host = Host,
            Port = Port,
            CaFile = CaFile,
            ClientCertificateFile = ClientCertificateFile,
            ClientKeyFile = ClientKeyFile,
            ConnectTimeoutMs = ConnectTimeoutMs,
        };

        /// <summary>Checks ranges and combinations; throws <see cref="ArgumentException"/> on the first problem.</summary>
        public void Validate()
        {
            Endpoint().Validate();
            if (string.IsNullOrEmpty(ClientId) || ClientId.Length > 65535)
            {
                throw new ArgumentException("ClientId must be non-empty.", nameof(ClientId));
            }

            if (KeepAliveSeconds < 1 || KeepAliveSeconds > 65535)
            {
                throw new ArgumentException("KeepAliveSeconds must be 1..65535.", nameof(KeepAliveSeconds));
            }

            if (WillQos < 0 || WillQos > 2)
            {
                throw new ArgumentException("WillQos must be 0..2.", nameof(WillQos));
            }

            // A topic name, not a filter (MQTT 3.1.3.3): the broker closes a CONNECT whose will topic holds a wildcard,
            // which the client could only report as a failed connection, at every retry.
            if (WillTopic != null && (WillTopic.Length == 0 || WillTopic.Contains('+') || WillTopic.Contains('#')))
            {
                throw new ArgumentException("WillTopic must be a topic name: not empty, without the wildcards '+' and '#'.", nameof(WillTopic));
            }

            if ((WillPayload != null || OnlinePayload != null) && WillTopic == null)
            {
                throw new ArgumentException("WillPayload and OnlinePayload need a WillTopic.", nameof(WillTopic));
            }

            if (ReconnectDelayMinMs < 1 || ReconnectDelayMaxMs < ReconnectDelayMinMs)
            {
                throw new ArgumentException("Reconnect delays must satisfy 1 <= min <= max.", nameof(ReconnectDelayMinMs));
            }
        }
    }
}
