// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// A simulated device bridged to a broker publishes the firmware's own events (<c>edge/&lt;id&gt;/device-event</c>,
    /// firmware/README.md: QoS 1, <c>{"v":1,"bootId","code","message"}</c>) where a run has a real counterpart: the
    /// warnings of its board file (<c>board-warning</c>, "board NAME WARNING" as BootSequence words it) and a unit
    /// without per-unit calibration (<c>uncalibrated</c>).
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
            // The shipped DevKitC board without its [enable] section: boards/README.md makes that a warning (nothing in
            // hardware opens the switches if the runtime hangs: unsafe for act mode).
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"));
            int start = text.IndexOf("[enable]", StringComparison.Ordinal);
            int end = text.IndexOf("[cell 0]", StringComparison.Ordinal);
            string board = Path.Combine(_directory, "no-enable.board");
            File.WriteAllText(board, text.Substring(0, start) + text.Substring(end));

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

        /// <summary>Runs 2 s of the board's pack (2 modules of 2 cells) on <paramref name="board"/> through a bridge; the device events a subscriber got, and the run's boot id.</summary>
        private (List<JsonElement> Events, string BootId) Run(string board, bool unitCalibrated)
        {
            Scenario scenario = ScenarioLoader.Parse("""
                { "name": "device-events", "seed": 4, "samplePeriodMs": 10, "timeLimitS": 2,
                  "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
                  "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
                  "controller": { "mode": "observe" },
                  "measurement": { "board": BOARD, "unitCalibrated": CALIBRATED } }
                """.Replace("BOARD", JsonSerializer.Serialize(board)).Replace("CALIBRATED", unitCalibrated ? "true" : "false"));
            string deviceId = "events-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string topic = "edge/" + deviceId + "/device-event";
            using HostMqttClient observer = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "dashboard"));
            Recorder seen = new Recorder(observer);
            observer.Subscribe(topic, 1);
            observer.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

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

        /// <summary>The firmware's device-event payload, exactly its four fields.</summary>
        private static void CheckEnvelope(JsonElement e, string bootId)
        {
            Assert.Equal(new[] { "v", "bootId", "code", "message" }, e.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1, e.GetProperty("v").GetInt32());
            Assert.Equal(bootId, e.GetProperty("bootId").GetString());
        }
    }
}
