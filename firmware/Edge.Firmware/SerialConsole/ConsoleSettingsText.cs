// Licensed under the MIT License.

using System.Text;
using Edge.Firmware.Persistence;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// The console's <c>settings</c> reply: the device settings in force, one <c>key = value</c> line each as the
    /// settings text writes them, so that a field engineer compares them with the text meant for the unit. Secrets are
    /// named as set, never shown (the console is a plain UART anyone at the bench can read). Built once at boot: the
    /// settings are read only then.
    /// </summary>
    public static class ConsoleSettingsText
    {
        /// <summary>
        /// The reply for <paramref name="settings"/>; <paramref name="refusal"/> is the parser's reason when the deployed
        /// text was refused and <paramref name="settings"/> are the defaults, else null.
        /// </summary>
        public static string Of(DeviceSettings settings, string refusal)
        {
            StringBuilder text = new StringBuilder(640);
            if (refusal == null)
            {
                text.Append("# settings in force, read at boot from the deployed settings text; a change takes effect when a new text is deployed and the device restarts\n");
            }
            else
            {
                text.Append("# defaults in force, without a board: the deployed settings text was refused at boot (").Append(refusal).Append(")\n");
            }

            Line(text, "device_id", settings.DeviceId);
            Line(text, "board", settings.BoardName == null || settings.BoardName.Length == 0 ? "(none)" : settings.BoardName);
            Line(text, "mqtt_host", settings.MqttHost.Length == 0 ? "(none: no MQTT)" : settings.MqttHost);
            string portHint = DeviceSettingsParser.PortHint(settings);
            Line(text, "mqtt_port", settings.MqttPort.ToString() + (portHint == null ? string.Empty : "   # " + portHint));
            Line(text, "mqtt_username", settings.MqttUsername.Length == 0 ? "(none: anonymous)" : settings.MqttUsername);
            Line(text, "mqtt_password", Secret(settings.MqttPassword, "(none)"));
            Line(text, "mqtt_ca_cert", Secret(settings.MqttCaCertificate, "(none: TLS off)"));
            Line(text, "mqtt_client_cert", Secret(settings.MqttClientCertificate, "(none)"));
            Line(text, "mqtt_client_key", Secret(settings.MqttClientKey, "(none)"));
            Line(text, "mqtt_keep_alive_s", settings.MqttKeepAliveS.ToString());
            Line(text, "health_period_s", settings.HealthPeriodS.ToString());
            Line(text, "wifi_timeout_s", settings.WifiTimeoutS.ToString());
            Line(text, "ha_discovery", settings.HomeAssistantDiscovery ? "true" : "false");
            Line(text, "auto_start", settings.AutoStart ? "true" : "false");
            Line(text, "console_uart", settings.ConsoleUart == 0 ? "off" : settings.ConsoleUart.ToString());
            Line(text, "console_rx_pin", settings.ConsoleRxPin.ToString());
            Line(text, "console_tx_pin", settings.ConsoleTxPin.ToString());
            Line(text, "console_baud", settings.ConsoleBaud.ToString());
            text.Append("# Wi-Fi: SSID and password are kept by nanoCLR (Device Explorer, Network configuration), not in these settings");
            return text.ToString();
        }

        /// <summary>
        /// The console's first line: the UART, pins and baud it opened on, so an engineer at the bench knows the wiring
        /// that reached it; on the defaults (<paramref name="refusal"/> not null) also that the deployed text was refused
        /// and why, as its console settings were not the ones used.
        /// </summary>
        public static string Greeting(DeviceSettings settings, string refusal)
        {
            return "edge console ready on " + Where(settings)
                + (refusal == null ? string.Empty : ", the defaults: the deployed settings text was refused at boot (" + refusal + ")")
                + "; type help";
        }

        /// <summary>Where the console of <paramref name="settings"/> opens: <c>UART2 (RX GPIO 13, TX GPIO 14, 115200 baud 8N1)</c>, or <c>no UART (console_uart = off)</c>.</summary>
        public static string Where(DeviceSettings settings)
        {
            if (settings.ConsoleUart == 0)
            {
                return "no UART (console_uart = off)";
            }

            return "UART" + settings.ConsoleUart.ToString() + " (RX GPIO " + settings.ConsoleRxPin.ToString() + ", TX GPIO "
                + settings.ConsoleTxPin.ToString() + ", " + settings.ConsoleBaud.ToString() + " baud 8N1)";
        }

        private static string Secret(string value, string none)
        {
            return value.Length == 0 ? none : "(set, not shown)";
        }

        private static void Line(StringBuilder text, string key, string value)
        {
            text.Append(key).Append(" = ").Append(value).Append('\n');
        }
    }
}
