// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Records;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Encodes the retained edge/&lt;id&gt;/telemetry/modules payload: every module's state, stop reason, latching diagnosis,
    /// the cell that diagnosis latched on and net charge stripped since it started, one array each, indexed by module. The streams say when a module went to
    /// hold and why, but they are not retained: a consumer that subscribes later learns it from this message. Off the hot
    /// path (the session publishes it when one of the values changed).
    /// </summary>
    public static class ModulesEncoder
    {
        // The longest names an entry can take: "unknown" (7) of the states, "protocolComplete" (16) of the stop
        // reasons, "depletionEdgeResistanceRise" (27) of the diagnoses (the longest of any, latching or not: the encoder
        // writes whatever it is given); each quoted (2) and followed by a comma (1); the longest cell (a pack has at most
        // 256 cells, so 255: 3 characters; -1 is 2) and its comma; the longest charge (a long: 20 characters) and its comma.
        private const int EntryBytes = (7 + 3) + (16 + 3) + (27 + 3) + (3 + 1) + (20 + 1);

        // {"v":1,"bootId":"<32>","state":[],"stopReason":[],"diagnosis":[],"cell":[],"totalChargeUc":[]} is 122 bytes;
        // rounded up.
        private const int FrameBytes = 128;

        private static readonly byte[] s_v = JsonName.Of("v");
        private static readonly byte[] s_bootId = JsonName.Of("bootId");
        private static readonly byte[] s_state = JsonName.Of("state");
        private static readonly byte[] s_stopReason = JsonName.Of("stopReason");
        private static readonly byte[] s_diagnosis = JsonName.Of("diagnosis");
        private static readonly byte[] s_cell = JsonName.Of("cell");
        private static readonly byte[] s_totalChargeUc = JsonName.Of("totalChargeUc");

        /// <summary>Bytes a payload of <paramref name="modules"/> modules needs at most.</summary>
        public static int MaximumBytes(int modules) => FrameBytes + (modules * EntryBytes);

        /// <summary>
        /// Writes the payload. <paramref name="diagnoses"/>[m] is the <see cref="DiagnosisId"/> that latched module m,
        /// or -1 (null in the payload) when it is not latched or the diagnosis is not known; <paramref name="cells"/>[m] the
        /// pack-wide index of the cell that diagnosis is about, or -1 (written as -1) when it is about no one cell or there is
        /// none; <paramref name="totalChargeUc"/>[m]
        /// the net charge module m stripped since it started (the pulse summary's totalChargeUc), uC.
        /// </summary>
        public static void Encode(JsonByteWriter writer, string bootId, ModuleState[] states, StopReason[] stopReasons, int[] diagnoses, int[] cells, long[] totalChargeUc)
        {
            writer.BeginObject();
            writer.Number(s_v, MessageHeader.ContractVersion);
            writer.String(s_bootId, bootId);
            writer.Name(s_state);
            writer.BeginArray();
            for (int m = 0; m < states.Length; m++)
            {
                writer.StringValue(ContractNames.Of(states[m]));
            }

            writer.EndArray();
            writer.Name(s_stopReason);
            writer.BeginArray();
            for (int m = 0; m < stopReasons.Length; m++)
            {
                writer.StringValue(ContractNames.Of(stopReasons[m]));
            }

            writer.EndArray();
            writer.Name(s_diagnosis);
            writer.BeginArray();
            for (int m = 0; m < diagnoses.Length; m++)
            {
                writer.StringValue(diagnoses[m] < 0 ? null : ContractNames.Of((DiagnosisId)diagnoses[m]));
            }

            writer.EndArray();
            writer.Name(s_cell);
            writer.BeginArray();
            for (int m = 0; m < cells.Length; m++)
            {
                writer.NumberValue(cells[m] < 0 ? -1 : cells[m]);
            }

            writer.EndArray();
            writer.Name(s_totalChargeUc);
            writer.BeginArray();
            for (int m = 0; m < totalChargeUc.Length; m++)
            {
                writer.NumberValue(totalChargeUc[m]);
            }

            writer.EndArray();
            writer.EndObject();
        }
    }
}
