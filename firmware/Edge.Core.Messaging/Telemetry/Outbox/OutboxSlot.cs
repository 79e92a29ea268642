// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Telemetry.Outbox
{
    /// <summary>One preallocated outbox entry: an encoded message and its delivery bookkeeping.</summary>
    [HotPath]
    public sealed class OutboxSlot
    {
        public OutboxSlot(int payloadBytes)
        {
            Payload = new byte[payloadBytes];
        }

        public byte[] Payload { get; }

        public int Length { get; set; }

        /// <summary>Topic, and with it the stream the seq belongs to.</summary>
        public TopicId Topic { get; set; }

        public int Qos { get; set; }

        public bool Retain { get; set; }

        public long Seq { get; set; }

        /// <summary>Eviction priority (MessageOutbox.TelemetryPriority, StatePriority, EventPriority): lowest goes first.</summary>
        public byte Priority { get; set; }

        public OutboxSlotState State { get; set; }

        /// <summary>Enqueue order across all slots: smaller is older.</summary>
        public long Order { get; set; }

        /// <summary>Transport message id while <see cref="OutboxSlotState.AwaitingAck"/>.</summary>
        public int MessageId { get; set; }
    }
}
