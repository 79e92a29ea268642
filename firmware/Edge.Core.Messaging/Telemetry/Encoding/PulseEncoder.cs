// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Records;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>Encodes a PulseSummary record for edge/&lt;id&gt;/telemetry/pulse.</summary>
    [HotPath]
    public static class PulseEncoder
    {
        private static readonly byte[] s_pulseIndex = JsonName.Of("pulseIndex");
        private static readonly byte[] s_pulseCurrentUa = JsonName.Of("pulseCurrentUa");
        private static readonly byte[] s_pulseDurationMs = JsonName.Of("pulseDurationMs");
        private static readonly byte[] s_pulseChargeUc = JsonName.Of("pulseChargeUc");
        private static readonly byte[] s_totalChargeUc = JsonName.Of("totalChargeUc");
        private static readonly byte[] s_tunedRestMs = JsonName.Of("tunedRestMs");
        private static readonly byte[] s_moduleCurrentUa = JsonName.Of("moduleCurrentUa");
        private static readonly byte[] s_moduleCurrentInvalid = JsonName.Of("moduleCurrentInvalid");
        private static readonly byte[] s_overpotentialMv = JsonName.Of("overpotentialMv");
        private static readonly byte[] s_edgeResistanceMilliohm = JsonName.Of("edgeResistanceMilliohm");

        public static void Encode(JsonByteWriter writer, TelemetryRecord record, string bootId, long seq)
        {
            MessageHeader.Write(writer, bootId, seq, record.TimestampMs);
            MessageHeader.WriteModule(writer, record.Module);
            writer.Number(s_pulseIndex, record.PulseIndex);
            writer.Number(s_pulseCurrentUa, record.PulseCurrentUa);
            writer.Number(s_pulseDurationMs, record.PulseDurationMs);
            writer.Number(s_pulseChargeUc, record.PulseChargeUc);
            writer.Number(s_totalChargeUc, record.TotalChargeUc);
            writer.Number(s_tunedRestMs, record.RestMs);
            writer.Number(s_moduleCurrentUa, record.ModuleCurrentUa);
            writer.Boolean(s_moduleCurrentInvalid, record.ModuleCurrentInvalid);
            writer.Name(s_overpotentialMv);
            WriteArray(writer, record.CellValuesA, record.CellCount);
            writer.Name(s_edgeResistanceMilliohm);
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
