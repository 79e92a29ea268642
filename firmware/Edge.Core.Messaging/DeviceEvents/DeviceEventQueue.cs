// Licensed under the MIT License.

using System;
using System.Collections;

namespace Edge.Core.DeviceEvents
{
    /// <summary>
    /// The device's own events (<c>edge/&lt;id&gt;/device-event</c>: board or settings errors, watchdog trips, network
    /// state), kept until the broker has acknowledged their QoS 1 publish (PUBACK), so that one whose link dropped first
    /// is sent again on the next session under the same <c>seq</c>. The firmware's log and the simulated device both keep
    /// theirs here, so the two deliver alike. Any thread; never used on the sampling path (it allocates).
    /// </summary>
    public sealed class DeviceEventQueue
    {
        /// <summary>
        /// Messages kept while offline: when full, a new event replaces the oldest of its own code (else the oldest
        /// of a code the log holds more than once, else the oldest of all), and the number dropped is published as an
        /// <c>events-dropped</c> event.
        /// </summary>
        public const int Capacity = 32;

        /// <summary><see cref="DeviceEvent"/>'s publish state: not yet handed to the client (or to be sent again).</summary>
        internal const int Unsent = 0;

        /// <summary><see cref="DeviceEvent"/>'s publish state: inside the client's publish call (MQTT packet ids start at 1).</summary>
        internal const int Sending = -1;

        private const int EarlyAckCapacity = 16;

        private readonly ArrayList _pending = new ArrayList();

        // Events the full log pushed out while their publish awaited its PUBACK: lost only if it never comes.
        private readonly ArrayList _evictedInFlight = new ArrayList();
        private readonly object _lock = new object();

        // PUBACKs that arrive while their event is still inside the client's publish call (the client's thread can be
        // faster than ours; ids of the outbox's messages land here too and are forgotten at the next send). A refusal is
        // kept as its id negated (ids start at 1).
        private readonly int[] _earlyAcks = new int[EarlyAckCapacity];
        private int _earlyAckCount;
        private int _droppedCount;

        // The seq of the next event of this boot (events-dropped reports included): a redelivered event keeps its own.
        private long _nextSeq = 1;

        // The count carried by the events-dropped report whose PUBACK is awaited, and that publish's packet id (Unsent: none).
        private int _droppedInFlight;
        private int _droppedReportId = Unsent;

        /// <summary>Messages waiting for the broker.</summary>
        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _pending.Count;
                }
            }
        }

        /// <summary>
        /// Keeps <paramref name="message"/> under <paramref name="code"/> (a short, stable, machine-readable name), reported
        /// at <paramref name="timeUtc"/>, until the broker has it.
        /// </summary>
        public void Report(string code, string message, DateTime timeUtc)
        {
            if (code == null)
            {
                throw new ArgumentNullException(nameof(code));
            }

            // An exception's message may be null on the device: the event still counts.
            if (message == null)
            {
                message = string.Empty;
            }

            lock (_lock)
            {
                if (_pending.Count >= Capacity)
                {
                    // A repeating event (a connection retried every few seconds while the broker is away) replaces its
                    // own oldest copy, so it cannot push out a rarer one such as a watchdog trip; a new code pushes out
                    // the oldest copy of a repeated one; only a log of all-different codes loses its oldest.
                    int oldest = OldestOf(code);
                    DeviceEvent pushedOut = (DeviceEvent)_pending[oldest];
                    _pending.RemoveAt(oldest);
                    if (pushedOut.MessageId == Unsent)
                    {
                        _droppedCount++;
                    }
                    else
                    {
                        // On its way to the broker: dropped only if its PUBACK never comes (Acknowledge, Unacknowledged,
                        // ConnectionRestarted decide), so that the count says exactly what was lost.
                        _evictedInFlight.Add(pushedOut);
                    }
                }

                _pending.Add(new DeviceEvent(code, message, timeUtc, _nextSeq));
                _nextSeq++;
            }
        }

        private static DeviceEvent FindAwaitingLocked(ArrayList events, int messageId)
        {
            if (messageId <= Unsent)
            {
                return null;
            }

            for (int i = 0; i < events.Count; i++)
            {
                DeviceEvent awaiting = (DeviceEvent)events[i];
                if (awaiting.MessageId == messageId)
                {
                    return awaiting;
                }
            }

            return null;
        }

        private static bool RemoveAwaitingLocked(ArrayList events, int messageId)
        {
            DeviceEvent awaiting = FindAwaitingLocked(events, messageId);
            if (awaiting == null)
            {
                return false;
            }

            events.Remove(awaiting);
            return true;
        }

        private bool TakeEarlyAckLocked(int messageId)
        {
            for (int i = 0; i < _earlyAckCount; i++)
            {
                if (_earlyAcks[i] == messageId)
                {
                    _earlyAckCount--;
                    _earlyAcks[i] = _earlyAcks[_earlyAckCount];
                    return true;
                }
            }

            return false;
        }

        private int OldestOf(string code)
        {
            for (int i = 0; i < _pending.Count; i++)
            {
                if (((DeviceEvent)_pending[i]).Code == code)
                {
                    return i;
                }
            }

            // The first of its code: it takes the place of a repeated event's oldest copy, so that a failed tick after
            // a log filled by retries does not push out the watchdog trip that came before them.
            for (int i = 0; i < _pending.Count; i++)
            {
                string repeated = ((DeviceEvent)_pending[i]).Code;
                for (int later = i + 1; later < _pending.Count; later++)
                {
                    if (((DeviceEvent)_pending[later]).Code == repeated)
                    {
                        return i;
                    }
                }
            }

            return 0;
        }

        /// <summary>Oldest pending event, or null.</summary>
        public DeviceEvent Peek()
        {
            lock (_lock)
            {
                return _pending.Count == 0 ? null : (DeviceEvent)_pending[0];
            }
        }

        /// <summary>
        /// The oldest event not yet handed to the client, now marked as being sent, or null (network thread). Its
        /// <see cref="Sent"/> follows once the client has answered.
        /// </summary>
        public DeviceEvent TakeNextToSend()
        {
            lock (_lock)
            {
                for (int i = 0; i < _pending.Count; i++)
                {
                    DeviceEvent next = (DeviceEvent)_pending[i];
                    if (next.MessageId == Unsent)
                    {
                        next.MessageId = Sending;
                        _earlyAckCount = 0;
                        return next;
                    }
                }

                return null;
            }
        }

        /// <summary>
        /// The client took <paramref name="sending"/> (from <see cref="TakeNextToSend"/>) as QoS 1 packet
        /// <paramref name="messageId"/>, or refused it (negative): kept until <see cref="Acknowledge"/> of that id, or
        /// handed out again. The event, not "the oldest": a report into the full log may have pushed it out meanwhile.
        /// </summary>
        public void Sent(DeviceEvent sending, int messageId)
        {
            lock (_lock)
            {
                bool evicted = _evictedInFlight.Contains(sending);
                if (messageId < 0)
                {
                    // Not taken: sent again on the next pass, unless the full log has pushed it out, which now loses it.
                    sending.MessageId = Unsent;
                    if (evicted)
                    {
                        _evictedInFlight.Remove(sending);
                        _droppedCount++;
                    }

                    return;
                }

                if (TakeEarlyAckLocked(messageId))
                {
                    // The PUBACK came before the client's call returned here (its own thread is faster than ours).
                    _pending.Remove(sending);
                    _evictedInFlight.Remove(sending);
                    return;
                }

                if (TakeEarlyAckLocked(-messageId))
                {
                    // So did a refusal: sent again it would be refused again.
                    _pending.Remove(sending);
                    _evictedInFlight.Remove(sending);
                    _droppedCount++;
                    return;
                }

                sending.MessageId = messageId;
            }
        }

        /// <summary>
        /// The broker acknowledged QoS 1 packet <paramref name="messageId"/> (the client's thread; ids of other topics
        /// are ignored): the event sent under it leaves the log. Pushed out of the full log while on its way, it reached
        /// the broker after all and is not counted as dropped.
        /// </summary>
        public void Acknowledge(int messageId)
        {
            lock (_lock)
            {
                if (RemoveAwaitingLocked(_pending, messageId) || RemoveAwaitingLocked(_evictedInFlight, messageId))
                {
                    return;
                }

                if (messageId > Unsent && messageId == _droppedReportId)
                {
                    _droppedReportId = Unsent;
                    _droppedInFlight = 0;
                    return;
                }

                KeepEarlyLocked(messageId);
            }
        }

        private void KeepEarlyLocked(int answer)
        {
            if (_earlyAckCount < EarlyAckCapacity)
            {
                _earlyAcks[_earlyAckCount] = answer;
                _earlyAckCount++;
            }
        }

        /// <summary>
        /// The client gave up waiting for the PUBACK of packet <paramref name="messageId"/> while the connection stayed
        /// up (any thread): the event is sent again with a new id; one the full log pushed out meanwhile is lost, and counted.
        /// </summary>
        public void Unacknowledged(int messageId)
        {
            lock (_lock)
            {
                DeviceEvent awaiting = FindAwaitingLocked(_pending, messageId);
                if (awaiting != null)
                {
                    awaiting.MessageId = Unsent;
                    return;
                }

                awaiting = FindAwaitingLocked(_evictedInFlight, messageId);
                if (awaiting != null)
                {
                    _evictedInFlight.Remove(awaiting);
                    _droppedCount++;
                }

                if (messageId > Unsent && messageId == _droppedReportId)
                {
                    RestoreDroppedReportLocked();
                }
            }
        }

        /// <summary>
        /// The broker refused packet <paramref name="messageId"/> (an ACL's PUBACK reason, MQTT 5): sending it again would
        /// be refused again, so the event leaves the log and counts as dropped; a refused events-dropped report is not
        /// sent again either.
        /// </summary>
        public void Refuse(int messageId)
        {
            lock (_lock)
            {
                if (RemoveAwaitingLocked(_pending, messageId) || RemoveAwaitingLocked(_evictedInFlight, messageId))
                {
                    _droppedCount++;
                    return;
                }

                if (messageId > Unsent && messageId == _droppedReportId)
                {
                    _droppedReportId = Unsent;
                    _droppedInFlight = 0;
                    return;
                }

                if (messageId > Unsent)
                {
                    // Before the client's call returned the id (Sent, DroppedReportSent decide).
                    KeepEarlyLocked(-messageId);
                }
            }
        }

        /// <summary>
        /// A new session (network thread, before it sends): the PUBACKs awaited on the old one will not come (packet ids
        /// start over with each client), so those events are sent again (QoS 1: at least once), and so is a dropped count
        /// whose report awaited its PUBACK; those the full log pushed out while they awaited theirs are lost, and counted.
        /// </summary>
        public void ConnectionRestarted()
        {
            lock (_lock)
            {
                for (int i = 0; i < _pending.Count; i++)
                {
                    ((DeviceEvent)_pending[i]).MessageId = Unsent;
                }

                _droppedCount += _evictedInFlight.Count;
                _evictedInFlight.Clear();
                RestoreDroppedReportLocked();
                _earlyAckCount = 0;
            }
        }

        /// <summary>Drops the oldest pending event (a drain with no concurrent reports and no client; the network thread waits for <see cref="Acknowledge"/>).</summary>
        public void RemoveOldest()
        {
            lock (_lock)
            {
                if (_pending.Count > 0)
                {
                    _pending.RemoveAt(0);
                }
            }
        }

        /// <summary>
        /// The events-dropped report of a count taken by <see cref="TakeDroppedCount"/> went to the client as QoS 1 packet
        /// <paramref name="messageId"/>, or was refused (negative): the count stays owed until the PUBACK of that id, and
        /// is given back to be reported again when the publish was refused or its PUBACK will not come.
        /// </summary>
        public void DroppedReportSent(int dropped, int messageId)
        {
            lock (_lock)
            {
                if (messageId < 0)
                {
                    _droppedCount += dropped;
                    return;
                }

                // Acknowledged, or refused (not sent again), before the client's call returned: nothing is owed.
                if (TakeEarlyAckLocked(messageId) || TakeEarlyAckLocked(-messageId))
                {
                    return;
                }

                _droppedInFlight = dropped;
                _droppedReportId = messageId;
            }
        }

        /// <summary>
        /// Returns and clears the number of events dropped while the log was full; 0 while an earlier count's report
        /// awaits its PUBACK (<see cref="DroppedReportSent"/>), so that one report at a time is owed.
        /// </summary>
        public int TakeDroppedCount()
        {
            lock (_lock)
            {
                if (_droppedReportId != Unsent)
                {
                    return 0;
                }

                int dropped = _droppedCount;
                _droppedCount = 0;
                if (dropped > 0)
                {
                    _earlyAckCount = 0;
                }

                return dropped;
            }
        }

        /// <summary>
        /// A seq for an events-dropped report, which is published without passing through the log. Each report gets a
        /// new one: a count reported again after a lost PUBACK may have grown, and is a new report.
        /// </summary>
        public long TakeSeq()
        {
            lock (_lock)
            {
                long seq = _nextSeq;
                _nextSeq++;
                return seq;
            }
        }

        private void RestoreDroppedReportLocked()
        {
            _droppedCount += _droppedInFlight;
            _droppedInFlight = 0;
            _droppedReportId = Unsent;
        }
    }
}
