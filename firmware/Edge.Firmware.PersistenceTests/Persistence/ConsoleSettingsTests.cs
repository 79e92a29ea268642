// Licensed under the MIT License.

using Edge.Firmware.Persistence;
using nanoFramework.TestFramework;

namespace NFUnitTest.Persistence
{
    /// <summary>
    /// The serial console's settings: UART2 on GPIO 13 (RX) and 14 (TX) at 115200 baud unless set;
    /// pins that would fight the module's flash, the debug port's UART0, a shipped board's switch, enable or
    /// setpoint, that do not exist or that cannot drive (TX on an input-only GPIO) reject the settings with the reason.
    /// </summary>
    [TestClass]
    public class ConsoleSettingsTests
    {
        [TestMethod]
        public void DefaultsAreUart2OnGpio13And14At115200()
        {
            DeviceSettings settings = Parse("device_id = pack-7\n");

            Assert.AreEqual(2, settings.ConsoleUart);
            Assert.AreEqual(13, settings.ConsoleRxPin);
            Assert.AreEqual(14, settings.ConsoleTxPin);
            Assert.AreEqual(115200, settings.ConsoleBaud);
        }

        [TestMethod]
        public void ValuesAreReadAndOffTurnsTheConsoleOff()
        {
            DeviceSettings settings = Parse("console_uart = 1\nconsole_rx_pin = 5\nconsole_tx_pin = 15\nconsole_baud = 9600\n");
            Assert.AreEqual(1, settings.ConsoleUart);
            Assert.AreEqual(5, settings.ConsoleRxPin);
            Assert.AreEqual(15, settings.ConsoleTxPin);
            Assert.AreEqual(9600, settings.ConsoleBaud);

            Assert.AreEqual(0, Parse("console_uart = off\n").ConsoleUart);
        }

        [TestMethod]
        public void UnusablePinsAndValuesAreRefusedWithTheReason()
        {
            Assert.AreEqual("line 1: console_uart must be 1, 2 or off", Refused("console_uart = 0\n"));
            Assert.AreEqual("line 2: console_baud must be a whole number in 1200..921600", Refused("console_uart = 2\nconsole_baud = 300\n"));
            Assert.AreEqual("line 1: console_rx_pin must be a whole number in 0..39", Refused("console_rx_pin = 40\n"));
            Assert.AreEqual("console_rx_pin and console_tx_pin are both GPIO 14", Refused("console_rx_pin = 14\n"));
            Assert.AreEqual("console_tx_pin GPIO 35 is input-only (GPIO 34-39)", Refused("console_tx_pin = 35\n"));
            Assert.AreEqual("console_rx_pin GPIO 7 is wired to the module's flash (GPIO 6-11)", Refused("console_rx_pin = 7\n"));

            // GPIO 18: the DevKitC's module 0 switch; 32: the mux board's module 1 setpoint.
            Assert.AreEqual("console_tx_pin GPIO 18 is a switch, enable or setpoint pin of a shipped board", Refused("console_tx_pin = 18\n"));
            Assert.AreEqual("console_rx_pin GPIO 32 is a switch, enable or setpoint pin of a shipped board", Refused("console_rx_pin = 32\n"));
        }

        [TestMethod]
        public void TheDebugPortsPinsAndMissingGpiosAreRefusedWithTheReason()
        {
            // UART0 (GPIO 1 TX, 3 RX) carries nanoFramework's debug and deployment link: a console there would cut it.
            Assert.AreEqual("console_tx_pin GPIO 1 is UART0, nanoFramework's debug and deployment port", Refused("console_tx_pin = 1\n"));
            Assert.AreEqual("console_rx_pin GPIO 3 is UART0, nanoFramework's debug and deployment port", Refused("console_rx_pin = 3\n"));
            Assert.AreEqual("console_rx_pin GPIO 24 does not exist on the ESP32 (GPIO 0-19, 21-23, 25-27, 32-39)", Refused("console_rx_pin = 24\n"));
            Assert.AreEqual("console_tx_pin GPIO 30 does not exist on the ESP32 (GPIO 0-19, 21-23, 25-27, 32-39)", Refused("console_tx_pin = 30\n"));
        }

        [TestMethod]
        public void PinsAreNotCheckedWhenTheConsoleIsOff()
        {
            Assert.AreEqual(0, Parse("console_uart = off\nconsole_tx_pin = 18\n").ConsoleUart);
        }

        private static DeviceSettings Parse(string text)
        {
            DeviceSettings settings;
            string error;
            Assert.IsTrue(DeviceSettingsParser.TryParse(text, out settings, out error), error);
            return settings;
        }

        private static string Refused(string text)
        {
            DeviceSettings settings;
            string error;
            Assert.IsFalse(DeviceSettingsParser.TryParse(text, out settings, out error), text + " was accepted");
            Assert.AreEqual(2, settings.ConsoleUart, "defaults, not a half-applied text");
            return error;
        }
    }
}
