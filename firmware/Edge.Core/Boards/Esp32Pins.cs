// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// ESP32 (WROOM/WROVER) pin facts used to validate boards: the ADC1 and ADC2 GPIO maps
    /// (ESP32 datasheet, "Peripheral Pin Configurations"; nanoFramework numbers ADC1 as channels 0-7
    /// and ADC2 as 10-19) and which GPIOs can drive an output.
    /// </summary>
    public static class Esp32Pins
    {
        /// <summary>GPIO of ADC1 channel n (n = index): 36, 37, 38, 39, 32, 33, 34, 35.</summary>
        private static readonly int[] s_adc1Gpio = new int[] { 36, 37, 38, 39, 32, 33, 34, 35 };

        /// <summary>GPIO of ADC2 channel n: 4, 0, 2, 15, 13, 12, 14, 27, 25, 26.</summary>
        private static readonly int[] s_adc2Gpio = new int[] { 4, 0, 2, 15, 13, 12, 14, 27, 25, 26 };

        /// <summary>nanoFramework channel number of ADC2 channel 0.</summary>
        public const int Adc2ChannelBase = 10;

        public const int MaxGpio = 39;

        /// <summary>ADC1 channel (0-7) of a GPIO, or -1.</summary>
        public static int Adc1ChannelOf(int gpio)
        {
            for (int i = 0; i < s_adc1Gpio.Length; i++)
            {
                if (s_adc1Gpio[i] == gpio)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>ADC2 channel (0-9) of a GPIO, or -1.</summary>
        public static int Adc2ChannelOf(int gpio)
        {
            for (int i = 0; i < s_adc2Gpio.Length; i++)
            {
                if (s_adc2Gpio[i] == gpio)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Whether the GPIO exists on the ESP32 (0-19, 21-23, 25-27, 32-39).</summary>
        public static bool Exists(int gpio)
        {
            if (gpio < 0 || gpio > MaxGpio)
            {
                return false;
            }

            return gpio != 20 && gpio != 24 && (gpio < 28 || gpio > 31);
        }

        /// <summary>
        /// Why a GPIO cannot be a digital output, or null if it can: 34-39 are input-only, 6-11 carry
        /// the SPI flash, 1 and 3 are UART0 (nanoFramework's debug and deployment port).
        /// </summary>
        public static string WhyNotOutput(int gpio)
        {
            if (!Exists(gpio))
            {
                return "does not exist on the ESP32";
            }

            if (gpio >= 34)
            {
                return "is input-only";
            }

            if (gpio >= 6 && gpio <= 11)
            {
                return "is wired to the SPI flash";
            }

            if (gpio == 1 || gpio == 3)
            {
                return "is UART0, nanoFramework's debug port";
            }

            return null;
        }

        /// <summary>Whether the GPIO has a DAC output (DAC1 = GPIO 25, DAC2 = GPIO 26).</summary>
        public static bool IsDacPin(int gpio)
        {
            return gpio == 25 || gpio == 26;
        }
    }
}
