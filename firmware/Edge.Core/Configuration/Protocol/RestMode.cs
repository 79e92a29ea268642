// Licensed under the MIT License.

namespace Edge.Core.Configuration.Protocol
{
    /// <summary>How rests between pulses end.</summary>
    public enum RestMode : byte
    {
        /// <summary>Exactly as configured: reproduces lab protocols.</summary>
        Fixed = 0,

        /// <summary>Ended by the measured voltage relaxation, bounded by minimum and maximum rest.</summary>
        Adaptive = 1,
    }
}
