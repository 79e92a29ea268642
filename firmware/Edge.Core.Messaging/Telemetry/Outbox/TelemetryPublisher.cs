// Licensed under the MIT License.

using System;
using Edge.Core.Annotations;
using Edge.Core.Records;
using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Telemetry.Outbox
{
    /// <summary>
    /// The encoder stage between the controller and the outbox: after each tick the host passes the
    /// tick's <see cref="TelemetryBuffer"/>; every record is encoded into a scratch buffer, numbered in
    /// its stream and enqueued. Events and run-state changes (to idle, hold, done) go out at QoS 1 and are
    /// kept by the outbox; the rest of the telemetry at QoS 0; nothing retained.
    /// Runs on the tick thread and allocates nothing.
    /// </summary>
    [HotPath]
    public sealed class TelemetryPublisher
    {
        private readonly MessageOutbox _outbox;
        private readonly string _bootId;
        private readonly JsonByteWriter _writer = new JsonByteWriter();
        private readonly byte[] _scratch;
        private readonly long[] _nextSeq = new long[TopicSet.StreamCount];
        private readonly long[] _lost = new long[TopicSet.StreamCount];
        private bool _overflowReported;
        private long _lastOverflowReportMs;

        // Events reported from other threads (the network thread's session): numbered and encoded here, on
        // the tick thread, so the event stream keeps one seq. Fixed storage; a flag, read without the lock, keeps
        // the tick lock-free (nanoFramework has no volatile: a report seen one tick late is sent one tick late).
        private const int ReportCapacity = 4;
        private readonly object _reportLock = new object();
        private readonly TelemetryRecord[] _reports = new TelemetryRecord[ReportCapacity];
        private int _reportCount;
        private bool _hasReports;

        /// <param name="outbox">Where the encoded messages go.</param>
        /// <param name="bootId">Identifies this boot (e.g. a random hex word drawn at start-up): 1 to 32 letters, digits, '-' or '_'.</param>
        public TelemetryPublisher(MessageOutbox outbox, string bootId)
        {
            if (outbox == null)
            {
                throw new ArgumentNullException(nameof(outbox));
            }

            if (!TopicSet.IsValidDeviceId(bootId) || bootId.Length > MessageHeader.MaximumBootIdLength)
            {
                throw new ArgumentException("boot id must be 1 to 32 letters, digits, '-' or '_'", nameof(bootId));
            }

            _outbox = outbox;
            _bootId = bootId;
            _scratch = new byte[outbox.SlotBytes];
            for (int i = 0; i < _reports.Length; i++)
            {
                _reports[i] = new TelemetryRecord(0);
            }
            for (int i = 0; i < _nextSeq.Length; i++)
            {
                _nextSeq[i] = 1;
            }
        }

        /// <summary>Device time between two outboxOverflow events at least, ms.</summary>
        public const int OverflowReportIntervalMs = 1000;

        public string BootId => _bootId;

        /// <summary>The seq the next message of a stream will carry (streams start at 1 each boot).</summary>
        public long NextSeq(TopicId stream) => _nextSeq[(int)stream];

        /// <summary>Encodes and enqueues one tick's records; <paramref name="nowMs"/> stamps an overflow event.</summary>
        public void Publish(TelemetryBuffer buffer, long nowMs)
        {
            // Checked here rather than in the call: an interpreted call on every tick costs real time on the device.
            if ((!_overflowReported || nowMs - _lastOverflowReportMs >= OverflowReportIntervalMs) && _outbox.TakeLossesIfRoom(_lost))
            {
                ReportLosses(nowMs);
            }

            for (int i = 0; i < buffer.Count; i++)
            {
                TelemetryRecord record = buffer[i];
                TopicId topic = TopicOf(record.Kind);
                long seq = _nextSeq[(int)topic];
                _nextSeq[(int)topic] = seq + 1;
                _writer.Reset(_scratch, 0, _scratch.Length);
                switch (record.Kind)
                {
                    case TelemetryRecordKind.PulseSummary:
                        PulseEncoder.Encode(_writer, record, _bootId, seq);
                        break;
                    case TelemetryRecordKind.CellVoltages:
                        CellsEncoder.Encode(_writer, record, _bootId, seq);
                        break;
                    case TelemetryRecordKind.Event:
                        EventEncoder.Encode(_writer, record, _bootId, seq);
                        break;
                    default:
                        StateEncoder.Encode(_writer, record, _bootId, seq);
                        break;
                }

                Enqueue(topic, seq, PriorityOf(record));
            }

            if (_hasReports)
            {
                PublishReports(nowMs);
            }
        }

        /// <summary>
        /// Reports the losses counted since the last outboxOverflow event now, stamped <paramref name="nowMs"/>, without
        /// waiting for <see cref="OverflowReportIntervalMs"/> or a next tick: for a host whose run ends (the simulator's
        /// bridge at the end of a run; a device's loop never ends). Tick thread, or once the ticks have stopped. False
        /// when no loss is pending or no slot is free (reporting would evict a message).
        /// </summary>
        public bool ReportPendingLosses(long nowMs)
        {
            if (!_outbox.TakeLossesIfRoom(_lost))
            {
                return false;
            }

            ReportLosses(nowMs);
            return true;
        }

        /// <summary>
        /// Queues a pack-level event raised outside the control loop (any thread), e.g. a refused retained
        /// command; it is numbered and sent with the next <see cref="Publish"/>. False, counted as a lost
        /// event, when more than a few wait.
        /// </summary>
        public bool ReportEvent(EventKind kind, Severity severity, int value, int threshold)
        {
            lock (_reportLock)
            {
                if (_reportCount >= _reports.Length)
                {
                    _outbox.RecordLoss(TopicId.Event);
                    return false;
                }

                TelemetryRecord record = _reports[_reportCount];
                record.Kind = TelemetryRecordKind.Event;
                record.EventKind = kind;
                record.Severity = severity;
                record.HasDiagnosis = false;
                record.Module = -1;
                record.Cell = -1;
                record.Value = value;
                record.Threshold = threshold;
                _reportCount++;
                _hasReports = true;
                return true;
            }
        }

        /// <summary>Stream of a record kind.</summary>
        public static TopicId TopicOf(TelemetryRecordKind kind)
        {
            switch (kind)
            {
                case TelemetryRecordKind.PulseSummary:
                    return TopicId.TelemetryPulse;
                case TelemetryRecordKind.CellVoltages:
                    return TopicId.TelemetryCells;
                case TelemetryRecordKind.Event:
                    return TopicId.Event;
                default:
                    return TopicId.TelemetryState;
            }
        }

        /// <summary>
        /// An outboxOverflow event with the losses just taken into <see cref="_lost"/>, all since the last report:
        /// the first as soon as it fits, then one a second at most while losses go on (<see cref="Publish"/> decides).
        /// It goes before the tick's own records, into the room the last pump made, so it evicts nothing; under a
        /// link that stays too slow, a report after the tick's records would never find room, and one per freed
        /// slot would crowd the event stream and the outbox's event slots.
        /// Nothing is lost from the count: each report carries every loss since the one before.
        /// </summary>
        private void ReportLosses(long nowMs)
        {
            _overflowReported = true;
            _lastOverflowReportMs = nowMs;
            long seq = _nextSeq[(int)TopicId.Event];
            _nextSeq[(int)TopicId.Event] = seq + 1;
            _writer.Reset(_scratch, 0, _scratch.Length);
            EventEncoder.EncodeOutboxOverflow(_writer, nowMs, _lost, _bootId, seq);
            Enqueue(TopicId.Event, seq, MessageOutbox.EventPriority);
        }

        private void PublishReports(long nowMs)
        {
            lock (_reportLock)
            {
                for (int i = 0; i < _reportCount; i++)
                {
                    TelemetryRecord record = _reports[i];
                    record.TimestampMs = nowMs;
                    long seq = _nextSeq[(int)TopicId.Event];
                    _nextSeq[(int)TopicId.Event] = seq + 1;
                    _writer.Reset(_scratch, 0, _scratch.Length);
                    EventEncoder.Encode(_writer, record, _bootId, seq);
                    Enqueue(TopicId.Event, seq, MessageOutbox.EventPriority);
                }

                _reportCount = 0;
                _hasReports = false;
            }
        }

        /// <summary>
        /// Eviction priority of a record: events highest; a module's run-state change (to idle, hold or done)
        /// next; everything else (pulse and cell telemetry, duty-cycle steps to pulse or rest, ended rests) lowest.
        /// </summary>
        public static byte PriorityOf(TelemetryRecord record)
        {
            if (record.Kind == TelemetryRecordKind.Event)
            {
                return MessageOutbox.EventPriority;
            }

            if (record.Kind == TelemetryRecordKind.StateChanged && record.State != ModuleState.Pulse && record.State != ModuleState.Rest)
            {
                return MessageOutbox.StatePriority;
            }

            return MessageOutbox.TelemetryPriority;
        }

        private void Enqueue(TopicId topic, long seq, byte priority)
        {
            if (_writer.Overflowed)
            {
                // The seq is spent, so the gap shows on the dashboard as well as in the overflow event.
                _outbox.RecordLoss(topic);
                return;
            }

            // Kept messages go at QoS 1 (acknowledged before their slot is freed), telemetry at QoS 0.
            _outbox.Enqueue(topic, priority == MessageOutbox.TelemetryPriority ? 0 : 1, false, seq, priority, _scratch, 0, _writer.Length);
        }
    }
}
