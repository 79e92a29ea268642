// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Core.Calibration
{
    /// <summary>
    /// Integer piecewise-linear map from ADC counts to an engineering value through a board's
    /// calibration points. Beyond the first or last point the end segment is extended. Rounds half
    /// away from zero; 64-bit intermediates, no allocation, no floating point.
    /// </summary>
    [HotPath]
    public sealed class PiecewiseLinearCalibration
    {
        private readonly int[] _counts;
        private readonly int[] _values;

        /// <summary>Copies the points of <paramref name="curve"/> (at least two, counts strictly increasing).</summary>
        public PiecewiseLinearCalibration(CalibrationCurve curve)
        {
            _counts = new int[curve.PointCount];
            _values = new int[curve.PointCount];
            for (int i = 0; i < curve.PointCount; i++)
            {
                _counts[i] = curve.CountsAt(i);
                _values[i] = curve.ValueAt(i);
            }
        }

        /// <summary>Value at <paramref name="counts"/>.</summary>
        public int Convert(int counts)
        {
            // Segment i runs from point i to point i + 1; take the last one starting at or below counts.
            int last = _counts.Length - 2;
            int segment = 0;
            while (segment < last && counts >= _counts[segment + 1])
            {
                segment++;
            }

            int c0 = _counts[segment];
            int v0 = _values[segment];
            long denominator = _counts[segment + 1] - c0;

            // Round the value, not the step from v0: -3 + 1.5 must give -2 (half away from zero), not -1.
            long numerator = ((long)v0 * denominator) + (((long)counts - c0) * ((long)_values[segment + 1] - v0));
            long value = DivideRounded(numerator, denominator);

            // Only far extrapolation of a steep end segment gets here (impossible counts); saturate.
            if (value > int.MaxValue)
            {
                return int.MaxValue;
            }

            return value < int.MinValue ? int.MinValue : (int)value;
        }

        /// <summary>numerator / denominator rounded half away from zero; denominator &gt; 0.</summary>
        public static long DivideRounded(long numerator, long denominator)
        {
            if (numerator >= 0)
            {
                return ((2 * numerator) + denominator) / (2 * denominator);
            }

            return -(((-2 * numerator) + denominator) / (2 * denominator));
        }
    }
}
