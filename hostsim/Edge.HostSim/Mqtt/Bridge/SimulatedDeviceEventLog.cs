// Licensed under the MIT License.

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Edge.HostSim.Mqtt.Bridge
{
    /// <summary>
    /// The simulated device's own events (<c>edge/&lt;id&gt;/device-event</c>, outside contract v1), kept and sent as
    /// the firmware's <c>DeviceEventLog</c> and <c>MqttSession</c> do: at most <see cref="Capacity"/> wait while
    /// offline, a new event in a full log replaces the oldest of its own code (else the oldest of a code the log holds
    /// more than once, else the oldest of all), the number dropped goes out first as an <c>events-dropped</c> event,
    /// then the rest in the order they happened, QoS 1, each removed once the broker has acknowledged it (PUBACK,
    /// <see cref="Acknowledge"/>) and sent again on the next session when the link failed first, under the same
    /// <c>seq</c> (its number in the run, from 1), so that a consumer tells a redelivery from a new event. Only codes with a
    /// real counterpart in a run are reported here (hostsim/Edge.HostSim/Mqtt/Bridge/README.md lists them). Any thread.
    /// </summary>
    public sealed class SimulatedDeviceEventLog
    {
        /// <summary>Events kept while offline, as on the device (firmware <c>DeviceEventLog.Capacity</c>).</summary>
        public const int Capacity = 32;

        // Publish states of a pending event besides the packet id that awaits its PUBACK (ids start at 1).
        private const int Unsent = 0;
        private const int Sending = -1;
        private const int EarlyAckCapacity = 16;

        private readonly List<PendingEvent> _pending = new List<PendingEvent>();

        // Events a full log pushed out while their publish was on its way: dropped only if the PUBACK never comes.
        private readonly List<PendingEvent> _evictedInFlight = new List<PendingEvent>();

        // PUBACKs that came before the publish call returned its id (MQTTnet's threads can be faster than ours).
        private readonly List<int> _earlyAcks = new List<int>();
        private readonly object _lock = new object();
        private readonly string _bootId;
        private int _droppedCount;

        // The seq of the next event of this run (events-dropped reports included): a redelivered event keeps its own.
        private int _nextSeq = 1;

        // The count carried by the events-dropped report whose PUBACK is awaited, and that publish's id (Unsent: none).
        private int _droppedInFlight;
        private int _droppedReportId = Unsent;

        /// <param name="deviceId">The device id of the topic.</param>
        /// <param name="bootId">The run's boot id, carried by every event.</param>
        public SimulatedDeviceEventLog(string deviceId, string bootId)
        {
            ArgumentNullException.ThrowIfNull(deviceId);
            _bootId = bootId ?? throw new ArgumentNullException(nameof(bootId));
            Topic = "edge/" + deviceId + "/device-event";
        }

        /// <summary>The device-event topic.</summary>
        public string Topic { get; }

        /// <summary>Events waiting for the broker.</summary>
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

        /// <summary>Keeps <paramref name="message"/> under <paramref name="code"/> (one of the firmware's codes) until it is published.</summary>
        public void Report(string code, string message)
        {
            ArgumentNullException.ThrowIfNull(code);
            ArgumentNullException.ThrowIfNull(message);
            lock (_lock)
            {
                if (_pending.Count >= Capacity)
                {
                    // As on the device: a repeating event (a connection retried while the broker is away) replaces its own
                    // oldest copy, so it cannot push out a rarer one; a new code takes the place of a repeated event's
                    // oldest copy; only a log of all-different codes loses its oldest.
                    int oldest = _pending.FindIndex(e => e.Code == code);
                    if (oldest < 0)
                    {
                        oldest = _pending.FindIndex(e => _pending.Count(other => other.Code == e.Code) > 1);
                    }

                    PendingEvent pushedOut = _pending[oldest < 0 ? 0 : oldest];
                    _pending.Remove(pushedOut);
                    if (pushedOut.MessageId == Unsent)
                    {
                        _droppedCount++;
                    }
                    else
                    {
                        // On its way: counted as dropped only if its PUBACK never comes, so the count stays exact.
                        _evictedInFlight.Add(pushedOut);
                    }
                }

                _pending.Add(new PendingEvent(code, message, DateTime.UtcNow, _nextSeq++));
            }
        }

        /// <summary>
        /// Network thread, while online: the dropped count, then every pending event in order, through
        /// <paramref name="publish"/> (topic, payload, QoS; a negative result means not taken, and the rest waits for
        /// the next pass). True when something was handed over.
        /// </summary>
        public bool PublishPending(Func<string, byte[], int, int> publish)
        {
            ArgumentNullException.ThrowIfNull(publish);
            bool sent = false;
            int dropped = 0;
            int droppedSeq = 0;
            lock (_lock)
            {
                // One report owed at a time: while one awaits its PUBACK, new drops wait for the next.
                if (_droppedReportId == Unsent)
                {
                    dropped = _droppedCount;
                    _droppedCount = 0;
                    _earlyAcks.Clear();

                    // Each report a new seq: a count reported again after a lost PUBACK may have grown, and is a new report.
                    if (dropped > 0)
                    {
                        droppedSeq = _nextSeq++;
                    }
                }
            }

            if (dropped > 0)
            {
                // Straight out, not through the log: added to a full log it would push out the very event the drops spared.
                string message = dropped + " device event(s) dropped while the log was full (" + Capacity + " kept while offline)";
                int reportId = publish(Topic, Encode("events-dropped", message, DateTime.UtcNow, droppedSeq), 1);
                lock (_lock)
                {
                    if (reportId < 0)
                    {
                        _droppedCount += dropped;
                        return false;
                    }

                    // Owed until its PUBACK, as the events are: a link lost first must not lose the count.
                    if (!_earlyAcks.Remove(reportId))
                    {
                        _droppedInFlight = dropped;
                        _droppedReportId = reportId;
                    }
                }

                sent = true;
            }

            while (true)
            {
                PendingEvent? next;
                lock (_lock)
                {
                    next = _pending.Find(e => e.MessageId == Unsent);
                    if (next == null)
                    {
                        return sent;
                    }

                    next.MessageId = Sending;
                    _earlyAcks.Clear();
                }

                int messageId = publish(Topic, Encode(next.Code, next.Message, next.TimeUtc, next.Seq), 1);
                lock (_lock)
                {
                    if (messageId < 0)
                    {
                        // Not taken: sent again on the next pass, unless the full log pushed it out meanwhile, which loses it.
                        next.MessageId = Unsent;
                        if (_evictedInFlight.Remove(next))
                        {
                            _droppedCount++;
                        }

                        return sent;
                    }

                    if (_earlyAcks.Remove(messageId))
                    {
                        _pending.Remove(next);
                        _evictedInFlight.Remove(next);
                    }
                    else
                    {
                        // Kept until the PUBACK of this id: taken by the client is not yet delivered.
                        next.MessageId = messageId;
                    }
                }

                sent = true;
            }
        }

        /// <summary>
        /// The broker acknowledged packet <paramref name="messageId"/> (MQTTnet's thread; ids of other messages are
        /// ignored): the event sent under it leaves the log. One the full log pushed out meanwhile reached the broker
        /// after all and is not counted as dropped.
        /// </summary>
        public void Acknowledge(int messageId)
        {
            lock (_lock)
            {
                if (TakeAwaiting(messageId) != null)
                {
                    return;
                }

                if (messageId > Unsent && messageId == _droppedReportId)
                {
                    _droppedInFlight = 0;
                    _droppedReportId = Unsent;
                }
                else if (_earlyAcks.Count < EarlyAckCapacity)
                {
                    _earlyAcks.Add(messageId);
                }
            }
        }

        /// <summary>
        /// The broker refused packet <paramref name="messageId"/> (an ACL's PUBACK reason): sending it again would be
        /// refused again, so the event leaves the log and counts as dropped.
        /// </summary>
        public void Refuse(int messageId)
        {
            lock (_lock)
            {
                if (TakeAwaiting(messageId) != null)
                {
                    _droppedCount++;
                }
                else if (messageId > Unsent && messageId == _droppedReportId)
                {
                    // The report itself refused: sending it again would be refused again; nothing more to say.
                    _droppedInFlight = 0;
                    _droppedReportId = Unsent;
                }
            }
        }

        /// <summary>
        /// A new session (network thread, before it sends): the PUBACKs the old one still owed will not come, so those
        /// events go again (at least once), and so does a dropped count whose report awaited its PUBACK; events the full log
        /// pushed out while they awaited theirs are lost, and counted.
        /// </summary>
        public void ConnectionRestarted()
        {
            lock (_lock)
            {
                foreach (PendingEvent pending in _pending)
                {
                    pending.MessageId = Unsent;
                }

                _droppedCount += _evictedInFlight.Count + _droppedInFlight;
                _evictedInFlight.Clear();
                _droppedInFlight = 0;
                _droppedReportId = Unsent;
                _earlyAcks.Clear();
            }
        }

        /// <summary>Removes and returns the event awaiting the PUBACK of <paramref name="messageId"/>, or null (under the lock).</summary>
        private PendingEvent? TakeAwaiting(int messageId)
        {
            if (messageId <= Unsent)
            {
                return null;
            }

            foreach (List<PendingEvent> events in new[] { _pending, _evictedInFlight })
            {
                int index = events.FindIndex(e => e.MessageId == messageId);
                if (index >= 0)
                {
                    PendingEvent taken = events[index];
                    events.RemoveAt(index);
                    return taken;
                }
            }

            return null;
        }

        /// <summary>
        /// The firmware's payload: <c>{"v":1,"bootId","code","message","timeUtc","seq"}</c>, <c>timeUtc</c> the time it was reported
        /// at, ISO 8601 UTC to the millisecond with Z (the firmware's null for an unset clock never applies here), <c>seq</c>
        /// the event's number in the run.
        /// </summary>
        private byte[] Encode(string code, string message, DateTime timeUtc, int seq)
        {
            using MemoryStream buffer = new MemoryStream();
            using (Utf8JsonWriter json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteNumber("v", 1);
                json.WriteString("bootId", _bootId);
                json.WriteString("code", code);
                json.WriteString("message", message);
                json.WriteString("timeUtc", timeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                json.WriteNumber("seq", seq);
                json.WriteEndObject();
            }

            return buffer.ToArray();
        }

        /// <summary>One event and where its publish stands (the publisher finds the one it sent by reference).</summary>
        private sealed class PendingEvent
        {
            public PendingEvent(string code, string message, DateTime timeUtc, int seq)
            {
                Code = code;
                Message = message;
                TimeUtc = timeUtc;
                Seq = seq;
            }

            public string Code { get; }

            public string Message { get; }

            /// <summary>When it was reported (the host's clock: the simulated device's is always set).</summary>
            public DateTime TimeUtc { get; }

            /// <summary>Its number in the run, from 1: the same every time it is sent.</summary>
            public int Seq { get; }

            /// <summary><see cref="Unsent"/>, <see cref="Sending"/>, or the packet id whose PUBACK is awaited (under the log's lock).</summary>
            public int MessageId { get; set; }
        }
    }
}
