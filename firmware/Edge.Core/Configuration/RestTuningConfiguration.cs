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
        /// 500 ms averages 50 samples at 10 ms, so a few ADC counts of noise shrink about seven-fold.
        /// </summary>
        public int SlopeWindowMs { get; set; } = 500;

        /// <summary>
        /// The rest may end once the slowest cell relaxes slower than this (uV/s). After a 1 s pulse at
        /// 1 mA/cm2 the NaK50 residual falls 5.6 / 2.6 / 0.3 mV at 1 / 2 / 5 s of rest ([W]: plateau only after
        /// about 5 s), a slope near 1.3 mV/s some 3 s into the rest. Chosen in the closed-loop simulator
        /// (2 mV noise): 1.0 / 1.3 / 1.5 mV/s gave 13.5 / 13.1 / 12.9 mAh/cm2 at duty 0.14 / 0.18 / 0.19,
        /// against 13.5 at 0.167 for fixed 5 s rests.
        /// </summary>
        public int SettledSlopeUvPerS { get; set; } = 1300;

        /// <summary>
        /// The slope must also have fallen to this percentage of its value at the start of the rest, so a cell
        /// that relaxes slowly (small slope from the outset) is not taken as settled: for an exponential decay
        /// the rest then lasts ln(100 / percent) time constants, 1.9 at 15 %. NaK50 after a 1 s pulse falls
        /// below 15 % of its early slope at about the absolute threshold, so healthy rests are unchanged.
        /// </summary>
        public int SettledFractionPercent { get; set; } = 15;

        /// <summary>
        /// Below this slope (uV/s) the fraction test is not asked: the slope estimate from two 500 ms window
        /// means carries about 0.8 mV/s of noise at 2 mV per sample, so a fraction of a small starting slope
        /// would be a noise lottery.
        /// </summary>
        public int SlopeNoiseFloorUvPerS { get; set; } = 600;

        /// <summary>
        /// The slope estimate's noise (uV/s) the two slope limits above were chosen at: 2 mV readings every 10 ms give
        /// sigma * sqrt(2 / n) / window = 0.8 mV/s for n = 50 samples in 0.5 s. Where the measured noise makes the
        /// estimate scatter more (coarser samples: 1.8 mV/s at 50 ms; a board reading 5 mV: 2.1 mV/s at 10 ms), both
        /// limits grow in proportion; otherwise a settled cell never stays below them for the hold time and every rest
        /// runs to the maximum (13.4 s instead of 4.6 s for NaK50 at 1 mA/cm2 and 50 ms samples). 0 turns it off.
        /// </summary>
        public int SlopeReferenceNoiseUvPerS { get; set; } = 800;

        /// <summary>
        /// The slope must stay below the settled slope this long before the relaxation counts as settled,
        /// so one quiet noise excursion cannot end a rest.
        /// </summary>
        public int SettledHoldMs { get; set; } = 500;

        /// <summary>
        /// Adaptive rests end at the learned target (at least the minimum rest) without waiting for the relaxation
        /// to settle when the polarisation left just after the pulses, smoothed over pulses, is below this (mV).
        /// The concentration term is (RT/F) ln(1 / c_s) (cell-model.md): 10 mV, about 0.4 RT/F, means the
        /// interface concentration stayed above about two thirds of the bulk, a pulse the interface sustains
        /// without rest. Simulated NaK50 after one 1 s pulse: 4 mV at 0.3 mA/cm2, 9 mV at 0.6, 19 mV at 1 mA/cm2;
        /// repeated at 0.5 s rests the 0.3 mA/cm2 pulses leave about 8 mV ([W] strips 0.25 mA/cm2 continuously to
        /// 20 mAh/cm2). Such a relaxation is a few mV against about 2 mV of noise, so the settle test would
        /// otherwise run the rest to its maximum. The polarisation is measured from the cell's rested level, and once
        /// it reaches this limit the module's rests wait for the relaxation again: a slowly relaxing cell leaves
        /// little per pulse but carries it over from rest to rest. 0 turns this off.
        /// </summary>
        public int NegligibleRelaxationMv { get; set; } = 10;

        /// <summary>
        /// The depletion margin (mV): adaptive rests are steered so that the polarisation a pulse leaves behind (first
        /// rest sample against the rested level, smoothed over pulses) stays at or below this. That polarisation is
        /// the concentration term (RT/F) ln(1 / c_s) at the end of the pulse (cell-model.md), so it tells how close
        /// the pulse drove the interface to exhaustion, which is what costs capacity (the K crust and the lasting
        /// damage grow only while the surface is nearly exhausted), whatever the rest length that got it there.
        /// 25 mV, about RT/F: the surface concentration kept above about 0.4 of the bulk. Below it the rest may end
        /// before the relaxation has settled (a Na-rich NaK50 at 1 mA/cm2 leaves 19 mV after a full rest and needs
        /// no 5 s plateau yet); above it the rest waits for the settle test and for the margin target, which grows
        /// until the pulses leave margin again (late in a run, on slowly relaxing cells). Chosen on the cell model
        /// (NaK50 1 s at 1 mA/cm2, pulses to the cut-off): 24 / 25 / 26 mV gave 14.0 mAh/cm2 at mean rests of
        /// 3.7 / 3.2 / 2.7 s (fixed 5 s: 13.1 at 5 s), and on a cell relaxing twice as slowly (tau 7 s, i_lim 0.55)
        /// 11.25 at 9.8 / 8.8 / 7.8 s (fixed 10 s: 11.25 at 10 s); 27 mV starts to lose capacity. 0 turns it off.
        /// </summary>
        public int RelaxationMarginMv { get; set; } = 25;

        /// <summary>
        /// Longest sample period (ms) the depletion margin acts at; at coarser samples the rests follow the settle rule.
        /// The margin reads the first rest sample, one sample period after the pulse, and the diffusion layer's higher
        /// modes decay within tens of ms (cell-model.md): a later first sample reads the same interface lower, and
        /// <see cref="RelaxationMarginMv"/>, chosen at 10 ms samples, then lets the pulses run deeper. Closed loop, [W]
        /// protocol (fixed 5 s: 13.1 mAh/cm2): with the margin 9.8 / 3.0 / 1.8 mAh/cm2 at 20 / 50 / 100 ms samples,
        /// with the settle rule 12.5 / 13.2 / 13.3; at 5 ms the margin still gives 14.0.
        /// </summary>
        public int MarginMaximumSamplePeriodMs { get; set; } = 10;

        /// <summary>
        /// Margin target change per group of pulses (percent): longer while the pulses leave more polarisation than
        /// <see cref="RelaxationMarginMv"/>, shorter while they leave less. Lengthening is the faster of the two: a
        /// rest too short costs capacity for good (crust, damage), one too long only duty.
        /// </summary>
        public int MarginLengthenPercent { get; set; } = 10;

        /// <summary>
        /// Margin target shrinkage per group of pulses that left margin (percent), taken off the rests the group took (a
        /// pack's rotation may keep them longer than the target, which then holds).
        /// </summary>
        public int MarginShortenPercent { get; set; } = 3;

        /// <summary>Rests averaged into the learned target (running average length).</summary>
        public int SettleAveragingRests { get; set; } = 8;

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

        /// <summary>
        /// Longest stretch depletion warnings give a rest (percent of the rest they started from). [W]: capacity
        /// grows from 2 s to 5 s rests and not from 5 s to 10 s, and a slow rise comes from the alloy losing Na,
        /// which no rest undoes; past this stretch a warning lowers the current instead (act mode's ladder:
        /// shorter pulse, longer rest, lower current, stop).
        /// </summary>
        public int MaximumExtensionPercent { get; set; } = 225;
    }
}
