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

        /// <summary>
        /// Publish Home Assistant MQTT discovery configs (retained, under homeassistant/) on every connection
        /// and when Home Assistant comes online, so the device and its modules appear there by themselves.
        /// </summary>
        public bool HomeAssistantDiscovery { get; set; } = true;
    }
}
