// Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// The shipped per-device identities (hostsim/Edge.HostSim/Mqtt/Deployment: acl, use_username_as_clientid,
    /// a password file) enforced by a real Mosquitto: the device works as itself; a viewer reads but its command
    /// is refused; an operator commands but cannot forge a reply; nobody can be the device without its password,
    /// and a second login asking for the device's client id neither displaces it nor speaks for it.
    /// </summary>
    public sealed class AccessControlTests : IClassFixture<AccessControlTests.SecuredBroker>
    {
        private const string DeviceId = "pack-7";
        private const string Root = "edge/" + DeviceId + "/";
        private readonly SecuredBroker _fixture;

        public AccessControlTests(SecuredBroker fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void TheDeviceWorksAViewerReadsButCannotCommandAndAnOperatorCommandsButCannotForgeReplies()
        {
            using Device device = new Device(_fixture.Broker, DeviceId, SecuredBroker.DevicePassword);
            using Client viewer = Client.Connect(_fixture.Broker, "viewer", SecuredBroker.ViewerPassword, "viewer-dashboard");
            Assert.True(viewer.Connection.Subscribe("edge/#"), viewer.Connection.LastError);
            device.Bridge.Start(5);

            // The device opened its session: subscribed to its commands, published status and config.
            Assert.True(SpinWait.SpinUntil(() => device.Bridge.IsConnected, Recorder.Patience), device.Bridge.Session.LastError + "\n" + _fixture.Broker.Log);
            Assert.True(viewer.WaitFor(m => m.Topic == Root + "status" && m.Text.Contains("\"online\"")), _fixture.Broker.Log);
            Assert.True(viewer.WaitFor(m => m.Topic == Root + "config"));

            // A viewer's command: the broker answers PUBACK "not authorized" and the device never sees it.
            viewer.Publish(Root + "cmd/stop", "{\"id\":\"viewer-1\"}");
            Assert.True(viewer.WaitForRefusal(Root + "cmd/stop"), "the broker accepted a viewer's command");

            // An operator's command is delivered and answered.
            using Client operatorClient = Client.Connect(_fixture.Broker, "operator", SecuredBroker.OperatorPassword, "operator-console");
            Assert.True(operatorClient.Connection.Subscribe(Root + "cmd/result"), operatorClient.Connection.LastError);
            operatorClient.Publish(Root + "cmd/getConfig", "{\"id\":\"op-1\"}");
            Assert.True(operatorClient.WaitFor(m => m.Topic == Root + "cmd/result" && m.Text.Contains("\"op-1\"") && m.Text.Contains("\"ok\":true")));
            Assert.DoesNotContain(operatorClient.Received, m => m.Text.Contains("viewer-1"));

            // The device's own verb, calibrate, reaches it too (the simulator answers it as unknown: the broker let it through).
            operatorClient.Publish(Root + "cmd/calibrate", "{\"id\":\"op-2\",\"action\":\"status\"}");
            Assert.True(operatorClient.WaitFor(m => m.Topic == Root + "cmd/result" && m.Text.Contains("\"op-2\"")), "the broker refused an operator's calibrate:\n" + _fixture.Broker.Log);

            // Nobody but the device writes its replies or status.
            operatorClient.Publish(Root + "cmd/result", "{\"v\":1,\"id\":\"forged\",\"verb\":\"stop\",\"ok\":true}");
            Assert.True(operatorClient.WaitForRefusal(Root + "cmd/result"), "an operator could forge a reply");
            using Client otherDevice = Client.Connect(_fixture.Broker, "pack-8", SecuredBroker.OtherDevicePassword, "edge-pack-8");
            otherDevice.Publish(Root + "status", "{\"v\":1,\"status\":\"offline\",\"bootId\":\"x\"}");
            Assert.True(otherDevice.WaitForRefusal(Root + "status"), "one device could write another's status");

        }

        [Fact]
        public void NoOtherLoginCanTakeTheDevicesClientIdOrSpeakForIt()
        {
            using Device device = new Device(_fixture.Broker, DeviceId, SecuredBroker.DevicePassword);
            device.Bridge.Start(5);
            Assert.True(SpinWait.SpinUntil(() => device.Bridge.IsConnected, Recorder.Patience), device.Bridge.Session.LastError + "\n" + _fixture.Broker.Log);
            using Client watcher = Client.Connect(_fixture.Broker, "operator", SecuredBroker.OperatorPassword, "operator-watch");
            Assert.True(watcher.Connection.Subscribe(Root + "status"));

            // The device's user name with a wrong password, and no user at all, asking for the device's client id: refused at CONNECT.
            using (MqttNetConnection impostor = new MqttNetConnection(new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port }))
            {
                ConnectOutcome wrongPassword = impostor.Open("edge-" + DeviceId, DeviceId, "guessed", 10, null!, null!);
                Assert.Contains(wrongPassword, new[] { ConnectOutcome.BadCredentials, ConnectOutcome.NotAuthorized });
                ConnectOutcome anonymous = impostor.Open("edge-" + DeviceId, string.Empty, string.Empty, 10, null!, null!);
                Assert.Contains(anonymous, new[] { ConnectOutcome.BadCredentials, ConnectOutcome.NotAuthorized });
            }

            // A valid login (a viewer) asking for the device's client id gets its own user name as client id:
            // the device's session stays, and the impostor cannot publish as the device.
            using Client squatter = Client.Connect(_fixture.Broker, "viewer", SecuredBroker.ViewerPassword, "edge-" + DeviceId);
            squatter.Publish(Root + "status", "{\"v\":1,\"status\":\"offline\",\"bootId\":\"squatter\"}");
            Assert.True(squatter.WaitForRefusal(Root + "status"));
            Thread.Sleep(500);
            Assert.True(device.Bridge.IsConnected);
            Assert.True(device.Bridge.Session.ConnectionCount == 1, _fixture.Broker.Log);
            Assert.DoesNotContain("Client " + DeviceId + " already connected", _fixture.Broker.Log);
            Assert.DoesNotContain(watcher.Received, m => m.Text.Contains("\"offline\""));
            Assert.Contains("as viewer", _fixture.Broker.Log);
        }

        /// <summary>Mosquitto with the shipped ACL, use_username_as_clientid and a password file for a device, an operator, a viewer.</summary>
        public sealed class SecuredBroker : IDisposable
        {
            public const string DevicePassword = "device-secret";
            public const string OtherDevicePassword = "other-secret";
            public const string OperatorPassword = "operator-secret";
            public const string ViewerPassword = "viewer-secret";

            public SecuredBroker()
            {
                MosquittoBrokerOptions options = new MosquittoBrokerOptions { AclFile = DeploymentFile("acl") };
                options.Users.Add(DeviceId, DevicePassword);
                options.Users.Add("pack-8", OtherDevicePassword);
                options.Users.Add("operator", OperatorPassword);
                options.Users.Add("viewer", ViewerPassword);

                // The identity lines of the shipped mosquitto.conf, taken from it so the test runs what users run.
                options.ListenerConfiguration.AddRange(File.ReadAllLines(DeploymentFile("mosquitto.conf")).Where(l => l.StartsWith("use_username_as_clientid", StringComparison.Ordinal)));
                Assert.Single(options.ListenerConfiguration);
                Broker = MosquittoBroker.StartNew(options);
            }

            public MosquittoBroker Broker { get; }

            public static string DeploymentFile(string name)
            {
                DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
                while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
                {
                    directory = directory.Parent;
                }

                return Path.Combine(directory!.FullName, "hostsim", "Edge.HostSim", "Mqtt", "Deployment", name);
            }

            public void Dispose() => Broker.Dispose();
        }

        /// <summary>A simulated device logging in as its device id.</summary>
        private sealed class Device : IDisposable
        {
            public Device(MosquittoBroker broker, string deviceId, string password)
            {
                PackLayout layout = new PackLayout(1, 2, 0);
                EdgeController controller = new EdgeController(layout, new ControllerConfiguration { StartImmediately = false });
                TopicSet topics = new TopicSet(deviceId);
                MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(2));
                TelemetryPublisher publisher = new TelemetryPublisher(outbox, "b0");
                SessionSettings settings = new SessionSettings { Username = deviceId, Password = password, KeepAliveS = 10, InitialBackoffMs = 200, MaximumBackoffMs = 1000 };
                Bridge = new EdgeMqttBridge(new MqttEndpoint { Host = MosquittoBroker.Host, Port = broker.Port }, settings, controller, topics, outbox, new CommandHandler(controller, null), publisher, "b0");
            }

            public EdgeMqttBridge Bridge { get; }

            public void Dispose() => Bridge.Dispose();
        }

        /// <summary>A logged-in test client that records what it receives and which publishes the broker refused.</summary>
        private sealed class Client : IDisposable
        {
            private readonly ConcurrentQueue<(string Topic, string Text)> _received = new ConcurrentQueue<(string, string)>();
            private readonly ConcurrentQueue<string> _refused = new ConcurrentQueue<string>();

            private Client(MqttNetConnection connection)
            {
                Connection = connection;
                connection.MessageReceived += (topic, payload, qos, retain) => _received.Enqueue((topic, Encoding.UTF8.GetString(payload)));
                connection.PublishRefused += (topic, reason) => _refused.Enqueue(topic + " " + reason);
            }

            public MqttNetConnection Connection { get; }

            public List<(string Topic, string Text)> Received => _received.ToList();

            public static Client Connect(MosquittoBroker broker, string user, string password, string clientId)
            {
                MqttNetConnection connection = new MqttNetConnection(new MqttEndpoint { Host = MosquittoBroker.Host, Port = broker.Port });
                Client client = new Client(connection);
                ConnectOutcome outcome = connection.Open(clientId, user, password, 10, null!, null!);
                Assert.True(outcome == ConnectOutcome.Accepted, user + ": " + outcome + " " + connection.LastError + "\n" + broker.Log);
                return client;
            }

            public void Publish(string topic, string json)
            {
                byte[] payload = Encoding.UTF8.GetBytes(json);
                Assert.True(Connection.PublishTo(topic, payload, 0, payload.Length, 1, false) > 0);
            }

            public bool WaitFor(Func<(string Topic, string Text), bool> match) => SpinWait.SpinUntil(() => _received.Any(match), Recorder.Patience);

            public bool WaitForRefusal(string topic) => SpinWait.SpinUntil(() => _refused.Any(r => r.StartsWith(topic + " NotAuthorized", StringComparison.Ordinal)), Recorder.Patience);

            public void Dispose() => Connection.Dispose();
        }
    }
}
