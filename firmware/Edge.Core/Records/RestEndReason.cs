// Licensed under the MIT License.

namespace Edge.Core.Records
{
    /// <summary>What ended a rest.</summary>
    public enum RestEndReason : byte
    {
        /// <summary>Fixed mode: the configured rest elapsed.</summary>
        Fixed = 0,

        /// <summary>Adaptive mode: the measured relaxation settled.</summary>
        Relaxed = 1,

        /// <summary>Adaptive mode: the maximum rest elapsed before the relaxation settled.</summary>
        MaximumReached = 2,

        /// <summary>Direction change strip to plate: the long, relaxation-confirmed rest ended.</summary>
        DirectionChange = 3,
        /// <summary>
        /// Adaptive mode, pack scheduling: no relaxed module was ready, so the scheduler granted a pulse to a module past
        /// its minimum rest (as stretched by depletion warnings) before its relaxation settled.
        /// </summary>
        Scheduled = 4,
    }
}
