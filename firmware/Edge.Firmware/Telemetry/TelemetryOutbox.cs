// Licensed under the MIT License.

using System;
using Edge.Core.Telemetry;

namespace Edge.Firmware.Telemetry
{
    /// <summary>
    /// Store-and-forward queue between the sampling thread (producer) and the MQTT thread (consumer):
    /// a ring of preallocated records, so that pushing a tick's telemetry allocates nothing. When the
    /// broker is away long enough to fill the ring, the oldest records are overwritten and counted
    /// (periodic cell voltages are the bulk; events are rare).
    /// </summary>
    /// <remarks>
    /// Stands in for the core's outbox until the telemetry contract lands in Edge.Core.Telemetry;
    /// it keeps records in RAM only, so they do not survive a reboot.
    /// </remarks>
    public sealed class TelemetryOutbox
    {
        private readonly TelemetryRecord[] _ring;
        private readonly object _lock = new object();
        private int _head;
        private int _count;
        private int _overwrittenCount;

        /// <summary>Preallocates <paramref name="capacity"/> records of <paramref name="cellsPerModule"/> cells.</summary>
        public TelemetryOutbox(int capacity, int cellsPerModule)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            _ring = new TelemetryRecord[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _ring[i] = new TelemetryRecord(cellsPerModule);
            }
        }

        /// <summary>Records waiting.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Records lost to a full ring since the last <see cref="TakeOverwrittenCount"/>.</summary>
        public int OverwrittenCount
        {
            get { return _overwrittenCount; }
        }

        /// <summary>Queues every record of this tick's <paramref name="buffer"/>.</summary>
        public void Push(TelemetryBuffer buffer)
        {
            int records = buffer.Count;
            if (records == 0)
            {
                return;
            }

            lock (_lock)
            {
                for (int i = 0; i < records; i++)
                {
                    PushLocked(buffer[i]);
                }
            }
        }

        /// <summary>Queues one record (copied).</summary>
        public void Push(TelemetryRecord record)
        {
            lock (_lock)
            {
                PushLocked(record);
            }
        }

        /// <summary>
        /// Copies the oldest record into <paramref name="target"/> without removing it; false when empty.
        /// The consumer calls <see cref="RemoveOldest"/> once the broker took it.
        /// </summary>
        public bool TryPeek(TelemetryRecord target)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    return false;
                }

                TelemetryRecordCopy.Copy(_ring[_head], target);
                return true;
            }
        }

        /// <summary>Drops the oldest record.</summary>
        public void RemoveOldest()
        {
            lock (_lock)
            {
                if (_count > 0)
                {
                    _head = (_head + 1) % _ring.Length;
                    _count--;
                }
            }
        }

        /// <summary>Returns and clears the number of overwritten records.</summary>
        public int TakeOverwrittenCount()
        {
            lock (_lock)
            {
                int overwritten = _overwrittenCount;
                _overwrittenCount = 0;
                return overwritten;
            }
        }

        private void PushLocked(TelemetryRecord record)
        {
            if (_count == _ring.Length)
            {
                _head = (_head + 1) % _ring.Length;
                _count--;
                _overwrittenCount++;
            }

            int tail = (_head + _count) % _ring.Length;
            TelemetryRecordCopy.Copy(record, _ring[tail]);
            _count++;
        }
    }
}
