// Licensed under the MIT License.

using System.Diagnostics;

namespace Edge.HostSim.Mqtt.Broker
{
    /// <summary>Locates the Eclipse Mosquitto programs and installs the Debian packages when allowed.</summary>
    public static class MosquittoInstallation
    {
        /// <summary>The Debian packages providing the broker and its command-line tools (mosquitto_passwd, mosquitto_pub/sub).</summary>
        public const string Packages = "mosquitto mosquitto-clients";

        private static readonly object s_lock = new object();

        /// <summary>Full path of an executable found on PATH or in the sbin directories (where Debian puts mosquitto), or null.</summary>
        public static string? FindExecutable(string name)
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            List<string> directories = new List<string>(path.Split(':', StringSplitOptions.RemoveEmptyEntries));
            directories.AddRange(new[] { "/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin", "/sbin" });
            foreach (string directory in directories)
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>True when the broker and mosquitto_passwd are present.</summary>
        public static bool IsInstalled()
        {
            return FindExecutable("mosquitto") != null && FindExecutable("mosquitto_passwd") != null;
        }

        /// <summary>
        /// Makes sure mosquitto is installed. When something is missing and the process runs as root,
        /// runs apt-get update and apt-get install of <see cref="Packages"/>; otherwise throws an
        /// <see cref="InvalidOperationException"/> naming the packages to install.
        /// </summary>
        public static void EnsureInstalled()
        {
            lock (s_lock)
            {
                if (IsInstalled())
                {
                    return;
                }

                if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
                {
                    throw new InvalidOperationException(
                        "Eclipse Mosquitto is not installed. Install it as root: apt-get install -y --no-install-recommends " + Packages);
                }

                ProcessStartInfo start = new ProcessStartInfo("/bin/bash")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("apt-get update && apt-get install -y --no-install-recommends " + Packages);
                start.Environment["DEBIAN_FRONTEND"] = "noninteractive";

                using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start apt-get.");
                Task<string> output = process.StandardOutput.ReadToEndAsync();
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0 || !IsInstalled())
                {
                    throw new InvalidOperationException(
                        "Installing " + Packages + " failed (exit code " + process.ExitCode + "):\n" + output.Result + error);
                }
            }
        }
    }
}
