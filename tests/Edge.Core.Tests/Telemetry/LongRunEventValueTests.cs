using System.Text.Json;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// Event values past a 32-bit int: a run of weeks has run times beyond 2^31 ms (24.9 days), and the timeLimit event
/// carries the run time against the limit (CONTRACT.md: value = time since the start, ms; threshold = timeLimitMs).
/// </summary>
public class LongRunEventValueTests
{
    [Fact]
    public void ATimeLimitOfThirtyDaysIsReportedInFullOnTheEventTopic()
    {
        const long LimitMs = 30L * 24 * 3600 * 1000; // 2,592,000,000 ms > int.MaxValue
        const int PeriodMs = 60000;                  // the longest sample period: 43,200 ticks to the limit
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act, SamplePeriodMs = PeriodMs };
        configuration.Protocol.TimeLimitMs = LimitMs;
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 385, 600000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 600000),
        };
        configuration.RestTuning.SlopeWindowMs = PeriodMs;
        configuration.PulseTuning.MinimumPulseMs = PeriodMs;
        var layout = new PackLayout(1, 1, 0);
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);

        byte[] payload = null;
        int length = 0;
        for (long t = 0, tick = 0; t <= LimitMs + PeriodMs && payload == null; t += PeriodMs, tick++)
        {
            // A healthy ohmic cell: 300 mV under current, 200 mV at rest.
            bool closed = actions.SwitchClosed[0];
            frame.TickIndex = tick;
            frame.TimestampMs = t;
            frame.ModuleCurrentUa[0] = closed ? actions.CurrentSetpointUa[0] : 0;
            frame.CellVoltageMv[0] = closed ? 300 : 200;
            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = controller.Telemetry[i];
                if (record.Kind == TelemetryRecordKind.Event && record.EventKind == EventKind.TimeLimit)
                {
                    payload = new byte[1024];
                    var writer = new JsonByteWriter();
                    writer.Reset(payload, 0, payload.Length);
                    EventEncoder.Encode(writer, record, "b00t", 1);
                    length = writer.Length;
                }
            }
        }

        Assert.True(payload != null, "the run never reached its 30-day time limit");
        JsonElement root = JsonDocument.Parse(payload.AsMemory(0, length)).RootElement;
        Assert.Equal(LimitMs, root.GetProperty("threshold").GetInt64());
        long valueMs = root.GetProperty("value").GetInt64();
        Assert.InRange(valueMs, LimitMs, LimitMs + PeriodMs);
    }
}
