// Licensed under the MIT License.

namespace Edge.Core.Measurement
{
    /// <summary>
    /// A per-sample test's limit from the measured reading noise: a fixed floor, or a number of standard
    /// deviations of the difference the test looks at, whichever is larger. Integer arithmetic, once per pulse
    /// edge per cell.
    /// </summary>
    public static class NoiseLimit
    {
        /// <summary>
        /// The larger of <paramref name="floorMv"/> and <paramref name="sigmaTenths"/> tenths of the standard
        /// deviation of a difference whose variance is <paramref name="differenceVarianceCentiMv2"/> ((0.01 mV)^2).
        /// </summary>
        public static int Mv(long differenceVarianceCentiMv2, int sigmaTenths, int floorMv)
        {
            // sqrt of (0.01 mV)^2 is 0.01 mV; tenths of a sigma: / 10; 0.01 mV to mV: / 100.
            long noiseLimitMv = EdgeResistanceNoise.IntegerSqrt(differenceVarianceCentiMv2) * sigmaTenths / 1000;
            return noiseLimitMv > floorMv ? (int)noiseLimitMv : floorMv;
        }

        /// <summary>
        /// Whether <paramref name="marginMv"/> stands at least <paramref name="sigmaTenths"/> tenths of a standard
        /// deviation above noise, for the mean of <paramref name="readings"/> readings of a quantity whose variance is
        /// <paramref name="varianceCentiMv2"/> ((0.01 mV)^2): a healthy value that far from a limit cannot be taken for
        /// one beyond it. Squares compared, no square root; a margin beyond 100 V (a current reading far out of range)
        /// is held there, so the squares fit a long.
        /// </summary>
        public static bool Clears(long marginMv, long varianceCentiMv2, int readings, int sigmaTenths)
        {
            return ClearsCentiMv((marginMv > 100000 ? 100000 : marginMv) * 100, varianceCentiMv2, readings, sigmaTenths);
        }

        /// <summary>As <see cref="Clears"/>, for a margin in 0.01 mV (held at 100 V likewise).</summary>
        public static bool ClearsCentiMv(long marginCentiMv, long varianceCentiMv2, int readings, int sigmaTenths)
        {
            // Times 10 for tenths of a sigma.
            long marginDeciCentiMv = (marginCentiMv > 10000000 ? 10000000 : marginCentiMv) * 10;
            long sigma = sigmaTenths;
            return marginDeciCentiMv * marginDeciCentiMv * readings >= sigma * sigma * varianceCentiMv2;
        }
    }
}
