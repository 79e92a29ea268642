// Licensed under the MIT License.

using System;

namespace Edge.Firmware.Telemetry
{
    /// <summary>
    /// The contract's bootId: eight hex digits drawn at each boot, so that consumers tell a restart
    /// (new id, seq from 1) from a network drop (same id, seq continues).
    /// </summary>
    public static class BootIdentity
    {
        /// <summary>A new id from <paramref name="seed"/> (the microsecond clock at boot: differs from boot to boot by startup jitter).</summary>
        public static string Create(int seed)
        {
            Random random = new Random(seed);
            return random.Next().ToString("X8");
        }
    }
}
