// Licensed under the MIT License.

namespace Edge.Firmware.Boot
{
    /// <summary>How the boot waits between attempts (Thread.Sleep on the device; recorded in tests).</summary>
    public interface IBootDelay
    {
        /// <summary>Waits <paramref name="delayMs"/> milliseconds.</summary>
        void Wait(int delayMs);
    }
}
