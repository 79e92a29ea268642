// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>What the controller reports besides events.</summary>
    public sealed class TelemetryConfiguration
    {
        /// <summary>Period of the per-module cell-voltage records (ms); 0 turns them off.</summary>
        public int CellVoltagePeriodMs { get; set; } = 1000;

        /// <summary>Records one tick may produce before the rest are counted as dropped.</summary>
        public int RecordsPerTick { get; set; } = 64;
    }
}
