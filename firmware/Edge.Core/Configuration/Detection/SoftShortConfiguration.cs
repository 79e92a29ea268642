// Licensed under the MIT License.

namespace Edge.Core.Configuration.Detection
{
    /// <summary>Soft-short detector thresholds (cell-model.md, detection ideas; [T] "spiky" polarisation).</summary>
    public sealed class SoftShortConfiguration
    {
        /// <summary>A sample-to-sample drop larger than this, away from a current edge, starts a spike (mV).
        /// 20-80 mV drops are seen in Li-ion micro-shorts; noise is a few ADC counts (~2 mV each).</summary>
        public int SpikeDropMv { get; set; } = 20;

        /// <summary>The drop must recover by half within this time to count as a spike, not a step.</summary>
        public int SpikeRecoveryMs { get; set; } = 1000;

        /// <summary>Edge resistance below this percentage of its recent median is a parallel path.</summary>
        public int ResistanceDropPercent { get; set; } = 70;

        /// <summary>Edge resistances kept for the running median.</summary>
        public int ResistanceHistory { get; set; } = 9;

        /// <summary>
        /// During a rest the cell should relax toward its open-circuit value; sinking below the
        /// voltage it had before the pulse by more than this (mV) is self-discharge through a shunt.
        /// </summary>
        public int SelfDischargeMv { get; set; } = 15;

        /// <summary>Coulombic efficiency of a strip/plate cycle below this percentage is a warning ([T]: 94 % healthy at the 10th cycle).</summary>
        public int MinimumCoulombicEfficiencyPercent { get; set; } = 85;

        /// <summary>Distinct soft-short indicators active at once on a cell that confirm the short.</summary>
        public int ConfirmingIndicators { get; set; } = 2;

        /// <summary>Spike warnings on one cell that confirm the short even alone.</summary>
        public int ConfirmingSpikeCount { get; set; } = 5;
    }
}
