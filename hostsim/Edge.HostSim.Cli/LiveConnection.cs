using Edge.Core.Session;
using Edge.HostSim.Cli.Arguments;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt;
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
    /// <summary>The range the firmware's settings parser takes for health_period_s.</summary>
    private const int MinimumHealthPeriodS = 1;
    private const int MaximumHealthPeriodS = 3600;

    /// <summary>How long the end of a run waits for the device's messages to go before it closes the connection.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    private MosquittoBroker? _broker;
    private DashboardServer? _server;
    private bool _deviceEnded;

    private LiveConnection(MqttDeviceBridge bridge)
    {
        Bridge = bridge;
    }

    public MqttDeviceBridge Bridge { get; }

    /// <summary>
    /// Checks the MQTT options (every problem is a <see cref="UsageException"/> naming the option) and, when
    /// <paramref name="connect"/> is false, stops there. Null when the command line asks for no MQTT at all.
    /// A broker given with --mqtt must accept TCP connections unless --mqtt-allow-unreachable says to start
    /// anyway (the bridge then keeps reconnecting in the background).
    /// </summary>
    public static LiveConnection? Create(LiveConnectionSettings line, TextWriter stdout, bool connect = true)
    {
        string? address = line.Mqtt;
        bool dashboard = line.Dashboard;
        if (!dashboard && line.DashboardPort != null)
        {
            throw new UsageException("--dashboard-port needs --dashboard");
        }

        if (address == null && !dashboard)
        {
            foreach ((string option, string? value) in new[] { ("--mqtt-user", line.User), ("--mqtt-password", line.Password), ("--mqtt-ca", line.CaFile), ("--device-id", line.DeviceId), ("--dashboard-dir", line.DashboardDirectory), ("--health-period-s", line.HealthPeriodS?.ToString(System.Globalization.CultureInfo.InvariantCulture)) })
            {
                if (value != null)
                {
                    throw new UsageException(option + " needs --mqtt host:port or --dashboard");
                }
            }

            if (line.AllowUnreachable)
            {
                throw new UsageException("--mqtt-allow-unreachable needs --mqtt host:port");
            }

            return null;
        }

        if (address != null && dashboard)
        {
            throw new UsageException("--dashboard starts its own broker; leave out --mqtt");
        }


        if (dashboard && line.CaFile != null)
        {
            // Its broker speaks plain MQTT on loopback: with a CA the device would try TLS on a plain port all run, unseen.
            throw new UsageException("--mqtt-ca: --dashboard's own broker has no TLS; leave out --mqtt-ca");
        }

        if (dashboard && line.AllowUnreachable)
        {
            throw new UsageException("--mqtt-allow-unreachable needs --mqtt host:port; --dashboard starts its own broker");
        }

        string? user = line.User;
        string? password = line.Password;
        if ((user == null) != (password == null))
        {
            throw new UsageException(user == null ? "--mqtt-password needs --mqtt-user" : "--mqtt-user needs --mqtt-password (they go together)");
        }

        string? ca = line.CaFile;
        if (ca != null && !File.Exists(ca))
        {
            throw new UsageException("--mqtt-ca: no file '" + ca + "'");
        }

        string deviceId = line.DeviceId ?? "sim-1";
        if (!Edge.Core.Telemetry.Encoding.TopicSet.IsValidDeviceId(deviceId))
        {
            throw new UsageException("--device-id: '" + deviceId + "' must be 1 to 64 of A-Z a-z 0-9 - _");
        }

        int healthPeriodS = line.HealthPeriodS ?? SimulatedHealth.DefaultPeriodMs / 1000;
        if (healthPeriodS < MinimumHealthPeriodS || healthPeriodS > MaximumHealthPeriodS)
        {
            // The device's settings file takes health_period_s in this range; a period it would refuse is refused here too.
            throw new UsageException("--health-period-s: " + healthPeriodS + " is not " + MinimumHealthPeriodS + " to " + MaximumHealthPeriodS + " s (the device's health_period_s)");
        }

        MqttBridgeOptions options = new MqttBridgeOptions { DeviceId = deviceId, Username = user, Password = password, CaFile = ca, HealthPeriodMs = healthPeriodS * 1000 };
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

            if (line.AllowUnreachable && !connect)
            {
                return null;
            }

            string? unreachable = line.AllowUnreachable ? null : BrokerEndpoint.Problem(options.Host, options.Port);
            if (unreachable != null)
            {
                throw new UsageException("--mqtt: " + unreachable + "; start the broker, fix the address, or add --mqtt-allow-unreachable to run and keep retrying");
            }

            if (!connect)
            {
                return null;
            }

            stdout.WriteLine("mqtt: device " + deviceId + " -> " + options.Host + ":" + options.Port);
            MqttDeviceBridge bridge = new MqttDeviceBridge(options);
            try
            {
                // Something answers at the address; now whether the broker takes us as this device (TLS,
                // credentials, ACL), so a refusal stops the run before it starts instead of "0 connection(s)".
                bridge.VerifyBrokerAccess();
            }
            catch (BrokerConnectionException e) when (line.AllowUnreachable && e.Outcome == ConnectOutcome.BrokerUnreachable)
            {
                // Asked to start anyway: the bridge keeps reconnecting in the background.
            }
            catch (BrokerConnectionException e)
            {
                bridge.Dispose();
                throw new UsageException(OptionsBehind(e.Outcome, line) + ": cannot connect to the MQTT broker at " + options.Host + ":" + options.Port + ": " + OneLine(e.Message));
            }

            ReportConnection(bridge, options.Host + ":" + options.Port, Console.Error);
            return new LiveConnection(bridge);
        }

        if (line.DashboardPort is int httpPort)
        {
            string? taken = PortProblem(httpPort);
            if (taken != null)
            {
                throw new UsageException("--dashboard-port: " + taken);
            }
        }

        string root = line.DashboardDirectory ?? DashboardServer.Locate()
            ?? throw new UsageException("--dashboard: hostsim/dashboard not found above the working directory; give --dashboard-dir DIR");
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            // A mistyped --dashboard-dir holds no page at all: "build the bundles there" would send the user the wrong way.
            throw new UsageException("--dashboard-dir: no dashboard (index.html) in " + root);
        }

        if (!DashboardServer.HasVendorBundles(root))
        {
            throw new UsageException("--dashboard: the browser bundles are not built; run: (cd " + root + " && npm install)");
        }

        if (!connect)
        {
            return null;
        }

        MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true, Username = user, Password = password });
        DashboardServer? server = null;
        try
        {
            server = StartServer(root, line.DashboardPort);
            server.BrokerWebSocketPort = broker.WebSocketPort;
            server.DeviceId = deviceId;
            options.Host = MosquittoBroker.Host;
            options.Port = broker.Port;
            options.ReconnectDelayMaxMs = 2000;
            LiveConnection live = new LiveConnection(new MqttDeviceBridge(options)) { _broker = broker, _server = server };
            stdout.WriteLine("broker:    mqtt://127.0.0.1:" + broker.Port + "  ws://127.0.0.1:" + broker.WebSocketPort);
            // On a port of the user's choosing the address has no broker in it: the page asks its server for the broker, so
            // the same address, kept open or reloaded, reaches the broker of whichever run serves it.
            string page = line.DashboardPort != null ? server.PageUrl(deviceId) : server.PageUrl(broker.WebSocketPort, deviceId);
            stdout.WriteLine("dashboard: " + page + (user != null ? "  (log in as " + user + ")" : string.Empty));
            return live;
        }
        catch
        {
            server?.Dispose();
            broker.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reports the device's link on stderr as it changes during the run: every failed attempt, a lost session (one line,
    /// with the wait before the next attempt), and the session that follows a loss or failures (one line).
    /// </summary>
    private static void ReportConnection(MqttDeviceBridge bridge, string address, TextWriter errors)
    {
        bridge.FirstConnectionLate += (broker, waitedMs) =>
        {
            // Tick thread, once, before the run's first tick: the run starts without the broker rather than wait on.
            errors.WriteLine("mqtt: the broker at " + broker + " has not taken the device's connection within " + (waitedMs / 1000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s; the run starts without it and the device keeps trying (its outbox keeps the latest telemetry meanwhile)");
        };

        // Network thread only: the bridge raises the other three there.
        bool away = false;
        bridge.ConnectionFailed += (outcome, reason) =>
        {
            away = true;
            errors.WriteLine("mqtt: connection failed: " + BrokerConnectionException.Explain(outcome) + ": " + OneLine(reason));
        };
        bridge.ConnectionLost += (reason, retryMs) =>
        {
            away = true;
            string retry = retryMs < 0 ? "retry when the outage ends" : "retry in " + retryMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms";
            errors.WriteLine("mqtt: connection to the broker at " + address + " lost (" + OneLine(reason) + "); " + retry);
        };
        bridge.Connected += () =>
        {
            if (away)
            {
                away = false;
                string which = bridge.Connections > 1 ? "re-established" : "established";
                errors.WriteLine("mqtt: connection to the broker at " + address + " " + which + " (connection " + bridge.Connections.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
            }
        };
    }

    /// <summary>
    /// The dashboard's HTTP server, or a refusal naming the option and the port when it cannot listen: the port checked
    /// free before the run can be taken before the bind (another edge-sim started at the same time), which otherwise
    /// ended the command with "failed: HttpListenerException" and exit 1.
    /// </summary>
    private static DashboardServer StartServer(string root, int? port)
    {
        try
        {
            return new DashboardServer(root, port ?? 0);
        }
        catch (System.Net.HttpListenerException e)
        {
            if (port is int given)
            {
                throw new UsageException("--dashboard-port: " + (PortProblem(given) ?? "cannot listen on 127.0.0.1:" + given + ": " + OneLine(e.Message)));
            }

            throw new UsageException("--dashboard: cannot listen on a free port of 127.0.0.1: " + OneLine(e.Message));
        }
    }

    /// <summary>Why the dashboard's server could not listen on 127.0.0.1:<paramref name="port"/>, or null when it can.</summary>
    private static string? PortProblem(int port)
    {
        System.Net.Sockets.TcpListener probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        try
        {
            probe.Start();
            return null;
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            return "port " + port + " on 127.0.0.1 is in use (an edge-sim still serving its dashboard ends with Ctrl-C); give another port or free it";
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return "cannot listen on 127.0.0.1:" + port + ": " + e.Message;
        }
        finally
        {
            probe.Stop();
        }
    }

    /// <summary>The options a user would change for a broker's refusal, named as the command line's other checks name theirs.</summary>
    private static string OptionsBehind(ConnectOutcome outcome, LiveConnectionSettings line)
    {
        switch (outcome)
        {
            case ConnectOutcome.TlsFailed:
                return line.CaFile != null ? "--mqtt-ca" : "--mqtt/--mqtt-ca";
            case ConnectOutcome.BadCredentials:
            case ConnectOutcome.NotAuthorized:
                return line.User != null ? "--mqtt-user/--mqtt-password" : "--mqtt (the broker may need --mqtt-user and --mqtt-password)";
            case ConnectOutcome.SubscriptionRefused:
            case ConnectOutcome.PublishFailed:
                return "--mqtt-user/--device-id";
            default:
                return "--mqtt";
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>
    /// Ends the simulated device while the broker and the dashboard's server stay up: what it still holds is handed to
    /// the broker (5 s at most), then it shuts down as the firmware does, with the retained status "offline".
    /// </summary>
    public void EndDevice()
    {
        if (_deviceEnded)
        {
            return;
        }

        _deviceEnded = true;
        Bridge.Flush(FlushTimeout);
        Bridge.Dispose();
    }

    public void Dispose()
    {
        EndDevice();
        _server?.Dispose();
        _broker?.Dispose();
    }
}
