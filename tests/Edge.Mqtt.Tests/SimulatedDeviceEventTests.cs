// Licensed under the MIT License.

using System.Text.Json;
using Edge.Core;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.HostSim.Faults;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// A simulated device bridged to a broker publishes the firmware's own events (<c>edge/&lt;id&gt;/device-event</c>,
    /// firmware/README.md: QoS 1, <c>{"v":1,"bootId","code","message","timeUtc","seq"}</c>) where a run has a real counterpart: the
    /// warnings of its board file (<c>board-warning</c>, "board NAME WARNING" as BootSequence words it) and a unit
    /// without per-unit calibration (<c>uncalibrated</c>), failed and lost broker connections (<c>mqtt-connect</c>, as the
    /// firmware's MqttSession words them); events raised while offline are kept and arrive, in order, once connected.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class SimulatedDeviceEventTests : IDisposable
    {
        private readonly BrokerFixture _fixture;
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-device-event-" + Guid.NewGuid().ToString("N"));

        public SimulatedDeviceEventTests(BrokerFixture fixture)
        {
            _fixture = fixture;
            Directory.CreateDirectory(_directory);
        }

        public void Dispose()
        {
            Directory.Delete(_directory, recursive: true);
        }

        [Fact]
        public void A_run_on_a_board_without_a_hardware_enable_publishes_its_board_warning_with_the_runs_boot_id()
        {
            string board = NoEnableBoard();

            (List<JsonElement> events, string bootId) = Run(board, unitCalibrated: true);

            Assert.NotEmpty(events);
            Assert.All(events, e => CheckEnvelope(e, bootId));
            List<string> warnings = events.Where(e => e.GetProperty("code").GetString() == "board-warning").Select(e => e.GetProperty("message").GetString()!).ToList();
            Assert.Contains(warnings, w => w.StartsWith("board esp32-devkitc-4s2m ", StringComparison.Ordinal) && w.Contains("[enable]", StringComparison.Ordinal) && w.Contains("unsafe for act mode", StringComparison.Ordinal));
            Assert.All(warnings, w => Assert.StartsWith("board esp32-devkitc-4s2m ", w));
            Assert.DoesNotContain(events, e => e.GetProperty("code").GetString() == "uncalibrated");
        }

        [Fact]
        public void An_uncalibrated_unit_publishes_one_uncalibrated_event_naming_its_board()
        {
            string board = Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board");

            (List<JsonElement> events, string bootId) = Run(board, unitCalibrated: false);

            Assert.All(events, e => CheckEnvelope(e, bootId));
            JsonElement uncalibrated = Assert.Single(events, e => e.GetProperty("code").GetString() == "uncalibrated");
            string message = uncalibrated.GetProperty("message").GetString()!;
            Assert.StartsWith("no per-unit calibration for board esp32-devkitc-4s2m", message);
            Assert.Contains("observe only", message);
        }

        [Fact]
        public void A_lost_connection_is_reported_once_the_device_is_back_on_the_broker()
        {
            string deviceId = "events-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string topic = "edge/" + deviceId + "/device-event";
            using HostMqttClient observer = TestClients.ConnectedObserver(_fixture.Broker, "dashboard", topic, 1, out Recorder seen);

            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port, DeviceId = deviceId, ReconnectDelayMinMs = 300, ReconnectDelayMaxMs = 600 });
            bridge.Attach(new EdgeController(new PackLayout(1, 2, 0), new ControllerConfiguration { StartImmediately = false }));
            Assert.True(SpinWait.SpinUntil(() => bridge.IsConnected, Recorder.Patience));

            // The network drops the device (no DISCONNECT); the session notices, waits its back-off and reconnects.
            bridge.Session!.Connection.Close(false);
            Assert.True(SpinWait.SpinUntil(() => bridge.Connections == 2 && bridge.IsConnected, Recorder.Patience));
            JsonElement lost = TheOnlyConnectEvent(bridge, seen, topic, "no device event after the reconnect");
            Assert.Matches("^connection lost; retry in [0-9]+ ms$", lost.GetProperty("message").GetString());
        }

        [Fact]
        public void A_scenarios_broker_outage_is_reported_as_a_lost_connection_after_it_ends()
        {
            string deviceId = "events-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string topic = "edge/" + deviceId + "/device-event";
            using HostMqttClient observer = TestClients.ConnectedObserver(_fixture.Broker, "dashboard", topic, 1, out Recorder seen);

            MqttBridgeOptions options = new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port, DeviceId = deviceId };
            options.BrokerOutages.Add(new FaultSpec { Kind = FaultKind.BrokerOutage, AtS = 10, DurationS = 5 });
            using MqttDeviceBridge bridge = new MqttDeviceBridge(options);
            bridge.Attach(new EdgeController(new PackLayout(1, 2, 0), new ControllerConfiguration { StartImmediately = false }));
            Assert.True(SpinWait.SpinUntil(() => bridge.IsConnected, Recorder.Patience));
            bridge.ApplyOutages(12);
            Assert.True(SpinWait.SpinUntil(() => !bridge.IsConnected, Recorder.Patience));
            Thread.Sleep(300);
            Assert.Empty(seen.PayloadsOn(topic));

            bridge.ApplyOutages(15);
            Assert.True(SpinWait.SpinUntil(() => bridge.Connections == 2 && bridge.IsConnected, Recorder.Patience));
            JsonElement lost = TheOnlyConnectEvent(bridge, seen, topic, "no device event after the outage");
            Assert.StartsWith("connection lost (the scenario's brokerOutage)", lost.GetProperty("message").GetString());
        }

        [Fact]
        public void Events_raised_while_the_broker_is_away_arrive_in_order_after_it_returns()
        {
            // Its own broker, stopped before the run: the board's warnings (at boot) and the first failed attempts all happen
            // offline. The observer subscribed in a persistent session before the broker went (the broker keeps it across
            // the restart), so it gets what the device sends whether the device or it is back first: with a clean session
            // it had to subscribe within the device's back-off (3 s) of the restart, a race a loaded machine can lose.
            using MosquittoBroker broker = MosquittoBroker.StartNew();
            string deviceId = "events-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string topic = "edge/" + deviceId + "/device-event";
            HostMqttClientOptions observerOptions = TestClients.OptionsFor(broker, "dashboard");
            observerOptions.CleanSession = false;
            using HostMqttClient observer = new HostMqttClient(observerOptions);
            Recorder seen = new Recorder(observer);
            observer.Subscribe(topic, 1);
            observer.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));
            broker.Stop();
            Scenario scenario = OnBoard(NoEnableBoard(), unitCalibrated: true);

            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = broker.Port, DeviceId = deviceId, ReconnectDelayMinMs = 1500, ReconnectDelayMaxMs = 6000 });
            RunOptions options = new RunOptions { RecordTrace = false, RealtimeFactor = 10, RunOnWhenAllModulesStop = true };
            options.Observer = bridge.Observer();
            new ClosedLoopRunner(scenario, options).Run();
            Assert.True(SpinWait.SpinUntil(() => bridge.Session!.Session.Backoff.FailureCount >= 2, Recorder.Patience), "fewer than two failed attempts");
            Assert.Equal(0, bridge.Connections);

            broker.Start();
            Assert.True(SpinWait.SpinUntil(() => bridge.IsConnected, Recorder.Patience), "the device did not come back");
            Assert.True(bridge.Flush(TimeSpan.FromSeconds(10)));
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(topic).Count(p => p.Contains("\"mqtt-connect\"", StringComparison.Ordinal)) >= 2), "fewer than two mqtt-connect events");
            Thread.Sleep(500);
            List<JsonElement> events = seen.PayloadsOn(topic).Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
            Assert.All(events, e => CheckEnvelope(e, bridge.BootId));

            // Boot first (the board's warnings), then the attempts in the order they failed: retry 1, retry 2, ...
            List<string> codes = events.Select(e => e.GetProperty("code").GetString()!).ToList();
            int firstConnect = codes.IndexOf("mqtt-connect");
            Assert.True(firstConnect > 0, "no board-warning before the connection failures: " + string.Join(", ", codes));
            Assert.All(codes.Take(firstConnect), c => Assert.Equal("board-warning", c));
            Assert.All(codes.Skip(firstConnect), c => Assert.Equal("mqtt-connect", c));
            List<string> failures = events.Skip(firstConnect).Select(e => e.GetProperty("message").GetString()!).ToList();
            for (int i = 0; i < failures.Count; i++)
            {
                Assert.Matches("; retry " + (i + 1) + " in [0-9]+ ms$", failures[i]);
            }
        }

        /// <summary>
        /// After the bridge's queue is flushed: the one device event the observer got (half a second is left for a
        /// second one to show up), in the device-event envelope, coded mqtt-connect.
        /// </summary>
        private static JsonElement TheOnlyConnectEvent(MqttDeviceBridge bridge, Recorder seen, string topic, string because)
        {
            Assert.True(bridge.Flush(TimeSpan.FromSeconds(10)));
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(topic).Count > 0), because);
            Thread.Sleep(500);
            JsonElement lost = JsonDocument.Parse(Assert.Single(seen.PayloadsOn(topic))).RootElement.Clone();
            CheckEnvelope(lost, bridge.BootId);
            Assert.Equal("mqtt-connect", lost.GetProperty("code").GetString());
            return lost;
        }

        /// <summary>Runs 2 s of the board's pack (2 modules of 2 cells) on <paramref name="board"/> through a bridge; the device events a subscriber got, and the run's boot id.</summary>
        private (List<JsonElement> Events, string BootId) Run(string board, bool unitCalibrated)
        {
            Scenario scenario = OnBoard(board, unitCalibrated);
            string deviceId = "events-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string topic = "edge/" + deviceId + "/device-event";
            using HostMqttClient observer = TestClients.ConnectedObserver(_fixture.Broker, "dashboard", topic, 1, out Recorder seen);

            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port, DeviceId = deviceId });
            RunOptions options = new RunOptions { RecordTrace = false, RealtimeFactor = 10, RunOnWhenAllModulesStop = true };
            options.Observer = bridge.Observer();
            new ClosedLoopRunner(scenario, options).Run();
            Assert.True(bridge.Flush(TimeSpan.FromSeconds(10)));

            // Nothing more arrives once the flushed messages are in: wait for the first, then a quiet second.
            seen.WaitFor(() => seen.PayloadsOn(topic).Count > 0);
            Thread.Sleep(1000);
            Assert.All(seen.Messages.Where(m => m.Topic == topic), m => Assert.Equal(1, m.Qos));
            List<JsonElement> events = seen.PayloadsOn(topic).Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
            return (events, bridge.BootId);
        }

        /// <summary>2 s of the board's pack (2 modules of 2 cells) on <paramref name="board"/>.</summary>
        private static Scenario OnBoard(string board, bool unitCalibrated)
        {
            return ScenarioLoader.Parse("""
                { "name": "device-events", "seed": 4, "samplePeriodMs": 10, "timeLimitS": 2,
                  "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
                  "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
                  "controller": { "mode": "observe" },
                  "measurement": { "board": BOARD, "unitCalibrated": CALIBRATED } }
                """.Replace("BOARD", JsonSerializer.Serialize(board)).Replace("CALIBRATED", unitCalibrated ? "true" : "false"));
        }

        /// <summary>
        /// The shipped DevKitC board without its [enable] section, written to the test's folder: boards/README.md makes
        /// that a warning (nothing in hardware opens the switches if the runtime hangs: unsafe for act mode).
        /// </summary>
        private string NoEnableBoard()
        {
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"));
            int start = text.IndexOf("[enable]", StringComparison.Ordinal);
            int end = text.IndexOf("[cell 0]", StringComparison.Ordinal);
            string board = Path.Combine(_directory, "no-enable.board");
            File.WriteAllText(board, text.Substring(0, start) + text.Substring(end));
            return board;
        }

        /// <summary>The firmware's device-event payload, exactly its fields.</summary>
        private static void CheckEnvelope(JsonElement e, string bootId)
        {
            Assert.Equal(new[] { "v", "bootId", "code", "message", "timeUtc", "seq" }, e.EnumerateObject().Select(p => p.Name));
            Assert.True(e.GetProperty("seq").GetInt32() >= 1);
            Assert.Equal(1, e.GetProperty("v").GetInt32());
            Assert.Equal(bootId, e.GetProperty("bootId").GetString());
        }
    }
}
