// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>
    /// Adaptive rest: when the relaxation counts as settled, and how the learned rest target moves
    /// from pulse to pulse.
    /// </summary>
    public sealed class RestTuningConfiguration
    {
        /// <summary>
        /// Length of each of the two averaging windows whose means give the relaxation slope.
        /// 250 ms averages 25 samples at 10 ms, so a few ADC counts of noise shrink five-fold.
        /// </summary>
        public int SlopeWindowMs { get; set; } = 250;

        /// <summary>
        /// The rest may end once the slowest cell relaxes slower than this (uV/s). The residual after a
        /// 1 s pulse decays like t^-1/2 (cell-model.md), a slope of 1 mV/s about 2 s into the rest.
        /// </summary>
        public int SettledSlopeUvPerS { get; set; } = 1500;

        /// <summary>Pulse overpotential growth over the previous pulse that lengthens the rest target (mV).</summary>
        public int OverpotentialGrowthMv { get; set; } = 3;

        /// <summary>Residual polarisation growth over the previous rest end that lengthens the rest target (mV).</summary>
        public int ResidualGrowthMv { get; set; } = 2;

        /// <summary>Rest target grows by this percentage when polarisation grows.</summary>
        public int LengthenPercent { get; set; } = 25;

        /// <summary>Rest target shrinks by this percentage when the pulse left margin (no growth).</summary>
        public int ShortenPercent { get; set; } = 5;

        /// <summary>Percentage added to the rest target per depletion warning (act mode).</summary>
        public int WarningExtendPercent { get; set; } = 50;
    }
}
