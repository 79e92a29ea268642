// Licensed under the MIT License.

namespace Edge.Firmware.Networking
{
    /// <summary>Milliseconds that only move forward (not the wall clock, which SNTP may set back): the session's back-off runs on it.</summary>
    public interface IMonotonicClock
    {
        /// <summary>Milliseconds since an arbitrary start (boot).</summary>
        long NowMs { get; }
    }
}
