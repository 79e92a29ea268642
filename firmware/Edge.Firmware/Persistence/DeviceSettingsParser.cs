// Licensed under the MIT License.

using Edge.Core.Telemetry.Encoding;

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// Reads and validates settings text: "key = value" lines, '#' comments (at a line's start or after a space or
    /// tab, so a '#' inside a value such as a password stays in it), blank lines ignored,
    /// an empty value keeps the default (not for device_id: an id nobody wrote is refused), a key at most once. A PEM value (certificate or key) starts on its key's line with
    /// "-----BEGIN ...-----" and runs to its "-----END ...-----" line. Any unknown key, out-of-range value
    /// or malformed certificate rejects the whole text with a line-numbered message naming the key; the
    /// caller then boots on defaults and reports it.
    /// </summary>
    public static class DeviceSettingsParser
    {
        /// <summary>Parses <paramref name="text"/>; on failure <paramref name="settings"/> holds the defaults.</summary>
        public static bool TryParse(string text, out DeviceSettings settings, out string error)
        {
            settings = new DeviceSettings();
            error = null;
            if (text == null)
            {
                error = "no settings stored";
                return false;
            }

            DeviceSettings parsed = new DeviceSettings();
            string[] lines = text.Split('\n');

            // Each key's line, so that a key given twice is refused: the last would otherwise win unseen (a TLS port
            // pasted above the template's 1883), and an empty repeat would keep the value it seems to clear.
            string[] keys = new string[lines.Length];
            int[] keyLines = new int[lines.Length];
            int keyCount = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int hash = CommentStart(line);
                if (hash >= 0)
                {
                    line = line.Substring(0, hash);
                }

                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                int equals = line.IndexOf('=');
                if (equals <= 0)
                {
                    error = "line " + (i + 1).ToString() + ": expected 'key = value'";
                    return false;
                }

                string key = line.Substring(0, equals).Trim();
                string value = line.Substring(equals + 1).Trim();
                int keyLine = i + 1;
                if (value.StartsWith(PemBegin) && value.IndexOf(PemEnd) < 0)
                {
                    // A PEM block: the following lines up to its END line belong to the value.
                    while (value.IndexOf(PemEnd) < 0 && i + 1 < lines.Length)
                    {
                        i++;
                        value = value + "\n" + lines[i].Trim();
                    }
                }

                int firstLine = LineOf(keys, keyLines, keyCount, key);
                if (firstLine > 0)
                {
                    error = "line " + keyLine.ToString() + ": " + key + " is given twice (first on line " + firstLine.ToString() + ")";
                    return false;
                }

                keys[keyCount] = key;
                keyLines[keyCount] = keyLine;
                keyCount++;

                if (key == "board" && value.Length == 0)
                {
                    // "board =" names no board, as a text without the line does (BoardName stays null): none is taken,
                    // so the boot reports the missing board, holds every pin off and still reaches the broker these
                    // settings name. Empty rather than null, so that the report says which of the two to fix.
                    parsed.BoardName = string.Empty;
                }

                string problem = value.Length == 0 ? null : Apply(parsed, key, value);
                if (problem == null && value.Length == 0 && !IsKnownKey(key))
                {
                    problem = UnknownKey(key);
                }
                else if (value.Length == 0 && key == "device_id")
                {
                    // Not the default's edge-0: two devices on one id take each other's broker connection (one client
                    // id) and topics, and the empty line says the id was meant to be written.
                    problem = "device_id is empty: write this device's own id, " + DeviceIdForm;
                }

                if (problem != null)
                {
                    error = "line " + keyLine.ToString() + ": " + problem;
                    return false;
                }
            }

            error = CheckTls(parsed);
            if (error == null && parsed.ConsoleUart != 0)
            {
                error = SerialConsole.ConsolePins.Check(parsed.ConsoleRxPin, parsed.ConsoleTxPin);
            }

            if (error != null)
            {
                return false;
            }

            settings = parsed;
            return true;
        }

        /// <summary>
        /// Why TLS and the port look mismatched, or null: 1883 is MQTT's port and 8883 MQTT over TLS's (IANA), so TLS on
        /// 1883, or none on 8883, fails at every connect against a broker on its usual ports. A broker may listen
        /// otherwise, so this is said (a <c>settings-warning</c> at boot, a note in the console's <c>settings</c>), not refused.
        /// </summary>
        public static string PortHint(DeviceSettings settings)
        {
            if (settings == null || settings.MqttHost.Length == 0)
            {
                return null;
            }

            if (settings.MqttUsesTls && settings.MqttPort == 1883)
            {
                return "mqtt_port 1883 is MQTT without TLS (IANA) but mqtt_ca_cert is set: the TLS handshake fails there unless the broker runs TLS on it; TLS brokers usually listen on 8883";
            }

            if (!settings.MqttUsesTls && settings.MqttPort == 8883)
            {
                return "mqtt_port 8883 is MQTT over TLS (IANA) but no mqtt_ca_cert is set: the device connects without TLS; give the broker's CA as mqtt_ca_cert, or use 1883";
            }

            return null;
        }

        /// <summary>True for a device id the MQTT contract accepts: 1 to 64 of A-Z a-z 0-9 - _ (a safe topic level).</summary>
        public static bool IsValidDeviceId(string id)
        {
            return TopicSet.IsValidDeviceId(id);
        }

        private static readonly string DeviceIdForm = "1.." + TopicSet.MaximumDeviceIdLength.ToString()
            + " characters of A-Z, a-z, 0-9, '-', '_' (no '/', '+', '#' or space: it is an MQTT topic level)";

        private const string PemBegin = "-----BEGIN ";
        private const string PemEnd = "-----END ";

        private static readonly string[] s_certificateLabels = new string[] { PemText.Certificate };
        private static readonly string[] s_keyLabels = new string[] { "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" };

        /// <summary>The line <paramref name="key"/> was first given on, or 0.</summary>
        private static int LineOf(string[] keys, int[] keyLines, int count, string key)
        {
            for (int k = 0; k < count; k++)
            {
                if (keys[k] == key)
                {
                    return keyLines[k];
                }
            }

            return 0;
        }

        private static readonly string[] s_keys = new string[]
        {
            "device_id", "board", "mqtt_host", "mqtt_port", "mqtt_username", "mqtt_password", "mqtt_ca_cert", "mqtt_client_cert",
            "mqtt_client_key", "mqtt_keep_alive_s", "health_period_s", "wifi_timeout_s", "ha_discovery", "auto_start",
            "console_uart", "console_rx_pin", "console_tx_pin", "console_baud",
        };

        private static bool IsKnownKey(string key)
        {
            for (int i = 0; i < s_keys.Length; i++)
            {
                if (s_keys[i] == key)
                {
                    return true;
                }
            }

            return false;
        }

        // Names the keys there are, so that a misspelt one is found without the README; Wi-Fi credentials are not
        // settings at all, which the key alone would leave a guess.
        private static string UnknownKey(string key)
        {
            string text = "unknown key '" + key + "'";
            if (key.StartsWith("wifi_"))
            {
                text = text + " (Wi-Fi credentials are kept by nanoCLR, set with Device Explorer, Network configuration)";
            }

            text = text + "; allowed: ";
            for (int i = 0; i < s_keys.Length; i++)
            {
                text = text + (i == 0 ? string.Empty : ", ") + s_keys[i];
            }

            return text;
        }

        // Combinations: a client certificate needs its key, and both need TLS (the CA).
        private static string CheckTls(DeviceSettings settings)
        {
            bool certificate = settings.MqttClientCertificate.Length > 0;
            bool key = settings.MqttClientKey.Length > 0;
            if (certificate != key)
            {
                return certificate ? "mqtt_client_key is missing: mqtt_client_cert needs it" : "mqtt_client_cert is missing: mqtt_client_key needs it";
            }

            if (certificate && !settings.MqttUsesTls)
            {
                return "mqtt_ca_cert is missing: a client certificate (mqtt_client_cert) is only used over TLS";
            }

            return null;
        }

        private static string Pem(string key, string value, string[] labels)
        {
            string problem = PemText.Check(value, labels);
            return problem == null ? null : key + " " + problem;
        }

        private static string Apply(DeviceSettings settings, string key, string value)
        {
            switch (key)
            {
                case "device_id":
                    if (!IsValidDeviceId(value))
                    {
                        return "device_id '" + value + "' is not " + DeviceIdForm;
                    }

                    settings.DeviceId = value;
                    return null;
                case "board":
                    settings.BoardName = value;
                    return null;
                case "mqtt_host":
                    string hostProblem = Networking.BrokerAddress.CheckHost(value);
                    if (hostProblem != null)
                    {
                        return key + " " + hostProblem;
                    }

                    settings.MqttHost = value;
                    return null;
                case "mqtt_username":
                    settings.MqttUsername = value;
                    return null;
                case "mqtt_password":
                    settings.MqttPassword = value;
                    return null;
                case "mqtt_ca_cert":
                    settings.MqttCaCertificate = PemText.Normalise(value);
                    return Pem(key, value, s_certificateLabels);
                case "mqtt_client_cert":
                    settings.MqttClientCertificate = PemText.Normalise(value);
                    return Pem(key, value, s_certificateLabels);
                case "mqtt_client_key":
                    settings.MqttClientKey = PemText.Normalise(value);
                    return Pem(key, value, s_keyLabels);
                case "auto_start":
                    if (value != "true" && value != "false")
                    {
                        return "auto_start must be true or false";
                    }

                    settings.AutoStart = value == "true";
                    return null;
                case "ha_discovery":
                    if (value != "true" && value != "false")
                    {
                        return "ha_discovery must be true or false";
                    }

                    settings.HomeAssistantDiscovery = value == "true";
                    return null;
                case "mqtt_port":
                    return ReadInt(value, 1, 65535, key, out int port, out string portError) ? Assign(settings, key, port) : portError;
                case "mqtt_keep_alive_s":
                    return ReadInt(value, 5, 65535, key, out int keepAlive, out string keepAliveError) ? Assign(settings, key, keepAlive) : keepAliveError;
                case "health_period_s":
                    return ReadInt(value, 1, 3600, key, out int health, out string healthError) ? Assign(settings, key, health) : healthError;
                case "wifi_timeout_s":
                    return ReadInt(value, 5, 600, key, out int wifi, out string wifiError) ? Assign(settings, key, wifi) : wifiError;
                case "console_uart":
                    return ApplyConsoleUart(settings, value);
                case "console_rx_pin":
                    return ReadInt(value, 0, SerialConsole.ConsolePins.HighestPin, key, out int rx, out string rxError) ? Assign(settings, key, rx) : rxError;
                case "console_tx_pin":
                    return ReadInt(value, 0, SerialConsole.ConsolePins.HighestPin, key, out int tx, out string txError) ? Assign(settings, key, tx) : txError;
                case "console_baud":
                    return ReadInt(value, 1200, 921600, key, out int baud, out string baudError) ? Assign(settings, key, baud) : baudError;
                default:
                    return UnknownKey(key);
            }
        }

        private static string ApplyConsoleUart(DeviceSettings settings, string value)
        {
            if (value != "off" && value != "1" && value != "2")
            {
                return "console_uart must be 1, 2 or off";
            }

            settings.ConsoleUart = value == "off" ? 0 : (value == "1" ? 1 : 2);
            return null;
        }

        private static string Assign(DeviceSettings settings, string key, int value)
        {
            if (key == "mqtt_port")
            {
                settings.MqttPort = value;
            }
            else if (key == "mqtt_keep_alive_s")
            {
                settings.MqttKeepAliveS = value;
            }
            else if (key == "health_period_s")
            {
                settings.HealthPeriodS = value;
            }
            else if (key == "console_rx_pin")
            {
                settings.ConsoleRxPin = value;
            }
            else if (key == "console_tx_pin")
            {
                settings.ConsoleTxPin = value;
            }
            else if (key == "console_baud")
            {
                settings.ConsoleBaud = value;
            }
            else
            {
                settings.WifiTimeoutS = value;
            }

            return null;
        }

        private static bool ReadInt(string value, int minimum, int maximum, string key, out int result, out string error)
        {
            if (!int.TryParse(value, out result) || result < minimum || result > maximum)
            {
                error = key + " must be a whole number in " + minimum.ToString() + ".." + maximum.ToString();
                return false;
            }

            error = null;
            return true;
        }

        /// <summary>
        /// Where a line's comment starts: a '#' first on the line or after a space or tab; -1 for none. "s3cr#t" is a
        /// value (a broker password cut at its '#' only showed as a refused login).
        /// </summary>
        private static int CommentStart(string line)
        {
            for (int k = 0; k < line.Length; k++)
            {
                if (line[k] == '#' && (k == 0 || line[k - 1] == ' ' || line[k - 1] == '\t'))
                {
                    return k;
                }
            }

            return -1;
        }
    }
}
