// Licensed under the MIT License.

namespace Edge.Core.Sampling
{
    /// <summary>
    /// Validity of one measured channel as the board's conversion judged it. Anything but
    /// <see cref="Valid"/> means the value must not be used for control.
    /// </summary>
    public enum ChannelStatus : byte
    {
        /// <summary>Reading converted within the calibrated range.</summary>
        Valid = 0,

        /// <summary>ADC at or next to a rail (0 or full scale): clipped, the true value is unknown.</summary>
        Saturated = 1,

        /// <summary>Reading outside what the front end can physically produce.</summary>
        Implausible = 2,

        /// <summary>No reading this tick (multiplexer did not settle, bus error, channel not fitted).</summary>
        Missing = 3,
    }
}
