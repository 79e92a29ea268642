// Licensed under the MIT License.

using System.Diagnostics;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// A bridged run's first tick waits for the first connection attempt, bounded by <see cref="MqttBridgeOptions.FirstConnectionWaitMs"/>:
    /// a broker that has not answered by then is named (<see cref="MqttDeviceBridge.FirstConnectionLate"/>, which the command
    /// line prints) and the run starts without it; one that answers in time raises nothing.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class FirstConnectionWaitTests
    {
        private const string ShortRun = """
            { "name": "first-connection", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 2,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" } }
            """;

        private readonly BrokerFixture _fixture;

        public FirstConnectionWaitTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void A_broker_that_does_not_answer_within_the_wait_is_named_and_the_run_starts_without_it()
        {
            using BrokerLinkProxy link = new BrokerLinkProxy(_fixture.Broker.Port);
            link.HoldRequests = true;
            string deviceId = "first-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = link.Port, DeviceId = deviceId, FirstConnectionWaitMs = 400 });
            List<(string Broker, int WaitedMs)> late = new List<(string, int)>();
            bridge.FirstConnectionLate += (broker, waited) => late.Add((broker, waited));
            RunOptions options = new RunOptions { RecordTrace = false };
            options.Observer = bridge.Observer();

            Stopwatch wall = Stopwatch.StartNew();
            SimulationResult result = new ClosedLoopRunner(ScenarioLoader.Parse(ShortRun), options).Run();
            wall.Stop();

            Assert.Equal("timeLimit", result.TerminatedBy);
            (string broker, int waitedMs) = Assert.Single(late);
            Assert.Equal(MosquittoBroker.Host + ":" + link.Port, broker);
            Assert.Equal(400, waitedMs);
            // It waited for the broker, and no longer than the bound: the CONNECT is still held. The wait's timeout is
            // counted on the system's tick, not the Stopwatch, so it may end a little short of 400 ms of Stopwatch time (399
            // was read once in CI); a run that did not wait would take a few milliseconds.
            Assert.InRange(wall.ElapsedMilliseconds, 390, 5000);
            Assert.Equal(0, bridge.Connections);
            link.HoldRequests = false;
        }

        [Fact]
        public void A_broker_that_answers_in_time_is_not_reported_late()
        {
            string deviceId = "first-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port, DeviceId = deviceId });
            int late = 0;
            bridge.FirstConnectionLate += (broker, waited) => late++;
            RunOptions options = new RunOptions { RecordTrace = false };
            options.Observer = bridge.Observer();

            new ClosedLoopRunner(ScenarioLoader.Parse(ShortRun), options).Run();

            Assert.Equal(0, late);
            Assert.Equal(1, bridge.Connections);
            Assert.True(bridge.Flush(TimeSpan.FromSeconds(10)));
        }
    }
}
