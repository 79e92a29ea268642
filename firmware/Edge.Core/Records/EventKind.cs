// Licensed under the MIT License.

namespace Edge.Core.Records
{
    /// <summary>Coarse kind of an event record, as dashboards and the simulator's summary name it.</summary>
    public enum EventKind : byte
    {
        DepletionOnset = 0,
        SoftShort = 1,
        HardShort = 2,
        Overvoltage = 3,
        Undervoltage = 4,
        Overcurrent = 5,
        Overtemperature = 6,
        ChannelFault = 7,
        TickTiming = 8,

        /// <summary>A cell reached the protocol's voltage cut-off: the module's protocol ends.</summary>
        Cutoff = 9,
        CapacityLimit = 10,
        TimeLimit = 11,

        /// <summary>Every step of the protocol ran to its end condition.</summary>
        ProtocolDone = 12,
        FaultReset = 13,

        /// <summary>A requested current was lowered to a configured limit (plating critical current, safety envelope).</summary>
        CurrentCapped = 14,

        /// <summary>Records were lost because a buffer was full; the value says how many.</summary>
        TelemetryOverflow = 15,
        Started = 16,
        Stopped = 17,

        /// <summary>Pack scheduling: fewer modules ready than the demand needs; the pack delivers less.</summary>
        Derated = 18,

        /// <summary>Pack scheduling: the demand is met again after a derating.</summary>
        DemandMet = 19,

        /// <summary>A command arrived retained (a stored message replayed on subscribing) and was not executed.</summary>
        RetainedCommand = 20,

        /// <summary>A module was not started: the readings come without this unit's own calibration, so no switch may close.</summary>
        Uncalibrated = 21,

        /// <summary>
        /// A derated module stayed inside its operating limits for <c>protection.derateRecoveryMs</c>: one derate step
        /// was undone. The value is the current percentage now, the threshold the one before.
        /// </summary>
        DerateLifted = 22,

        /// <summary>
        /// A fault latched before the device was reset holds its module again (stored in flash by the firmware); the
        /// diagnosis names the stored cause (HasDiagnosis false, encoded as null, when the stored record could not be read).
        /// </summary>
        FaultRestored = 23,

        /// <summary>
        /// A module depletion had answered has plated back what it stripped from its fullest point in that run to the
        /// onset: depletion's answers were undone, its current reductions, the pulse tuner's shortening and the rests'
        /// stretch (protection derates stay). The value is the current percentage now, the threshold the one before
        /// (equal when only the pulses and rests were given back).
        /// </summary>
        DepletionLifted = 24,

        /// <summary>
        /// The controller was suspended (<see cref="SuspendReason"/>, the value): every switch open in that tick, no fault,
        /// nothing latched; the threshold is the longest it may last, ms.
        /// </summary>
        Suspended = 25,

        /// <summary>
        /// The suspension ended: the value is how long it lasted, ms, the threshold its bound, ms (reached: severity
        /// warning, the controller ended it itself). Every running module comes back from a rest.
        /// </summary>
        Resumed = 26,

        /// <summary>
        /// A channel's intermittent warning (<see cref="DiagnosisId.CellChannelIntermittent"/>,
        /// <see cref="DiagnosisId.CurrentChannelIntermittent"/>, the diagnosis) healed: its bad readings stayed under the
        /// clear limit for the row's heal count of windows. The value is the last window's bad readings, the threshold
        /// the clear limit (readings of a window).
        /// </summary>
        ChannelRecovered = 27,
    }
}
