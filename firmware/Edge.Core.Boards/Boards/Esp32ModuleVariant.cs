// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// Which ESP32 module the board carries (board word in <c>[board] module</c>). The variants
    /// differ in the GPIOs they keep for themselves: both wire GPIO 6-11 to the SPI flash, WROVER
    /// modules also wire GPIO 16 and 17 to the PSRAM (ESP32-WROVER-E datasheet, pin description).
    /// </summary>
    public enum Esp32ModuleVariant
    {
        /// <summary>ESP32-WROOM-32 (the DevKitC's module): flash on GPIO 6-11.</summary>
        Wroom = 0,

        /// <summary>ESP32-WROVER: flash on GPIO 6-11 and PSRAM on GPIO 16 and 17.</summary>
        Wrover = 1,
    }
}
