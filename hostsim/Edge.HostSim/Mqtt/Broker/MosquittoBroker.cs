// Licensed under the MIT License.

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Edge.HostSim.Mqtt.Broker
{
    /// <summary>
    /// A private Eclipse Mosquitto broker process on free 127.0.0.1 ports, with its own temporary
    /// directory (generated config, persistence, password file). Used by tests and by the simulator's
    /// dashboard. <see cref="Stop"/> and <see cref="Restart"/> keep the ports so clients can reconnect
    /// to the same address after an outage; <see cref="Dispose"/> kills the process and deletes the
    /// directory. Not thread-safe: drive one broker from one thread.
    /// </summary>
    public sealed class MosquittoBroker : IDisposable
    {
        /// <summary>Only address the broker listens on; nothing is exposed beyond this machine.</summary>
        public const string Host = "127.0.0.1";

        private const int MaxLogChars = 256 * 1024;

        private readonly MosquittoBrokerOptions _options;
        private readonly StringBuilder _log = new StringBuilder();
        private readonly string _directory;
        private readonly string _configFile;
        private Process? _process;
        private bool _disposed;

        /// <summary>Prepares the directory and configuration; call <see cref="Start"/> to run the broker.</summary>
        public MosquittoBroker(MosquittoBrokerOptions? options = null)
        {
            _options = options ?? new MosquittoBrokerOptions();
            if ((_options.Username == null) != (_options.Password == null))
            {
                throw new ArgumentException("Username and Password go together.", nameof(options));
            }

            if ((_options.TlsCertificateFile == null) != (_options.TlsKeyFile == null))
            {
                throw new ArgumentException("TlsCertificateFile and TlsKeyFile go together.", nameof(options));
            }

            EnsureInstalled();

            int[] ports = FreePort.Allocate(3);
            Port = ports[0];
            WebSocketPort = _options.EnableWebSockets ? ports[1] : 0;
            TlsPort = _options.TlsCertificateFile != null ? ports[2] : 0;

            _directory = Directory.CreateTempSubdirectory("edge-mosquitto-").FullName;
            _configFile = Path.Combine(_directory, "mosquitto.conf");
            try
            {
                MosquittoConfiguration.Write(_directory, _configFile, _options, Port, WebSocketPort, TlsPort);
            }
            catch
            {
                Directory.Delete(_directory, true);
                throw;
            }
        }

        /// <summary>Plain MQTT port on <see cref="Host"/>.</summary>
        public int Port { get; }

        /// <summary>Websockets port, 0 when not enabled.</summary>
        public int WebSocketPort { get; }

        /// <summary>MQTT-over-TLS port, 0 when no certificate was given.</summary>
        public int TlsPort { get; }

        /// <summary>True while the broker process runs.</summary>
        public bool IsRunning => _process != null && !_process.HasExited;

        /// <summary>Everything the broker wrote to stderr so far (its log), across restarts; capped at the last 256 KiB.</summary>
        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        /// <summary>Creates and starts a broker; see <see cref="Start"/>.</summary>
        public static MosquittoBroker StartNew(MosquittoBrokerOptions? options = null)
        {
            MosquittoBroker broker = new MosquittoBroker(options);
            try
            {
                broker.Start();
                return broker;
            }
            catch
            {
                broker.Dispose();
                throw;
            }
        }

        /// <summary>Installs mosquitto when missing and permitted; see <see cref="MosquittoInstallation.EnsureInstalled"/>.</summary>
        public static void EnsureInstalled()
        {
            MosquittoInstallation.EnsureInstalled();
        }

        /// <summary>
        /// Starts the broker and returns once every listener accepts TCP connections.
        /// </summary>
        /// <exception cref="InvalidOperationException">The broker exited or did not listen within
        /// <see cref="MosquittoBrokerOptions.StartTimeout"/>; the message contains its log.</exception>
        public void Start()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (IsRunning)
            {
                return;
            }

            string executable = MosquittoInstallation.FindExecutable("mosquitto")
                ?? throw new InvalidOperationException("mosquitto executable not found.");
            ProcessStartInfo start = new ProcessStartInfo(executable)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = _directory,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(_configFile);

            Process process = new Process { StartInfo = start };
            process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
            process.OutputDataReceived += (_, e) => AppendLog(e.Data);
            process.Start();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            _process = process;

            Stopwatch elapsed = Stopwatch.StartNew();
            int[] ports = new[] { Port, WebSocketPort, TlsPort };
            foreach (int port in ports)
            {
                if (port == 0)
                {
                    continue;
                }

                while (!Accepts(port))
                {
                    if (process.HasExited)
                    {
                        process.WaitForExit();
                        throw new InvalidOperationException(
                            "mosquitto exited with code " + process.ExitCode + " before listening on port " + port + ". Log:\n" + Log);
                    }

                    if (elapsed.Elapsed > _options.StartTimeout)
                    {
                        KillProcess();
                        throw new InvalidOperationException(
                            "mosquitto did not listen on port " + port + " within " + _options.StartTimeout.TotalSeconds + " s. Log:\n" + Log);
                    }

                    Thread.Sleep(20);
                }
            }
        }

        /// <summary>
        /// Stops the broker gracefully (SIGTERM: clients see the connection drop, retained messages are
        /// saved); kills it if it does not exit within <see cref="MosquittoBrokerOptions.StopTimeout"/>.
        /// </summary>
        public void Stop()
        {
            Process? process = _process;
            if (process == null)
            {
                return;
            }

            if (!process.HasExited)
            {
                SendTerminate(process.Id);
                if (!process.WaitForExit(_options.StopTimeout))
                {
                    process.Kill();
                }
            }

            process.WaitForExit();
            process.Dispose();
            _process = null;
        }

        /// <summary>Stops and starts the broker again on the same ports.</summary>
        public void Restart()
        {
            Stop();
            Start();
        }

        /// <summary>Kills the broker (if running) and deletes its temporary directory.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            KillProcess();
            try
            {
                Directory.Delete(_directory, true);
            }
            catch (IOException)
            {
                // A file still held open leaves the directory behind in the temp folder; harmless.
            }
            catch (UnauthorizedAccessException)
            {
                // Files created by the broker's own user may not be removable by a non-root owner.
            }
        }

        private void KillProcess()
        {
            Process? process = _process;
            if (process == null)
            {
                return;
            }

            if (!process.HasExited)
            {
                process.Kill();
            }

            process.WaitForExit();
            process.Dispose();
            _process = null;
        }

        // SIGTERM (mosquitto saves its persistence file and exits cleanly): .NET only sends SIGKILL itself.
        private static void SendTerminate(int processId)
        {
            ProcessStartInfo start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
            start.ArgumentList.Add("-TERM");
            start.ArgumentList.Add(processId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using Process? kill = Process.Start(start);
            kill?.WaitForExit();
        }

        private static bool Accepts(int port)
        {
            using Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        private void AppendLog(string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line);
                if (_log.Length > MaxLogChars)
                {
                    _log.Remove(0, _log.Length - MaxLogChars);
                }
            }
        }
    }
}
