// Licensed under the MIT License.

using System.Text.Encodings.Web;
using System.Text.Json;

namespace Edge.HostSim.Mqtt.Bridge
{
    /// <summary>
    /// The simulated device's own events (<c>edge/&lt;id&gt;/device-event</c>, outside contract v1), kept and sent as
    /// the firmware's <c>DeviceEventLog</c> and <c>MqttSession</c> do: at most <see cref="Capacity"/> wait while
    /// offline, a new event in a full log replaces the oldest of its own code (else the oldest of a code the log holds
    /// more than once, else the oldest of all), the number dropped goes out first as an <c>events-dropped</c> event,
    /// then the rest in the order they happened, QoS 1, each removed once the client has taken it. Only codes with a
    /// real counterpart in a run are reported here (hostsim/Edge.HostSim/Mqtt/Bridge/README.md lists them). Any thread.
    /// </summary>
    public sealed class SimulatedDeviceEventLog
    {
        /// <summary>Events kept while offline, as on the device (firmware <c>DeviceEventLog.Capacity</c>).</summary>
        public const int Capacity = 32;

        // Each event with its number in the order reported: the publisher removes the one it sent by that number.
        private readonly List<(long Number, string Code, string Message)> _pending = new List<(long Number, string Code, string Message)>();
        private readonly object _lock = new object();
        private readonly string _bootId;
        private int _droppedCount;
        private long _reported;

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

                    _pending.RemoveAt(oldest < 0 ? 0 : oldest);
                    _droppedCount++;
                }

                _pending.Add((++_reported, code, message));
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
            int dropped;
            lock (_lock)
            {
                dropped = _droppedCount;
                _droppedCount = 0;
            }

            if (dropped > 0)
            {
                // Straight out, not through the log: added to a full log it would push out the very event the drops spared.
                string message = dropped + " device event(s) dropped while the log was full (" + Capacity + " kept while offline)";
                if (publish(Topic, Encode("events-dropped", message), 1) < 0)
                {
                    lock (_lock)
                    {
                        _droppedCount += dropped;
                    }

                    return false;
                }

                sent = true;
            }

            while (true)
            {
                (long Number, string Code, string Message) next;
                lock (_lock)
                {
                    if (_pending.Count == 0)
                    {
                        return sent;
                    }

                    next = _pending[0];
                }

                if (publish(Topic, Encode(next.Code, next.Message), 1) < 0)
                {
                    return sent;
                }

                lock (_lock)
                {
                    // That event and no other: a report into the full log may have changed the oldest meanwhile.
                    int index = _pending.FindIndex(e => e.Number == next.Number);
                    if (index >= 0)
                    {
                        _pending.RemoveAt(index);
                    }
                    else if (_droppedCount > 0)
                    {
                        // The full log pushed it out while it was being published and counted it as dropped; it was
                        // handed over after all, so it no longer counts.
                        _droppedCount--;
                    }
                }

                sent = true;
            }
        }

        /// <summary>The firmware's payload: <c>{"v":1,"bootId","code","message"}</c>.</summary>
        private byte[] Encode(string code, string message)
        {
            using MemoryStream buffer = new MemoryStream();
            using (Utf8JsonWriter json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteNumber("v", 1);
                json.WriteString("bootId", _bootId);
                json.WriteString("code", code);
                json.WriteString("message", message);
                json.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }
}
