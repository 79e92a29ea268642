// Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace Edge.HostSim.Mqtt.Native
{
    /// <summary>The few POSIX calls .NET does not expose: signals other than SIGKILL and socket shutdown.</summary>
    internal static partial class LibC
    {
        /// <summary>SIGTERM: mosquitto saves its persistence file and exits cleanly.</summary>
        public const int SigTerm = 15;

        /// <summary>SHUT_RDWR for shutdown(2).</summary>
        public const int ShutReadWrite = 2;

        [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static partial int Kill(int pid, int signal);

        [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
        public static partial int Shutdown(int socket, int how);

        [LibraryImport("libc", EntryPoint = "geteuid")]
        public static partial uint GetEffectiveUserId();
    }
}
