using System.Text;
using BenchmarkDotNet.Attributes;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;

namespace Edge.Benchmarks.Telemetry;

/// <summary>
/// Per-tick cost of the telemetry path (encode one tick's records, enqueue, pump to a transport that
/// acknowledges at once) and the cost of one setProtocol command (rare, allowed to allocate).
/// </summary>
[MemoryDiagnoser]
public class TelemetryPipelineBenchmarks
{
    private TelemetryBuffer _buffer;
    private MessageOutbox _outbox;
    private TelemetryPublisher _publisher;
    private AckingTransport _transport;
    private CommandHandler _commands;
    private byte[] _setProtocol;

    [GlobalSetup]
    public void Setup()
    {
        const int cells = 4;
        _buffer = new TelemetryBuffer(8, cells);
        TelemetryRecord pulse = _buffer.Append(TelemetryRecordKind.PulseSummary, 123456, 1, -1);
        pulse.CellCount = cells;
        pulse.PulseIndex = 1234;
        pulse.PulseCurrentUa = 385;
        pulse.PulseDurationMs = 1000;
        pulse.TotalChargeUc = 475090;
        TelemetryRecord voltages = _buffer.Append(TelemetryRecordKind.CellVoltages, 123456, 1, -1);
        voltages.CellCount = cells;
        TelemetryRecord evt = _buffer.Append(TelemetryRecordKind.Event, 123456, 1, 5);
        evt.EventKind = EventKind.SoftShort;
        evt.HasDiagnosis = true;
        evt.Diagnosis = DiagnosisId.SoftShortSpike;
        evt.Severity = Severity.Warning;
        for (int i = 0; i < cells; i++)
        {
            pulse.CellValuesA[i] = 150 + i;
            pulse.CellValuesB[i] = 389000 + i;
            voltages.CellValuesA[i] = 2100 + i;
        }

        _outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = 32 }, PayloadBudget.MaximumStreamPayloadBytes(cells));
        _publisher = new TelemetryPublisher(_outbox, "3fa9c2d1");
        _transport = new AckingTransport(_outbox);

        var controller = new EdgeController(new PackLayout(4, cells, 0), new ControllerConfiguration { StartImmediately = false });
        _commands = new CommandHandler(controller, new CommandLimits());
        _setProtocol = Encoding.UTF8.GetBytes("{\"id\":\"req-17\",\"steps\":[\"Strip at 0.5 mA/cm2 for 2 s\",\"Rest for 3 s\"],\"restMode\":\"fixed\",\"capacityLimitUc\":1000000}");
    }

    /// <summary>A pulse summary, a cell-voltage message and an event: encoded, queued, published, acknowledged.</summary>
    [Benchmark]
    public int EncodeEnqueuePumpThreeRecords()
    {
        _publisher.Publish(_buffer, 123456);
        return _outbox.Pump(_transport);
    }

    [Benchmark]
    public bool SetProtocolCommand() => _commands.Handle("setProtocol", _setProtocol, 0, _setProtocol.Length).Ok;

    private sealed class AckingTransport : IMessageTransport
    {
        private readonly MessageOutbox _outbox;
        private int _nextId;

        public AckingTransport(MessageOutbox outbox) => _outbox = outbox;

        public bool IsConnected => true;

        public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            int id = ++_nextId;
            if (qos > 0)
            {
                _outbox.Acknowledge(id);
            }

            return id;
        }
    }
}
