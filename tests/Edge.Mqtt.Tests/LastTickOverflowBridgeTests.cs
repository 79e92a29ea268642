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
    /// The records a run's last tick had no room for reach the event stream as they reach the run's files: the core
    /// reports them in a telemetryOverflow event at its next tick (CONTRACT.md: value = records lost, pack-wide, info),
    /// which a run that ends there never has. 256 identical one-cell modules without noise reach their cut-off in the
    /// same tick and end the run there (as in LastTickOverflowTests); events.jsonl counts the cutoffs the tick lost, and
    /// the bridged device published nothing of them.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class LastTickOverflowBridgeTests
    {
        private readonly BrokerFixture _fixture;

        public LastTickOverflowBridgeTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void The_last_ticks_lost_records_are_reported_on_the_event_topic_as_in_the_runs_files()
        {
            Scenario scenario = ScenarioLoader.Parse("""
                { "name": "last-tick-overflow", "seed": 1, "samplePeriodMs": 50, "timeLimitS": 60,
                  "pack": { "modules": 256, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                  "protocol": { "steps": [ "Strip at 4 mA/cm2" ], "cutoffV": 3.0 },
                  "controller": { "mode": "observe" },
                  "measurement": { "voltageNoiseMv": 0 } }
                """);
            string deviceId = "overflow-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string topic = "edge/" + deviceId + "/event";
            using HostMqttClient observer = TestClients.ConnectedObserver(_fixture.Broker, "dashboard", topic, 1, out Recorder seen);

            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port, DeviceId = deviceId });
            RunOptions options = new RunOptions { RecordTrace = false };
            options.Observer = bridge.Observer();
            SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
            Assert.True(bridge.Flush(TimeSpan.FromSeconds(20)));

            // The files' account: one telemetryOverflow at the last tick (the case under test).
            Assert.Equal("allModulesStopped", result.TerminatedBy);
            SimulationEvent inFiles = Assert.Single(result.Events, e => e.Kind == "telemetryOverflow");
            long lastTickMs = (long)Math.Round(inFiles.TS * 1000.0);

            Assert.True(seen.WaitFor(() => Overflows(seen, topic).Count >= 1), "no telemetryOverflow event on " + topic);
            Thread.Sleep(300);
            JsonElement published = Assert.Single(Overflows(seen, topic));
            Assert.Equal(inFiles.Value, published.GetProperty("value").GetInt64());
            Assert.Equal(lastTickMs, published.GetProperty("tMs").GetInt64());
            Assert.Equal("info", published.GetProperty("severity").GetString());
            Assert.Equal(JsonValueKind.Null, published.GetProperty("module").ValueKind);

            // Sent after the run's last tick, as the core's next tick would have: the last event the device numbered but
            // for the run's last outboxOverflow, which follows it when the outbox lost messages after its last report.
            List<JsonElement> all = seen.PayloadsOn(topic).Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
            long lastSeq = all.Max(e => e.GetProperty("seq").GetInt64());
            long seq = published.GetProperty("seq").GetInt64();
            Assert.True(lastSeq == seq || (lastSeq == seq + 1 && all.Single(e => e.GetProperty("seq").GetInt64() == lastSeq).GetProperty("kind").GetString() == "outboxOverflow"), $"telemetryOverflow seq {seq}, last event seq {lastSeq}");
        }

        private static List<JsonElement> Overflows(Recorder seen, string topic) =>
            seen.PayloadsOn(topic)
                .Select(p => JsonDocument.Parse(p).RootElement.Clone())
                .Where(e => e.GetProperty("kind").GetString() == "telemetryOverflow")
                .ToList();
    }
}
