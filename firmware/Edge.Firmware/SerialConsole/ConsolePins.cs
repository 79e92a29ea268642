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
        /// Null when neither console pin is one <paramref name="board"/> uses (its analog inputs, multiplexer, switches,
        /// setpoints, enable feed and status LED), else which console pin and which of the board's pins it is, as the
        /// board file names it (<c>console_tx_pin GPIO 18 is [module 0] switch_pin of board esp32-devkitc-4s2m</c>).
        /// </summary>
        public static string CheckAgainst(BoardDefinition board, int rxPin, int txPin)
        {
            string use = UseOf(board, rxPin);
            if (use != null)
            {
                return "console_rx_pin GPIO " + rxPin.ToString() + " is " + use + " of board " + board.Name;
            }

            use = UseOf(board, txPin);
            return use == null ? null : "console_tx_pin GPIO " + txPin.ToString() + " is " + use + " of board " + board.Name;
        }

        /// <summary>
        /// Null when RX <paramref name="rxPin"/> and TX <paramref name="txPin"/> are used by none of
        /// <paramref name="boards"/>, else the first clash as <see cref="CheckAgainst"/> words it. For a console the boot
        /// opens without knowing the board (the settings text refused, or no usable board named): it must not take a
        /// pin of whichever board the hardware is. A UART's TX idles high, which on a switch's gate would close it.
        /// </summary>
        public static string CheckAgainstEach(BoardDefinition[] boards, int rxPin, int txPin)
        {
            for (int i = 0; i < boards.Length; i++)
            {
                string clash = CheckAgainst(boards[i], rxPin, txPin);
                if (clash != null)
                {
                    return clash;
                }
            }

            return null;
        }

        // The board file's section and key of the pin, so that the engineer finds the line to compare.
        private static string UseOf(BoardDefinition board, int pin)
        {
            if (board.StatusLedPin == pin)
            {
                return "[board] status_led_pin";
            }

            if (board.HardwareEnable != null && board.HardwareEnable.FeedPin == pin)
            {
                return "[enable] feed_pin";
            }

            if (board.Mux != null)
            {
                if (board.Mux.AdcPin == pin)
                {
                    return "[mux] adc_pin";
                }

                if (board.Mux.EnablePin == pin)
                {
                    return "[mux] enable_pin";
                }

                for (int b = 0; b < board.Mux.SelectPinCount; b++)
                {
                    if (board.Mux.SelectPinAt(b) == pin)
                    {
                        return "[mux] select_pins S" + b.ToString();
                    }
                }
            }

            // A multiplexed input's pin is the multiplexer's adc_pin, named above; below are the direct inputs.
            if (board.Reference != null && Reads(board.Reference.Input, pin))
            {
                return "[reference] adc_pin";
            }

            for (int c = 0; c < board.CellCount; c++)
            {
                if (Reads(board.CellAt(c).Input, pin))
                {
                    return "[cell " + c.ToString() + "] adc_pin";
                }
            }

            for (int m = 0; m < board.ModuleCount; m++)
            {
                ModuleDefinition module = board.ModuleAt(m);
                string key = Reads(module.CurrentInput, pin) ? "adc_pin" : module.SwitchPin == pin ? "switch_pin" : module.SetpointPin == pin ? "setpoint_pin" : null;
                if (key != null)
                {
                    return "[module " + m.ToString() + "] " + key;
                }
            }

            for (int t = 0; t < board.TemperatureCount; t++)
            {
                if (Reads(board.TemperatureAt(t).Input, pin))
                {
                    return "[temperature " + t.ToString() + "] adc_pin";
                }
            }

            return null;
        }

        private static bool Reads(AnalogInputDefinition input, int pin)
        {
            return input.AdcPin == pin;
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
