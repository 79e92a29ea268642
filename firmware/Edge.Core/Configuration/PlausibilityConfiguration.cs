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

        /// <summary>
        /// The window, in readings (ticks), over which each cell voltage and module current channel's bad readings
        /// (saturated, implausible, missing) are counted for its intermittent warning (<c>cellChannelIntermittent</c>,
        /// <c>currentChannelIntermittent</c>). 100: one second at the default 10 ms tick, so a channel is judged every
        /// second, and the share is resolved to 1 %. The windows are fixed and pack-wide: a channel that turns bad in the
        /// middle of one is warned at the end of that window or the next. A tick whose multiplexer address check failed
        /// is no reading of any channel (the check's own row judges it) and is not counted.
        /// </summary>
        public int IntermittentWindowReadings { get; set; } = 100;

        /// <summary>
        /// A channel with at least this percentage of its readings in a window bad is warned (one window: the window is
        /// the debounce). The latching rows count leaky, so a channel bad on more than half of its readings (two in three)
        /// latches within five, and one bad every other reading or less never does: that range is this warning's. A
        /// channel of the shipped boards reads no bad reading in its operating range (the board parser keeps the limits
        /// inside what the ADC reads without saturating, boards/README.md); 20 % is one in five, 20 readings a second at
        /// the defaults, and each one apart from the others, since three in a row latch: no single glitch or burst gets
        /// there, a sense wire that drops every other, third or fifth reading does.
        /// </summary>
        public int IntermittentWarningPercent { get; set; } = 20;

        /// <summary>
        /// A warned channel heals after windows with less than this percentage of bad readings (as many in a row as its
        /// row's heal count, 3 by default). Half the warning's share: a channel that hovers at the warning limit (19, 21,
        /// 20 %) is warned once, not once in two windows; from 1 to <see cref="IntermittentWarningPercent"/>.
        /// </summary>
        public int IntermittentClearPercent { get; set; } = 10;
    }
}
