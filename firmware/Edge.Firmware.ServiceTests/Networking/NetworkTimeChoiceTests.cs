// Licensed under the MIT License.

using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;
using NFUnitTest.Support;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// Only TLS needs the clock (a certificate's validity dates): the boot asks the network link to wait for the SNTP
    /// time with a TLS broker and not with a plain-TCP one, which a LAN without NTP (a local broker such as the README's
    /// mqtt_host = 192.168.1.20) could otherwise never reach.
    /// </summary>
    [TestClass]
    public class NetworkTimeChoiceTests
    {
        private static FakeBootDevices Boot(string settings)
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = settings;
            RunningFirmware running = new BootSupervisor(devices, new DeviceEventLog(), new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running);
            running.Dispose();
            Assert.IsTrue(devices.NetworkOpened, "the boot opened no network link");
            return devices;
        }

        [TestMethod]
        public void APlainTcpBrokerDoesNotWaitForTheSntpTime()
        {
            FakeBootDevices devices = Boot("device_id = pack-7\nboard = esp32-devkitc-4s2m\nmqtt_host = 192.168.1.20\n");
            Assert.IsFalse(devices.NetworkRequiresTime, "a plain-TCP broker waited for SNTP");
        }

        [TestMethod]
        public void ATlsBrokerWaitsForTheSntpTime()
        {
            FakeBootDevices devices = Boot("device_id = pack-7\nboard = esp32-devkitc-4s2m\nmqtt_host = broker.local\nmqtt_port = 8883\nmqtt_ca_cert = " + TestCertificate.Pem + "\n");
            Assert.IsTrue(devices.NetworkRequiresTime, "a TLS broker did not wait for SNTP: its certificate dates cannot be checked");
        }

        [TestMethod]
        public void TheMqttClientGetsTheControlLoopsQuietWindow()
        {
            FakeBootDevices devices = Boot("device_id = pack-7\nboard = esp32-devkitc-4s2m\nmqtt_host = broker.local\n");
            Assert.IsNotNull(devices.MqttPause, "the MQTT client was given no quiet window although a control loop runs");
        }
    }
}
