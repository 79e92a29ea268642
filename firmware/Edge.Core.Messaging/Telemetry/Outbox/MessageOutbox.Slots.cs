// Licensed under the MIT License.

using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Telemetry.Outbox
{
    /// <summary>Slot bookkeeping of the outbox; every method here runs with the lock held.</summary>
    public sealed partial class MessageOutbox
    {
        private void OnConnectedLocked()
        {
            // What was in flight may never have reached the broker: send it again (at least once).
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State == OutboxSlotState.AwaitingAck)
                {
                    _slots[i].State = OutboxSlotState.Queued;
                }
            }

            _awaitingAck = 0;
            _earlyAckCount = 0;
            _earlyRefusalCount = 0;
            _replayMark = _nextOrder;
            _wasConnected = true;
        }

        private OutboxSlot NextLocked(bool liveAllowed, bool replayAllowed, out bool isLive)
        {
            OutboxSlot oldestLive = null;
            OutboxSlot oldestBacklog = null;
            bool windowFull = _awaitingAck >= _maximumInFlight;
            for (int i = 0; i < _slots.Length; i++)
            {
                OutboxSlot slot = _slots[i];
                if (slot.State != OutboxSlotState.Queued || (slot.Qos > 0 && windowFull))
                {
                    continue;
                }

                if (slot.Order >= _replayMark)
                {
                    if (liveAllowed && (oldestLive == null || slot.Order < oldestLive.Order))
                    {
                        oldestLive = slot;
                    }
                }
                else if (replayAllowed && (oldestBacklog == null || slot.Order < oldestBacklog.Order))
                {
                    oldestBacklog = slot;
                }
            }

            isLive = oldestLive != null;
            return oldestLive != null ? oldestLive : oldestBacklog;
        }

        private OutboxSlot FindFreeLocked()
        {
            if (_freeCount == 0)
            {
                return null;
            }

            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State == OutboxSlotState.Free)
                {
                    return _slots[i];
                }
            }

            return null;
        }

        private OutboxSlot EvictLocked()
        {
            // The oldest slot of the lowest priority present: queued telemetry first (one in flight is left to
            // finish), then run-state changes, events last. Kept slots go even while awaiting their ack.
            OutboxSlot victim = null;
            for (int i = 0; i < _slots.Length; i++)
            {
                OutboxSlot slot = _slots[i];
                if (slot.State == OutboxSlotState.Free || slot.State == OutboxSlotState.Sending)
                {
                    continue;
                }

                if (slot.Priority == TelemetryPriority && slot.State != OutboxSlotState.Queued)
                {
                    continue;
                }

                if (victim == null || slot.Priority < victim.Priority || (slot.Priority == victim.Priority && slot.Order < victim.Order))
                {
                    victim = slot;
                }
            }

            if (victim == null)
            {
                return null;
            }

            if (victim.State == OutboxSlotState.AwaitingAck)
            {
                _awaitingAck--;
            }

            CountLossLocked(victim.Topic);
            FreeLocked(victim);
            return victim;
        }

        private void FreeLocked(OutboxSlot slot)
        {
            slot.State = OutboxSlotState.Free;
            slot.Length = 0;
            _freeCount++;
        }

        private void CountLossLocked(TopicId stream)
        {
            int index = (int)stream;
            if (index < _lost.Length)
            {
                _lost[index]++;
                _lostTotal[index]++;
                _hasLosses = true;
            }
            else if (stream == TopicId.CommandResult)
            {
                _lostReplies++;
            }
        }

        private bool TakeEarlyRefusalLocked(int messageId)
        {
            for (int i = 0; i < _earlyRefusalCount; i++)
            {
                if (_earlyRefusals[i] == messageId)
                {
                    // Swap in the last: the others still wait for their messages.
                    _earlyRefusalCount--;
                    _earlyRefusals[i] = _earlyRefusals[_earlyRefusalCount];
                    return true;
                }
            }

            return false;
        }

        private bool TakeEarlyAckLocked(int messageId)
        {
            for (int i = 0; i < _earlyAckCount; i++)
            {
                if (_earlyAcks[i] == messageId)
                {
                    _earlyAckCount = 0;
                    return true;
                }
            }

            _earlyAckCount = 0;
            return false;
        }
    }
}
