// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Largest stream payload (pulse, cells, state, event) for a module width: the size of an outbox
    /// slot. Worst case counted field by field: the pulse message's fixed part with every number at
    /// 20 characters and a 32-character boot id stays under 420 bytes (the cells message's, its empty arrays and
    /// names included, under 260); each cell adds at most three array entries (the cells message: voltage, minimum,
    /// maximum) of at most 11 digits and sign plus a comma, and an entry of its invalid list: a pack cell index, at
    /// most <see cref="Edge.Core.Sampling.PackLayout.MaximumCellCount"/> - 1 (three digits), plus a comma.
    /// </summary>
    public static class PayloadBudget
    {
        public const int FixedBytes = 448;

        public const int BytesPerCell = 40;

        public static int MaximumStreamPayloadBytes(int cellsPerModule) => FixedBytes + (BytesPerCell * cellsPerModule);
    }
}
