// Licensed under the MIT License.

using System;
using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Telemetry.Outbox
{
    /// <summary>
    /// The encoder stage between the controller and the outbox: after each tick the host passes the
    /// tick's <see cref="TelemetryBuffer"/>; every record is encoded into a scratch buffer, numbered in
    /// its stream and enqueued. Events go out at QoS 1, telemetry at QoS 0, nothing retained.
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
        private readonly int[] _lost = new int[TopicSet.StreamCount];

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
            for (int i = 0; i < _nextSeq.Length; i++)
            {
                _nextSeq[i] = 1;
            }
        }

        public string BootId => _bootId;

        /// <summary>The seq the next message of a stream will carry (streams start at 1 each boot).</summary>
        public long NextSeq(TopicId stream) => _nextSeq[(int)stream];

        /// <summary>Encodes and enqueues one tick's records; <paramref name="nowMs"/> stamps an overflow event.</summary>
        public void Publish(TelemetryBuffer buffer, long nowMs)
        {
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

                Enqueue(topic, seq);
            }

            if (_outbox.TakeLossesIfRoom(_lost))
            {
                long seq = _nextSeq[(int)TopicId.Event];
                _nextSeq[(int)TopicId.Event] = seq + 1;
                _writer.Reset(_scratch, 0, _scratch.Length);
                EventEncoder.EncodeOutboxOverflow(_writer, nowMs, _lost, _bootId, seq);
                Enqueue(TopicId.Event, seq);
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

        private void Enqueue(TopicId topic, long seq)
        {
            if (_writer.Overflowed)
            {
                // The seq is spent, so the gap shows on the dashboard as well as in the overflow event.
                _outbox.RecordLoss(topic);
                return;
            }

            _outbox.Enqueue(topic, topic == TopicId.Event ? 1 : 0, false, seq, _scratch, 0, _writer.Length);
        }
    }
}
