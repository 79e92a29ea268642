using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A private mosquitto for the dashboard's access tests: MQTT and websockets on 127.0.0.1, no anonymous
/// clients, a password file with a device, an operator and a viewer account, and an ACL in which only the
/// device publishes telemetry, operators may publish cmd/+ and viewers read only.
/// </summary>
public sealed class DashboardAclBroker : IDisposable
{
    public const string DeviceUser = "device";
    public const string DevicePassword = "device-pw";
    public const string OperatorUser = "operator";
    public const string OperatorPassword = "operator-pw";
    public const string ViewerUser = "viewer";
    public const string ViewerPassword = "viewer-pw";

    private const string Acl = """
        # Devices publish their streams and replies and read commands.
        user device
        topic write edge/+/status
        topic write edge/+/config
        topic write edge/+/telemetry/+
        topic write edge/+/event
        topic write edge/+/cmd/result
        topic write edge/+/health
        topic write edge/+/device-event
        topic read edge/+/cmd/+

        # Operators read everything and may command.
        user operator
        topic read edge/#
        topic write edge/+/cmd/+

        # Viewers only read.
        user viewer
        topic read edge/#
        """;

    private readonly string _directory;
    private readonly Process _process;
    private readonly StringBuilder _log = new StringBuilder();

    public DashboardAclBroker()
    {
        _directory = Directory.CreateTempSubdirectory("edge-dashboard-acl-").FullName;
        Port = FreePort();
        WebSocketPort = FreePort();
        string passwords = Path.Combine(_directory, "passwords");
        string acl = Path.Combine(_directory, "acl");
        bool create = true;
        foreach ((string user, string password) in new[] { (DeviceUser, DevicePassword), (OperatorUser, OperatorPassword), (ViewerUser, ViewerPassword) })
        {
            DashboardMqttTools.Run("mosquitto_passwd", (create ? "-c " : string.Empty) + "-b " + passwords + " " + user + " " + password);
            create = false;
        }

        File.WriteAllText(acl, Acl);
        string config = Path.Combine(_directory, "mosquitto.conf");
        File.WriteAllText(config, string.Join('\n',
            "per_listener_settings false",
            "allow_anonymous false",
            "password_file " + passwords,
            "acl_file " + acl,
            "log_dest stderr",
            "log_type all",
            "listener " + Port + " 127.0.0.1",
            "protocol mqtt",
            "listener " + WebSocketPort + " 127.0.0.1",
            "protocol websockets",
            "socket_domain ipv4",
            string.Empty));

        // Run as root, mosquitto drops to its own user: it must be able to read the files (Unix modes; the
        // Debian broker these tests start runs on Linux only).
        if (!OperatingSystem.IsWindows())
        {
            foreach (string file in new[] { passwords, acl, config })
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        ProcessStartInfo start = new ProcessStartInfo("mosquitto") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        WaitForListener(Port);
        WaitForListener(WebSocketPort);
    }

    public int Port { get; }

    public int WebSocketPort { get; }

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

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        _process.Dispose();
        Directory.Delete(_directory, true);
    }

    private void Append(string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private void WaitForListener(int port)
    {
        DateTime end = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < end)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("mosquitto exited: " + Log);
            }

            using Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        throw new InvalidOperationException("mosquitto did not listen on " + port + ": " + Log);
    }

    private static int FreePort()
    {
        using TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
