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

        /// <summary>
        /// Share of the running modules' capability the plan leaves unused (percent), so a module whose rest runs
        /// longer than planned, that lowers its current or drops out is covered by a module already waiting, not by a
        /// gap. The pack spreads the demand over as many modules at once as the rest of the capability sustains
        /// (see InterleavedScheduler). 10 % is about one spare in seven modules' worth of duty beyond the plan's
        /// rounding down: 7 modules at 1 s pulses and 0.5 s rests sustain 4.67 at once, and 90 % of that plans 4.
        /// </summary>
        public int HeadroomPercent { get; set; } = 10;
    }
}
