// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Records
{
    /// <summary>
    /// Lowest and highest valid reading of every cell since the last telemetry/cells record, so a record
    /// sent once a second still carries the peak of a pulse and the trough of a rest that fell between two
    /// records. Two integer compares per cell and tick, nothing allocated after construction.
    /// </summary>
    [HotPath]
    public sealed class CellVoltageExtremes
    {
        // An interval without a valid reading of a cell has minimum above maximum (the start values), so one
        // compare each way per reading keeps both and no flag is needed.
        private readonly int[] _minimumMv;
        private readonly int[] _maximumMv;

        public CellVoltageExtremes(int cellCount)
        {
            _minimumMv = new int[cellCount];
            _maximumMv = new int[cellCount];
            for (int c = 0; c < cellCount; c++)
            {
                _minimumMv[c] = int.MaxValue;
                _maximumMv[c] = int.MinValue;
            }
        }

        /// <summary>
        /// The running extremes per cell, for the measurement stage to update in its own pass over the cells
        /// (<see cref="Measurement.PackMeasurement.TrackExtremes"/>) instead of a second pass through <see cref="Include"/>.
        /// </summary>
        internal int[] MinimumMv => _minimumMv;

        internal int[] MaximumMv => _maximumMv;

        /// <summary>Takes one tick's readings; invalid channels are left out.</summary>
        public void Include(int[] cellVoltageMv, bool[] cellValid)
        {
            int[] minimum = _minimumMv;
            int[] maximum = _maximumMv;
            int cells = minimum.Length;
            for (int c = 0; c < cells; c++)
            {
                if (!cellValid[c])
                {
                    continue;
                }

                int mv = cellVoltageMv[c];
                if (mv < minimum[c])
                {
                    minimum[c] = mv;
                }

                if (mv > maximum[c])
                {
                    maximum[c] = mv;
                }
            }
        }

        /// <summary>
        /// Copies the extremes of <paramref name="count"/> cells from <paramref name="first"/> into a cells
        /// record (minimum into B, maximum into C) and starts the next interval for them. A cell without a
        /// valid reading in the interval gets the record's own value for both and is marked invalid
        /// (<see cref="TelemetryRecord.CellInvalid"/>): that value is its last valid reading, not one of this interval.
        /// </summary>
        public void TakeInto(TelemetryRecord record, int first, int count)
        {
            for (int i = 0; i < count; i++)
            {
                int c = first + i;
                bool seen = _minimumMv[c] <= _maximumMv[c];
                record.CellValuesB[i] = seen ? _minimumMv[c] : record.CellValuesA[i];
                record.CellValuesC[i] = seen ? _maximumMv[c] : record.CellValuesA[i];
                record.CellInvalid[i] = !seen;
                _minimumMv[c] = int.MaxValue;
                _maximumMv[c] = int.MinValue;
            }
        }
    }
}
