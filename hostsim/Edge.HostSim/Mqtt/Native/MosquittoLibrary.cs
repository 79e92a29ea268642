// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt.Native
{
    /// <summary>
    /// Process-wide libmosquitto initialisation. mosquitto_lib_init must run once before any client
    /// is created; mosquitto_lib_cleanup is never called because clients may live until process exit
    /// and the operating system reclaims everything then.
    /// </summary>
    internal static class MosquittoLibrary
    {
        private static readonly object s_lock = new object();
        private static bool s_initialised;

        /// <summary>Initialises libmosquitto once; throws if the shared library is missing.</summary>
        public static void EnsureInitialised()
        {
            lock (s_lock)
            {
                if (s_initialised)
                {
                    return;
                }

                try
                {
                    int rc = MosquittoNative.LibInit();
                    if (rc != 0)
                    {
                        throw new InvalidOperationException("mosquitto_lib_init failed: " + MosquittoNative.ErrorText(rc));
                    }
                }
                catch (DllNotFoundException e)
                {
                    throw new InvalidOperationException(
                        "libmosquitto.so.1 not found; install the Debian package libmosquitto1 (apt-get install libmosquitto1).", e);
                }

                s_initialised = true;
            }
        }
    }
}
