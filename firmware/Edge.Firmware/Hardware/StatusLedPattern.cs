// Licensed under the MIT License.

namespace Edge.Firmware.Hardware
{
    /// <summary>What the status LED shows, in order of precedence (a higher value hides a lower one).</summary>
    public enum StatusLedPattern
    {
        /// <summary>Booting, or running without a broker connection: slow blink, 1 s on / 1 s off.</summary>
        Offline = 0,

        /// <summary>Control loop running and connected to the broker: steady on.</summary>
        Online = 1,

        /// <summary>At least one module holds a latched fault: fast blink, 100 ms on / 100 ms off.</summary>
        ModuleFault = 2,

        /// <summary>The board file did not parse or the hardware did not open: the loop never started. Double flash every 2 s.</summary>
        BoardError = 3,

        /// <summary>The watchdog opened every switch because sampling stalled: steady off with a 50 ms flash every 2 s.</summary>
        WatchdogTripped = 4,
    }
}
