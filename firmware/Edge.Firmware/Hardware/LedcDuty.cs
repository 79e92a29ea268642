// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// Duties for nanoFramework's ESP32 LEDC channels (System.Device.Pwm 1.1.23 with nf-interpreter's
    /// <c>NativeSetActiveDutyCyclePercentage</c>): the runtime keeps the duty as a whole number of 1/10000 steps
    /// and, while that stored value is 0, only stores a new duty without applying it to the channel. A
    /// channel written with a duty of exactly 0 therefore ignores the next duty written. "Off" is written as
    /// one and a half steps instead: stored as one step, which is 0 counts at 13 bits of resolution or fewer
    /// (2^13 x 1 / 10000 truncates to 0), so the pin stays low and every later write is applied.
    /// </summary>
    public static class LedcDuty
    {
        /// <summary>A duty that drives 0 counts yet keeps the runtime applying later writes (half a step against rounding).</summary>
        public const double ZeroCounts = 1.5 / LedcResolution.DutySteps;
    }
}
