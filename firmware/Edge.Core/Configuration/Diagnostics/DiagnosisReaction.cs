// Licensed under the MIT License.

namespace Edge.Core.Configuration.Diagnostics
{
    /// <summary>What the decision layer does when a diagnosis becomes active.</summary>
    public enum DiagnosisReaction : byte
    {
        /// <summary>Report only.</summary>
        None = 0,

        /// <summary>Lengthen the module's rests (the interface needs more time to heal).</summary>
        ExtendRest = 1,

        /// <summary>Lower the module's pulse current.</summary>
        ReduceCurrent = 2,

        /// <summary>End the module's protocol normally: switch open, state Done.</summary>
        StopModule = 3,

        /// <summary>Open the module's switch in this tick and latch it (state Hold) until an explicit reset.</summary>
        IsolateModule = 4,

        /// <summary>Open every switch in this tick and latch all modules.</summary>
        IsolatePack = 5,

        /// <summary>
        /// End the running pulse in this tick, then rest longer and pulse at a lower current: the
        /// interface is running dry within this pulse and the rest of it would take it to the cut-off.
        /// </summary>
        AbortPulse = 6,

        /// <summary>
        /// Lower the module's pulse (shorter, or at a lower current) and go on; once neither can be lowered any
        /// further, end the module's protocol as <see cref="StopModule"/> does. The answer to a slow rise that
        /// says the module's operating point is too hard for the cell now, not that the cell is used up.
        /// </summary>
        ReduceCurrentOrStop = 7,
    }
}
