// Licensed under the MIT License.

using System;
using Edge.Core.Annotations;

namespace Edge.Core.Records
{
    /// <summary>
    /// The records one tick produced, in order. The controller empties it at the start of each tick;
    /// the host reads <see cref="Count"/> records after the tick. When full, further records of that
    /// tick are counted in <see cref="DroppedCount"/> and an overflow event is written in the next tick.
    /// The last records are kept for modules' state changes (<see cref="AppendStateChange"/>), one a module: a burst
    /// of per-cell events (every cell faulting or warning at once) is written before the modules react, and must not
    /// hide that a module latched, stopped or moved on. The records before them are kept for fault events
    /// (<see cref="AppendFault"/>), one a module and one for the pack: in such a burst every cell writes its warning
    /// and derate before its fault, and without them the first modules' warnings filled the buffer and the later
    /// modules latched with no fault event saying why.
    /// </summary>
    [HotPath]
    public sealed class TelemetryBuffer
    {
        private readonly TelemetryRecord[] _records;
        private readonly TelemetryRecord _discard;

        // How many records Append may fill: all but the ones kept at the end, which AppendFault and AppendStateChange
        // lift it into for their call (a module's first fault event up to _faultLimit, a state change to the end).
        private readonly int _appendLimit;
        private readonly int _faultLimit;
        private int _limit;

        // The tick (counted by Clear) in which each module (index module + 1; 0: the pack) last wrote a fault event.
        private readonly int[] _faultTick;
        private int _tick = 1;

        public TelemetryBuffer(int capacity, int cellsPerModule)
            : this(capacity, cellsPerModule, 0)
        {
        }

        /// <summary>
        /// A buffer whose last records are kept for <paramref name="modules"/> modules' state changes (one a module) and,
        /// before them, for their first fault event of a tick (one a module and one for the pack). The controller's
        /// smallest buffer, 4 records a module and 8, leaves 2 a module and 7 for everything else.
        /// </summary>
        public TelemetryBuffer(int capacity, int cellsPerModule, int modules)
        {
            int reservedForFaults = modules > 0 ? modules + 1 : 0;
            _faultLimit = capacity - modules;
            _appendLimit = _faultLimit - reservedForFaults;
            _limit = _appendLimit;
            _faultTick = new int[reservedForFaults];
            _records = new TelemetryRecord[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _records[i] = new TelemetryRecord(cellsPerModule);
            }

            _discard = new TelemetryRecord(cellsPerModule);
        }

        public int Capacity => _records.Length;

        // Backing fields read and written directly inside: on the device an auto-property's accessor is an interpreted
        // call, and the tick and every record go through them.
        private int _count;
        private int _droppedCount;

        public int Count => _count;

        /// <summary>Records lost since the last <see cref="TakeDroppedCount"/>.</summary>
        public int DroppedCount => _droppedCount;

        public TelemetryRecord this[int index] => _records[index];

        /// <summary>
        /// <see cref="Clear"/> and <see cref="TakeDroppedCount"/> in one call, as the controller starts every tick with
        /// both: on the device each call, and each auto-property access inside it, is interpreted.
        /// </summary>
        public int BeginTick()
        {
            _count = 0;
            _tick++;
            if (_tick == int.MaxValue)
            {
                RestartTickCount();
            }

            int dropped = _droppedCount;
            if (dropped != 0)
            {
                _droppedCount = 0;
            }

            return dropped;
        }

        public void Clear()
        {
            _count = 0;
            _tick++;
            if (_tick == int.MaxValue)
            {
                RestartTickCount();
            }
        }

        // After 2^31 ticks a stale stamp could equal the new count and deny a module its fault record.
        private void RestartTickCount()
        {
            Array.Clear(_faultTick, 0, _faultTick.Length);
            _tick = 1;
        }

        /// <summary>
        /// Returns the next free record to fill in. When the buffer is full it returns a scratch record
        /// that is thrown away, so callers never need to check.
        /// </summary>
        public TelemetryRecord Append(TelemetryRecordKind kind, long timestampMs, int module, int cell)
        {
            // One body for both kinds of append, no second call: every call is interpreted on the device.
            TelemetryRecord record;
            int count = _count;
            if (count < _limit)
            {
                record = _records[count];
                _count = count + 1;
            }
            else
            {
                _droppedCount++;
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

        /// <summary>
        /// <see cref="Append(TelemetryRecordKind, long, int, int)"/> for an event of severity Fault about
        /// <paramref name="module"/> (-1: the pack): the first one a module writes in a tick may also fill the records
        /// kept for fault events, so every module that latches reports a fault saying why, whatever burst of warnings
        /// came before it. Its further fault events in the tick take their chance with the rest.
        /// </summary>
        public TelemetryRecord AppendFault(TelemetryRecordKind kind, long timestampMs, int module, int cell)
        {
            int slot = module + 1;
            if (slot >= 0 && slot < _faultTick.Length && _faultTick[slot] != _tick)
            {
                _faultTick[slot] = _tick;
                _limit = _faultLimit;
                TelemetryRecord record = Append(kind, timestampMs, module, cell);
                _limit = _appendLimit;
                return record;
            }

            return Append(kind, timestampMs, module, cell);
        }

        public int TakeDroppedCount()
        {
            int dropped = _droppedCount;
            _droppedCount = 0;
            return dropped;
        }
    }
}
