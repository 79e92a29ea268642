// Licensed under the MIT License.

namespace Edge.Core.Telemetry
{
    /// <summary>
    /// Lowest and highest valid reading of every cell since the last telemetry/cells record, so a record
    /// sent once a second still carries the peak of a pulse and the trough of a rest that fell between two
    /// records. Two integer compares per cell and tick, nothing allocated after construction.
    /// </summary>
    [HotPath]
    public sealed class CellVoltageExtremes
    {
        private readonly int[] _minimumMv;
        private readonly int[] _maximumMv;
        private readonly bool[] _seen;

        public CellVoltageExtremes(int cellCount)
        {
            _minimumMv = new int[cellCount];
            _maximumMv = new int[cellCount];
            _seen = new bool[cellCount];
        }

        /// <summary>Takes one tick's readings; invalid channels are left out.</summary>
        public void Include(int[] cellVoltageMv, bool[] cellValid)
        {
            for (int c = 0; c < _seen.Length; c++)
            {
                if (!cellValid[c])
                {
                    continue;
                }

                int mv = cellVoltageMv[c];
                if (!_seen[c])
                {
                    _minimumMv[c] = mv;
                    _maximumMv[c] = mv;
                    _seen[c] = true;
                }
                else if (mv < _minimumMv[c])
                {
                    _minimumMv[c] = mv;
                }
                else if (mv > _maximumMv[c])
                {
                    _maximumMv[c] = mv;
                }
            }
        }

        /// <summary>
        /// Copies the extremes of <paramref name="count"/> cells from <paramref name="first"/> into a cells
        /// record (minimum into B, maximum into C) and starts the next interval for them. A cell without a
        /// valid reading in the interval gets the record's own value for both.
        /// </summary>
        public void TakeInto(TelemetryRecord record, int first, int count)
        {
            for (int i = 0; i < count; i++)
            {
                int c = first + i;
                bool seen = _seen[c];
                record.CellValuesB[i] = seen ? _minimumMv[c] : record.CellValuesA[i];
                record.CellValuesC[i] = seen ? _maximumMv[c] : record.CellValuesA[i];
                _seen[c] = false;
            }
        }
    }
}
