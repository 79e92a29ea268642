// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Records
{
    /// <summary>
    /// The records one tick produced, in order. The controller empties it at the start of each tick;
    /// the host reads <see cref="Count"/> records after the tick. When full, further records of that
    /// tick are counted in <see cref="DroppedCount"/> and an overflow event is written in the next tick.
    /// The last records are kept for modules' state changes (<see cref="AppendStateChange"/>), one a module: a burst
    /// of per-cell events (every cell faulting or warning at once) is written before the modules react, and must not
    /// hide that a module latched, stopped or moved on.
    /// </summary>
    [HotPath]
    public sealed class TelemetryBuffer
    {
        private readonly TelemetryRecord[] _records;
        private readonly TelemetryRecord _discard;

        // How many records Append may fill: all but the ones at the end kept for AppendStateChange, which lifts it for its call.
        private readonly int _appendLimit;
        private int _limit;

        public TelemetryBuffer(int capacity, int cellsPerModule)
            : this(capacity, cellsPerModule, 0)
        {
        }

        /// <summary>A buffer whose last <paramref name="reservedForStateChanges"/> records are kept for modules' state changes.</summary>
        public TelemetryBuffer(int capacity, int cellsPerModule, int reservedForStateChanges)
        {
            _appendLimit = capacity - reservedForStateChanges;
            _limit = _appendLimit;
            _records = new TelemetryRecord[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _records[i] = new TelemetryRecord(cellsPerModule);
            }

            _discard = new TelemetryRecord(cellsPerModule);
        }

        public int Capacity => _records.Length;

        public int Count { get; private set; }

        /// <summary>Records lost since the last <see cref="TakeDroppedCount"/>.</summary>
        public int DroppedCount { get; private set; }

        public TelemetryRecord this[int index] => _records[index];

        public void Clear()
        {
            Count = 0;
        }

        /// <summary>
        /// Returns the next free record to fill in. When the buffer is full it returns a scratch record
        /// that is thrown away, so callers never need to check.
        /// </summary>
        public TelemetryRecord Append(TelemetryRecordKind kind, long timestampMs, int module, int cell)
        {
            // One body for both kinds of append, no second call: every call is interpreted on the device.
            TelemetryRecord record;
            if (Count < _limit)
            {
                record = _records[Count];
                Count++;
            }
            else
            {
                DroppedCount++;
                record = _discard;
            }

            record.Kind = kind;
            record.TimestampMs = timestampMs;
            record.Module = module;
            record.Cell = cell;
            record.HasDiagnosis = false;
            record.CellCount = 0;
            return record;
        }

        /// <summary>
        /// <see cref="Append(TelemetryRecordKind, long, int, int)"/> for a module's state change (to Hold, Done, Rest,
        /// Pulse, Idle): it may also fill the reserved records. A module's shown state changes at most once in a tick's
        /// decisions (after the commands), so with one record reserved a module every change the decisions make is
        /// reported, whatever came before it.
        /// </summary>
        public TelemetryRecord AppendStateChange(TelemetryRecordKind kind, long timestampMs, int module, int cell)
        {
            _limit = _records.Length;
            TelemetryRecord record = Append(kind, timestampMs, module, cell);
            _limit = _appendLimit;
            return record;
        }

        public int TakeDroppedCount()
        {
            int dropped = DroppedCount;
            DroppedCount = 0;
            return dropped;
        }
    }
}
