// Licensed under the MIT License.

using System.Diagnostics;
using System.Text;

namespace Edge.HostSim.Mqtt.Broker
{
    /// <summary>
    /// Writes a private broker's mosquitto.conf (and password file, TLS files) into its directory.
    /// Settings per mosquitto.conf(5) of mosquitto 2.0.
    /// </summary>
    internal static class MosquittoConfiguration
    {
        /// <summary>Writes the configuration for the given listeners (0 = listener not wanted).</summary>
        public static void Write(string directory, string configFile, MosquittoBrokerOptions options, int port, int webSocketPort, int tlsPort)
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("The private mosquitto broker is set up for Linux (Debian packages).");
            }

            // Run as root, mosquitto drops to user "mosquitto": everything it reads or writes after
            // that must be reachable by that user, hence the permissive modes below.
            const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(directory, Traversable);

            string data = Path.Combine(directory, "data");
            Directory.CreateDirectory(data);
            File.SetUnixFileMode(data, Traversable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);

            StringBuilder config = new StringBuilder();
            config.AppendLine("per_listener_settings false");
            config.AppendLine("persistence true");
            config.AppendLine("persistence_location " + data + "/");
            config.AppendLine("log_dest stderr");
            config.AppendLine("log_type error");
            config.AppendLine("log_type warning");
            config.AppendLine("log_type notice");
            config.AppendLine("log_type information");
            config.AppendLine("connection_messages true");

            // Default 1000 would drop QoS 1 messages for a subscriber that falls behind a burst.
            config.AppendLine("max_queued_messages 0");

            if (options.Username != null || options.Users.Count > 0)
            {
                string passwordFile = Path.Combine(directory, "passwords");
                bool create = true;
                if (options.Username != null)
                {
                    RunPasswordTool(passwordFile, options.Username, options.Password!, create);
                    create = false;
                }

                foreach (KeyValuePair<string, string> user in options.Users)
                {
                    RunPasswordTool(passwordFile, user.Key, user.Value, create);
                    create = false;
                }

                File.SetUnixFileMode(passwordFile, Readable);
                config.AppendLine("allow_anonymous false");
                config.AppendLine("password_file " + passwordFile);
            }
            else
            {
                config.AppendLine("allow_anonymous true");
            }

            if (options.AclFile != null)
            {
                string acl = Path.Combine(directory, "acl");
                File.Copy(options.AclFile, acl);
                File.SetUnixFileMode(acl, Readable);
                config.AppendLine("acl_file " + acl);
            }

            config.AppendLine();
            config.AppendLine("listener " + port + " " + MosquittoBroker.Host);
            config.AppendLine("protocol mqtt");
            AppendListenerLines(config, options);

            if (webSocketPort != 0)
            {
                config.AppendLine();
                config.AppendLine("listener " + webSocketPort + " " + MosquittoBroker.Host);
                config.AppendLine("protocol websockets");
                config.AppendLine("socket_domain ipv4");
                AppendListenerLines(config, options);
                if (options.HttpDirectory != null)
                {
                    config.AppendLine("http_dir " + Path.GetFullPath(options.HttpDirectory));
                }
            }

            if (tlsPort != 0)
            {
                string certificate = Path.Combine(directory, "server.crt");
                string key = Path.Combine(directory, "server.key");
                File.Copy(options.TlsCertificateFile!, certificate);
                File.Copy(options.TlsKeyFile!, key);
                File.SetUnixFileMode(certificate, Readable);
                File.SetUnixFileMode(key, Readable);
                config.AppendLine();
                config.AppendLine("listener " + tlsPort + " " + MosquittoBroker.Host);
                config.AppendLine("protocol mqtt");
                config.AppendLine("certfile " + certificate);
                config.AppendLine("keyfile " + key);
                AppendListenerLines(config, options);
            }

            File.WriteAllText(configFile, config.ToString());
            File.SetUnixFileMode(configFile, Readable);
        }

        private static void AppendListenerLines(StringBuilder config, MosquittoBrokerOptions options)
        {
            foreach (string line in options.ListenerConfiguration)
            {
                config.AppendLine(line);
            }
        }

        private static void RunPasswordTool(string passwordFile, string username, string password, bool create)
        {
            string tool = MosquittoInstallation.FindExecutable("mosquitto_passwd")
                ?? throw new InvalidOperationException("mosquitto_passwd not found (package mosquitto).");
            ProcessStartInfo start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-b");
            if (create)
            {
                start.ArgumentList.Add("-c");
            }

            start.ArgumentList.Add(passwordFile);
            start.ArgumentList.Add(username);
            start.ArgumentList.Add(password);
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start mosquitto_passwd.");
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("mosquitto_passwd failed (exit code " + process.ExitCode + "): " + output.Result + error);
            }
        }
    }
}
