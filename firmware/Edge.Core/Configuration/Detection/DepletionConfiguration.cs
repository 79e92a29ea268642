// Licensed under the MIT License.

namespace Edge.Core.Configuration.Detection
{
    /// <summary>
    /// Depletion-onset detector thresholds. Overpotentials are per pulse: cell voltage at the end of
    /// the pulse minus the voltage just before it.
    /// </summary>
    public sealed class DepletionConfiguration
    {
        /// <summary>Pulses averaged into the overpotential baseline before the CUSUM runs.</summary>
        public int BaselinePulses { get; set; } = 5;

        /// <summary>
        /// A cell leaving rest (its first baseline after start-up, a fault reset or a refill) learns its baseline only
        /// from a block of <see cref="BaselinePulses"/> pulses whose response has settled: the mean overpotential of its
        /// later half (the last BaselinePulses / 2 pulses) less than the CUSUM's slack above that of its earlier half;
        /// otherwise the next block is tried, for at most this many pulses after the learning began (then the block that
        /// ends is learned as it is). A new operating point of a running cell is learned from its first block, as
        /// before: a response rising there is the interface running down, and act mode's ladder waits for the trend's
        /// next rung (a 20-pulse wait per rung let a depleting cell reach its cut-off). A rested cell's first pulses
        /// are no operating point: with rests shorter than the 2-5 s the interface needs to relax ([W]), each pulse
        /// starts from a little more polarisation than the one before until the pulse-to-pulse response settles
        /// (simulated NaK50, 1 s / 1 s at 1 mA/cm2: 241, 253, 257, 258, 257 mV, then 259-262), and a baseline learned
        /// on them sat 8 mV below the settled response: info, warning and fault at 15, 23 and 41 s, and a trend that
        /// stayed active and said nothing more until the cut-off some 22,000 s later. 20 pulses are 22 s at [W]'s
        /// shortest rests (1 s / 0.1 s), several of the cell's relaxation times; a response still rising block after
        /// block beyond that is the interface running down, which the trend must not wait out. 0: the first block is
        /// learned as it is.
        /// </summary>
        public int BaselineSettleMaximumPulses { get; set; } = 20;

        /// <summary>
        /// A strip pulse of a module that has carried no current for longer than this percentage of the longest rest its
        /// protocol gives it (a fixed rest step as the rest tuner stretches it, an adaptive rest's maximum) and of its
        /// usual gap between pulses, whatever kept the current off (a stop and a start, a suspension, the pack
        /// scheduler's wait, a hold), leaves rest as at start-up: its cells learn their baselines afresh
        /// under the settling rule of <see cref="BaselineSettleMaximumPulses"/> and their CUSUMs start at 0. The
        /// interface relaxed over the stop, so its first pulses start lower and climb back into the pulse regime, and
        /// judged against the baseline learned before the stop they pulled the baseline down (it follows while the trend
        /// is quiet) and then summed the climb back: healthy NaK50 cells at 1 s pulses with fixed 1 or 5 s rests,
        /// stopped at 300 s and started at 360 s, set the trend's info level at their first pulses and its fault at
        /// 444-508 s, holding the module in act mode. A start soon after the current stopped (a stop and a start
        /// together, a protocol change with start) keeps the trend: the interface has not rested.
        /// </summary>
        public int LeavingRestAfterRestPercent { get; set; } = 300;

        /// <summary>
        /// A gap before a strip pulse leaves rest only if it is also longer than this (ms): a protocol without a rest
        /// step has a longest rest and a usual gap of 0, and a hold of a tick or a failed address check before one of its
        /// pulses relearned the trend and restarted its CUSUM at 0, each time. The interface relaxes over seconds ([W]:
        /// 2-5 s), so a gap under a second leaves it in its pulse regime.
        /// </summary>
        public int LeavingRestMinimumMs { get; set; } = 1000;

        /// <summary>
        /// A strip pulse whose gap since the module's last pulse is shorter than this percentage of the module's typical
        /// gap (its mean gap, following each gap by 1 / <see cref="BaselinePulses"/>) is not judged by the trend, and the
        /// baseline does not follow it: a shorter rest leaves more polarisation, and the pulse ends higher by design. A pack
        /// scheduler's rotation rests a module unevenly (three modules at one module's demand, 1 s pulses and 1 s rests:
        /// mostly 2 s, now and then 1 s), and with 2 mV of reading noise healthy NaK50 cells' pulses after a 1 s gap ended
        /// 7-9 mV above those after 2 s; two such pulses in a row set the trend's info level, and healthy cells warned and
        /// faulted within half an hour. A longer gap than usual lowers the pulse and is judged as usual (the CUSUM sums rises).
        /// </summary>
        public int ShortRestPercent { get; set; } = 75;

        /// <summary>
        /// Slack per pulse subtracted in the CUSUM (mV): slow composition drift and noise stay below it.
        /// Over a 1 s/5 s run the healthy overpotential climbs by well under 1 mV per pulse.
        /// </summary>
        public int CusumSlackMv { get; set; } = 2;

        /// <summary>
        /// The CUSUM's slack follows the measured reading noise too: at least this many tenths of the standard
        /// deviation of a pulse's overpotential (two means of 8 readings: the reading noise / 2), above
        /// <see cref="CusumSlackMv"/>. With 2 mV of noise that is 1.5 mV and the 2 mV governs; on an ESP32 ADC behind
        /// a 0.33 divider (about 5 mV a reading) the overpotential scatters by 2.5 mV, the 2 mV slack is 0.8 sigma,
        /// and healthy cells' sums reached the 10 mV info level (4 sigma) 4 times in 96 simulated cell-hours of the
        /// DevKitC board (about once in 14,000 pulses); at 1.5 sigma, not once.
        /// </summary>
        public int CusumSlackSigmaTenths { get; set; } = 15;

        /// <summary>
        /// How far (percent) the overpotential baseline may follow slow drift above the overpotential learned at the
        /// module's present operating point (its first <see cref="BaselinePulses"/> pulses at this current). Beyond it
        /// the baseline stops and the CUSUM counts the rise: the [W] cells' per-pulse overpotential climbs over hours
        /// as the alloy loses Na and lasting damage builds (0.21 to 0.47 V over 20 h at 0.9 mA/cm2 in the simulator),
        /// and a baseline that follows all of it hides the whole approach to the cut-off. A healthy 1 s / 5 s run
        /// drifts by about 10 % before that (cell-model.md), so 25 % leaves it quiet.
        /// </summary>
        public int BaselineDriftLimitPercent { get; set; } = 25;

        /// <summary>
        /// A pulse current, a protocol pulse length or a protocol rest that differs from the one the baseline was learned
        /// at by more than this percentage is a new operating point (act mode lowered the current, or an operator changed
        /// the protocol): the baseline is learned afresh and the CUSUM starts at 0, since overpotentials at two currents,
        /// after pulses of two lengths (diffusion rises like sqrt t) or after rests of two lengths (a shorter one leaves
        /// more polarisation) are not comparable. Length and rest are the protocol's, not what the pulse tuner, the rest
        /// tuner, act mode, an abort or the scheduler made of them (core README, "Answers to depletion").
        /// </summary>
        public int OperatingPointChangePercent { get; set; } = 10;

        /// <summary>CUSUM levels (mV) for info, warning and fault. The concentration terms add some
        /// 20-50 mV as the interface nears exhaustion (cell-model.md), so 10 / 25 / 60 mV grade it.</summary>
        public int CusumInfoMv { get; set; } = 10;

        public int CusumWarningMv { get; set; } = 25;

        public int CusumFaultMv { get; set; } = 60;

        /// <summary>
        /// The CUSUM's levels follow the measured reading noise too: the info level is at least this many tenths of
        /// the standard deviation of a pulse's overpotential (the reading noise / 2, as for
        /// <see cref="CusumSlackSigmaTenths"/>), and the warning and fault levels scale with it in the configured
        /// proportion (10 / 25 / 60). Up to 6.7 mV of reading noise (the DevKitC's ESP32 ADC: about 5 mV) the
        /// configured levels govern; at +-40 mV of uniform ADC noise (11.7 mV an overpotential) a 25 mV warning is two
        /// sigma above a 1.5 sigma slack, and healthy cells warned, and one faulted, within minutes. At three sigma
        /// above that slack a healthy sum reaches the info level about once in 60,000 pulses.
        /// </summary>
        public int CusumLevelSigmaTenths { get; set; } = 30;

        /// <summary>Edge resistance above this percentage of its baseline is a depletion warning.</summary>
        public int EdgeResistanceRisePercent { get; set; } = 150;

        /// <summary>
        /// ...and above the baseline by this many standard deviations (in tenths) of one edge reading (measured
        /// noise over the current step, <see cref="Edge.Core.Measurement.EdgeResistanceNoise"/>): at 0.1 mA/cm2 a
        /// healthy NaK50 edge scatters by about 15 %, so +50 % alone is about three sigma.
        /// </summary>
        public int EdgeResistanceRiseSigmaTenths { get; set; } = 45;

        /// <summary>
        /// Window (ms) for the within-pulse shape test. Diffusion alone gives a rise like sqrt(t): the slope
        /// of a later window is below that of the earlier one. A later slope above the earlier one is
        /// the convex, non-linear rise that precedes the cut-off.
        /// </summary>
        public int ShapeWindowMs { get; set; } = 100;

        /// <summary>The later window must rise faster than the earlier one by this percentage...</summary>
        public int ShapeConvexityPercent { get; set; } = 150;

        /// <summary>...and by at least this many mV over the window, so noise cannot fake it.</summary>
        public int ShapeMinimumRiseMv { get; set; } = 15;

        /// <summary>
        /// ...and by this many standard deviations (in tenths) of the difference of two shape points, from the
        /// cell's measured reading noise. Each point is a mean of three readings, so the difference scatters by
        /// sigma x sqrt(2/3): with 2 mV of noise 1.6 mV and the 15 mV floor governs; on an ESP32 ADC behind a
        /// 0.33 divider (about 5 mV a reading) 4.2 mV, and 15 mV is a 3.6 sigma event that a pulse's hundred
        /// windows a second produce every few minutes. The test runs on every sample of every pulse, and the
        /// windows overlap, so the debounce does little against noise: 6 sigma (1e-9 a window) keeps it quiet.
        /// The same number of standard deviations of the later window's excess over the earlier one (the shape points'
        /// second difference, sigma x sqrt(2)) is the margin the convexity itself needs: the later window's own rise
        /// is mostly diffusion's, not noise.
        /// </summary>
        public int ShapeRiseSigmaTenths { get; set; } = 60;

        /// <summary>
        /// A sample-to-sample change larger than this (mV) is a step (a shunt connecting or letting go), not
        /// depletion, which rises smoothly: the shape test skips windows that hold one. It fires at a few mV
        /// per sample, long before a depletion rise moves this fast.
        /// </summary>
        public int ShapeStepMv { get; set; } = 20;

        /// <summary>
        /// A run-away's climb must exceed the climb right before it by more than this many standard deviations (in
        /// tenths) of their difference (a second difference of readings: sigma x sqrt(6)), and by more than half the
        /// run-away's step limit. Running dry accelerates (each climb about twice the one before); diffusion alone
        /// rises like sqrt(t), ever slower, but so steeply at the start of a hard pulse that two climbs above the
        /// step can come in a row, the second only a few mV smaller. In synthetic sqrt(t) pulses of 800-1200
        /// mV/sqrt(s), a bare "larger" let up to one pulse in seven warn at 1.6 mV of reading noise; at 2.5 mV half the
        /// step limit alone still let a few in a thousand warn, 3 sigma none once the noise was measured.
        /// </summary>
        public int RunawayAccelerationSigmaTenths { get; set; } = 30;

        /// <summary>Act mode: each current reduction lowers the pulse current by this percentage.</summary>
        public int CurrentReductionPercent { get; set; } = 20;

        /// <summary>Act mode: the pulse current is never reduced below this percentage of the protocol's.</summary>
        public int MinimumCurrentPercent { get; set; } = 25;
    }
}
