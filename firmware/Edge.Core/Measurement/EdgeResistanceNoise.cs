// Licensed under the MIT License.

namespace Edge.Core.Measurement
{
    /// <summary>
    /// Uncertainty of one pulse-edge resistance reading: the edge is the difference of two noisy levels, so
    /// its voltage scatters by sqrt(2) sigma_V, and the resistance by that over the current step. At a small
    /// step (a low-current pack) it is a large fraction of the resistance; detectors that compare edges
    /// against a baseline widen their margin by it. Integer arithmetic, once per edge.
    /// </summary>
    public static class EdgeResistanceNoise
    {
        /// <summary>
        /// Standard deviation (milliohm) of an edge resistance measured over a current step of
        /// <paramref name="stepUa"/> with reading noise of variance <paramref name="varianceCentiMv2"/>
        /// ((0.01 mV)^2); 0 when either is unknown.
        /// </summary>
        public static long SigmaMilliohm(int varianceCentiMv2, int stepUa)
        {
            if (stepUa <= 0 || varianceCentiMv2 <= 0)
            {
                return 0;
            }

            // 0.01 mV per uA is 10 ohm, 10,000 milliohm.
            return IntegerSqrt(2L * varianceCentiMv2) * 10000 / stepUa;
        }

        /// <summary>Floor of the square root (Newton's method on integers).</summary>
        public static long IntegerSqrt(long value)
        {
            if (value <= 0)
            {
                return 0;
            }

            long x = value;
            long y = (x + 1) / 2;
            while (y < x)
            {
                x = y;
                y = (x + (value / x)) / 2;
            }

            return x;
        }
    }
}
