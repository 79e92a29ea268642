// Licensed under the MIT License.

namespace Edge.Core.Configuration.Diagnostics
{
    /// <summary>What the channel number of a diagnosis report counts.</summary>
    public enum DiagnosisScope : byte
    {
        /// <summary>Channel is a pack-wide cell index.</summary>
        Cell = 0,

        /// <summary>Channel is a module index.</summary>
        Module = 1,

        /// <summary>One channel for the whole pack (channel 0).</summary>
        Pack = 2,

        /// <summary>Channel is a temperature sensor index.</summary>
        Temperature = 3,
    }
}
