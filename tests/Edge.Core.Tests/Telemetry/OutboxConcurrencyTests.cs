using System.Collections.Concurrent;
using System.Text;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// The outbox under its real threading: a tick thread enqueues, a network thread pumps, and
/// acknowledgements arrive on a third thread, some before Publish has returned.
/// </summary>
public class OutboxConcurrencyTests
{
    private sealed class ThreadedTransport : IMessageTransport
    {
        private int _nextId;

        public ConcurrentQueue<int> PendingAcks { get; } = new();

        public ConcurrentBag<long> EventSeqs { get; } = new();

        public bool IsConnected => true;

        public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            int id = Interlocked.Increment(ref _nextId);
            if (topic == TopicId.Event)
            {
                EventSeqs.Add(long.Parse(Encoding.ASCII.GetString(payload, offset, count)));
            }

            if (qos > 0)
            {
                PendingAcks.Enqueue(id);
            }

            return id;
        }
    }

    [Fact]
    public void EveryEventIsDeliveredAndAcknowledgedAcrossThreads()
    {
        var outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = 256, LiveMessagesPerPump = 8, MaximumInFlight = 20 }, 64);
        var transport = new ThreadedTransport();
        const int events = 5000;
        bool done = false;

        var acker = new Thread(() =>
        {
            while (!Volatile.Read(ref done) || !transport.PendingAcks.IsEmpty)
            {
                if (transport.PendingAcks.TryDequeue(out int id))
                {
                    outbox.Acknowledge(id);
                }
                else
                {
                    Thread.Yield();
                }
            }
        });
        var network = new Thread(() =>
        {
            while (!Volatile.Read(ref done))
            {
                if (outbox.Pump(transport) == 0)
                {
                    Thread.Yield();
                }
            }
        });
        acker.Start();
        network.Start();

        byte[] payload = new byte[20];
        for (int i = 1; i <= events; i++)
        {
            // Back-pressure like a slow broker would cause: never overfill, so no loss is allowed.
            while (outbox.FreeCount < 2)
            {
                Thread.Yield();
            }

            int length = Encoding.ASCII.GetBytes(i.ToString(), 0, i.ToString().Length, payload, 0);
            Assert.True(outbox.Enqueue(TopicId.Event, 1, false, i, payload, 0, length));
            Assert.True(outbox.Enqueue(TopicId.TelemetryCells, 0, false, i, payload, 0, length));
        }

        Assert.True(SpinWait.SpinUntil(() => outbox.FreeCount == 256, 20000));
        Volatile.Write(ref done, true);
        network.Join();
        acker.Join();

        Assert.Equal(0, outbox.LostTotal(TopicId.Event));
        Assert.Equal(0, outbox.AwaitingAckCount);
        Assert.Equal(Enumerable.Range(1, events).Select(i => (long)i), transport.EventSeqs.Distinct().OrderBy(s => s));
    }
}
