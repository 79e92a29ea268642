// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>
    /// Pack-level interleaving: the load asks for a continuous current; modules take turns so each one
    /// still sees pulses and rests ([W]: a cell gives almost nothing under continuous current but
    /// 12-14 mAh/cm2 with 1 s pulses and 5 s rests).
    /// </summary>
    public sealed class PackSchedulingConfiguration
    {
        /// <summary>Off: every module runs its own protocol independently.</summary>
        public bool Enabled { get; set; }

        /// <summary>Pack current the load demands (uA), before any profile step.</summary>
        public int DemandUa { get; set; }

        /// <summary>Optional demand profile: from ProfileStartMs[i] (since start) the demand is ProfileDemandUa[i].</summary>
        public long[] ProfileStartMs { get; set; } = new long[0];

        public int[] ProfileDemandUa { get; set; } = new int[0];

        /// <summary>
        /// A derating ends (DemandMet event) only after the demand has been met this long. Longer than one
        /// rotation (six 1 s pulses): a pack that lost a module misses one slot per rotation, which is one
        /// derating episode, not an event every few seconds.
        /// </summary>
        public int DemandMetHoldMs { get; set; } = 10000;
    }
}
