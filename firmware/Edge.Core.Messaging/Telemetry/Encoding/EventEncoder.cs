// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Records;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>Encodes Event records, and the outbox's own overflow event, for edge/&lt;id&gt;/event.</summary>
    [HotPath]
    public static class EventEncoder
    {
        private static readonly byte[] s_kind = JsonName.Of("kind");
        private static readonly byte[] s_diagnosis = JsonName.Of("diagnosis");
        private static readonly byte[] s_severity = JsonName.Of("severity");
        private static readonly byte[] s_cell = JsonName.Of("cell");
        private static readonly byte[] s_value = JsonName.Of("value");
        private static readonly byte[] s_threshold = JsonName.Of("threshold");
        private static readonly byte[] s_module = JsonName.Of("module");
        private static readonly byte[] s_lost = JsonName.Of("lost");
        private static readonly byte[] s_pulse = JsonName.Of("pulse");
        private static readonly byte[] s_cells = JsonName.Of("cells");
        private static readonly byte[] s_state = JsonName.Of("state");
        private static readonly byte[] s_event = JsonName.Of("event");
        private static readonly byte[] s_outboxOverflow = JsonName.Of(ContractNames.OutboxOverflow);
        private static readonly byte[] s_warning = JsonName.Of("warning");

        public static void Encode(JsonByteWriter writer, TelemetryRecord record, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, record.TimestampMs);
            writer.String(s_kind, ContractNames.Of(record.EventKind));
            if (record.HasDiagnosis)
            {
                writer.String(s_diagnosis, ContractNames.Of(record.Diagnosis));
            }
            else
            {
                writer.Null(s_diagnosis);
            }

            writer.String(s_severity, ContractNames.Of(record.Severity));
            MessageHeader.WriteModule(writer, record.Module);
            if (record.Cell < 0)
            {
                writer.Null(s_cell);
            }
            else
            {
                writer.Number(s_cell, record.Cell);
            }

            writer.Number(s_value, record.Value);
            writer.Number(s_threshold, record.Threshold);
            writer.EndObject();
        }

        /// <summary>
        /// "outboxOverflow": messages the outbox dropped since the last such event, per stream
        /// (<paramref name="lostPerStream"/> indexed by <see cref="TopicId"/>); value is their sum.
        /// </summary>
        public static void EncodeOutboxOverflow(JsonByteWriter writer, long timestampMs, long[] lostPerStream, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, timestampMs);
            writer.String(s_kind, s_outboxOverflow);
            writer.Null(s_diagnosis);
            writer.String(s_severity, s_warning);
            writer.Null(s_module);
            writer.Null(s_cell);
            long total = 0;
            for (int i = 0; i < TopicSet.StreamCount; i++)
            {
                total += lostPerStream[i];
            }

            writer.Number(s_value, total);
            writer.Number(s_threshold, 0);
            writer.Name(s_lost);
            writer.BeginObject();
            writer.Number(s_pulse, lostPerStream[(int)TopicId.TelemetryPulse]);
            writer.Number(s_cells, lostPerStream[(int)TopicId.TelemetryCells]);
            writer.Number(s_state, lostPerStream[(int)TopicId.TelemetryState]);
            writer.Number(s_event, lostPerStream[(int)TopicId.Event]);
            writer.EndObject();
            writer.EndObject();
        }
    }
}
