// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Records;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>Encodes a CellVoltages record for edge/&lt;id&gt;/telemetry/cells.</summary>
    [HotPath]
    public static class CellsEncoder
    {
        private static readonly byte[] s_state = JsonName.Of("state");
        private static readonly byte[] s_moduleCurrentUa = JsonName.Of("moduleCurrentUa");
        private static readonly byte[] s_cellVoltageMv = JsonName.Of("cellVoltageMv");
        private static readonly byte[] s_cellMinMv = JsonName.Of("cellMinMv");
        private static readonly byte[] s_cellMaxMv = JsonName.Of("cellMaxMv");

        public static void Encode(JsonByteWriter writer, TelemetryRecord record, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, record.TimestampMs);
            MessageHeader.WriteModule(writer, record.Module);
            writer.String(s_state, ContractNames.Of(record.State));
            writer.Number(s_moduleCurrentUa, record.ModuleCurrentUa);
            writer.Name(s_cellVoltageMv);
            PulseEncoder.WriteArray(writer, record.CellValuesA, record.CellCount);
            writer.Name(s_cellMinMv);
            PulseEncoder.WriteArray(writer, record.CellValuesB, record.CellCount);
            writer.Name(s_cellMaxMv);
            PulseEncoder.WriteArray(writer, record.CellValuesC, record.CellCount);
            writer.EndObject();
        }
    }
}
