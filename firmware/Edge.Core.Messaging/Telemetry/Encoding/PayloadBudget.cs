// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Largest stream payload (pulse, cells, state, event) for a module width: the size of an outbox
    /// slot. Worst case counted field by field: the pulse message's fixed part with every number at its
    /// widest (a long's 20 characters, an int's 11) and a 32-character boot id comes to 420 bytes, its empty arrays and
    /// names included, 29 of them the moduleCurrentInvalid marker (<c>,"moduleCurrentInvalid":false</c>, false the longer
    /// value); the cells message's, which carries the same marker, to 256. Each cell adds at most three array entries (the cells message: voltage, minimum,
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
