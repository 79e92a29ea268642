// Licensed under the MIT License.

namespace Edge.Core.Measurement
{
    /// <summary>What a module's cells experienced during the interval this sample ends.</summary>
    public enum ModulePhase : byte
    {
        /// <summary>Switch open: open-circuit relaxation.</summary>
        Open = 0,

        /// <summary>Switch closed: current flowing.</summary>
        Current = 1,
    }
}
