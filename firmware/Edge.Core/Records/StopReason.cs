// Licensed under the MIT License.

namespace Edge.Core.Records
{
    /// <summary>
    /// Why a module left the running states: the limit that ended the run, the command, or the diagnosis
    /// family whose reaction stopped it (state Done) or isolated it (state Hold).
    /// </summary>
    public enum StopReason : byte
    {
        None = 0,
        Cutoff = 1,
        CapacityLimit = 2,
        TimeLimit = 3,

        /// <summary>A depletion-onset diagnosis (act mode) stopped or isolated the module before the cut-off.</summary>
        DepletionOnset = 4,

        /// <summary>A latched fault put the module in Hold and no diagnosis of this tick names it.</summary>
        Fault = 5,
        Command = 6,

        /// <summary>A protocol without repetition ran through its steps.</summary>
        ProtocolComplete = 7,

        /// <summary>A soft-short diagnosis (spikes, resistance drop, self-discharge, efficiency, confirmed short).</summary>
        SoftShort = 8,

        /// <summary>The hard-short diagnosis.</summary>
        HardShort = 9,

        /// <summary>The safety envelope: cell over- or undervoltage, module overcurrent, overtemperature.</summary>
        Protection = 10,

        /// <summary>Readings that cannot be trusted: a channel invalid, saturated or stuck, or ticks late or missed.</summary>
        Plausibility = 11,
    }
}
