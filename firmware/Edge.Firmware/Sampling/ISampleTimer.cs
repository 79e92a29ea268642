// Licensed under the MIT License.

using System;
using System.Threading;

namespace Edge.Firmware.Sampling
{
    /// <summary>
    /// The time base of the control loop: microseconds since boot, and a periodic release of the
    /// sampling thread. On the ESP32 both come from the high-resolution timer (esp_timer); the seam
    /// lets the loop and the boot run where that timer does not exist.
    /// </summary>
    public interface ISampleTimer : IDisposable
    {
        /// <summary>Microseconds since boot.</summary>
        ulong NowUs();

        /// <summary>Calls <paramref name="onPeriod"/> every <paramref name="periodUs"/> microseconds (from the timer's context: keep it short).</summary>
        void Start(int periodUs, ThreadStart onPeriod);

        /// <summary>No more calls after this returns.</summary>
        void Stop();
    }
}
