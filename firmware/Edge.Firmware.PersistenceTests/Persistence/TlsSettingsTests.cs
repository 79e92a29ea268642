// Licensed under the MIT License.

using Edge.Firmware.Persistence;
using nanoFramework.TestFramework;
using NFUnitTest.Support;

namespace NFUnitTest.Persistence
{
    /// <summary>
    /// TLS settings: the CA certificate, the optional client certificate and its key are PEM blocks pasted
    /// after their keys; a malformed one rejects the whole text with the line and the key named.
    /// </summary>
    [TestClass]
    public class TlsSettingsTests
    {
        private const string Certificate = TestCertificate.Pem;

        // The certificate's throw-away key, made with openssl with it. It secures nothing.
        private const string Key = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgWs0uoiJPCirBvA6h\nQFd7tVBvJ2CJND+MomHZQwMW3gihRANCAAQQnSatY+o1QkzMtVKkmkuo4irpjsT4\ng9vVW59+g5gkNQNaG3U4P6TPdgwIe24QHNw5adYydVjxMLLScYuKgttN\n-----END PRIVATE KEY-----";

        [TestMethod]
        public void CaCertificateSwitchesTlsOnAndKeepsThePem()
        {
            string text = "mqtt_host = broker.local\nmqtt_port = 8883\nmqtt_ca_cert = " + Certificate + "\nhealth_period_s = 5\n";

            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);

            Assert.IsTrue(ok, error);
            Assert.IsTrue(settings.MqttUsesTls);
            Assert.AreEqual(8883, settings.MqttPort);
            Assert.AreEqual(Certificate + "\n", settings.MqttCaCertificate);
            Assert.AreEqual(5, settings.HealthPeriodS);
            Assert.AreEqual(0, settings.MqttClientCertificate.Length);
        }

        [TestMethod]
        public void ClientCertificateAndKeyAreRead()
        {
            string text = "mqtt_ca_cert = " + Certificate + "\nmqtt_client_cert = " + Certificate + "\nmqtt_client_key = " + Key + "\n";

            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);

            Assert.IsTrue(ok, error);
            Assert.AreEqual(Key + "\n", settings.MqttClientKey);
        }

        [TestMethod]
        public void WithoutCertificatesThereIsNoTls()
        {
            Assert.IsTrue(DeviceSettingsParser.TryParse("mqtt_host = broker\n", out DeviceSettings settings, out string error), error);
            Assert.IsFalse(settings.MqttUsesTls);
        }

        [TestMethod]
        public void ATruncatedCertificateIsRejectedWithItsKeyAndLine()
        {
            // The last base64 line and the END line lost in a paste.
            string truncated = Certificate.Substring(0, Certificate.IndexOf("iiVWsO4Y"));
            string text = "device_id = pack-7\nmqtt_ca_cert = " + truncated + "\n";

            Assert.IsFalse(DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error));

            Assert.AreEqual("line 2: mqtt_ca_cert has no -----END CERTIFICATE----- line (truncated?)", error);
            Assert.AreEqual("edge-0", settings.DeviceId);
        }

        [TestMethod]
        public void AMissingBase64LineIsCaughtByTheDerLength()
        {
            string[] lines = Certificate.Split('\n');
            string shortened = string.Empty;
            for (int i = 0; i < lines.Length; i++)
            {
                if (i != 3)
                {
                    shortened += lines[i] + "\n";
                }
            }

            Assert.IsFalse(DeviceSettingsParser.TryParse("mqtt_ca_cert = " + shortened, out DeviceSettings settings, out string error));

            Assert.AreEqual("line 1: mqtt_ca_cert holds 342 bytes of DER data but its SEQUENCE says 390 (truncated or padded?)", error);
        }

        [TestMethod]
        public void AKeyWhereTheCertificateBelongsIsRejected()
        {
            Assert.IsFalse(DeviceSettingsParser.TryParse("mqtt_ca_cert = " + Key + "\n", out DeviceSettings settings, out string error));

            Assert.AreEqual("line 1: mqtt_ca_cert must start with -----BEGIN CERTIFICATE-----", error);
        }

        [TestMethod]
        public void StrayCharactersInTheDataAreRejected()
        {
            int at = Certificate.IndexOf("MIIBgjCC") + 6;
            string damaged = Certificate.Substring(0, at) + "*" + Certificate.Substring(at + 1);

            Assert.IsFalse(DeviceSettingsParser.TryParse("mqtt_ca_cert = " + damaged + "\n", out DeviceSettings settings, out string error));

            Assert.AreEqual("line 1: mqtt_ca_cert has a character that is not base64 ('*') in its data", error);
        }

        [TestMethod]
        public void AClientCertificateNeedsItsKeyAndTls()
        {
            Assert.IsFalse(DeviceSettingsParser.TryParse("mqtt_ca_cert = " + Certificate + "\nmqtt_client_cert = " + Certificate + "\n", out DeviceSettings settings, out string error));
            Assert.AreEqual("mqtt_client_key is missing: mqtt_client_cert needs it", error);

            Assert.IsFalse(DeviceSettingsParser.TryParse("mqtt_client_cert = " + Certificate + "\nmqtt_client_key = " + Key + "\n", out settings, out error));
            Assert.AreEqual("mqtt_ca_cert is missing: a client certificate (mqtt_client_cert) is only used over TLS", error);
        }

        [TestMethod]
        public void HomeAssistantDiscoveryIsSwitchable()
        {
            Assert.IsTrue(DeviceSettingsParser.TryParse("ha_discovery = false\n", out DeviceSettings settings, out string error), error);
            Assert.IsFalse(settings.HomeAssistantDiscovery);
            Assert.IsFalse(DeviceSettingsParser.TryParse("ha_discovery = maybe\n", out settings, out error));
            Assert.AreEqual("line 1: ha_discovery must be true or false", error);
        }

        [TestMethod]
        public void AutoStartIsOffUnlessSet()
        {
            Assert.IsTrue(DeviceSettingsParser.TryParse("device_id = pack-7\n", out DeviceSettings settings, out string error), error);
            Assert.IsFalse(settings.AutoStart);
            Assert.IsTrue(DeviceSettingsParser.TryParse("auto_start = true\n", out settings, out error), error);
            Assert.IsTrue(settings.AutoStart);
            Assert.IsFalse(DeviceSettingsParser.TryParse("auto_start = yes\n", out settings, out error));
            Assert.AreEqual("line 1: auto_start must be true or false", error);
        }

        [TestMethod]
        public void TlsOnThePlainPortOrNoneOnTheTlsPortIsSaidNotRefused()
        {
            DeviceSettings tlsOn1883 = Parsed("mqtt_host = broker.local\nmqtt_port = 1883\nmqtt_ca_cert = " + Certificate + "\n");
            Assert.AreEqual("mqtt_port 1883 is MQTT without TLS (IANA) but mqtt_ca_cert is set: the TLS handshake fails there unless the broker runs TLS on it; TLS brokers usually listen on 8883",
                DeviceSettingsParser.PortHint(tlsOn1883));
            Assert.AreEqual("mqtt_port 8883 is MQTT over TLS (IANA) but no mqtt_ca_cert is set: the device connects without TLS; give the broker's CA as mqtt_ca_cert, or use 1883",
                DeviceSettingsParser.PortHint(Parsed("mqtt_host = broker.local\nmqtt_port = 8883\n")));

            // The console's settings line carries it as a comment of the settings text.
            Assert.Contains("\nmqtt_port = 1883   # mqtt_port 1883 is MQTT without TLS (IANA)", Edge.Firmware.SerialConsole.ConsoleSettingsText.Of(tlsOn1883, null));

            // Matching ports, another port, or no broker: nothing to say.
            Assert.IsNull(DeviceSettingsParser.PortHint(Parsed("mqtt_host = broker.local\nmqtt_port = 8883\nmqtt_ca_cert = " + Certificate + "\n")));
            Assert.IsNull(DeviceSettingsParser.PortHint(Parsed("mqtt_host = broker.local\nmqtt_port = 1883\n")));
            Assert.IsNull(DeviceSettingsParser.PortHint(Parsed("mqtt_host = broker.local\nmqtt_port = 9001\nmqtt_ca_cert = " + Certificate + "\n")));
            Assert.IsNull(DeviceSettingsParser.PortHint(Parsed("mqtt_port = 8883\n")));
        }

        private static DeviceSettings Parsed(string text)
        {
            bool ok = DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error);
            Assert.IsTrue(ok, error);
            return settings;
        }
    }
}
