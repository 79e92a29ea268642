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
/// Values past a 32-bit int: a run of weeks has run times beyond 2^31 ms (24.9 days), and the timeLimit event
/// carries the run time against the limit (CONTRACT.md: value = time since the start, ms; threshold = timeLimitMs);
/// a step may last up to 2^53 - 1 ms (CONTRACT.md, config), so a pulse or a rest of 30 days is a protocol the device
/// takes, and its pulse summary and restEnded event carry its length in full.
/// </summary>
public class LongRunEventValueTests
{
    private const long ThirtyDaysMs = 30L * 24 * 3600 * 1000; // 2,592,000,000 ms > int.MaxValue (2,147,483,647)
    private const int LongestPeriodMs = 60000;                 // the longest sample period: 43,200 ticks in 30 days

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

    [Fact]
    public void AThirtyDayRestIsPlannedAndReportedInFull()
    {
        // A 1-minute pulse, then a fixed 30-day rest: the pulse summary plans it (tunedRestMs, a fixed rest as it will be
        // timed: unstretched, the pulse at 100 %), and the restEnded event at its end says how long it lasted.
        List<JsonElement> messages = RunOneModule(LongestPeriodMs, ThirtyDaysMs, ThirtyDaysMs + (3L * LongestPeriodMs));

        JsonElement summary = messages.First(m => m.TryGetProperty("tunedRestMs", out _));
        Assert.Equal(ThirtyDaysMs, summary.GetProperty("tunedRestMs").GetInt64());
        JsonElement rest = messages.First(m => m.TryGetProperty("type", out JsonElement type) && type.GetString() == "restEnded");
        Assert.Equal("fixed", rest.GetProperty("restEndReason").GetString());
        // The rest starts at the sample that ends the pulse and ends at the sample 30 days on: the period divides it.
        Assert.Equal(ThirtyDaysMs, rest.GetProperty("restMs").GetInt64());
    }

    [Fact]
    public void AThirtyDayPulseIsReportedInFull()
    {
        List<JsonElement> messages = RunOneModule(ThirtyDaysMs, LongestPeriodMs, ThirtyDaysMs + (3L * LongestPeriodMs));

        JsonElement summary = messages.First(m => m.TryGetProperty("pulseDurationMs", out _));
        Assert.Equal(1, summary.GetProperty("pulseIndex").GetInt32());
        Assert.Equal(ThirtyDaysMs, summary.GetProperty("pulseDurationMs").GetInt64());
        // 385 uA for 2,592,000 s: 997,920,000 uC, past 2^31 too (the charge was 64-bit already).
        Assert.Equal(385L * 2592000, summary.GetProperty("pulseChargeUc").GetInt64());
    }

    /// <summary>
    /// One one-cell module in act mode, a strip step of <paramref name="pulseMs"/> then a fixed rest of
    /// <paramref name="restMs"/>, ticked at the longest sample period until <paramref name="endMs"/>; returns the pulse
    /// summaries and restEnded events as the device encodes them.
    /// </summary>
    private static List<JsonElement> RunOneModule(long pulseMs, long restMs, long endMs)
    {
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act, SamplePeriodMs = LongestPeriodMs };
        configuration.Protocol.RestMode = RestMode.Fixed;
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 385, pulseMs),
            new ProtocolStep(ProtocolStepKind.Rest, 0, restMs),
        };
        configuration.RestTuning.SlopeWindowMs = LongestPeriodMs;
        configuration.PulseTuning.MinimumPulseMs = LongestPeriodMs;
        var layout = new PackLayout(1, 1, 0);
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        var messages = new List<JsonElement>();
        var payload = new byte[1024];
        var writer = new JsonByteWriter();
        for (long t = 0, tick = 0; t <= endMs; t += LongestPeriodMs, tick++)
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
                writer.Reset(payload, 0, payload.Length);
                if (record.Kind == TelemetryRecordKind.PulseSummary)
                {
                    PulseEncoder.Encode(writer, record, "b00t", 1);
                }
                else if (record.Kind == TelemetryRecordKind.RestTuned)
                {
                    StateEncoder.Encode(writer, record, "b00t", 1);
                }
                else
                {
                    continue;
                }

                messages.Add(JsonDocument.Parse(payload.AsMemory(0, writer.Length)).RootElement.Clone());
            }
        }

        return messages;
    }
}
