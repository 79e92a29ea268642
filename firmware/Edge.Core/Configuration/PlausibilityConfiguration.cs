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
    }
}
