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
        private static readonly byte[] s_moduleCurrentInvalid = JsonName.Of("moduleCurrentInvalid");
        private static readonly byte[] s_cellVoltageMv = JsonName.Of("cellVoltageMv");
        private static readonly byte[] s_cellMinMv = JsonName.Of("cellMinMv");
        private static readonly byte[] s_cellMaxMv = JsonName.Of("cellMaxMv");
        private static readonly byte[] s_invalid = JsonName.Of("invalid");

        public static void Encode(JsonByteWriter writer, TelemetryRecord record, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, record.TimestampMs);
            MessageHeader.WriteModule(writer, record.Module);
            writer.String(s_state, ContractNames.Of(record.State));
            writer.Number(s_moduleCurrentUa, record.ModuleCurrentUa);
            writer.Boolean(s_moduleCurrentInvalid, record.ModuleCurrentInvalid);
            writer.Name(s_cellVoltageMv);
            PulseEncoder.WriteArray(writer, record.CellValuesA, record.CellCount);
            writer.Name(s_cellMinMv);
            PulseEncoder.WriteArray(writer, record.CellValuesB, record.CellCount);
            writer.Name(s_cellMaxMv);
            PulseEncoder.WriteArray(writer, record.CellValuesC, record.CellCount);

            // The pack-wide index (module x cells per module + cell, as an event's cell) of every cell without a valid
            // reading in the interval, ascending; empty when every cell read valid.
            writer.Name(s_invalid);
            writer.BeginArray();
            bool[] invalid = record.CellInvalid;
            long first = (long)record.Module * record.CellCount;
            for (int i = 0; i < record.CellCount && i < invalid.Length; i++)
            {
                if (invalid[i])
                {
                    writer.NumberValue(first + i);
                }
            }

            writer.EndArray();
            writer.EndObject();
        }
    }
}
