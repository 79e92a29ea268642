// Licensed under the MIT License.

using System.Threading;

namespace Edge.Firmware.Boot
{
    /// <summary>Waits between boot attempts by sleeping the calling (main) thread.</summary>
    public sealed class ThreadSleepDelay : IBootDelay
    {
        /// <inheritdoc />
        public void Wait(int delayMs)
        {
            Thread.Sleep(delayMs);
        }
    }
}
