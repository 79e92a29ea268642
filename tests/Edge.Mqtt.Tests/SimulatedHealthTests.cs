// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Faults;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// A simulated device bridged to a broker publishes the device's periodic <c>health</c> message
    /// (CONTRACT.md "health: tick timing", fields in firmware/README.md): on the same topic, at connection and then
    /// every 30 s of device time (the firmware's default health_period_s), with the tick timing the run produced and
    /// null where the simulator has nothing that stands for the device's figure.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class SimulatedHealthTests
    {
        /// <summary>The health message's fields as firmware/README.md lists them.</summary>
        private static readonly string[] DeviceFields =
        {
            "uptime_ms", "ticks", "tick_overruns", "tick_max_us_since_last", "tick_latency_max_us_since_last",
            "tick_histogram_edges_us", "tick_latency_histogram", "tick_execution_histogram", "period_us",
            "native_free_bytes", "native_largest_block_bytes", "outbox_free_slots", "outbox_lost_total",
            "outbox_lost_replies", "commands_refused", "connections", "watchdog_tripped",
        };

        /// <summary>Device figures a simulation has no counterpart of: the ESP32's heap, its sampling watchdog, and the device's execution time (simulated ticks take no simulated time).</summary>
        private static readonly string[] NullInSimulation =
        {
            "tick_max_us_since_last", "tick_execution_histogram", "native_free_bytes", "native_largest_block_bytes", "watchdog_tripped",
        };

        private readonly BrokerFixture _fixture;

        public SimulatedHealthTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void A_simulated_run_publishes_health_every_30_s_of_device_time_matching_its_summary()
        {
            // 90 s at 10 ms: releases at 0, 10, ..., 90000 ms (9001). nanoFramework-like late starts for the first 20 s
            // (up to 20 ms late, a 15 ms collection every few seconds: some ticks start past the next release and
            // swallow it), none after, so the releases at 30, 60 and 90 s are answered on time.
            Scenario scenario = ScenarioLoader.Parse("""
                { "name": "health", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 90,
                  "pack": { "modules": 1, "cellsPerModule": 2, "preset": "nak50-nasicon" },
                  "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
                  "controller": { "mode": "observe" },
                  "faults": [ { "kind": "tickJitter", "atS": 0, "durationS": 20, "jitterMs": 20, "mode": "nanoFramework", "busyFraction": 0.5, "gcPeriodS": 4, "gcPauseMs": 15 } ] }
                """);
            string deviceId = "health-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string topic = "edge/" + deviceId + "/health";
            using HostMqttClient observer = TestClients.ConnectedObserver(_fixture.Broker, "dashboard", topic, 0, out Recorder seen);

            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port, DeviceId = deviceId });
            RunOptions options = new RunOptions { RecordTrace = false, RealtimeFactor = 100, CellVoltagePeriodMs = 1000, RunOnWhenAllModulesStop = true };
            options.Observer = bridge.Observer();
            SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
            Assert.True(bridge.Flush(TimeSpan.FromSeconds(10)));
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(topic).Count >= 4), "health messages: " + seen.PayloadsOn(topic).Count);
            List<JsonElement> health = seen.PayloadsOn(topic).Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
            Assert.Equal(4, health.Count);

            // What summary.json says of the run.
            string summaryPath = Path.Combine(Path.GetTempPath(), "health-summary-" + Guid.NewGuid().ToString("N") + ".json");
            RunOutputWriter.WriteSummary(summaryPath, scenario, result);
            JsonElement timing = JsonDocument.Parse(File.ReadAllText(summaryPath)).RootElement.GetProperty("tickTiming").Clone();
            File.Delete(summaryPath);

            foreach (JsonElement h in health)
            {
                CheckSchema(h);
            }

            // At connection, then every 30 s of device time.
            Assert.Equal(new long[] { 0, 30000, 60000, 90000 }, health.Select(h => h.GetProperty("uptime_ms").GetInt64()));

            long previousTicks = 0;
            foreach (JsonElement h in health)
            {
                long ticks = h.GetProperty("ticks").GetInt64();
                long uptimeMs = h.GetProperty("uptime_ms").GetInt64();

                // Every release up to now was answered by a tick or missed.
                Assert.Equal((uptimeMs / 10) + 1, ticks + h.GetProperty("tick_overruns").GetInt64());

                // The histograms cover the ticks since the previous message.
                Assert.Equal(ticks - previousTicks, Sum(h.GetProperty("tick_latency_histogram")));
                Assert.Equal(ticks - previousTicks, Sum(h.GetProperty("host_tick_execution_histogram")));
                previousTicks = ticks;
                Assert.Equal(10000, h.GetProperty("period_us").GetInt32());
                Assert.Equal(1, h.GetProperty("connections").GetInt32());
            }

            // After the late starts end (20 s): 3000 ticks a message, each on its release, no more overruns.
            for (int i = 2; i < 4; i++)
            {
                Assert.Equal(3000, health[i].GetProperty("ticks").GetInt64() - health[i - 1].GetProperty("ticks").GetInt64());
                Assert.Equal(health[1].GetProperty("tick_overruns").GetInt64(), health[i].GetProperty("tick_overruns").GetInt64());
                Assert.Equal(0, health[i].GetProperty("tick_latency_max_us_since_last").GetInt32());
            }

            // The last message, at the run's last release, accounts for the whole run as summary.json does.
            JsonElement last = health[3];
            Assert.Equal(timing.GetProperty("ticks").GetInt64(), last.GetProperty("ticks").GetInt64());
            Assert.Equal(timing.GetProperty("missedReleases").GetInt64(), last.GetProperty("tick_overruns").GetInt64());
            Assert.True(last.GetProperty("tick_overruns").GetInt64() > 0, "the late starts swallowed no release: the test checks nothing of overruns");
            int latencyMax = health.Max(h => h.GetProperty("tick_latency_max_us_since_last").GetInt32());
            Assert.Equal(timing.GetProperty("latencyMaxUs").GetInt32(), latencyMax);
            Assert.True(latencyMax > 0);
            long[] latencySum = new long[10];
            foreach (JsonElement h in health)
            {
                int bin = 0;
                foreach (JsonElement n in h.GetProperty("tick_latency_histogram").EnumerateArray())
                {
                    latencySum[bin++] += n.GetInt64();
                }
            }

            Assert.Equal(timing.GetProperty("latencyHistogram").EnumerateArray().Select(n => n.GetInt64()), latencySum);
        }

        [Fact]
        public void A_broker_outage_sends_no_health_while_offline_and_one_at_the_reconnect_covering_the_ticks_since()
        {
            // A broker outage from 40 s to 50 s of a 90 s run: messages at 0 and 30 s, none while offline (a device
            // publishes nothing then), one as soon as the session opens again. Reconnecting takes wall time (a quarter of a
            // second was seen), so the run goes at 10 times real time and the test allows up to 3 s of it.
            Scenario scenario = ScenarioLoader.Parse("""
                { "name": "health-outage", "seed": 5, "samplePeriodMs": 10, "timeLimitS": 90,
                  "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                  "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
                  "controller": { "mode": "observe" },
                  "faults": [ { "kind": "brokerOutage", "atS": 40, "durationS": 10 } ] }
                """);
            string deviceId = "health-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string topic = "edge/" + deviceId + "/health";
            using HostMqttClient observer = TestClients.ConnectedObserver(_fixture.Broker, "dashboard", topic, 0, out Recorder seen);

            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port, DeviceId = deviceId });
            bridge.ScheduleBrokerOutages(scenario.Faults);
            RunOptions options = new RunOptions { RecordTrace = false, RealtimeFactor = 10, CellVoltagePeriodMs = 1000, RunOnWhenAllModulesStop = true };
            options.Observer = bridge.Observer();
            new ClosedLoopRunner(scenario, options).Run();
            Assert.True(bridge.Flush(TimeSpan.FromSeconds(10)));
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(topic).Any(p => JsonDocument.Parse(p).RootElement.GetProperty("connections").GetInt32() == 2)), "no health after the reconnect");
            List<JsonElement> health = seen.PayloadsOn(topic).Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();

            Assert.Equal(new long[] { 0, 30000 }, health.Take(2).Select(h => h.GetProperty("uptime_ms").GetInt64()));
            Assert.DoesNotContain(health, h => h.GetProperty("uptime_ms").GetInt64() > 30000 && h.GetProperty("uptime_ms").GetInt64() < 50000);
            JsonElement reconnect = health[2];
            Assert.Equal(2, reconnect.GetProperty("connections").GetInt32());
            Assert.InRange(reconnect.GetProperty("uptime_ms").GetInt64(), 50000, 80000);

            // No tick is lost to the outage: the first message after it covers every tick since the one at 30 s.
            long ticksSince = reconnect.GetProperty("ticks").GetInt64() - health[1].GetProperty("ticks").GetInt64();
            Assert.Equal((reconnect.GetProperty("uptime_ms").GetInt64() - 30000) / 10, ticksSince);
            Assert.Equal(ticksSince, Sum(reconnect.GetProperty("tick_latency_histogram")));
        }

        /// <summary>Every device field is there, of its type, or null where the simulator has no counterpart; the simulator's own fields say what they are.</summary>
        private static void CheckSchema(JsonElement h)
        {
            Assert.Equal(JsonValueKind.Object, h.ValueKind);
            Assert.False(h.TryGetProperty("v", out _), "health is outside the contract's message rules: no v");
            foreach (string field in DeviceFields)
            {
                Assert.True(h.TryGetProperty(field, out JsonElement value), "missing " + field);
                if (NullInSimulation.Contains(field))
                {
                    Assert.True(value.ValueKind == JsonValueKind.Null, field + " has no counterpart in a simulation, but is " + value);
                    continue;
                }

                switch (field)
                {
                    case "tick_histogram_edges_us":
                        Assert.Equal(new[] { 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000 }, value.EnumerateArray().Select(e => e.GetInt32()));
                        break;
                    case "tick_latency_histogram":
                        Assert.Equal(10, value.GetArrayLength());
                        Assert.All(value.EnumerateArray(), e => Assert.True(e.GetInt32() >= 0));
                        break;
                    default:
                        Assert.Equal(JsonValueKind.Number, value.ValueKind);
                        Assert.True(value.GetInt64() >= 0, field + " is negative");
                        break;
                }
            }

            Assert.Equal(JsonValueKind.String, h.GetProperty("provenance").ValueKind);
            Assert.Contains("simulat", h.GetProperty("provenance").GetString());
            Assert.True(h.GetProperty("host_tick_max_us_since_last").GetInt32() >= 0);
            Assert.Equal(10, h.GetProperty("host_tick_execution_histogram").GetArrayLength());
        }

        private static long Sum(JsonElement array) => array.EnumerateArray().Sum(e => e.GetInt64());
    }
}
