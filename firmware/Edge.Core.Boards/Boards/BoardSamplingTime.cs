// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// How long one tick's sampling takes: each multiplexed input settles once (<c>settle_us</c>) and each channel, the
    /// reference included, takes <c>adc_readings_per_sample</c> conversions. The board parser refuses a board whose
    /// sampling outlasts its <c>sample_period_ms</c>; the simulator applies the same rule to a reading count it is
    /// asked to study.
    /// </summary>
    public static class BoardSamplingTime
    {
        /// <summary>
        /// Time of one conversion (<c>AdcChannel.ReadValue</c>), us: an estimate (boards/README.md, "Multisampling"),
        /// not a measurement on the device; the device reports its own tick time in its health message.
        /// </summary>
        public const int AdcConversionUs = 50;

        /// <summary>Sampling time of one tick, us.</summary>
        public static long Microseconds(int multiplexedInputs, int settleUs, int channels, int readingsPerSample)
        {
            return ((long)multiplexedInputs * settleUs) + ((long)channels * readingsPerSample * AdcConversionUs);
        }
    }
}
