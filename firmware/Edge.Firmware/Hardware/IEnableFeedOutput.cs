// Licensed under the MIT License.

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// The pin that feeds the board's hardware enable (a retriggerable monostable gating every gate
    /// driver): each level change retriggers it, a steady level lets it time out and disable the
    /// switches whatever their own pins hold.
    /// </summary>
    public interface IEnableFeedOutput
    {
        /// <summary>Drives the feed pin high (true) or low (false).</summary>
        void Write(bool level);
    }
}
