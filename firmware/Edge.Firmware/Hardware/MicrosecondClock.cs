// Licensed under the MIT License.

using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// Microsecond time from the ESP32 high-resolution timer (esp_timer, 64-bit, counts from boot),
    /// and the short busy-waits the multiplexer needs (tens of microseconds, far below the
    /// 1 ms granularity of Thread.Sleep).
    /// </summary>
    public static class MicrosecondClock
    {
        /// <summary>Microseconds since boot.</summary>
        public static ulong NowUs()
        {
            return HighResTimer.GetCurrent();
        }

        /// <summary>Spins until <paramref name="durationUs"/> microseconds have passed.</summary>
        public static void SpinWait(int durationUs)
        {
            if (durationUs <= 0)
            {
                return;
            }

            ulong end = HighResTimer.GetCurrent() + (ulong)durationUs;
            while (HighResTimer.GetCurrent() < end)
            {
            }
        }
    }
}
