// Licensed under the MIT License.

using Edge.Core.Sampling;

namespace Edge.Core.Configuration
{
    /// <summary>What the controller reports besides events.</summary>
    public sealed class TelemetryConfiguration
    {
        /// <summary>Period of the per-module cell-voltage records (ms); 0 turns them off.</summary>
        public int CellVoltagePeriodMs { get; set; } = 1000;

        /// <summary><see cref="RecordsPerTick"/> that sizes the buffer from the pack (<see cref="RecordsPerTickFor"/>).</summary>
        public const int RecordsPerTickFromPack = 0;

        /// <summary>The buffer small packs get: it has held every tick of the seed packs.</summary>
        public const int SmallPackRecordsPerTick = 64;

        /// <summary>
        /// Records one tick may produce before the rest are counted as dropped; <see cref="RecordsPerTickFromPack"/>
        /// (the default) sizes it from the pack. No fixed number fits every pack: 64 is below the minimum of a pack of
        /// 15 modules or more, and the 1032 of 256 modules would waste a small pack's RAM.
        /// </summary>
        public int RecordsPerTick { get; set; } = RecordsPerTickFromPack;

        /// <summary>
        /// Publish Home Assistant MQTT discovery configs (retained, under homeassistant/) on every connection
        /// and when Home Assistant comes online, so the device and its modules appear there by themselves.
        /// </summary>
        public bool HomeAssistantDiscovery { get; set; } = true;

        /// <summary>
        /// The fewest records a tick of <paramref name="layout"/> needs: one a module kept for its state change, one a
        /// module and one for the pack kept for the first fault event, and room for its events besides.
        /// </summary>
        public static int MinimumRecordsPerTick(PackLayout layout)
        {
            return (layout.ModuleCount * 4) + 8;
        }

        /// <summary>
        /// The buffer's size for <paramref name="layout"/>: <see cref="RecordsPerTick"/> when set, else the larger of
        /// <see cref="SmallPackRecordsPerTick"/> and the pack's minimum. Read once, when the controller is built.
        /// </summary>
        public int RecordsPerTickFor(PackLayout layout)
        {
            if (RecordsPerTick != RecordsPerTickFromPack)
            {
                return RecordsPerTick;
            }

            int minimum = MinimumRecordsPerTick(layout);
            return minimum > SmallPackRecordsPerTick ? minimum : SmallPackRecordsPerTick;
        }
    }
}
