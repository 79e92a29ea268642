// Licensed under the MIT License.

namespace Edge.Core.Records
{
    /// <summary>States of a module's duty-cycle engine.</summary>
    public enum ModuleState : byte
    {
        /// <summary>Waiting for a start; switch open.</summary>
        Idle = 0,

        /// <summary>Current flowing; switch closed.</summary>
        Pulse = 1,

        /// <summary>Open-circuit rest between pulses; switch open.</summary>
        Rest = 2,

        /// <summary>Latched fault; switch open until an explicit reset.</summary>
        Hold = 3,

        /// <summary>Protocol ended (cut-off, capacity, time, stop); switch open.</summary>
        Done = 4,
    }
}
