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
        /// <summary>
        /// A new id: <c>System.Random(seed).Next()</c> as eight hex digits. On the ESP32 the runtime ignores
        /// <paramref name="seed"/> and draws from the chip's hardware random number generator (nf-interpreter,
        /// targets/ESP32/_nanoCLR/targetRandom.cpp: Initialize(seed) does nothing, Next() is esp_random()), so the id
        /// differs from boot to boot whatever the seed. Elsewhere (nanoCLR on a PC, .NET in the host tests) the seed picks
        /// the sequence: the boot passes the microsecond clock at its timer step, which differs by startup jitter.
        /// </summary>
        public static string Create(int seed)
        {
            Random random = new Random(seed);
            return random.Next().ToString("X8");
        }
    }
}
