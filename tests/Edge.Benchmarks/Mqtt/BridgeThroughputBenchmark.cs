// Licensed under the MIT License.

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Benchmarks.Mqtt
{
    /// <summary>
    /// A 16-cell pack (4 modules x 4 cells) with cell voltages every 100 ms (10 samples/s/cell) and a
    /// summary per pulse, simulated as fast as the loop runs and bridged to a private mosquitto through
    /// the core outbox (64 slots). One operation is 600 simulated seconds. Besides the time, it prints
    /// per run the stream messages numbered, handed to the broker, received by a subscriber, dropped
    /// by the outbox, the resulting messages per wall second, and the outbox's memory.
    /// </summary>
    [MemoryDiagnoser]
    public class BridgeThroughputBenchmark
    {
        private MosquittoBroker _broker;
        private HostMqttClient _subscriber;
        private Scenario _scenario;
        private long _received;

        [GlobalSetup]
        public void Setup()
        {
            _broker = MosquittoBroker.StartNew();
            _subscriber = new HostMqttClient(new HostMqttClientOptions { Host = MosquittoBroker.Host, Port = _broker.Port });
            _subscriber.MessageReceived += m =>
            {
                if (m.Topic.Contains("/telemetry/", StringComparison.Ordinal) || m.Topic.EndsWith("/event", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _received);
                }
            };
            _subscriber.Subscribe("edge/#", 0);
            _subscriber.Connect();
            SpinWait.SpinUntil(() => _subscriber.IsConnected, TimeSpan.FromSeconds(10));
            _scenario = ScenarioLoader.Parse("""
                { "name": "bridge-throughput", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 600,
                  "pack": { "modules": 4, "cellsPerModule": 4, "preset": "nak50-nasicon", "spread": { "iLimPct": 2, "tauPct": 2 } },
                  "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
                  "controller": { "mode": "observe" } }
                """);
            Console.WriteLine("// outbox memory: " + OutboxMemory());
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _subscriber.Dispose();
            _broker.Dispose();
        }

        /// <summary>As fast as the loop runs (about 3000x real time): the outbox overflows and evicts telemetry; the rate is what the link carries.</summary>
        [Benchmark]
        public long SixteenCellPackAtSimulationSpeed() => Run(0, 600);

        /// <summary>Paced at 100x real time (about 4,300 stream messages/s): nothing may be dropped.</summary>
        [Benchmark]
        public long SixteenCellPackAt100xRealTime() => Run(100, 60);

        private long Run(double realtimeFactor, double simulatedS)
        {
            _scenario.TimeLimitS = simulatedS;
            long receivedBefore = Interlocked.Read(ref _received);
            using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions { Port = _broker.Port, DeviceId = "bench" });
            RunOptions options = new RunOptions { RecordTrace = false, MaximumEvents = 1000, CellVoltagePeriodMs = 100, RealtimeFactor = realtimeFactor };
            options.Observer = bridge.Observer();
            Stopwatch wall = Stopwatch.StartNew();
            SimulationResult result = new ClosedLoopRunner(_scenario, options).Run();
            double loopS = wall.Elapsed.TotalSeconds;
            bridge.Flush(TimeSpan.FromSeconds(10));
            double totalS = wall.Elapsed.TotalSeconds;
            SpinWait.SpinUntil(() => Interlocked.Read(ref _received) - receivedBefore >= bridge.PublishedCount, TimeSpan.FromSeconds(2));
            long received = Interlocked.Read(ref _received) - receivedBefore;
            long lost = 0;
            for (int s = 0; s < TopicSet.StreamCount; s++)
            {
                lost += bridge.Outbox.LostTotal((TopicId)s);
            }

            Console.WriteLine(FormattableString.Invariant(
                $"// x{realtimeFactor}: {result.SimulatedS:0} s simulated in {loopS:0.00} s: numbered {bridge.EnqueuedCount}, handed to broker {bridge.PublishedCount}, received {received}, dropped by outbox {lost}, {bridge.PublishedCount / totalS:0} msgs/s, minimum free slots {bridge.MinimumFreeSlots}"));
            return received;
        }

        /// <summary>Managed bytes one 64-slot outbox for 4-cell modules and its publisher take (measured) and the contract's formula.</summary>
        public static string OutboxMemory()
        {
            int slotBytes = PayloadBudget.MaximumStreamPayloadBytes(4);
            long before = GC.GetAllocatedBytesForCurrentThread();
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), slotBytes);
            TelemetryPublisher publisher = new TelemetryPublisher(outbox, "b");
            long measured = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(publisher);
            return FormattableString.Invariant($"{measured} bytes allocated ({outbox.SlotCount} slots x {slotBytes} B payload; formula {outbox.SlotCount * (slotBytes + 80) + slotBytes} B)");
        }
    }
}
