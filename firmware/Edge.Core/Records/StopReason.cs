// Licensed under the MIT License.

namespace Edge.Core.Records
{
    /// <summary>Why a module left the running states.</summary>
    public enum StopReason : byte
    {
        None = 0,
        Cutoff = 1,
        CapacityLimit = 2,
        TimeLimit = 3,

        /// <summary>Depletion-onset fault in act mode: stopped before the cut-off.</summary>
        DepletionOnset = 4,

        /// <summary>A latched fault put the module in Hold.</summary>
        Fault = 5,
        Command = 6,

        /// <summary>A protocol without repetition ran through its steps.</summary>
        ProtocolComplete = 7,
    }
}
