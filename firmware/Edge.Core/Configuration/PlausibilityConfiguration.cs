// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>Plausibility of channels and tick timing.</summary>
    public sealed class PlausibilityConfiguration
    {
        /// <summary>A tick later than this percentage of the period is late.</summary>
        public int LateTickPercent { get; set; } = 150;

        /// <summary>
        /// A gap of this many periods means pulses ran unsupervised: every module is isolated. Ten, the stall the design
        /// calls normal and no more: the firmware's watchdog waits 10 periods without a tick before it opens the switches,
        /// so that a garbage collection or a flash write (tens of ms on the ESP32; a collection stops every managed
        /// thread) does not trip it, and the shipped boards' hardware enable drops the gate drivers after 100 ms, 10 of
        /// their 10 ms periods. Five latched the pack for a 60 ms stall the watchdog let pass.
        /// </summary>
        public int MissedTickPeriods { get; set; } = 10;

        /// <summary>
        /// At a current step a cell must move by at least this much (mV); a reading that does not at three
        /// edges, counted by its row (an edge that responds takes one back), is stuck. Only judged when the nominal response is four times larger.
        /// </summary>
        public int StuckMinimumEdgeResponseMv { get; set; } = 2;

        /// <summary>
        /// ...and only on a cell whose nominal response stands this many standard deviations (in tenths) of one edge
        /// (two readings: sqrt(2) x the measured reading noise) above that minimum. At 3 sigma a healthy edge falls
        /// under it about once in 740, three in a row once in 4e8, and three net of the healthy edges between (the
        /// row's leaky count) hardly more often; a K cell at 0.5 mA/cm2 (10 mV) read through 5 mV
        /// of noise (7.1 mV an edge) fell under it once in eight and was isolated as stuck within minutes. A frozen
        /// channel's measured noise falls toward 0, so it comes within reach again.
        /// </summary>
        public int StuckSigmaTenths { get; set; } = 30;

        /// <summary>
        /// With the switch closed a valid module current reading must lie within this many uA plus
        /// <see cref="CurrentTolerancePercent"/> of the setpoint's magnitude of the setpoint that flowed; beyond it (a
        /// reading of the opposite sign is always beyond it) the reading is implausible. Covers the channel's noise and
        /// calibration residue and the setpoint's rounding down to a whole code: 20 uA is 6 standard deviations of the
        /// DevKitC's 500 V/A channel at 2 ADC counts of noise (1.6 uA a count), 40 of the simulator's default 0.5 uA; a
        /// board's setpoint code is added where a configuration is created for it (<c>BoardCurrentSetpoints</c>).
        /// </summary>
        public int CurrentToleranceUa { get; set; } = 20;

        /// <summary>
        /// ...plus this percentage of the setpoint's magnitude: the setpoint outputs' full scale is nominal (the
        /// converter's tolerance is not calibrated), so the current a code carries may be off by a few percent. 25 %
        /// leaves room for that and still finds a reading stuck at 0 from 27 uA of setpoint up (20 + 25 % of 27 is
        /// under 27); at most 100, so that a reading of the opposite sign is never within it.
        /// </summary>
        public int CurrentTolerancePercent { get; set; } = 25;

        /// <summary>
        /// False on a board with a module without a setpoint output (<c>BoardCurrentSetpoints</c>): its load hardware
        /// sets the current, so only a reading of the opposite sign beyond <see cref="CurrentToleranceUa"/> is implausible.
        /// </summary>
        public bool CurrentMagnitudeJudged { get; set; } = true;
    }
}
