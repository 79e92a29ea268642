// Licensed under the MIT License.

namespace Edge.Core.Configuration.Detection
{
    /// <summary>Soft-short detector thresholds (cell-model.md, detection ideas; [T] "spiky" polarisation).</summary>
    public sealed class SoftShortConfiguration
    {
        /// <summary>A sample-to-sample drop larger than this, away from a current edge, starts a spike (mV).
        /// 20-80 mV drops are seen in Li-ion micro-shorts; noise is a few ADC counts (~2 mV each).</summary>
        public int SpikeDropMv { get; set; } = 20;

        /// <summary>
        /// The drop must also exceed this many standard deviations (in tenths) of the sample-to-sample difference,
        /// sqrt(2) x the cell's measured reading noise. On a quiet front end (2 mV of noise) the difference scatters
        /// by 2.8 mV and the 20 mV floor governs; on an ESP32 ADC behind a 0.33 divider two counts of noise are
        /// 3-5 mV a reading, so a 20 mV difference is a 3-4 sigma event that 100 samples a second produce several
        /// times a minute per cell. At 6 sigma a one-sided excursion has a chance of 1e-9 per sample: under one
        /// a month for a 4-cell pack at 100 Hz, before the recovery test and the confirmation count.
        /// </summary>
        public int SpikeSigmaTenths { get; set; } = 60;

        /// <summary>The drop must recover by half within this time to count as a spike, not a step.</summary>
        public int SpikeRecoveryMs { get; set; } = 1000;

        /// <summary>Edge resistance below this percentage of its recent median is a parallel path.</summary>
        public int ResistanceDropPercent { get; set; } = 70;

        /// <summary>
        /// The drop must also exceed this many standard deviations (in tenths) of one edge's resistance reading,
        /// sqrt(2) x the measured reading noise / the current step. A healthy cell at 0.1 mA/cm2 (a 19 mV edge
        /// against 2 mV of noise) scatters by about 15 % per edge; at some 2400 edges per cell-hour (1 s / 2 s
        /// pulses) and a debounce of two, at most one false alarm per 1000 cell-hours needs a one-edge false
        /// rate below about 6e-4, 3.2 sigma; 4.5 leaves room for the median's own scatter and for heavier tails.
        /// At plating currents (0.5 mA/cm2 and above) the percentage is the larger margin, as before.
        /// </summary>
        public int ResistanceDropSigmaTenths { get; set; } = 45;

        /// <summary>Edge resistances kept for the running median.</summary>
        public int ResistanceHistory { get; set; } = 9;

        /// <summary>
        /// Edges in a row below the drop limit of the cell's reference resistance (<see cref="ResistanceReferenceRisePpm"/>)
        /// that confirm the short even alone: a parallel path that formed and stays ([W], [T]: filaments that bridge the
        /// electrolyte). Such edges do not enter the running median, so it keeps the cell's own resistance while the path
        /// lasts. Ten is five pulses (an opening and a closing edge each): a NaK50 cell with a 60 ohm cm2 path carries a
        /// quarter of the module's current and reads a quarter of its edge resistance on every edge, where a healthy cell
        /// at 4.5 sigma has a false edge once in some 300,000.
        /// </summary>
        public int ConfirmingResistanceDropEdges { get; set; } = 10;

        /// <summary>
        /// How fast the reference a lasting drop is judged against follows a rising running median, in parts per million
        /// of the reference per judged edge (it falls with the median at once). A healthy interface's resistance rises
        /// slowly: the simulated NaK50 cell's edges rise 2.2x (1 s / 5 s) to 2.7x (1 s / 2 s) over a run, at most 170 ppm
        /// an edge over any 1000 edges, so the reference keeps up with it and a path that forms late is judged against
        /// the resistance the cell has then, not the one it had when fresh (against that one a 300 ohm cm2 path was
        /// warned about and learned into the median). A rise over a few hundred edges (an interface depleting) is not
        /// followed: 1000 ppm takes some 360 edges to rise by 1 / 0.7, so a recovery toward the earlier level (a longer
        /// rest after a depletion warning) enters the history as before. 0: the lowest median at the operating point.
        /// </summary>
        public int ResistanceReferenceRisePpm { get; set; } = 1000;

        /// <summary>
        /// A gap between two of a cell's edges longer than this (ms: a long rest, or a long pulse, whose plating refills
        /// the voids) takes the lasting drop's reference back to the lowest median at the operating point: the
        /// interface's slow damage heals over rests ([W] Fig. 3c: gamma_int recovers over 35 s - 1 h). After an hour's
        /// rest the simulated NaK50 cell's edges read 46-57 % of the median before it, back at its fresh level, for dozens
        /// of edges; judged against a reference that had followed the rise they confirmed a short. Up to 30 s the slow
        /// damage heals by under 2 % (its 1600 s time constant in the simulator).
        /// </summary>
        public int ResistanceHealingGapMs { get; set; } = 30000;

        /// <summary>
        /// An edge whose current step differs from the one the resistance history was learned at by more than this
        /// percentage starts the history afresh: the pulse-edge resistance depends on the current (Butler-Volmer
        /// kinetics give a larger chord resistance at a smaller step, cell-model.md), and after act mode lowers a
        /// module's current, or the pack scheduler changes its share, the interface recovers and the edges fall
        /// against a median taken at the old current without any parallel path. As the depletion detector's
        /// operating point (DepletionConfiguration.OperatingPointChangePercent).
        /// </summary>
        public int ResistanceOperatingPointChangePercent { get; set; } = 10;

        /// <summary>
        /// During a rest the cell should relax toward its open-circuit value; sinking below the
        /// voltage it had before the pulse by more than this (mV) is self-discharge through a shunt.
        /// </summary>
        public int SelfDischargeMv { get; set; } = 15;

        /// <summary>
        /// The sink must also exceed this many standard deviations (in tenths) of the difference it is read from: two
        /// rests' ends, each the mean of PackMeasurement.BaselineSamples (8) readings, so the cell's measured reading
        /// noise x sqrt(2 / 8). On a quiet front end (2 mV: 1 mV) and on the DevKitC's ESP32 ADC (about 5 mV: 2.5 mV)
        /// the 15 mV floor governs; at +-40 mV of uniform ADC noise (23 mV a reading, 11.7 mV the difference) 15 mV is
        /// a 1.3 sigma event, and healthy cells warned within minutes. One judgement per rest after stripping and a
        /// debounce of two, as the resistance drop per edge (ResistanceDropSigmaTenths): 4.5 sigma.
        /// </summary>
        public int SelfDischargeSigmaTenths { get; set; } = 45;

        /// <summary>
        /// Coulombic efficiency below this percentage is a warning ([T]: 86.5-88 % healthy in the first cycle, 94 % at
        /// the 10th). Judged when a stripping reaches the stripping cut-off: the charge stripped over the charge plated
        /// since the previous such cut-off.
        /// </summary>
        public int MinimumCoulombicEfficiencyPercent { get; set; } = 85;

        /// <summary>Distinct soft-short indicators active at once on a cell that confirm the short.</summary>
        public int ConfirmingIndicators { get; set; } = 2;

        /// <summary>Spike warnings on one cell that confirm the short even alone.</summary>
        public int ConfirmingSpikeCount { get; set; } = 5;

        /// <summary>
        /// A spike under current whose drop takes at least this percentage of the cell's polarisation away is deep:
        /// a parallel path carried that share of the current. Plating NaK50 above its critical current, the
        /// simulator's filaments take 50-55 % away (86 mV of 175 mV at 0.87 mA/cm2) in two or three spikes ten
        /// to a few hundred seconds apart before the permanent short.
        /// </summary>
        public int DeepSpikePercent { get; set; } = 40;

        /// <summary>Deep spikes on one cell in an episode that confirm the short even alone.</summary>
        public int ConfirmingDeepSpikeCount { get; set; } = 2;
    }
}
