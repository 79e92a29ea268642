// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt.Broker
{
    /// <summary>Settings of a <see cref="MosquittoBroker"/>; all listeners bind 127.0.0.1 on free ports.</summary>
    public sealed class MosquittoBrokerOptions
    {
        /// <summary>Adds a websockets listener (for a browser dashboard using MQTT.js).</summary>
        public bool EnableWebSockets { get; set; }

        /// <summary>Directory served over HTTP by the websockets listener (mosquitto http_dir), or null.</summary>
        public string? HttpDirectory { get; set; }

        /// <summary>When set (with <see cref="Password"/>) the broker requires this user and refuses anonymous clients.</summary>
        public string? Username { get; set; }

        /// <summary>Password of <see cref="Username"/>.</summary>
        public string? Password { get; set; }

        /// <summary>Further users and their passwords (all in one password file with <see cref="Username"/>); anonymous clients are then refused.</summary>
        public Dictionary<string, string> Users { get; } = new Dictionary<string, string>();

        /// <summary>An ACL file (mosquitto acl_file syntax) the broker enforces, or null for none.</summary>
        public string? AclFile { get; set; }

        /// <summary>
        /// Further lines for every listener, e.g. "use_username_as_clientid true" (a listener option in
        /// mosquitto 2.0: in the global section it is ignored and opens a default listener on port 1883).
        /// </summary>
        public List<string> ListenerConfiguration { get; } = new List<string>();

        /// <summary>PEM server certificate; together with <see cref="TlsKeyFile"/> adds an MQTT-over-TLS listener.</summary>
        public string? TlsCertificateFile { get; set; }

        /// <summary>PEM private key of <see cref="TlsCertificateFile"/> (unencrypted).</summary>
        public string? TlsKeyFile { get; set; }

        /// <summary>How long <see cref="MosquittoBroker.Start"/> waits for the listeners to accept connections.</summary>
        public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How long a graceful stop (SIGTERM) may take before the process is killed.</summary>
        public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);
    }
}
