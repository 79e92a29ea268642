// Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Benchmarks.Mqtt
{
    /// <summary>
    /// Publish throughput of the host's MQTTnet transport against a private mosquitto on loopback: one
    /// operation is one message, measured until the client reports it complete (QoS 1: PUBACK from
    /// the broker; QoS 0: written to the socket). Tells how much telemetry the host link can carry.
    /// </summary>
    [MemoryDiagnoser]
    public class MqttPublishBenchmarks
    {
        private const int Batch = 1000;

        private readonly byte[] _payload = new byte[64];
        private MosquittoBroker _broker;
        private HostMqttClient _client;
        private int _completed;
        private ManualResetEventSlim _batchDone;

        /// <summary>Starts broker and client; mosquitto must be installed (see .ci/install-test-deps).</summary>
        [GlobalSetup]
        public void Setup()
        {
            _broker = MosquittoBroker.StartNew();
            _batchDone = new ManualResetEventSlim(false);
            _client = new HostMqttClient(new HostMqttClientOptions { Host = MosquittoBroker.Host, Port = _broker.Port });
            _client.PublishAcknowledged += _ =>
            {
                if (Interlocked.Increment(ref _completed) == Batch)
                {
                    _batchDone.Set();
                }
            };
            ManualResetEventSlim connected = new ManualResetEventSlim(false);
            _client.Connected += connected.Set;
            _client.Connect();
            if (!connected.Wait(TimeSpan.FromSeconds(10)))
            {
                throw new InvalidOperationException("no connection to the benchmark broker");
            }
        }

        /// <summary>Stops client and broker.</summary>
        [GlobalCleanup]
        public void Cleanup()
        {
            _client.Dispose();
            _broker.Dispose();
            _batchDone.Dispose();
        }

        /// <summary>64-byte QoS 1 messages, per message until its PUBACK arrived.</summary>
        [Benchmark(OperationsPerInvoke = Batch)]
        public void PublishQos1UntilAcknowledged()
        {
            PublishBatch(1);
        }

        /// <summary>64-byte QoS 0 messages, per message until written to the socket.</summary>
        [Benchmark(OperationsPerInvoke = Batch)]
        public void PublishQos0UntilWritten()
        {
            PublishBatch(0);
        }

        private void PublishBatch(int qos)
        {
            _completed = 0;
            _batchDone.Reset();
            for (int i = 0; i < Batch; i++)
            {
                if (_client.Publish("bench/telemetry", _payload, 0, _payload.Length, qos, false) <= 0)
                {
                    throw new InvalidOperationException("publish refused");
                }
            }

            if (!_batchDone.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new InvalidOperationException("batch not completed");
            }
        }
    }
}
