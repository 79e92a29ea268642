// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>Encodes Event records, and the outbox's own overflow event, for edge/&lt;id&gt;/event.</summary>
    public static class EventEncoder
    {
        public static void Encode(JsonByteWriter writer, TelemetryRecord record, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, record.TimestampMs);
            writer.String("kind", ContractNames.Of(record.EventKind));
            if (record.HasDiagnosis)
            {
                writer.String("diagnosis", ContractNames.Of(record.Diagnosis));
            }
            else
            {
                writer.Null("diagnosis");
            }

            writer.String("severity", ContractNames.Of(record.Severity));
            MessageHeader.WriteModule(writer, record.Module);
            if (record.Cell < 0)
            {
                writer.Null("cell");
            }
            else
            {
                writer.Number("cell", record.Cell);
            }

            writer.Number("value", record.Value);
            writer.Number("threshold", record.Threshold);
            writer.EndObject();
        }

        /// <summary>
        /// "outboxOverflow": messages the outbox dropped since the last such event, per stream
        /// (<paramref name="lostPerStream"/> indexed by <see cref="TopicId"/>); value is their sum.
        /// </summary>
        public static void EncodeOutboxOverflow(JsonByteWriter writer, long timestampMs, int[] lostPerStream, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, timestampMs);
            writer.String("kind", ContractNames.OutboxOverflow);
            writer.Null("diagnosis");
            writer.String("severity", "warning");
            writer.Null("module");
            writer.Null("cell");
            long total = 0;
            for (int i = 0; i < TopicSet.StreamCount; i++)
            {
                total += lostPerStream[i];
            }

            writer.Number("value", total);
            writer.Number("threshold", 0);
            writer.Name("lost");
            writer.BeginObject();
            writer.Number("pulse", lostPerStream[(int)TopicId.TelemetryPulse]);
            writer.Number("cells", lostPerStream[(int)TopicId.TelemetryCells]);
            writer.Number("state", lostPerStream[(int)TopicId.TelemetryState]);
            writer.Number("event", lostPerStream[(int)TopicId.Event]);
            writer.EndObject();
            writer.EndObject();
        }
    }
}
