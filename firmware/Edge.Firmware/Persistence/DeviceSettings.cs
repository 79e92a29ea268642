// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// Per-device settings read at boot: identity, board, broker. Wi-Fi credentials are not here:
    /// they live in the nanoCLR's own Wireless80211 configuration block (see README).
    /// </summary>
    public sealed class DeviceSettings
    {
        /// <summary>Device id: topic level edge/&lt;id&gt;/ and client id edge-&lt;id&gt;; 1..64 of A-Z a-z 0-9 - _.</summary>
        public string DeviceId { get; set; } = "edge-0";

        /// <summary>
        /// Board name as in <see cref="Boards.BoardCatalog"/>; empty for "board =" without a name, and null when the text has
        /// no board line. Either is no board: none is guessed, since another board's switch, enable and setpoint pins on
        /// this hardware may be wired to anything (<see cref="Boards.BoardCatalog.Setup"/> says which of the two it was).
        /// </summary>
        public string BoardName { get; set; }

        /// <summary>Broker host name or IPv4 address; empty disables MQTT.</summary>
        public string MqttHost { get; set; } = string.Empty;

        /// <summary>Broker TCP port (1883 is MQTT without TLS, IANA).</summary>
        public int MqttPort { get; set; } = 1883;

        /// <summary>Broker user name; empty for an anonymous connection.</summary>
        public string MqttUsername { get; set; } = string.Empty;

        /// <summary>Broker password; empty for an anonymous connection.</summary>
        public string MqttPassword { get; set; } = string.Empty;

        /// <summary>
        /// PEM certificate of the CA that signed the broker's certificate; non-empty switches TLS on (use the
        /// broker's TLS port, usually 8883). The broker's certificate must name the host in mqtt_host.
        /// </summary>
        public string MqttCaCertificate { get; set; } = string.Empty;

        /// <summary>PEM client certificate for brokers that require one (mutual TLS); needs the CA and the key.</summary>
        public string MqttClientCertificate { get; set; } = string.Empty;

        /// <summary>PEM private key (unencrypted) of the client certificate.</summary>
        public string MqttClientKey { get; set; } = string.Empty;

        /// <summary>True when the broker connection uses TLS (a CA certificate is set).</summary>
        public bool MqttUsesTls => MqttCaCertificate.Length > 0;

        /// <summary>
        /// Start every module at boot (default false: modules wait in Idle for an operator's start). With this on, a
        /// brown-out, a watchdog reset or a power cycle resumes pulsing that nobody has looked at; a module latched
        /// before the reset stays held either way (<see cref="LatchedFaultKeeper"/>).
        /// </summary>
        public bool AutoStart { get; set; }

        /// <summary>Publish Home Assistant MQTT discovery configs (default true).</summary>
        public bool HomeAssistantDiscovery { get; set; } = true;

        /// <summary>MQTT keep-alive, s: 30 s as the contract says; the broker declares us gone (Last Will) after 1.5 x this.</summary>
        public int MqttKeepAliveS { get; set; } = 30;

        /// <summary>Period of the health message, s.</summary>
        public int HealthPeriodS { get; set; } = 30;

        /// <summary>How long one Wi-Fi connection attempt may wait for an IP address and SNTP time, s.</summary>
        public int WifiTimeoutS { get; set; } = 30;

        /// <summary>ESP32 UART of the operator's serial console: 1 or 2 (nanoFramework's COM2, COM3), 0 for none.</summary>
        public int ConsoleUart { get; set; } = 2;

        /// <summary>GPIO the console receives on.</summary>
        public int ConsoleRxPin { get; set; } = SerialConsole.ConsolePins.DefaultRxPin;

        /// <summary>GPIO the console transmits on.</summary>
        public int ConsoleTxPin { get; set; } = SerialConsole.ConsolePins.DefaultTxPin;

        /// <summary>Console baud rate (8 data bits, no parity, 1 stop bit).</summary>
        public int ConsoleBaud { get; set; } = 115200;
    }
}
