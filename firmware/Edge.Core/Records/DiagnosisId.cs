// Licensed under the MIT License.

namespace Edge.Core.Records
{
    /// <summary>
    /// One row of the diagnosis table. Graded conditions get one id per grade, as foxBMS does with
    /// its MSL / RSL / MOL limits. Values index <see cref="Configuration.Diagnostics.DiagnosisTable"/>; keep them dense.
    /// </summary>
    public enum DiagnosisId : byte
    {
        /// <summary>Per-pulse overpotential CUSUM above its lowest level (cell).</summary>
        DepletionTrendInfo = 0,

        /// <summary>Per-pulse overpotential CUSUM above its middle level (cell).</summary>
        DepletionTrendWarning = 1,

        /// <summary>Per-pulse overpotential CUSUM above its highest level (cell).</summary>
        DepletionTrendFault = 2,

        /// <summary>Pulse-edge resistance risen well above its baseline (cell).</summary>
        DepletionEdgeResistanceRise = 3,

        /// <summary>Voltage within a pulse rising faster than diffusion allows: the convex rise before the cut-off (cell).</summary>
        DepletionNonlinearRise = 4,

        /// <summary>Sudden voltage drops that recover (cell).</summary>
        SoftShortSpike = 5,

        /// <summary>Pulse-edge resistance fallen well below its recent median: a parallel path (cell).</summary>
        SoftShortResistanceDrop = 6,

        /// <summary>Voltage sinking during rest beyond normal relaxation (cell).</summary>
        SoftShortSelfDischarge = 7,

        /// <summary>Coulombic efficiency, read when a stripping reaches the cut-off, below its minimum (module).</summary>
        SoftShortEfficiencyDrop = 8,

        /// <summary>Several soft-short indicators together: isolate before it becomes a hard short (cell).</summary>
        SoftShortConfirmed = 9,

        /// <summary>A few mV under current, or V proportional to I with no relaxation (cell).</summary>
        HardShort = 10,

        /// <summary>Cell voltage above the maximum safety limit (MSL, the envelope): isolate (cell).</summary>
        CellOvervoltage = 11,

        /// <summary>Cell voltage below the minimum safety limit (MSL, the envelope): isolate (cell).</summary>
        CellUndervoltage = 12,

        /// <summary>Module current above the safety envelope, or flowing with the switch open (module).</summary>
        ModuleOvercurrent = 13,

        /// <summary>Temperature above the maximum safety limit (MSL, the envelope): isolate (temperature sensor).</summary>
        CellOvertemperature = 14,
        CellChannelInvalid = 15,
        CellChannelSaturated = 16,

        /// <summary>A cell reading that does not respond to current steps (cell).</summary>
        CellChannelStuck = 17,
        CurrentChannelInvalid = 18,
        CurrentChannelSaturated = 19,
        TemperatureChannelInvalid = 20,

        /// <summary>A tick arrived later than the period allows (pack).</summary>
        TickLate = 21,

        /// <summary>Ticks were skipped or the gap exceeded the control deadline (pack).</summary>
        TickMissed = 22,

        /// <summary>Cell voltage above its maximum operating limit (MOL): a warning (cell).</summary>
        CellOvervoltageWarning = 23,

        /// <summary>Cell voltage above its recommended safety limit (RSL): derate the module's current (cell).</summary>
        CellOvervoltageDerate = 24,

        /// <summary>Cell voltage below its minimum operating limit (MOL): a warning (cell).</summary>
        CellUndervoltageWarning = 25,

        /// <summary>Cell voltage below its recommended safety limit (RSL): derate the module's current (cell).</summary>
        CellUndervoltageDerate = 26,

        /// <summary>Module current within a pulse above its maximum operating limit (MOL): a warning (module).</summary>
        ModuleOvercurrentWarning = 27,

        /// <summary>Module current within a pulse above its recommended safety limit (RSL): derate it (module).</summary>
        ModuleOvercurrentDerate = 28,

        /// <summary>Temperature above its maximum operating limit (MOL): a warning (temperature sensor).</summary>
        CellOvertemperatureWarning = 29,

        /// <summary>Temperature above its recommended safety limit (RSL): derate every module's current (temperature sensor).</summary>
        CellOvertemperatureDerate = 30,

        /// <summary>
        /// Pulse-edge resistance fallen below the shunt limit: a conducting path across the cell (cell). A hard short
        /// like <see cref="HardShort"/>, apart because its value and threshold are milliohm, not mV.
        /// </summary>
        HardShortShuntEdge = 31,

        /// <summary>
        /// A valid module current reading that cannot be true with the switch closed: its sign against the setpoint's, or
        /// its magnitude beyond the tolerance around it (a bridged shunt, an amplifier stuck at REF, broken sense leads,
        /// wiring of the wrong sign) (module).
        /// </summary>
        CurrentChannelImplausible = 32,

        /// <summary>
        /// The reference input, read through the analog multiplexer, is not at the reading its calibration recorded:
        /// the multiplexer connects another input at REF's address (a select line stuck or open, its output stuck on
        /// one input), or REF itself failed. Every multiplexed reading is then in doubt (pack).
        /// </summary>
        MuxAddressFault = 33,

        /// <summary>
        /// A cell voltage channel whose share of bad readings (saturated, implausible or missing) over a window of readings
        /// stays at or above its limit while its latching rows never get there (a loose sense wire that drops every other
        /// reading): a warning, the valid readings still protect the cell (cell).
        /// </summary>
        CellChannelIntermittent = 34,

        /// <summary>
        /// A module current channel whose share of bad readings over a window stays at or above its limit while its
        /// latching rows never get there: a warning; the limits see only the valid readings, the charge count takes the
        /// setpoint for the others (module).
        /// </summary>
        CurrentChannelIntermittent = 35,
    }
}
