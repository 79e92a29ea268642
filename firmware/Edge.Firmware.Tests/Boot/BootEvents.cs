// Licensed under the MIT License.

using Edge.Core.DeviceEvents;
using Edge.Firmware.Diagnostics;

namespace NFUnitTest.Boot
{
    /// <summary>The device events a boot left in its log, taken in order by the boot tests.</summary>
    internal static class BootEvents
    {
        /// <summary>Removes pending events up to and including the first with <paramref name="code"/> and returns it (null if none).</summary>
        public static DeviceEvent Take(DeviceEventLog events, string code)
        {
            DeviceEvent next;
            while ((next = events.Peek()) != null)
            {
                events.RemoveOldest();
                if (next.Code == code)
                {
                    return next;
                }
            }

            return null;
        }
    }
}
