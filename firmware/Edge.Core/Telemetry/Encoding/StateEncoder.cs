// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Encodes StateChanged and RestTuned records for edge/&lt;id&gt;/telemetry/state; "type" says which
    /// ("stateChanged" or "restEnded").
    /// </summary>
    public static class StateEncoder
    {
        public static void Encode(JsonByteWriter writer, TelemetryRecord record, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, record.TimestampMs);
            MessageHeader.WriteModule(writer, record.Module);
            if (record.Kind == TelemetryRecordKind.RestTuned)
            {
                writer.String("type", "restEnded");
                writer.Number("restMs", record.RestMs);
                writer.String("restEndReason", ContractNames.Of(record.RestEndReason));
            }
            else
            {
                writer.String("type", "stateChanged");
                writer.String("state", ContractNames.Of(record.State));
                writer.String("stopReason", ContractNames.Of(record.StopReason));
            }

            writer.EndObject();
        }
    }
}
