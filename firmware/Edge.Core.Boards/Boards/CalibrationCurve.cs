// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// Measured calibration points of one analog channel: ADC counts (strictly increasing) to the
    /// engineering value at the source (mV at the cell, uA in the module, 0.1 degC at the sensor),
    /// strictly monotonic. Between points the value is interpolated linearly.
    /// </summary>
    public sealed class CalibrationCurve
    {
        /// <summary>Most points a board may give per channel (keeps the per-sample search short).</summary>
        public const int MaxPoints = 16;

        private readonly int[] _counts;
        private readonly int[] _values;

        /// <summary>Takes copies of the arrays; the caller validates monotonicity (the parser does).</summary>
        public CalibrationCurve(int[] counts, int[] values)
        {
            _counts = new int[counts.Length];
            _values = new int[values.Length];
            for (int i = 0; i < counts.Length; i++)
            {
                _counts[i] = counts[i];
                _values[i] = values[i];
            }
        }

        public int PointCount
        {
            get { return _counts.Length; }
        }

        /// <summary>ADC counts of point <paramref name="index"/>.</summary>
        public int CountsAt(int index)
        {
            return _counts[index];
        }

        /// <summary>Engineering value of point <paramref name="index"/>.</summary>
        public int ValueAt(int index)
        {
            return _values[index];
        }

        /// <summary>Smallest value over the points (the curve is monotonic, so an end point).</summary>
        public int MinValue
        {
            get { return _values[0] < _values[_values.Length - 1] ? _values[0] : _values[_values.Length - 1]; }
        }

        /// <summary>Largest value over the points.</summary>
        public int MaxValue
        {
            get { return _values[0] > _values[_values.Length - 1] ? _values[0] : _values[_values.Length - 1]; }
        }
    }
}
