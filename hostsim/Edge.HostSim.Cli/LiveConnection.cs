using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.HostSim.Cli;

/// <summary>
/// The MQTT side of edge-sim run: --mqtt host:port connects the simulated device to a broker;
/// --dashboard starts a private loopback broker (MQTT + websockets) and the dashboard's HTTP server,
/// then prints the page's address. Owns all three and tears them down in reverse order.
/// </summary>
internal sealed class LiveConnection : IDisposable
{
    private MosquittoBroker? _broker;
    private DashboardServer? _server;

    private LiveConnection(MqttDeviceBridge bridge)
    {
        Bridge = bridge;
    }

    public MqttDeviceBridge Bridge { get; }

    /// <summary>Null when the command line asks for no MQTT at all.</summary>
    public static LiveConnection? Create(CommandLine line, TextWriter stdout)
    {
        string? address = line.Option("--mqtt");
        bool dashboard = line.Flag("--dashboard");
        if (address == null && !dashboard)
        {
            foreach (string option in new[] { "--mqtt-user", "--mqtt-password", "--mqtt-ca", "--device-id", "--dashboard-dir" })
            {
                if (line.Option(option) != null)
                {
                    throw new UsageException(option + " needs --mqtt host:port or --dashboard");
                }
            }

            return null;
        }

        if (address != null && dashboard)
        {
            throw new UsageException("--dashboard starts its own broker; leave out --mqtt");
        }

        string? user = line.Option("--mqtt-user");
        string? password = line.Option("--mqtt-password");
        if ((user == null) != (password == null))
        {
            throw new UsageException("--mqtt-user and --mqtt-password go together");
        }

        string? ca = line.Option("--mqtt-ca");
        if (ca != null && !File.Exists(ca))
        {
            throw new UsageException("--mqtt-ca: no file '" + ca + "'");
        }

        string deviceId = line.Option("--device-id") ?? "sim-1";
        if (!Edge.Core.Telemetry.Encoding.TopicSet.IsValidDeviceId(deviceId))
        {
            throw new UsageException("--device-id must be 1 to 64 of A-Z a-z 0-9 - _");
        }

        MqttBridgeOptions options = new MqttBridgeOptions { DeviceId = deviceId, Username = user, Password = password, CaFile = ca };
        if (!dashboard)
        {
            try
            {
                (options.Host, options.Port) = MqttBridgeOptions.ParseAddress(address!);
            }
            catch (FormatException e)
            {
                throw new UsageException("--mqtt: " + e.Message);
            }

            stdout.WriteLine("mqtt: device " + deviceId + " -> " + options.Host + ":" + options.Port);
            return new LiveConnection(new MqttDeviceBridge(options));
        }

        string root = line.Option("--dashboard-dir") ?? DashboardServer.Locate()
            ?? throw new UsageException("--dashboard: hostsim/dashboard not found above the working directory; give --dashboard-dir DIR");
        if (!DashboardServer.HasVendorBundles(root))
        {
            throw new UsageException("--dashboard: the browser bundles are not built; run: (cd " + root + " && npm install)");
        }

        MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true, Username = user, Password = password });
        DashboardServer? server = null;
        try
        {
            server = new DashboardServer(root);
            options.Host = MosquittoBroker.Host;
            options.Port = broker.Port;
            options.ReconnectDelayMaxMs = 2000;
            LiveConnection live = new LiveConnection(new MqttDeviceBridge(options)) { _broker = broker, _server = server };
            stdout.WriteLine("broker:    mqtt://127.0.0.1:" + broker.Port + "  ws://127.0.0.1:" + broker.WebSocketPort);
            stdout.WriteLine("dashboard: " + server.PageUrl(broker.WebSocketPort, deviceId) + (user != null ? "  (log in as " + user + ")" : string.Empty));
            return live;
        }
        catch
        {
            server?.Dispose();
            broker.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Bridge.Flush(TimeSpan.FromSeconds(5));
        Bridge.Dispose();
        _server?.Dispose();
        _broker?.Dispose();
    }
}
