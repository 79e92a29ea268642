// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>The fields every stream message starts with: contract version, boot id, stream seq, device time.</summary>
    [HotPath]
    public static class MessageHeader
    {
        /// <summary>Version of the MQTT contract, carried in every payload as "v".</summary>
        public const int ContractVersion = 1;

        /// <summary>Longest boot id the encoders accept (sizes the slot budget).</summary>
        public const int MaximumBootIdLength = 32;

        private static readonly byte[] s_v = JsonName.Of("v");
        private static readonly byte[] s_bootId = JsonName.Of("bootId");
        private static readonly byte[] s_seq = JsonName.Of("seq");
        private static readonly byte[] s_tMs = JsonName.Of("tMs");
        private static readonly byte[] s_module = JsonName.Of("module");

        public static void Write(JsonByteWriter writer, string bootId, long seq, long timestampMs)
        {
            writer.BeginObject();
            writer.Number(s_v, ContractVersion);
            writer.String(s_bootId, bootId);
            writer.Number(s_seq, seq);
            writer.Number(s_tMs, timestampMs);
        }

        /// <summary>Module index as the contract shows it: null for the whole pack (-1).</summary>
        public static void WriteModule(JsonByteWriter writer, int module)
        {
            if (module < 0)
            {
                writer.Null(s_module);
            }
            else
            {
                writer.Number(s_module, module);
            }
        }
    }
}
