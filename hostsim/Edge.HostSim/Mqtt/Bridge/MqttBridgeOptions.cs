// Licensed under the MIT License.

using Edge.Core.Session;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Faults;

namespace Edge.HostSim.Mqtt.Bridge
{
    /// <summary>Where and how a simulated device connects to a broker (edge-sim run --mqtt ...).</summary>
    public sealed class MqttBridgeOptions
    {
        /// <summary>Broker host name or address.</summary>
        public string Host { get; set; } = "127.0.0.1";

        /// <summary>Broker port (1883 plain, 8883 usually for TLS).</summary>
        public int Port { get; set; } = 1883;

        /// <summary>Device id in the topics edge/&lt;deviceId&gt;/...; client id is edge-&lt;deviceId&gt;.</summary>
        public string DeviceId { get; set; } = "sim-1";

        /// <summary>Boot id carried by every message; null draws a random one (a new one per run, as a device does per boot).</summary>
        public string? BootId { get; set; }

        /// <summary>Broker user name (with the shipped ACL: the device id), or null for anonymous access.</summary>
        public string? Username { get; set; }

        /// <summary>Broker password.</summary>
        public string? Password { get; set; }

        /// <summary>CA certificate (PEM) that enables TLS to the broker.</summary>
        public string? CaFile { get; set; }

        /// <summary>Client certificate (PEM) for brokers that require one; with <see cref="ClientKeyFile"/>.</summary>
        public string? ClientCertificateFile { get; set; }

        /// <summary>Key (PEM) of <see cref="ClientCertificateFile"/>.</summary>
        public string? ClientKeyFile { get; set; }

        /// <summary>How long one connection attempt may take, ms.</summary>
        public int ConnectTimeoutMs { get; set; } = 10_000;

        /// <summary>
        /// Broker outages to simulate, in simulated time (a scenario's brokerOutage faults): the device drops
        /// off the broker as a network failure would and reconnects when the outage ends.
        /// </summary>
        public List<FaultSpec> BrokerOutages { get; set; } = new List<FaultSpec>();

        /// <summary>Outbox sizing and pump budgets; the contract's defaults (64 slots) when not set.</summary>
        public OutboxConfiguration Outbox { get; set; } = new OutboxConfiguration();

        /// <summary>First reconnect delay; the contract asks for 1 s doubling to 30 s (the core's <see cref="ReconnectBackoff"/>).</summary>
        public int ReconnectDelayMinMs { get; set; } = ReconnectBackoff.DefaultInitialDelayMs;

        /// <summary>Longest reconnect delay.</summary>
        public int ReconnectDelayMaxMs { get; set; } = ReconnectBackoff.DefaultMaximumDelayMs;

        /// <summary>How long the run's first tick waits for the first connection attempt to finish, ms (0: not at all).</summary>
        public int FirstConnectionWaitMs { get; set; } = 10_000;

        /// <summary>
        /// Device time between two health messages, ms (the firmware's <c>health_period_s</c>, default 30 s); one is
        /// also sent at every connection.
        /// </summary>
        public int HealthPeriodMs { get; set; } = SimulatedHealth.DefaultPeriodMs;

        /// <summary>How often the pump thread looks at the outbox when no tick woke it.</summary>
        public int PumpIdleMs { get; set; } = 20;

        /// <summary>The broker address and TLS part of these options.</summary>
        public Mqtt.MqttEndpoint Endpoint() => new Mqtt.MqttEndpoint
        {
            Host = Host,
            Port = Port,
            CaFile = CaFile,
            ClientCertificateFile = ClientCertificateFile,
            ClientKeyFile = ClientKeyFile,
            ConnectTimeoutMs = ConnectTimeoutMs,
        };

        /// <summary>The session's credentials and back-off.</summary>
        public SessionSettings Session() => new SessionSettings
        {
            Username = Username ?? string.Empty,
            Password = Password ?? string.Empty,
            KeepAliveS = 30,
            InitialBackoffMs = ReconnectDelayMinMs,
            MaximumBackoffMs = ReconnectDelayMaxMs,
        };

        /// <summary>Parses "host:port" or "[IPv6]:port" (port optional, default 1883).</summary>
        public static (string Host, int Port) ParseAddress(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new FormatException("broker address is empty");
            }

            // A URL (scheme, user, password) is not host:port; its text is not repeated, since it may hold a password.
            if (text.Contains("://", StringComparison.Ordinal) || text.Contains('@', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal))
            {
                throw new FormatException(UrlAdvice(text));
            }

            // An IPv6 address holds colons of its own: only in brackets can a port follow it, [::1]:1883.
            int colon = text.LastIndexOf(':');
            if (!text.StartsWith('[') && colon > text.IndexOf(':'))
            {
                throw new FormatException("'" + text + "' holds more than one ':': an IPv6 address goes in brackets, with the port after them ([::1]:1883), since a port after its last group cannot be told from the group");
            }

            if (colon < 0 || colon < text.LastIndexOf(']'))
            {
                return (text, 1883);
            }

            string host = text.Substring(0, colon);
            if (host.Length == 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
            {
                throw new FormatException("'" + text + "' is not host:port with a port from 1 to 65535");
            }

            return (host, port);
        }

        // What to give instead of a URL, from its parts: the host and port it names (never its user or password) and only
        // the options for what else it carried, so that a plain tcp:// address is not sent to the credential options and a
        // TLS one learns of --mqtt-ca.
        private static string UrlAdvice(string text)
        {
            int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
            string scheme = schemeEnd >= 0 ? text.Substring(0, schemeEnd).ToLowerInvariant() : string.Empty;
            string rest = schemeEnd >= 0 ? text.Substring(schemeEnd + 3) : text;
            int slash = rest.IndexOf('/');
            string authority = slash >= 0 ? rest.Substring(0, slash) : rest;
            int at = authority.LastIndexOf('@');
            bool credentials = at >= 0;
            string hostPort = at >= 0 ? authority.Substring(at + 1) : authority;
            bool tls = scheme == "mqtts" || scheme == "ssl" || scheme == "tls" || scheme == "wss";
            bool websocket = scheme == "ws" || scheme == "wss";

            string advice = "broker address must be host:port, not a URL";
            if (websocket)
            {
                advice += " (the bridge speaks MQTT over TCP, not websockets: give the broker's MQTT listener)";
            }
            else if (hostPort.Length > 0)
            {
                bool hasPort = hostPort.LastIndexOf(':') > hostPort.LastIndexOf(']');
                advice += ": give --mqtt " + hostPort + (hasPort ? string.Empty : ":" + (tls ? "8883" : "1883"));
            }

            if (credentials)
            {
                advice += "; the user and password with --mqtt-user and --mqtt-password";
            }

            if (tls)
            {
                advice += "; TLS with --mqtt-ca and the broker's CA certificate";
            }

            return advice;
        }
    }
}
