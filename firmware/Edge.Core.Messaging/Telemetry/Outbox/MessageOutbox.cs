// Licensed under the MIT License.

using System;
using Edge.Core.Annotations;
using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Telemetry.Outbox
{
    /// <summary>
    /// Bounded store-and-forward queue between the tick thread (which enqueues encoded messages) and the
    /// network thread (which pumps them into an <see cref="IMessageTransport"/>). Fixed slots, allocated
    /// once; nothing is allocated per message.
    /// Rules: events and run-state changes stay until the broker acknowledged them; when full, the oldest
    /// telemetry message is evicted first, then the oldest run-state change, an event only when nothing else is left; every loss is counted per stream so
    /// that an overflow event can report it; QoS 1 messages in flight at a disconnect are resent after
    /// the reconnect; the backlog from before a reconnect is replayed at a limited rate beside live data.
    /// The lock guards bookkeeping and one payload copy only; the transport is called outside it.
    /// </summary>
    [HotPath]
    public sealed partial class MessageOutbox
    {
        private const int EarlyAckCapacity = 16;

        private readonly object _lock = new object();
        private readonly OutboxSlot[] _slots;
        private readonly int _slotBytes;
        private readonly int _liveBudget;
        private readonly int _replayBudget;
        private readonly int _maximumInFlight;
        // Losses since the last report, per stream: 64-bit as the totals. A broker away for months leaves no room to
        // report them, and 256 modules losing a message a second each pass 2^31 in 97 days (an int went negative).
        private readonly long[] _lost = new long[TopicSet.StreamCount];
        private readonly long[] _lostTotal = new long[TopicSet.StreamCount];

        // Acknowledgements that arrive while their message is still inside Publish (the client's thread
        // can be faster than ours); consumed when Publish returns.
        private readonly int[] _earlyAcks = new int[EarlyAckCapacity];
        private int _earlyAckCount;

        // Refusals that came before their message was marked sent (the transport completes on its own thread).
        private readonly int[] _earlyRefusals = new int[EarlyAckCapacity];
        private int _earlyRefusalCount;

        // Command replies lost (refused by the broker, or evicted): not one of the counted streams.
        private long _lostReplies;

        private long _nextOrder = 1;
        private long _replayMark = 1;
        private bool _wasConnected;
        private int _awaitingAck;
        private int _freeCount;
        private bool _hasLosses;
        private bool _lastPumpRefused;

        public MessageOutbox(OutboxConfiguration configuration, int slotBytes)
        {
            if (configuration == null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            if (configuration.SlotCount < 2 || slotBytes < 64 || configuration.LiveMessagesPerPump < 1
                || configuration.ReplayMessagesPerPump < 1 || configuration.MaximumInFlight < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(configuration), "at least 2 slots of 64 bytes and budgets of 1");
            }

            _slotBytes = slotBytes;
            _liveBudget = configuration.LiveMessagesPerPump;
            _replayBudget = configuration.ReplayMessagesPerPump;
            _maximumInFlight = configuration.MaximumInFlight;
            _slots = new OutboxSlot[configuration.SlotCount];
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i] = new OutboxSlot(slotBytes);
            }

            _freeCount = _slots.Length;
        }

        /// <summary>Priority of telemetry (pulse, cells, duty-cycle steps, ended rests): evicted first.</summary>
        public const byte TelemetryPriority = 0;

        /// <summary>
        /// Priority of a module's run-state change (to idle, hold or done): kept until acknowledged and evicted
        /// only when no telemetry is left, so a consumer of telemetry/state never misses a module going to hold.
        /// </summary>
        public const byte StatePriority = 1;

        /// <summary>Priority of events: evicted after telemetry and state changes.</summary>
        public const byte EventPriority = 2;

        /// <summary>
        /// Priority of a command's reply: evicted last of all. The command was acknowledged and will not come again,
        /// so its reply outlives the events queued after it (replies are few: one per command).
        /// </summary>
        public const byte ReplyPriority = 3;

        public int SlotCount => _slots.Length;

        public int SlotBytes => _slotBytes;

        public int FreeCount
        {
            get
            {
                lock (_lock)
                {
                    return _freeCount;
                }
            }
        }

        /// <summary>
        /// Messages of <paramref name="topic"/> waiting to be handed to the transport (queued, or being handed over now); not
        /// those handed over and awaiting their acknowledgement.
        /// </summary>
        public int QueuedCount(TopicId topic)
        {
            lock (_lock)
            {
                int count = 0;
                for (int i = 0; i < _slots.Length; i++)
                {
                    OutboxSlot slot = _slots[i];
                    if (slot.Topic == topic && (slot.State == OutboxSlotState.Queued || slot.State == OutboxSlotState.Sending))
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>QoS 1 messages published and not yet acknowledged.</summary>
        public int AwaitingAckCount
        {
            get
            {
                lock (_lock)
                {
                    return _awaitingAck;
                }
            }
        }

        /// <summary>
        /// True when the latest <see cref="Pump"/> found the transport connected but it refused a message (its
        /// client's queue full: a link that has stopped draining).
        /// </summary>
        public bool LastPumpRefused
        {
            get
            {
                lock (_lock)
                {
                    return _lastPumpRefused;
                }
            }
        }

        /// <summary>Messages of a stream lost since start (evicted, or too large for a slot); 0 for a topic that is not a stream.</summary>
        public long LostTotal(TopicId stream)
        {
            lock (_lock)
            {
                int index = (int)stream;
                return index < _lostTotal.Length ? _lostTotal[index] : 0;
            }
        }

        /// <summary>Command replies lost since start (refused by the broker, or evicted by other replies).</summary>
        public long LostReplies
        {
            get
            {
                lock (_lock)
                {
                    return _lostReplies;
                }
            }
        }

        /// <summary>
        /// Copies a message into a slot (tick thread). When no slot is free the oldest telemetry message
        /// is evicted, else the oldest event. Returns false when the message itself was lost.
        /// </summary>
        public bool Enqueue(TopicId topic, int qos, bool retain, long seq, byte[] payload, int offset, int count)
        {
            return Enqueue(topic, qos, retain, seq, topic == TopicId.Event ? EventPriority : TelemetryPriority, payload, offset, count);
        }

        /// <summary>
        /// Copies a message of eviction priority <paramref name="priority"/> (<see cref="TelemetryPriority"/>,
        /// <see cref="StatePriority"/>, <see cref="EventPriority"/>, <see cref="ReplyPriority"/>) into a slot; when none is free the oldest
        /// message of the lowest priority present is evicted. Returns false when the message itself was lost.
        /// </summary>
        public bool Enqueue(TopicId topic, int qos, bool retain, long seq, byte priority, byte[] payload, int offset, int count)
        {
            lock (_lock)
            {
                if (count > _slotBytes || count < 0)
                {
                    CountLossLocked(topic);
                    return false;
                }

                OutboxSlot slot = FindFreeLocked();
                if (slot == null)
                {
                    slot = EvictLocked();
                }

                if (slot == null)
                {
                    CountLossLocked(topic);
                    return false;
                }

                Array.Copy(payload, offset, slot.Payload, 0, count);
                slot.Length = count;
                slot.Topic = topic;
                slot.Qos = qos;
                slot.Retain = retain;
                slot.Seq = seq;
                slot.Priority = priority;
                slot.Order = _nextOrder;
                _nextOrder++;
                slot.State = OutboxSlotState.Queued;
                _freeCount--;
                return true;
            }
        }

        /// <summary>Counts a message that never reached the outbox (e.g. it did not fit its encoder's buffer).</summary>
        public void RecordLoss(TopicId stream)
        {
            lock (_lock)
            {
                CountLossLocked(stream);
            }
        }

        /// <summary>
        /// When losses are pending and a slot is free (so reporting them evicts nothing), moves the
        /// per-stream counts into <paramref name="lostPerStream"/>, clears them and returns true.
        /// </summary>
        public bool TakeLossesIfRoom(long[] lostPerStream)
        {
            lock (_lock)
            {
                if (!_hasLosses || _freeCount == 0)
                {
                    return false;
                }

                for (int i = 0; i < _lost.Length; i++)
                {
                    lostPerStream[i] = _lost[i];
                    _lost[i] = 0;
                }

                _hasLosses = false;
                return true;
            }
        }

        /// <summary>
        /// A session was just opened: what was in flight is queued again, and what is queued from now on is
        /// live (what came before is backlog). Optional: the first <see cref="Pump"/> on a connection does the same.
        /// </summary>
        public void ConnectionOpened()
        {
            lock (_lock)
            {
                if (!_wasConnected)
                {
                    OnConnectedLocked();
                }
            }
        }

        /// <summary>The transport reports a lost connection (optional: a pump that sees IsConnected false does the same).</summary>
        public void ConnectionLost()
        {
            lock (_lock)
            {
                _wasConnected = false;
            }
        }

        /// <summary>The broker acknowledged a QoS 1 message (any thread).</summary>
        public void Acknowledge(int messageId)
        {
            lock (_lock)
            {
                for (int i = 0; i < _slots.Length; i++)
                {
                    OutboxSlot slot = _slots[i];
                    if (slot.State == OutboxSlotState.AwaitingAck && slot.MessageId == messageId)
                    {
                        _awaitingAck--;
                        FreeLocked(slot);
                        return;
                    }
                }

                if (_earlyAckCount < EarlyAckCapacity)
                {
                    _earlyAcks[_earlyAckCount] = messageId;
                    _earlyAckCount++;
                }
            }
        }

        /// <summary>
        /// The broker refused a QoS 1 message (an MQTT 5 error reason such as NotAuthorized; any thread): its slot is
        /// freed like a delivered one's but the message counts as lost for its stream, so the next loss report says so.
        /// </summary>
        public void Refuse(int messageId)
        {
            lock (_lock)
            {
                for (int i = 0; i < _slots.Length; i++)
                {
                    OutboxSlot slot = _slots[i];
                    if (slot.State == OutboxSlotState.AwaitingAck && slot.MessageId == messageId)
                    {
                        _awaitingAck--;
                        CountLossLocked(slot.Topic);
                        FreeLocked(slot);
                        return;
                    }
                }

                // Not yet marked as sent: counted as lost when it is.
                if (_earlyRefusalCount < EarlyAckCapacity)
                {
                    _earlyRefusals[_earlyRefusalCount] = messageId;
                    _earlyRefusalCount++;
                }
            }
        }

        /// <summary>
        /// The client stopped waiting for the broker's acknowledgement of a QoS 1 message (its own retries ran out
        /// while the connection stayed up; any thread): the message is queued again and goes out with a new id on
        /// the next pump. Left awaiting, it would hold a place in the in-flight window until the next reconnect, and
        /// a few such on a slow broker would stop every QoS 1 message for the rest of the session.
        /// </summary>
        public void Unacknowledged(int messageId)
        {
            lock (_lock)
            {
                for (int i = 0; i < _slots.Length; i++)
                {
                    OutboxSlot slot = _slots[i];
                    if (slot.State == OutboxSlotState.AwaitingAck && slot.MessageId == messageId)
                    {
                        _awaitingAck--;
                        slot.State = OutboxSlotState.Queued;
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// Publishes what the budgets allow (network thread): live messages first, then backlog.
        /// Returns the number of messages handed to the transport.
        /// </summary>
        public int Pump(IMessageTransport transport)
        {
            bool connected = transport.IsConnected;
            lock (_lock)
            {
                _lastPumpRefused = false;
                if (!connected)
                {
                    _wasConnected = false;
                    return 0;
                }

                if (!_wasConnected)
                {
                    OnConnectedLocked();
                }

                // Every slot free: nothing queued, nothing in flight. Most pumps (one per tick) find this, and one
                // count replaces a scan of every slot, which the device's interpreter pays for per slot.
                if (_freeCount == _slots.Length)
                {
                    return 0;
                }
            }

            int live = 0;
            int replay = 0;
            while (true)
            {
                OutboxSlot slot;
                bool isLive;
                lock (_lock)
                {
                    slot = NextLocked(live < _liveBudget, replay < _replayBudget, out isLive);
                    if (slot == null)
                    {
                        break;
                    }

                    slot.State = OutboxSlotState.Sending;
                    _earlyAckCount = 0;
                }

                // Outside the lock: the tick thread must never wait for the network.
                int messageId = transport.Publish(slot.Topic, slot.Payload, 0, slot.Length, slot.Qos, slot.Retain);
                lock (_lock)
                {
                    if (messageId < 0)
                    {
                        slot.State = OutboxSlotState.Queued;
                        _lastPumpRefused = true;
                        break;
                    }

                    if (slot.Qos != 0 && TakeEarlyRefusalLocked(messageId))
                    {
                        CountLossLocked(slot.Topic);
                        FreeLocked(slot);
                    }
                    else if (slot.Qos == 0 || TakeEarlyAckLocked(messageId))
                    {
                        FreeLocked(slot);
                    }
                    else
                    {
                        slot.MessageId = messageId;
                        slot.State = OutboxSlotState.AwaitingAck;
                        _awaitingAck++;
                    }
                }

                if (isLive)
                {
                    live++;
                }
                else
                {
                    replay++;
                }
            }

            return live + replay;
        }
    }
}
