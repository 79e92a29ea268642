using System.Globalization;
using System.Reflection;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>Controller ticks through the publisher and outbox to a transport: numbering, gaps, overflow reports, allocation.</summary>
public class PublisherPipelineTests
{
    private const string BootId = "c0ffee01";

    private sealed class Rig
    {
        public readonly PackLayout Layout = new(2, 4, 0);
        public readonly EdgeController Controller;
        public readonly SampleFrame Frame;
        public readonly ActionFrame Actions;
        public readonly MessageOutbox Outbox;
        public readonly TelemetryPublisher Publisher;
        public readonly FakeTransport Transport = new();
        public long Tick;

        public Rig(int slots)
        {
            Controller = new EdgeController(Layout, new ControllerConfiguration { Mode = ControlMode.Observe });
            Frame = new SampleFrame(Layout);
            Actions = new ActionFrame(Layout);
            Outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = slots }, PayloadBudget.MaximumStreamPayloadBytes(Layout.CellsPerModule));
            Publisher = new TelemetryPublisher(Outbox, BootId);
            MessageOutbox outbox = Outbox;
            Transport.DuringPublish = id => outbox.Acknowledge(id);
        }

        /// <summary>One 10 ms tick of a healthy ohmic pack, then the publisher and one pump.</summary>
        public void Step()
        {
            Frame.TickIndex = Tick;
            Frame.TimestampMs = Tick * 10;
            for (int m = 0; m < Layout.ModuleCount; m++)
            {
                bool on = Actions.SwitchClosed[m];
                Frame.ModuleCurrentUa[m] = on ? Actions.CurrentSetpointUa[m] : 0;
                for (int c = 0; c < Layout.CellsPerModule; c++)
                {
                    Frame.CellVoltageMv[Layout.FirstCellOf(m) + c] = on ? 150 : 0;
                }
            }

            Controller.Tick(Frame, Actions);
            Publisher.Publish(Controller.Telemetry, Frame.TimestampMs);
            Outbox.Pump(Transport);
            Tick++;
        }
    }

    [Fact]
    public void EveryStreamIsNumberedWithoutGapsWhileConnected()
    {
        var rig = new Rig(64);
        for (int i = 0; i < 2000; i++)
        {
            // Module 1 is stopped at 19.5 s, after its fourth pulse: one event.
            if (i == 1950)
            {
                rig.Controller.RequestStop(1);
            }

            rig.Step();
        }

        var byTopic = rig.Transport.Messages.GroupBy(m => m.Topic).ToDictionary(g => g.Key, g => g.ToList());

        // 20 s of 1 s pulses every 6 s on two modules: pulses end at 1, 7, 13, 19 s -> 4 per module.
        Assert.Equal(8, byTopic[TopicId.TelemetryPulse].Count);

        // Cell voltages once a second per module, from the first tick: 20 s -> 20 per module.
        Assert.Equal(40, byTopic[TopicId.TelemetryCells].Count);
        foreach (var stream in byTopic.Values)
        {
            Assert.Equal(Enumerable.Range(1, stream.Count).Select(i => (long)i), stream.Select(m => m.Seq));
            Assert.All(stream, m => Assert.Equal(BootId, m.Json.GetProperty("bootId").GetString()));
        }

        // Each module's start at the first tick, then the stop.
        Assert.Equal(new[] { 0, 1 }, byTopic[TopicId.Event].Where(e => e.Json.GetProperty("kind").GetString() == "started").Select(e => e.Json.GetProperty("module").GetInt32()));
        Assert.All(byTopic[TopicId.Event].Where(e => e.Json.GetProperty("kind").GetString() == "started"), e => Assert.Equal(0, e.Json.GetProperty("tMs").GetInt64()));
        var stopped = Assert.Single(byTopic[TopicId.Event], e => e.Json.GetProperty("kind").GetString() == "stopped");
        Assert.Equal(3, byTopic[TopicId.Event].Count);
        Assert.Equal(1, stopped.Qos);
        Assert.Equal("stopped", stopped.Json.GetProperty("kind").GetString());
        Assert.Equal(1, stopped.Json.GetProperty("module").GetInt32());
        Assert.Equal(19500, stopped.Json.GetProperty("tMs").GetInt64());
        Assert.All(byTopic[TopicId.TelemetryPulse], m => Assert.Equal(385, m.Json.GetProperty("pulseCurrentUa").GetInt32()));
        Assert.Equal(0, rig.Outbox.AwaitingAckCount);
    }

    [Fact]
    public void AnOutageShowsAsSeqGapsThatTheOverflowEventAccountsFor()
    {
        var rig = new Rig(12);
        for (int i = 0; i < 300; i++)
        {
            rig.Step();
        }

        rig.Transport.IsConnected = false;
        for (int i = 0; i < 3000; i++)
        {
            rig.Step();
        }

        rig.Transport.IsConnected = true;
        for (int i = 0; i < 1000; i++)
        {
            rig.Step();
        }

        var messages = rig.Transport.Messages;
        var overflow = messages.Where(m => m.Topic == TopicId.Event && m.Json.GetProperty("kind").GetString() == "outboxOverflow").ToList();
        Assert.NotEmpty(overflow);

        foreach ((TopicId topic, string name) in new[] { (TopicId.TelemetryCells, "cells"), (TopicId.TelemetryPulse, "pulse"), (TopicId.TelemetryState, "state"), (TopicId.Event, "event") })
        {
            var seqs = messages.Where(m => m.Topic == topic).Select(m => m.Seq).ToList();
            long issued = rig.Publisher.NextSeq(topic) - 1;
            long missing = issued - seqs.Distinct().Count();
            long reported = overflow.Sum(m => m.Json.GetProperty("lost").GetProperty(name).GetInt64());
            Assert.Equal(missing, reported);
            Assert.Equal(missing, rig.Outbox.LostTotal(topic));
        }

        // 30 s without a broker and 12 slots: cell telemetry was lost, visibly.
        Assert.True(rig.Outbox.LostTotal(TopicId.TelemetryCells) > 0);
        var cells = messages.Where(m => m.Topic == TopicId.TelemetryCells).Select(m => m.Seq).ToList();
        Assert.Contains(cells.Zip(cells.Skip(1)), pair => pair.Second - pair.First > 1);
    }

    [Fact]
    public void LossesPastTwoToTheThirtyFirstInOneOutageAreReportedInFull()
    {
        // An outage long enough that a stream loses 2^31 messages before a report finds room (256 modules losing one a
        // second each: 97 days): the pending count is set to 2^31 - 1 midway, as if those losses had been counted,
        // since making them would take hours. The reports after the outage must add up to the stream's total.
        var rig = new Rig(12);
        for (int i = 0; i < 300; i++)
        {
            rig.Step();
        }

        rig.Transport.IsConnected = false;
        for (int i = 0; i < 1500; i++)
        {
            rig.Step();
        }

        int cells = (int)TopicId.TelemetryCells;
        Array pending = (Array)OutboxField(rig.Outbox, "_lost");
        long[] totals = (long[])OutboxField(rig.Outbox, "_lostTotal");
        long added = int.MaxValue - Convert.ToInt64(pending.GetValue(cells), CultureInfo.InvariantCulture);
        pending.SetValue(Convert.ChangeType(int.MaxValue, pending.GetType().GetElementType()!, CultureInfo.InvariantCulture), cells);
        totals[cells] += added;
        for (int i = 0; i < 1500; i++)
        {
            rig.Step();
        }

        rig.Transport.IsConnected = true;
        for (int i = 0; i < 1000; i++)
        {
            rig.Step();
        }

        var overflow = rig.Transport.Messages.Where(m => m.Topic == TopicId.Event && m.Json.GetProperty("kind").GetString() == "outboxOverflow").ToList();
        long total = rig.Outbox.LostTotal(TopicId.TelemetryCells);
        Assert.True(total > int.MaxValue, "lost " + total);
        Assert.Equal(total, overflow.Sum(m => m.Json.GetProperty("lost").GetProperty("cells").GetInt64()));
        Assert.Contains(overflow, m => m.Json.GetProperty("lost").GetProperty("cells").GetInt64() > int.MaxValue);
        Assert.All(overflow, m => Assert.Equal(
            m.Json.GetProperty("lost").EnumerateObject().Sum(p => p.Value.GetInt64()),
            m.Json.GetProperty("value").GetInt64()));
    }

    private static object OutboxField(MessageOutbox outbox, string name) =>
        typeof(MessageOutbox).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(outbox)!;

    [Fact]
    public void ASlowLinkGetsOneOverflowReportASecondThatAccountsForEveryLoss()
    {
        // Four messages a 10 ms tick (one of them an event) into a link that takes two a pump: the outbox
        // overflows on every tick for 20 s, and every tick frees room for a report.
        var layout = new PackLayout(1, 4, 0);
        var buffer = new TelemetryBuffer(16, layout.CellsPerModule);
        var outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = 8 }, PayloadBudget.MaximumStreamPayloadBytes(4));
        var publisher = new TelemetryPublisher(outbox, BootId);
        var transport = new FakeTransport();
        int taken = 0;
        transport.DuringPublish = id =>
        {
            outbox.Acknowledge(id);
            transport.Refuse = ++taken == 2;
        };

        long firstLossMs = -1;
        for (int i = 0; i < 2200; i++)
        {
            buffer.Clear();
            if (i < 2000)
            {
                AppendOneOfEachKind(buffer, i);
            }

            publisher.Publish(buffer, i * 10L);
            taken = 0;
            transport.Refuse = false;
            outbox.Pump(transport);
            if (firstLossMs < 0 && outbox.LostTotal(TopicId.TelemetryCells) + outbox.LostTotal(TopicId.TelemetryPulse) > 0)
            {
                firstLossMs = i * 10L;
            }
        }

        var reports = transport.Messages.Where(m => m.Topic == TopicId.Event && m.Json.GetProperty("kind").GetString() == "outboxOverflow")
            .Select(m => m.Json).ToList();

        // The first loss is reported at once (its tick's publish or the next); after that one report per second
        // of overload at most: 20 s of it give 20 or 21 (the last second's losses follow when it ends).
        Assert.True(firstLossMs >= 0);
        Assert.InRange(reports[0].GetProperty("tMs").GetInt64(), firstLossMs, firstLossMs + 10);
        Assert.InRange(reports.Count, 20, 21);
        var times = reports.Select(r => r.GetProperty("tMs").GetInt64()).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TelemetryPublisher.OverflowReportIntervalMs, pair.First + " then " + pair.Second));

        // Nothing is lost from the count: the reports add up to what the outbox dropped, stream by stream.
        foreach ((TopicId topic, string name) in new[] { (TopicId.TelemetryCells, "cells"), (TopicId.TelemetryPulse, "pulse"), (TopicId.TelemetryState, "state"), (TopicId.Event, "event") })
        {
            Assert.Equal(outbox.LostTotal(topic), reports.Sum(r => r.GetProperty("lost").GetProperty(name).GetInt64()));
        }

        Assert.True(outbox.LostTotal(TopicId.TelemetryCells) > 1000, "the link carried half of what was made");
    }

    [Fact]
    public void SteadyStateEncodeEnqueueAndDrainAllocateNothing()
    {
        var layout = new PackLayout(2, 4, 0);
        var buffer = new TelemetryBuffer(16, layout.CellsPerModule);
        var outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = 8 }, PayloadBudget.MaximumStreamPayloadBytes(4));
        var publisher = new TelemetryPublisher(outbox, BootId);
        var transport = new FakeTransport { Record = false };
        transport.DuringPublish = id => outbox.Acknowledge(id);
        var disconnectedEvery = 97;

        void Cycle(int i)
        {
            buffer.Clear();
            AppendOneOfEachKind(buffer, i);

            // Now and then the broker is away long enough to overflow and report it.
            transport.IsConnected = i % disconnectedEvery > 5;
            publisher.Publish(buffer, i * 10L);
            outbox.Pump(transport);
        }

        for (int i = 0; i < 1000; i++)
        {
            Cycle(i);
        }

        Assert.Equal(0, SteadyStateAllocation.BytesPerWindow(Cycle, 1000, 20000));
        Assert.True(transport.PublishCount > 60000);
        Assert.True(outbox.LostTotal(TopicId.TelemetryPulse) > 0);
    }

    [Fact]
    public void ControllerTicksWithPublishingAllocateNothing()
    {
        var rig = new Rig(64);
        rig.Transport.Record = false;
        for (int i = 0; i < 1000; i++)
        {
            rig.Step();
        }

        Assert.Equal(0, SteadyStateAllocation.BytesPerWindow(_ => rig.Step(), 0, 10000));
        Assert.True(rig.Transport.PublishCount > 200);
    }

    /// <summary>A pulse summary, a cells message, a rest state and a depletion warning, stamped at tick <paramref name="i"/>.</summary>
    private static void AppendOneOfEachKind(TelemetryBuffer buffer, int i)
    {
        TelemetryRecord pulse = buffer.Append(TelemetryRecordKind.PulseSummary, i * 10L, 0, -1);
        pulse.CellCount = 4;
        pulse.PulseIndex = i;
        pulse.TotalChargeUc = i * 385L;
        TelemetryRecord cells = buffer.Append(TelemetryRecordKind.CellVoltages, i * 10L, 0, -1);
        cells.CellCount = 4;
        TelemetryRecord state = buffer.Append(TelemetryRecordKind.StateChanged, i * 10L, 0, -1);
        state.State = Edge.Core.Records.ModuleState.Rest;
        TelemetryRecord evt = buffer.Append(TelemetryRecordKind.Event, i * 10L, 0, 2);
        evt.EventKind = EventKind.DepletionOnset;
        evt.HasDiagnosis = true;
        evt.Diagnosis = DiagnosisId.DepletionTrendWarning;
        evt.Severity = Severity.Warning;
        evt.Value = i;
    }
}
