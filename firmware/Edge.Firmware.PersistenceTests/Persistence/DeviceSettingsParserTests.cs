// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Firmware.Boards;
using Edge.Firmware.Persistence;
using nanoFramework.TestFramework;

namespace NFUnitTest.Persistence
{
    /// <summary>Settings text is validated on load; anything wrong means defaults and a line-numbered reason.</summary>
    [TestClass]
    public class DeviceSettingsParserTests
    {
        [TestMethod]
        public void DeployedTemplateIsValidAndLeavesMqttOff()
        {
            bool ok = DeviceSettingsParser.TryParse(DeployedSettings.Text, out DeviceSettings settings, out string error);

            Assert.IsTrue(ok, error);
            Assert.AreEqual("edge-0", settings.DeviceId);
            Assert.AreEqual("esp32-devkitc-4s2m", settings.BoardName);
            Assert.AreEqual(0, settings.MqttHost.Length);
        }

        [TestMethod]
        public void ValuesAreRead()
        {
            string text = "device_id = pack-7\nboard = esp32-mux-6s\nmqtt_host = 192.168.1.20\nmqtt_port = 1884\n# comment\n\nhealth_period_s = 5\n";

            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);

            Assert.IsTrue(ok, error);
            Assert.AreEqual("pack-7", settings.DeviceId);
            Assert.AreEqual("esp32-mux-6s", settings.BoardName);
            Assert.AreEqual("192.168.1.20", settings.MqttHost);
            Assert.AreEqual(1884, settings.MqttPort);
            Assert.AreEqual(5, settings.HealthPeriodS);
        }

        [TestMethod]
        public void ATextWithoutABoardLineNamesNoBoardAndKeepsTheRest()
        {
            // A copy that lost its board line, deployed to a mux-board unit: a default board would drive the DevKitC's
            // switch, enable and setpoint pins on hardware wired otherwise.
            string text = "device_id = pack-7\nmqtt_host = 192.168.1.20\nmqtt_port = 1884\n";

            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);

            Assert.IsTrue(ok, error);
            Assert.AreEqual("pack-7", settings.DeviceId);
            Assert.AreEqual("192.168.1.20", settings.MqttHost);
            Assert.AreEqual(1884, settings.MqttPort);
            BoardSetup setup = BoardCatalog.Setup(settings.BoardName);
            Assert.IsFalse(setup.IsUsable, "a board was chosen for settings that name none");
            Assert.AreEqual("no board: the settings have no 'board' line; add 'board = esp32-devkitc-4s2m' or 'board = esp32-mux-6s'", setup.Error);
        }

        [TestMethod]
        public void AHashInsideAValueIsKeptAndOneAfterASpaceStartsAComment()
        {
            string text = "mqtt_username = edge\nmqtt_password = s3cr#t   # the broker's\n";

            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);

            Assert.IsTrue(ok, error);
            Assert.AreEqual("s3cr#t", settings.MqttPassword);
        }

        [TestMethod]
        public void AKeyGivenTwiceIsRefusedWithBothLines()
        {
            // A TLS port pasted above the template's own line: taking the last would silently go back to 1883.
            string text = "mqtt_port = 8883\ndevice_id = pack-7\nmqtt_port = 1883\n";

            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);

            Assert.IsFalse(ok);
            Assert.AreEqual("line 3: mqtt_port is given twice (first on line 1)", error);
            Assert.AreEqual("edge-0", settings.DeviceId);
            Assert.AreEqual(1883, settings.MqttPort);
        }

        [TestMethod]
        public void AnEmptyRepeatOfAKeyIsRefusedToo()
        {
            // The empty line reads as "back to the default" but would keep the host above it.
            string text = "mqtt_host = 192.168.1.20\n# MQTT off for now\nmqtt_host =\n";

            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);

            Assert.IsFalse(ok);
            Assert.AreEqual("line 3: mqtt_host is given twice (first on line 1)", error);
            Assert.AreEqual(0, settings.MqttHost.Length);
        }

        [TestMethod]
        public void ABrokerAddressWithALeadingZeroIsRefusedNamingItAndWhatItMeans()
        {
            // The device's network stack (lwIP's inet_aton) reads 010 as octal 8: the device would connect to 192.168.8.1.
            string text = "device_id = pack-7\nmqtt_host = 192.168.010.1\n";

            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);

            Assert.IsFalse(ok);
            Assert.AreEqual(
                "line 2: mqtt_host '192.168.010.1' has a number with a leading zero, which the network stack reads as octal (010 is 8): write the address without leading zeros (192.168.10.1)",
                error);
            Assert.AreEqual(0, settings.MqttHost.Length);
            Assert.AreEqual("edge-0", settings.DeviceId);
        }

        [TestMethod]
        public void ABrokerHostWrittenAsAUrlOrWithAPortIsRefusedNamingWhatToWrite()
        {
            // Taken before, each failed only at the broker name lookup, at every connect, as "broker offline".
            Assert.AreEqual("line 2: mqtt_host 'mqtt://192.168.1.20:1884' is a URL: write the host alone (mqtt_host = 192.168.1.20), the port in mqtt_port (mqtt_port = 1884) and TLS as mqtt_ca_cert",
                HostRefused("mqtt://192.168.1.20:1884"));
            Assert.AreEqual("line 2: mqtt_host 'mqtts://broker.local/' is a URL: write the host alone (mqtt_host = broker.local), the port in mqtt_port and TLS as mqtt_ca_cert",
                HostRefused("mqtts://broker.local/"));
            Assert.AreEqual("line 2: mqtt_host 'broker.local:8883' has a port: write the host alone (mqtt_host = broker.local) and the port in mqtt_port (mqtt_port = 8883)",
                HostRefused("broker.local:8883"));
        }

        [TestMethod]
        public void ABrokerHostWithQuotesSpacesOrOtherCharactersIsRefusedNamingTheCharacter()
        {
            Assert.AreEqual("line 2: mqtt_host '\"broker.local\"' has a quote (write the value without quotes) at position 1: a name is letters, digits, '-', '_' and '.' (broker.local), an address four numbers (192.168.1.20)",
                HostRefused("\"broker.local\""));
            Assert.AreEqual("line 2: mqtt_host 'my broker' has a space at position 3: a name is letters, digits, '-', '_' and '.' (broker.local), an address four numbers (192.168.1.20)",
                HostRefused("my broker"));
            Assert.AreEqual("line 2: mqtt_host 'br\u00f6ker.local' has the character '\u00f6' at position 3: a name is letters, digits, '-', '_' and '.' (broker.local), an address four numbers (192.168.1.20)",
                HostRefused("br\u00f6ker.local"));
            Assert.AreEqual("line 2: mqtt_host 'broker..local' has an empty part between dots: a name is letters, digits, '-', '_' and '.' (broker.local), an address four numbers (192.168.1.20)",
                HostRefused("broker..local"));
            Assert.AreEqual("line 2: mqtt_host is 254 characters long: a host name has at most 253", HostRefused(new string('a', 254)));

            // What a name may be is still taken.
            bool ok = DeviceSettingsParser.TryParse("device_id = pack-7\nmqtt_host = mqtt_1.site-2.example\n", out DeviceSettings settings, out string error);
            Assert.IsTrue(ok, error);
            Assert.AreEqual("mqtt_1.site-2.example", settings.MqttHost);
        }

        private static string HostRefused(string host)
        {
            bool ok = DeviceSettingsParser.TryParse("device_id = pack-7\nmqtt_host = " + host + "\n", out DeviceSettings settings, out string error);
            Assert.IsFalse(ok, host + " was taken");
            Assert.AreEqual(0, settings.MqttHost.Length, "defaults, not a half-applied text");
            return error;
        }

        [TestMethod]
        public void OutOfRangePortFallsBackToDefaultsWithTheLine()
        {
            string text = "device_id = pack-7\nmqtt_port = 70000\n";

            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);

            Assert.IsFalse(ok);
            Assert.StartsWith("line 2:", error);
            // Defaults, not a half-applied text.
            Assert.AreEqual("edge-0", settings.DeviceId);
            Assert.AreEqual(1883, settings.MqttPort);
        }

        [TestMethod]
        public void DeviceIdMustBeATopicSafeName()
        {
            // '/', '+' and '#' would break the topic tree edge/<id>/... (contract: 1 to 64 of A-Z a-z 0-9 - _).
            Assert.IsFalse(DeviceSettingsParser.IsValidDeviceId("a/b"));
            Assert.IsFalse(DeviceSettingsParser.IsValidDeviceId("a#"));
            Assert.IsFalse(DeviceSettingsParser.IsValidDeviceId("a+b"));
            Assert.IsFalse(DeviceSettingsParser.IsValidDeviceId("pack 7"));
            Assert.IsFalse(DeviceSettingsParser.IsValidDeviceId(string.Empty));
            Assert.IsFalse(DeviceSettingsParser.IsValidDeviceId(new string('a', 65)));
            Assert.IsTrue(DeviceSettingsParser.IsValidDeviceId(new string('a', 64)));
            Assert.IsTrue(DeviceSettingsParser.IsValidDeviceId("Pack_7-a"));
        }

        [TestMethod]
        public void InvalidDeviceIdIsRejectedWithItsLine()
        {
            bool ok = DeviceSettingsParser.TryParse("board = esp32-mux-6s\ndevice_id = pack/7\n", out DeviceSettings settings, out string error);

            Assert.IsFalse(ok);
            Assert.StartsWith("line 2: device_id", error);
        }

        [TestMethod]
        public void UnknownKeyIsRejected()
        {
            bool ok = DeviceSettingsParser.TryParse("device_id = x\nwifi_password = secret\n", out DeviceSettings settings, out string error);

            Assert.IsFalse(ok);
            Assert.Contains("unknown key 'wifi_password'", error);
        }

        [TestMethod]
        public void AnUnknownKeyIsRefusedNamingTheKeysThereAre()
        {
            Assert.AreEqual("line 2: unknown key 'mqtt_hots'; allowed: device_id, board, mqtt_host, mqtt_port, mqtt_username, mqtt_password, mqtt_ca_cert, mqtt_client_cert, mqtt_client_key, mqtt_keep_alive_s, health_period_s, wifi_timeout_s, ha_discovery, auto_start, console_uart, console_rx_pin, console_tx_pin, console_baud",
                Refused("device_id = pack-7\nmqtt_hots = broker.local\n"));

            // A field engineer looks for the Wi-Fi credentials among the settings: they are nanoCLR's.
            Assert.StartsWith("line 1: unknown key 'wifi_ssid' (Wi-Fi credentials are kept by nanoCLR, set with Device Explorer, Network configuration); allowed: device_id,",
                Refused("wifi_ssid = bench\n"));
        }

        [TestMethod]
        public void AnEmptyOrWildcardDeviceIdIsRefusedNamingWhatPasses()
        {
            // Empty took the default edge-0: a second such device takes the first one's broker connection and topics.
            Assert.AreEqual("line 2: device_id is empty: write this device's own id, 1..64 characters of A-Z, a-z, 0-9, '-', '_' (no '/', '+', '#' or space: it is an MQTT topic level)",
                Refused("board = esp32-mux-6s\ndevice_id =\n"));
            Assert.AreEqual("line 1: device_id 'pack/7' is not 1..64 characters of A-Z, a-z, 0-9, '-', '_' (no '/', '+', '#' or space: it is an MQTT topic level)",
                Refused("device_id = pack/7\n"));
            Assert.StartsWith("line 1: device_id 'pack+' is not 1..64", Refused("device_id = pack+\n"));
            Assert.StartsWith("line 1: device_id 'pack#7' is not 1..64", Refused("device_id = pack#7\n"));
            Assert.StartsWith("line 1: device_id 'pack 7' is not 1..64", Refused("device_id = pack 7\n"));
        }

        private static string Refused(string text)
        {
            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);
            Assert.IsFalse(ok, text + " was taken");
            Assert.AreEqual("edge-0", settings.DeviceId, "defaults, not a half-applied text");
            return error;
        }

        [TestMethod]
        public void MissingTextIsAnError()
        {
            Assert.IsFalse(DeviceSettingsParser.TryParse(null, out DeviceSettings settings, out string error));
            Assert.IsNotNull(settings);
        }
    }
}
