// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// The duty resolution nanoFramework gives an ESP32 LEDC channel at a frequency, and how finely its
    /// duty argument can reach it. nf-interpreter (targets/ESP32/_nanoCLR/System.Device.Pwm,
    /// <c>GetOptimumResolution</c>) takes the largest resolution from 19 bits down whose clock divider
    /// (80 MHz APB x 256 / frequency / 2^bits, whole numbers) stays above 256; the managed
    /// <c>PwmChannel.DutyCycle</c> passes the duty on in steps of 1/10000, which the runtime scales to
    /// 2^bits counts rounding down.
    /// </summary>
    public static class LedcResolution
    {
        /// <summary>APB clock of the ESP32 that LEDC timers divide, Hz.</summary>
        public const long ApbClockHz = 80000000;

        /// <summary>nanoFramework's duty steps per full scale (<c>DutyCycle</c> x 10000, truncated).</summary>
        public const int DutySteps = 10000;

        /// <summary>
        /// Finest resolution whose every count a duty in 1/10000 steps can reach (2^13 = 8192 below 10000):
        /// finer resolutions skip counts.
        /// </summary>
        public const int MaxReachableBits = 13;

        /// <summary>Widest resolution the runtime tries (SOC_LEDC_TIMER_BIT_WIDE_NUM - 1 on the ESP32).</summary>
        private const int MaxBits = 19;

        /// <summary>The clock divider a resolution needs to stay above (<c>GetOptimumResolution</c>).</summary>
        private const int MinimumDivider = 256;

        /// <summary>Duty resolution in bits at <paramref name="frequencyHz"/> (1 when even one bit needs a faster clock).</summary>
        public static int BitsAt(int frequencyHz)
        {
            if (frequencyHz <= 0)
            {
                return 1;
            }

            long scaled = (ApbClockHz << 8) / frequencyHz;
            for (int bits = MaxBits; bits > 0; bits--)
            {
                if (scaled / (1L << bits) > 256)
                {
                    return bits;
                }
            }

            return 1;
        }

        /// <summary>
        /// Highest frequency, Hz, at which the runtime gives at least <paramref name="bits"/> (1-19) bits: the divider
        /// 80 MHz x 256 / f / 2^bits, in whole numbers, is above 256 exactly while f is at most
        /// 80 MHz x 256 / (257 x 2^bits) (10 bits: 77821 Hz, 8 bits: 311284 Hz).
        /// </summary>
        public static int HighestFrequencyHzFor(int bits)
        {
            return (int)((ApbClockHz << 8) / ((MinimumDivider + 1) * (1L << bits)));
        }

        /// <summary>
        /// Lowest frequency, Hz, whose resolution a duty in 1/10000 steps reaches in every count
        /// (<see cref="MaxReachableBits"/> bits or fewer): one above the highest that gives 14 bits, 4864 Hz.
        /// </summary>
        public static int LowestReachableFrequencyHz()
        {
            return HighestFrequencyHzFor(MaxReachableBits + 1) + 1;
        }
    }
}
