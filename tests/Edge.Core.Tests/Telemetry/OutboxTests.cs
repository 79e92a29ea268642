using System.Text;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>Store-and-forward rules of the outbox, driven directly with small hand-made messages.</summary>
public class OutboxTests
{
    private static MessageOutbox Create(int slots, int live = 100, int replay = 100, int inFlight = 100) =>
        new(new OutboxConfiguration { SlotCount = slots, LiveMessagesPerPump = live, ReplayMessagesPerPump = replay, MaximumInFlight = inFlight }, 128);

    private static void Put(MessageOutbox outbox, TopicId topic, long seq)
    {
        byte[] payload = Encoding.ASCII.GetBytes("{\"seq\":" + seq + "}");
        outbox.Enqueue(topic, topic == TopicId.Event ? 1 : 0, false, seq, payload, 0, payload.Length);
    }

    [Fact]
    public void EventsSurviveADisconnectedTransportUntilAcknowledged()
    {
        var outbox = Create(8);
        var transport = new FakeTransport { IsConnected = false };
        for (int i = 1; i <= 5; i++)
        {
            Put(outbox, TopicId.Event, i);
        }

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(0, outbox.Pump(transport));
        }

        Assert.Equal(3, outbox.FreeCount);
        transport.IsConnected = true;
        Assert.Equal(5, outbox.Pump(transport));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, transport.Messages.Select(m => m.Seq));
        Assert.All(transport.Messages, m => Assert.Equal(1, m.Qos));

        // Published is not delivered: the slots are held until the broker acknowledges.
        Assert.Equal(5, outbox.AwaitingAckCount);
        Assert.Equal(3, outbox.FreeCount);
        foreach (var message in transport.Messages)
        {
            outbox.Acknowledge(message.MessageId);
        }

        Assert.Equal(0, outbox.AwaitingAckCount);
        Assert.Equal(8, outbox.FreeCount);
        Assert.Equal(0, outbox.LostTotal(TopicId.Event));
    }

    [Fact]
    public void NoEventIsLostWhileCapacityRemainsEvenWithTelemetryFlooding()
    {
        var outbox = Create(16);
        var transport = new FakeTransport { IsConnected = false };
        long telemetrySeq = 1;
        for (int e = 1; e <= 15; e++)
        {
            Put(outbox, TopicId.Event, e);
            for (int t = 0; t < 10; t++)
            {
                Put(outbox, TopicId.TelemetryCells, telemetrySeq++);
            }
        }

        transport.IsConnected = true;
        while (outbox.Pump(transport) > 0)
        {
        }

        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), transport.Messages.Where(m => m.Topic == TopicId.Event).Select(m => m.Seq));
        Assert.Equal(0, outbox.LostTotal(TopicId.Event));

        // 16 slots, 15 events: one telemetry message survives, the newest.
        Assert.Equal(new long[] { 150 }, transport.Messages.Where(m => m.Topic == TopicId.TelemetryCells).Select(m => m.Seq));
        Assert.Equal(149, outbox.LostTotal(TopicId.TelemetryCells));
    }

    [Fact]
    public void OldestTelemetryIsEvictedFirstThenOldestEvent()
    {
        var outbox = Create(4);
        Put(outbox, TopicId.TelemetryPulse, 1);
        Put(outbox, TopicId.Event, 1);
        Put(outbox, TopicId.TelemetryCells, 1);
        Put(outbox, TopicId.Event, 2);
        Put(outbox, TopicId.Event, 3);
        Put(outbox, TopicId.Event, 4);
        Assert.Equal(1, outbox.LostTotal(TopicId.TelemetryPulse));
        Assert.Equal(1, outbox.LostTotal(TopicId.TelemetryCells));
        Assert.Equal(0, outbox.LostTotal(TopicId.Event));

        // Only events remain: the oldest event goes, and is counted.
        Put(outbox, TopicId.Event, 5);
        Assert.Equal(1, outbox.LostTotal(TopicId.Event));

        var transport = new FakeTransport();
        outbox.Pump(transport);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, transport.Messages.Select(m => m.Seq));

        long[] lost = new long[TopicSet.StreamCount];
        Assert.False(outbox.TakeLossesIfRoom(lost));
        outbox.Acknowledge(transport.Messages[0].MessageId);
        Assert.True(outbox.TakeLossesIfRoom(lost));
        Assert.Equal(new long[] { 1, 1, 0, 1 }, lost);
        Assert.False(outbox.TakeLossesIfRoom(lost));
    }

    [Fact]
    public void UnacknowledgedMessagesAreResentAfterAReconnect()
    {
        var outbox = Create(8);
        var transport = new FakeTransport();
        Put(outbox, TopicId.Event, 1);
        Put(outbox, TopicId.Event, 2);
        Put(outbox, TopicId.TelemetryState, 1);
        outbox.Pump(transport);
        Assert.Equal(3, transport.Messages.Count);
        outbox.Acknowledge(transport.Messages[0].MessageId);

        // The broker restarts before acknowledging event 2.
        transport.IsConnected = false;
        outbox.Pump(transport);
        transport.IsConnected = true;
        outbox.Pump(transport);

        Assert.Equal(4, transport.Messages.Count);
        var resent = transport.Messages[3];
        Assert.Equal(TopicId.Event, resent.Topic);
        Assert.Equal(2, resent.Seq);

        // An acknowledgement for the old message id no longer releases anything; the new id does.
        outbox.Acknowledge(transport.Messages[1].MessageId);
        Assert.Equal(1, outbox.AwaitingAckCount);
        outbox.Acknowledge(resent.MessageId);
        Assert.Equal(0, outbox.AwaitingAckCount);
        Assert.Equal(8, outbox.FreeCount);
    }

    [Fact]
    public void ConnectionLostReportedBetweenPumpsAlsoTriggersResend()
    {
        var outbox = Create(4);
        var transport = new FakeTransport();
        Put(outbox, TopicId.Event, 1);
        outbox.Pump(transport);
        outbox.ConnectionLost();
        outbox.Pump(transport);
        Assert.Equal(2, transport.Messages.Count);
        Assert.Equal(1, transport.Messages[1].Seq);
    }

    [Fact]
    public void ReplayIsRateLimitedWhileLiveDataFlows()
    {
        var outbox = Create(64, live: 2, replay: 3);
        var transport = new FakeTransport { IsConnected = false };
        for (int i = 1; i <= 30; i++)
        {
            Put(outbox, TopicId.TelemetryCells, i);
        }

        // The outbox notices the reconnection at the first pump: everything queued so far is backlog.
        transport.IsConnected = true;
        Assert.Equal(3, outbox.Pump(transport));
        long liveSeq = 1000;
        for (int pump = 0; pump < 9; pump++)
        {
            int before = transport.Messages.Count;
            Put(outbox, TopicId.TelemetryPulse, liveSeq++);
            outbox.Pump(transport);
            var sent = transport.Messages.Skip(before).ToList();

            // Each pump: this tick's live message plus at most 3 from the backlog.
            Assert.Single(sent, m => m.Topic == TopicId.TelemetryPulse);
            Assert.Equal(TopicId.TelemetryPulse, sent[0].Topic);
            Assert.Equal(3, sent.Count(m => m.Topic == TopicId.TelemetryCells));
        }

        // The backlog went out oldest first and completely.
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), transport.Messages.Where(m => m.Topic == TopicId.TelemetryCells).Select(m => m.Seq));
    }

    [Fact]
    public void InFlightWindowHoldsBackEventsButNotTelemetry()
    {
        var outbox = Create(16, inFlight: 2);
        var transport = new FakeTransport();
        Put(outbox, TopicId.Event, 1);
        Put(outbox, TopicId.Event, 2);
        Put(outbox, TopicId.Event, 3);
        Put(outbox, TopicId.TelemetryCells, 1);
        outbox.Pump(transport);
        Assert.Equal(new[] { TopicId.Event, TopicId.Event, TopicId.TelemetryCells }, transport.Messages.Select(m => m.Topic));
        outbox.Acknowledge(transport.Messages[0].MessageId);
        outbox.Pump(transport);
        Assert.Equal(3, transport.Messages[3].Seq);
    }

    [Fact]
    public void AnAcknowledgementRacingPublishIsNotLost()
    {
        var outbox = Create(4);
        MessageOutbox captured = outbox;
        var transport = new FakeTransport();
        transport.DuringPublish = id => captured.Acknowledge(id);
        Put(outbox, TopicId.Event, 1);
        outbox.Pump(transport);
        Assert.Equal(0, outbox.AwaitingAckCount);
        Assert.Equal(4, outbox.FreeCount);
    }

    [Fact]
    public void AMessageTheClientGaveUpOnIsSentAgainAndFreesItsPlaceInTheWindow()
    {
        // The client resends a QoS 1 message a few times and then stops waiting for its PUBACK (a slow broker);
        // the connection stays up, so nothing else would ever send it again or free its place in the window.
        var outbox = Create(8, inFlight: 2);
        var transport = new FakeTransport();
        Put(outbox, TopicId.Event, 1);
        Put(outbox, TopicId.Event, 2);
        Put(outbox, TopicId.Event, 3);
        Assert.Equal(2, outbox.Pump(transport));
        Assert.Equal(2, outbox.AwaitingAckCount);

        outbox.Unacknowledged(transport.Messages[0].MessageId);
        outbox.Unacknowledged(transport.Messages[1].MessageId);

        Assert.Equal(0, outbox.AwaitingAckCount);
        Assert.Equal(2, outbox.Pump(transport));
        Assert.Equal(new long[] { 1, 2, 1, 2 }, transport.Messages.Select(m => m.Seq));
        outbox.Acknowledge(transport.Messages[2].MessageId);
        outbox.Acknowledge(transport.Messages[3].MessageId);
        Assert.Equal(1, outbox.Pump(transport));
        Assert.Equal(3, transport.Messages[4].Seq);
        Assert.Equal(0, outbox.LostTotal(TopicId.Event));
    }

    [Fact]
    public void ARefusedPublishKeepsTheMessageForLater()
    {
        var outbox = Create(4);
        var transport = new FakeTransport { Refuse = true };
        Put(outbox, TopicId.TelemetryCells, 1);
        Assert.Equal(0, outbox.Pump(transport));
        transport.Refuse = false;
        Assert.Equal(1, outbox.Pump(transport));
        Assert.Equal(1, transport.Messages.Single().Seq);
    }

    [Fact]
    public void AMessageLargerThanASlotIsCountedAsLost()
    {
        var outbox = Create(4);
        var big = new byte[129];
        Assert.False(outbox.Enqueue(TopicId.TelemetryPulse, 0, false, 1, big, 0, big.Length));
        Assert.Equal(1, outbox.LostTotal(TopicId.TelemetryPulse));
        Assert.Equal(4, outbox.FreeCount);
    }
}
