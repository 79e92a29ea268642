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

        /// <summary>
        /// Why the module keeps a GPIO for itself, or null: WROVER modules wire GPIO 16 and 17 to the
        /// PSRAM (ESP32-WROVER-E datasheet; the pins are not even on the module's pads). GPIO 6-11
        /// (flash, both variants) are already refused by <see cref="WhyNotOutput"/>.
        /// </summary>
        public static string WhyReserved(int gpio, Esp32ModuleVariant variant)
        {
            if (variant == Esp32ModuleVariant.Wrover && (gpio == 16 || gpio == 17))
            {
                return "is wired to the PSRAM on ESP32-WROVER modules";
            }

            return null;
        }

        /// <summary>
        /// Whether a GPIO of the chip reaches a pad of the ESP32-WROOM-32(E) and ESP32-WROVER(-E) modules: GPIO 37 and 38
        /// (SENSOR_CAPP and SENSOR_CAPN, ADC1 channels 1 and 2) do not (the modules' datasheets, "Pin Definitions"), so
        /// nothing on a board built on either module can be wired to them.
        /// </summary>
        public static bool IsOnModulePads(int gpio)
        {
            return Exists(gpio) && gpio != 37 && gpio != 38;
        }

        /// <summary>
        /// What a strapping pin selects at reset, or null for other GPIOs (ESP32 datasheet, "Strapping
        /// Pins"): the ESP32 samples GPIO 0, 2, 5, 12 and 15 as the chip comes out of reset, so a load
        /// on them can stop the module from booting, and an output there sees the boot-time level.
        /// </summary>
        public static string StrappingRole(int gpio)
        {
            switch (gpio)
            {
                case 0:
                    return "boot mode (low at reset enters the serial bootloader)";
                case 2:
                    return "boot mode (must be low or floating to flash over serial)";
                case 5:
                    return "SDIO slave timing (pulled up at reset)";
                case 12:
                    return "flash voltage (MTDI: high at reset selects 1.8 V and a 3.3 V flash module does not boot)";
                case 15:
                    return "boot log on UART0 (MTDO, pulled up at reset)";
                default:
                    return null;
            }
        }

        /// <summary>
        /// GPIOs the ESP32 pulls up (about 45 kohm) while it resets and until the application drives them: 0, 5 and 15
        /// (Espressif's strapping-pin defaults) and 14 (MTMS, the JTAG TMS input, which comes out of reset as an input
        /// with its pull-up on; see <see cref="EmitsBurstAtReset"/>). A 100 kohm pull-down on the gate net loses against
        /// that, so an active-high switch there closes during every reset.
        /// </summary>
        public static bool IsPulledUpAtReset(int gpio)
        {
            return gpio == 0 || gpio == 5 || gpio == 14 || gpio == 15;
        }

        /// <summary>
        /// Whether a GPIO carries a short PWM burst while the ESP32 boots: GPIO 14 (the pin tables' "outputs PWM at boot";
        /// a LED there flickers). Its rising edges re-trigger a monostable and clock a charge-pump gate driver.
        /// </summary>
        public static bool EmitsBurstAtReset(int gpio)
        {
            return gpio == 14;
        }

        /// <summary>Top code of the ESP32's 8-bit DACs: codes 0-255 (nanoFramework's <c>DacChannel.WriteValue</c> keeps the low 8 bits).</summary>
        public const int DacTopCode = 255;

        /// <summary>Whether the GPIO has a DAC output (DAC1 = GPIO 25, DAC2 = GPIO 26).</summary>
        public static bool IsDacPin(int gpio)
        {
            return gpio == 25 || gpio == 26;
        }
    }
}
