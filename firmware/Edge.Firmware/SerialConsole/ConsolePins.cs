// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Firmware.Boot;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// Which ESP32 GPIOs the serial console may take (never UART0's 1 and 3: the debug and deployment port).
    /// The defaults, RX 13 and TX 14, are used by no shipped board and by neither module (WROOM flash 6-11,
    /// WROVER PSRAM 16-17).
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

        /// <summary>
        /// Null when neither console pin is one <paramref name="board"/> uses (its analog inputs,
        /// multiplexer, switches, setpoints, enable feed and status LED), else which pin and what for.
        /// </summary>
        public static string CheckAgainst(BoardDefinition board, int rxPin, int txPin)
        {
            string use = UseOf(board, rxPin);
            if (use != null)
            {
                return "console_rx_pin GPIO " + rxPin.ToString() + " is the " + use + " of board " + board.Name;
            }

            use = UseOf(board, txPin);
            return use == null ? null : "console_tx_pin GPIO " + txPin.ToString() + " is the " + use + " of board " + board.Name;
        }

        private static string UseOf(BoardDefinition board, int pin)
        {
            if (board.StatusLedPin == pin)
            {
                return "status LED";
            }

            if (board.HardwareEnable != null && board.HardwareEnable.FeedPin == pin)
            {
                return "hardware enable feed";
            }

            if (board.Reference != null && board.Reference.Input.AdcPin == pin)
            {
                return "reference input";
            }

            if (board.Mux != null)
            {
                if (board.Mux.AdcPin == pin || board.Mux.EnablePin == pin)
                {
                    return "multiplexer's ADC or enable pin";
                }

                for (int b = 0; b < board.Mux.SelectPinCount; b++)
                {
                    if (board.Mux.SelectPinAt(b) == pin)
                    {
                        return "multiplexer select pin S" + b.ToString();
                    }
                }
            }

            for (int c = 0; c < board.CellCount; c++)
            {
                if (board.CellAt(c).Input.AdcPin == pin)
                {
                    return "input of cell " + c.ToString();
                }
            }

            for (int m = 0; m < board.ModuleCount; m++)
            {
                ModuleDefinition module = board.ModuleAt(m);
                if (module.CurrentInput.AdcPin == pin || module.SwitchPin == pin || module.SetpointPin == pin)
                {
                    return "current input, switch or setpoint of module " + m.ToString();
                }
            }

            for (int t = 0; t < board.TemperatureCount; t++)
            {
                if (board.TemperatureAt(t).Input.AdcPin == pin)
                {
                    return "input of temperature " + t.ToString();
                }
            }

            return null;
        }

        private static string CheckOne(string key, int pin)
        {
            if (!Esp32Pins.Exists(pin))
            {
                return key + " GPIO " + pin.ToString() + " does not exist on the ESP32 (GPIO 0-19, 21-23, 25-27, 32-39)";
            }

            if (pin == 1 || pin == 3)
            {
                // The UART's pin matrix would take them from UART0: no more deploying or debugging over USB.
                return key + " GPIO " + pin.ToString() + " is UART0, nanoFramework's debug and deployment port";
            }

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
