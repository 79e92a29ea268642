// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>
    /// Duty-cycle tuning beyond the rest (act mode): the answer to a depletion warning is a shorter pulse
    /// with the rest shortened in proportion, so the mean current stays the same while each pulse
    /// depletes the interface less. In the simulator's NaK50 model, at duty 1/6 and 1 mA/cm2, 0.5 s pulses
    /// give 22.9 mAh/cm2 and 0.25 s pulses 27.8 against 13.5 with 1 s pulses; [W] measured only 1 s pulses,
    /// so this is off by default.
    /// </summary>
    public sealed class PulseTuningConfiguration
    {
        public bool Enabled { get; set; }

        /// <summary>Pulses are never shortened below this (ms): switch wear grows as pulses shorten.</summary>
        public int MinimumPulseMs { get; set; } = 250;

        /// <summary>Each depletion warning shortens the pulse (and a fixed rest) by this percentage.</summary>
        public int ShortenPercent { get; set; } = 25;
    }
}
