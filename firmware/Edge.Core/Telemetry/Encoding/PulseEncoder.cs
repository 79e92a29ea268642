// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>Encodes a PulseSummary record for edge/&lt;id&gt;/telemetry/pulse.</summary>
    public static class PulseEncoder
    {
        public static void Encode(JsonByteWriter writer, TelemetryRecord record, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, record.TimestampMs);
            MessageHeader.WriteModule(writer, record.Module);
            writer.Number("pulseIndex", record.PulseIndex);
            writer.Number("pulseCurrentUa", record.PulseCurrentUa);
            writer.Number("pulseDurationMs", record.PulseDurationMs);
            writer.Number("pulseChargeUc", record.PulseChargeUc);
            writer.Number("totalChargeUc", record.TotalChargeUc);
            writer.Number("tunedRestMs", record.RestMs);
            writer.Number("moduleCurrentUa", record.ModuleCurrentUa);
            writer.Name("overpotentialMv");
            WriteArray(writer, record.CellValuesA, record.CellCount);
            writer.Name("edgeResistanceMilliohm");
            WriteArray(writer, record.CellValuesB, record.CellCount);
            writer.EndObject();
        }

        internal static void WriteArray(JsonByteWriter writer, int[] values, int count)
        {
            writer.BeginArray();
            for (int i = 0; i < count && i < values.Length; i++)
            {
                writer.NumberValue(values[i]);
            }

            writer.EndArray();
        }
    }
}
