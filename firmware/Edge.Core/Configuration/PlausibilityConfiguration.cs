// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>Plausibility of channels and tick timing.</summary>
    public sealed class PlausibilityConfiguration
    {
        /// <summary>A tick later than this percentage of the period is late.</summary>
        public int LateTickPercent { get; set; } = 150;

        /// <summary>A gap beyond this many periods means pulses ran unsupervised: every module is isolated.</summary>
        public int MissedTickPeriods { get; set; } = 5;

        /// <summary>
        /// At a current step a cell must move by at least this much (mV); a reading that does not, several
        /// edges in a row, is stuck. Only judged when the nominal response is four times larger.
        /// </summary>
        public int StuckMinimumEdgeResponseMv { get; set; } = 2;

        /// <summary>
        /// ...and only on a cell whose nominal response stands this many standard deviations (in tenths) of one edge
        /// (two readings: sqrt(2) x the measured reading noise) above that minimum. At 3 sigma a healthy edge falls
        /// under it about once in 740, three in a row once in 4e8; a K cell at 0.5 mA/cm2 (10 mV) read through 5 mV
        /// of noise (7.1 mV an edge) fell under it once in eight and was isolated as stuck within minutes. A frozen
        /// channel's measured noise falls toward 0, so it comes within reach again.
        /// </summary>
        public int StuckSigmaTenths { get; set; } = 30;
    }
}
