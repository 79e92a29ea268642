// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Records;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Encodes StateChanged and RestTuned records for edge/&lt;id&gt;/telemetry/state; "type" says which
    /// ("stateChanged" or "restEnded").
    /// </summary>
    [HotPath]
    public static class StateEncoder
    {
        private static readonly byte[] s_type = JsonName.Of("type");
        private static readonly byte[] s_restEnded = JsonName.Of("restEnded");
        private static readonly byte[] s_stateChanged = JsonName.Of("stateChanged");
        private static readonly byte[] s_restMs = JsonName.Of("restMs");
        private static readonly byte[] s_restEndReason = JsonName.Of("restEndReason");
        private static readonly byte[] s_state = JsonName.Of("state");
        private static readonly byte[] s_stopReason = JsonName.Of("stopReason");

        public static void Encode(JsonByteWriter writer, TelemetryRecord record, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, record.TimestampMs);
            MessageHeader.WriteModule(writer, record.Module);
            if (record.Kind == TelemetryRecordKind.RestTuned)
            {
                writer.String(s_type, s_restEnded);
                writer.Number(s_restMs, record.RestMs);
                writer.String(s_restEndReason, ContractNames.Of(record.RestEndReason));
            }
            else
            {
                writer.String(s_type, s_stateChanged);
                writer.String(s_state, ContractNames.Of(record.State));
                writer.String(s_stopReason, ContractNames.Of(record.StopReason));
            }

            writer.EndObject();
        }
    }
}
