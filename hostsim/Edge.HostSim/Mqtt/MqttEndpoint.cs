// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt
{
    /// <summary>Where a host client connects and how it secures the link: broker address, TLS trust and client certificate.</summary>
    public sealed class MqttEndpoint
    {
        /// <summary>Broker host name or IP address.</summary>
        public string Host { get; set; } = "127.0.0.1";

        /// <summary>Broker TCP port (1883 plain, 8883 TLS by convention).</summary>
        public int Port { get; set; } = 1883;

        /// <summary>PEM file of the CA that signed the broker's certificate; non-null switches TLS on and verifies broker certificate and host name.</summary>
        public string? CaFile { get; set; }

        /// <summary>PEM client certificate for brokers that require one (mutual TLS); needs <see cref="ClientKeyFile"/>.</summary>
        public string? ClientCertificateFile { get; set; }

        /// <summary>PEM private key of <see cref="ClientCertificateFile"/> (unencrypted).</summary>
        public string? ClientKeyFile { get; set; }

        /// <summary>
        /// How long a TCP/TLS/MQTT connect may take before it is abandoned, ms; without it a connect to an
        /// unreachable host would wait for the kernel's TCP timeout (minutes).
        /// </summary>
        public int ConnectTimeoutMs { get; set; } = 10_000;

        /// <summary>Checks ranges and combinations; throws <see cref="ArgumentException"/> naming the first problem.</summary>
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

            if ((ClientCertificateFile == null) != (ClientKeyFile == null))
            {
                throw new ArgumentException("ClientCertificateFile and ClientKeyFile go together.", nameof(ClientCertificateFile));
            }

            if (ClientCertificateFile != null && CaFile == null)
            {
                throw new ArgumentException("A client certificate needs TLS: set CaFile.", nameof(CaFile));
            }

            if (ConnectTimeoutMs < 100)
            {
                throw new ArgumentException("ConnectTimeoutMs must be at least 100.", nameof(ConnectTimeoutMs));
            }
        }
    }
}
