using System;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;

namespace Edge.DeviceCost
{
    /// <summary>
    /// The 16-cell, 4-module pack of the tick benchmarks with every detector on, on the default protocol
    /// (1 s pulses at 385 uA, 5 s rests, 10 ms ticks), fed a fixed sequence of frames computed up front:
    /// square-root rise while the current flows, the matching relaxation in the rest, 1.6 mV of reading
    /// noise. The same sequence as the BenchmarkDotNet ControllerTick benchmark, so the figures compare.
    /// Optionally publishes every tick's records into an outbox pumped into a sink that accepts everything.
    /// </summary>
    internal sealed class BenchmarkPack
    {
        public const int Modules = 4;
        public const int CellsPerModule = 4;
        public const int PeriodTicks = 600;    // 6 s at 10 ms
        public const int PulseTicks = 100;     // 1 s
        public const int FrameCount = PeriodTicks * 10;

        private readonly EdgeController _controller;
        private readonly ActionFrame _actions;
        private readonly SampleFrame[] _frames;
        private readonly TelemetryPublisher _publisher;
        private readonly MessageOutbox _outbox;
        private readonly AcceptingTransport _transport;
        private long _tick;

        public BenchmarkPack(bool publish, bool checksum)
        {
            var layout = new PackLayout(Modules, CellsPerModule, 2);
            _controller = new EdgeController(layout, new ControllerConfiguration());
            _actions = new ActionFrame(layout);
            _frames = Frames(layout);
            if (publish)
            {
                _outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(CellsPerModule));
                _publisher = new TelemetryPublisher(_outbox, "3fa9c2d1");
                _transport = new AcceptingTransport(_outbox, checksum);
            }
        }

        public EdgeController Controller => _controller;

        /// <summary>Messages the sink has taken, and their payload bytes: a fingerprint of what the ticks published.</summary>
        public long MessagesPublished => _transport == null ? 0 : _transport.Messages;

        public long PayloadBytesPublished => _transport == null ? 0 : _transport.PayloadBytes;

        /// <summary>FNV-1a hash of every payload byte in order (with checksums on), so two builds can be shown to publish the same.</summary>
        public uint PayloadChecksum => _transport == null ? 0 : _transport.Checksum;

        public void Run(int ticks)
        {
            if (_publisher == null)
            {
                for (int i = 0; i < ticks; i++)
                {
                    Tick();
                }
            }
            else
            {
                for (int i = 0; i < ticks; i++)
                {
                    long now = Tick();
                    _publisher.Publish(_controller.Telemetry, now);
                    _outbox.Pump(_transport);
                }
            }
        }

        /// <summary>Total pulses over all modules so far.</summary>
        public long PulseCount()
        {
            long pulses = 0;
            for (int m = 0; m < Modules; m++)
            {
                pulses += _controller.Module(m).PulseCount;
            }

            return pulses;
        }

        /// <summary>Throws unless every module pulses without a latched fault: otherwise the run measures the wrong path.</summary>
        public void CheckHealthy()
        {
            for (int m = 0; m < Modules; m++)
            {
                if (_controller.Diagnosis.HasLatchedFault(m) || _controller.Module(m).PulseCount < 30)
                {
                    throw new InvalidOperationException("module " + m + " is not pulsing healthily after the warm-up; the benchmark would measure the wrong path");
                }
            }
        }

        private long Tick()
        {
            long tick = _tick++;
            SampleFrame frame = _frames[tick % FrameCount];
            frame.TickIndex = tick;
            frame.TimestampMs = tick * 10;
            _controller.Tick(frame, _actions);
            return frame.TimestampMs;
        }

        private static SampleFrame[] Frames(PackLayout layout)
        {
            var frames = new SampleFrame[FrameCount];
            var random = new Random(11);
            for (int i = 0; i < FrameCount; i++)
            {
                var frame = new SampleFrame(layout);
                int phase = i % PeriodTicks;

                // The switch closes at tick 0 of each period; samples 1..100 carry the current that flowed.
                bool current = phase >= 1 && phase <= PulseTicks;
                for (int m = 0; m < Modules; m++)
                {
                    frame.ModuleCurrentUa[m] = current ? 385 : random.Next(-3, 4);
                    for (int c = 0; c < CellsPerModule; c++)
                    {
                        double t = phase / 100.0;
                        double v = current
                            ? 150 + (20 * Math.Sqrt(t))
                            : (phase > PulseTicks ? 20 * (Math.Sqrt(t) - Math.Sqrt(t - 1.0)) : 0);
                        frame.CellVoltageMv[(m * CellsPerModule) + c] = (int)Math.Round(v + (1.6 * Gaussian(random)));
                    }
                }

                frame.TemperatureDeciCelsius[0] = 250;
                frame.TemperatureDeciCelsius[1] = 251;
                frames[i] = frame;
            }

            return frames;
        }

        private static double Gaussian(Random random)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        /// <summary>A connected broker that takes every message and acknowledges QoS 1 at once; it sends nothing anywhere.</summary>
        private sealed class AcceptingTransport : IMessageTransport
        {
            private readonly MessageOutbox _outbox;
            private readonly bool _checksum;
            private int _nextId;

            public AcceptingTransport(MessageOutbox outbox, bool checksum)
            {
                _outbox = outbox;
                _checksum = checksum;
                Checksum = 2166136261;
            }

            public uint Checksum { get; private set; }

            public long Messages { get; private set; }

            public long PayloadBytes { get; private set; }

            public bool IsConnected => true;

            public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
            {
                Messages++;
                PayloadBytes += count;
                if (_checksum)
                {
                    uint hash = Checksum;
                    for (int i = offset; i < offset + count; i++)
                    {
                        hash = unchecked((hash ^ payload[i]) * 16777619);
                    }

                    Checksum = hash;
                }

                int id = ++_nextId;
                if (qos > 0)
                {
                    _outbox.Acknowledge(id);
                }

                return id;
            }
        }
    }
}
