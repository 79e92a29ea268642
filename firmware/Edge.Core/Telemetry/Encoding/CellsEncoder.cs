// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>Encodes a CellVoltages record for edge/&lt;id&gt;/telemetry/cells.</summary>
    public static class CellsEncoder
    {
        public static void Encode(JsonByteWriter writer, TelemetryRecord record, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, record.TimestampMs);
            MessageHeader.WriteModule(writer, record.Module);
            writer.String("state", ContractNames.Of(record.State));
            writer.Number("moduleCurrentUa", record.ModuleCurrentUa);
            writer.Name("cellVoltageMv");
            PulseEncoder.WriteArray(writer, record.CellValuesA, record.CellCount);
            writer.Name("cellMinMv");
            PulseEncoder.WriteArray(writer, record.CellValuesB, record.CellCount);
            writer.Name("cellMaxMv");
            PulseEncoder.WriteArray(writer, record.CellValuesC, record.CellCount);
            writer.EndObject();
        }
    }
}
