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
        public const int Modules = SyntheticPackFrames.Modules;
        public const int CellsPerModule = SyntheticPackFrames.CellsPerModule;
        public const int FrameCount = SyntheticPackFrames.FrameCount;

        private readonly EdgeController _controller;
        private readonly ActionFrame _actions;
        private readonly SampleFrame[] _frames;
        private readonly TelemetryPublisher _publisher;
        private readonly MessageOutbox _outbox;
        private readonly AcceptingTransport _transport;
        private long _tick;

        public BenchmarkPack(bool publish, bool checksum)
        {
            var layout = SyntheticPackFrames.Layout();
            _controller = new EdgeController(layout, new ControllerConfiguration());
            _actions = new ActionFrame(layout);
            _frames = SyntheticPackFrames.Build(layout);
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
                Checksum = Fnv1a.Start;
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
                        hash = Fnv1a.Mix(hash, payload[i]);
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
