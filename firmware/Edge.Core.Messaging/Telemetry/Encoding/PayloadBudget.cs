// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Largest stream payload (pulse, cells, state, event) for a module width: the size of an outbox
    /// slot. Worst case counted field by field: the pulse message's fixed part with every number at
    /// 20 characters and a 32-character boot id stays under 420 bytes; each cell adds at most three array
    /// entries (the cells message: voltage, minimum, maximum) of at most 11 digits and sign plus a comma.
    /// </summary>
    public static class PayloadBudget
    {
        public const int FixedBytes = 448;

        public const int BytesPerCell = 36;

        public static int MaximumStreamPayloadBytes(int cellsPerModule) => FixedBytes + (BytesPerCell * cellsPerModule);
    }
}
