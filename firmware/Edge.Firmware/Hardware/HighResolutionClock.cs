// Licensed under the MIT License.

using Edge.Firmware.Networking;

namespace Edge.Firmware.Hardware
{
    /// <summary>The ESP32's high-resolution timer (microseconds since boot) in milliseconds.</summary>
    public sealed class HighResolutionClock : IMonotonicClock
    {
        /// <inheritdoc />
        public long NowMs
        {
            get { return (long)(MicrosecondClock.NowUs() / 1000); }
        }
    }
}
