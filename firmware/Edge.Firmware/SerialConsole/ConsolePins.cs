// Licensed under the MIT License.

using Edge.Firmware.Boot;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// Which ESP32 GPIOs the serial console may take. The defaults, RX 13 and TX 14, are used by no
    /// shipped board and by neither module (WROOM flash 6-11, WROVER PSRAM 16-17).
    /// </summary>
    public static class ConsolePins
    {
        /// <summary>Default receive pin (the operator's TX wire).</summary>
        public const int DefaultRxPin = 13;

        /// <summary>Default transmit pin (the operator's RX wire); GPIO 14 emits a short PWM at reset, seen as a few stray characters.</summary>
        public const int DefaultTxPin = 14;

        /// <summary>Highest ESP32 GPIO number.</summary>
        public const int HighestPin = 39;

        /// <summary>Null when RX <paramref name="rxPin"/> and TX <paramref name="txPin"/> can carry the console, else why not.</summary>
        public static string Check(int rxPin, int txPin)
        {
            if (rxPin == txPin)
            {
                return "console_rx_pin and console_tx_pin are both GPIO " + rxPin.ToString();
            }

            string problem = CheckOne("console_rx_pin", rxPin);
            if (problem == null)
            {
                problem = CheckOne("console_tx_pin", txPin);
            }

            if (problem == null && txPin >= 34)
            {
                problem = "console_tx_pin GPIO " + txPin.ToString() + " is input-only (GPIO 34-39)";
            }

            return problem;
        }

        private static string CheckOne(string key, int pin)
        {
            if (pin >= 6 && pin <= 11)
            {
                return key + " GPIO " + pin.ToString() + " is wired to the module's flash (GPIO 6-11)";
            }

            if (Contains(ShippedBoardPins.DriveOffPins, pin) || Contains(ShippedBoardPins.LeftToPullDowns, pin))
            {
                // Another board's switch, feed or setpoint pin: driving a UART there could close a switch.
                return key + " GPIO " + pin.ToString() + " is a switch, enable or setpoint pin of a shipped board";
            }

            return null;
        }

        private static bool Contains(int[] pins, int pin)
        {
            for (int i = 0; i < pins.Length; i++)
            {
                if (pins[i] == pin)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
