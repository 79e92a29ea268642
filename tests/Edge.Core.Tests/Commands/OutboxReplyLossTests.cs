// Licensed under the MIT License.

using System;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Xunit;

namespace Edge.Core.Tests.Commands
{
    /// <summary>Losses of outbox messages the broker refuses, early or late, and of command replies kept across an outage.</summary>
    public class OutboxReplyLossTests
    {
        private static MessageOutbox NewOutbox(int slots = 8)
        {
            return new MessageOutbox(new OutboxConfiguration { SlotCount = slots }, 128);
        }

        private static readonly byte[] Payload = System.Text.Encoding.ASCII.GetBytes("{\"v\":1}");

        /// <summary>
        /// A broker refusal that arrives while Publish is still running (MQTTnet completes the publish on its own
        /// thread; the outbox keeps an early-ack list for exactly this race) must count as a loss, like a refusal
        /// that arrives after Publish returned, not be taken for a delivery.
        /// </summary>
        [Fact]
        public void ARefusalThatArrivesBeforePublishReturnsIsCountedAsLost()
        {
            MessageOutbox outbox = NewOutbox();
            RefusingTransport transport = new RefusingTransport(outbox, refuseInsidePublish: true);
            Assert.True(outbox.Enqueue(TopicId.Event, 1, false, 1, Payload, 0, Payload.Length));

            Assert.Equal(1, outbox.Pump(transport));

            Assert.Equal(outbox.SlotCount, outbox.FreeCount);
            Assert.Equal(1L, outbox.LostTotal(TopicId.Event)); // was 0 before: the refused event counted as delivered
        }

        /// <summary>Control: the same refusal arriving after Publish returned is counted (passes).</summary>
        [Fact]
        public void ARefusalThatArrivesAfterPublishReturnsIsCountedAsLost()
        {
            MessageOutbox outbox = NewOutbox();
            RefusingTransport transport = new RefusingTransport(outbox, refuseInsidePublish: false);
            Assert.True(outbox.Enqueue(TopicId.Event, 1, false, 1, Payload, 0, Payload.Length));
            Assert.Equal(1, outbox.Pump(transport));
            outbox.Refuse(transport.LastId);

            Assert.Equal(1L, outbox.LostTotal(TopicId.Event));
        }

        /// <summary>
        /// A command reply is an outbox message (DeviceSession enqueues TopicId.CommandResult at ReplyPriority). Replies
        /// are not one of the counted telemetry streams, so a reply the broker refuses is counted in LostReplies.
        /// </summary>
        [Fact]
        public void ARefusedCommandReplyIsCountedAsALoss()
        {
            MessageOutbox outbox = NewOutbox();
            RefusingTransport transport = new RefusingTransport(outbox, refuseInsidePublish: false);
            Assert.True(outbox.Enqueue(TopicId.CommandResult, 1, false, 0, MessageOutbox.ReplyPriority, Payload, 0, Payload.Length));
            Assert.Equal(1, outbox.Pump(transport));
            outbox.Refuse(transport.LastId);

            Assert.Equal(1L, outbox.LostReplies);
            Assert.Equal(0L, outbox.LostTotal(TopicId.CommandResult));
        }

        /// <summary>
        /// A reply kept in the outbox across an outage is sent again after the reconnect: the events queued after it
        /// in a full outbox evict one another, never the reply (ReplyPriority is above EventPriority).
        /// </summary>
        [Fact]
        public void AReplyKeptAcrossAnOutageIsNotSilentlyEvictedByLaterEvents()
        {
            MessageOutbox outbox = NewOutbox(slots: 4);
            RefusingTransport transport = new RefusingTransport(outbox, refuseInsidePublish: false);
            Assert.True(outbox.Enqueue(TopicId.CommandResult, 1, false, 0, MessageOutbox.ReplyPriority, Payload, 0, Payload.Length));
            Assert.Equal(1, outbox.Pump(transport)); // in flight, no PUBACK yet
            transport.Connected = false;
            outbox.ConnectionLost();

            for (int i = 0; i < 4; i++)
            {
                outbox.Enqueue(TopicId.Event, 1, false, i + 1, Payload, 0, Payload.Length);
            }

            transport.Connected = true;
            transport.Topics.Clear();
            for (int i = 0; i < 4; i++)
            {
                outbox.Pump(transport);
            }

            long[] lost = new long[TopicSet.StreamCount];
            bool lossReported = outbox.TakeLossesIfRoom(lost);
            bool eventLoss = lossReported && lost[(int)TopicId.Event] > 0;
            Assert.True(transport.Topics.Contains(TopicId.CommandResult) || (lossReported && !eventLoss),
                "the reply was neither sent again after the reconnect nor counted as lost (events lost: " + lost[(int)TopicId.Event] + ")");
        }

        private sealed class RefusingTransport : IMessageTransport
        {
            private readonly MessageOutbox _outbox;
            private readonly bool _refuseInsidePublish;
            private int _nextId = 1;

            public RefusingTransport(MessageOutbox outbox, bool refuseInsidePublish)
            {
                _outbox = outbox;
                _refuseInsidePublish = refuseInsidePublish;
            }

            public bool Connected { get; set; } = true;

            public bool IsConnected => Connected;

            public int LastId { get; private set; }

            public System.Collections.Generic.List<TopicId> Topics { get; } = new System.Collections.Generic.List<TopicId>();

            public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
            {
                int id = _nextId++;
                LastId = id;
                Topics.Add(topic);
                if (_refuseInsidePublish && qos > 0)
                {
                    // The client's thread reports the broker's error reason before Publish returns.
                    _outbox.Refuse(id);
                }

                return id;
            }
        }
    }
}
