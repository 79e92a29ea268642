// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>The fields every stream message starts with: contract version, boot id, stream seq, device time.</summary>
    public static class MessageHeader
    {
        /// <summary>Version of the MQTT contract, carried in every payload as "v".</summary>
        public const int ContractVersion = 1;

        /// <summary>Longest boot id the encoders accept (sizes the slot budget).</summary>
        public const int MaximumBootIdLength = 32;

        public static void Write(JsonByteWriter writer, string bootId, long seq, long timestampMs)
        {
            writer.BeginObject();
            writer.Number("v", ContractVersion);
            writer.String("bootId", bootId);
            writer.Number("seq", seq);
            writer.Number("tMs", timestampMs);
        }

        /// <summary>Module index as the contract shows it: null for the whole pack (-1).</summary>
        public static void WriteModule(JsonByteWriter writer, int module)
        {
            if (module < 0)
            {
                writer.Null("module");
            }
            else
            {
                writer.Number("module", module);
            }
        }
    }
}
