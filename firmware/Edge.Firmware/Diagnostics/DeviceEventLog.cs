// Licensed under the MIT License.

using System;
using System.Collections;

namespace Edge.Firmware.Diagnostics
{
    /// <summary>
    /// Events of the application itself (board or settings errors, watchdog trips, network state):
    /// written to the serial console at once and kept until the MQTT thread has published them.
    /// Never used on the sampling path (it allocates strings).
    /// </summary>
    public sealed class DeviceEventLog
    {
        /// <summary>
        /// Messages kept while offline: when full, a new event replaces the oldest of its own code (else the oldest
        /// of a code the log holds more than once, else the oldest of all), and the number dropped is published as an
        /// <c>events-dropped</c> event.
        /// </summary>
        public const int Capacity = 32;

        private readonly ArrayList _pending = new ArrayList();
        private readonly object _lock = new object();
        private int _droppedCount;

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

        /// <summary>Where every event line is echoed besides the debug console (the operator's serial console), or null.</summary>
        public IEventEcho Echo { get; set; }

        /// <summary>Logs <paramref name="message"/> under <paramref name="code"/> (a short, stable, machine-readable name).</summary>
        public void Report(string code, string message)
        {
            string line = code + ": " + message;
            Console.WriteLine(line);
            IEventEcho echo = Echo;
            if (echo != null)
            {
                try
                {
                    echo.Post(line);
                }
                catch (Exception)
                {
                    // The echo is a convenience for the operator; the event itself is kept below.
                }
            }

            lock (_lock)
            {
                if (_pending.Count >= Capacity)
                {
                    // A repeating event (a connection retried every few seconds while the broker is away) replaces its
                    // own oldest copy, so it cannot push out a rarer one such as a watchdog trip; a new code pushes out
                    // the oldest copy of a repeated one; only a log of all-different codes loses its oldest.
                    _pending.RemoveAt(OldestOf(code));
                    _droppedCount++;
                }

                _pending.Add(new DeviceEvent(code, message, DateTime.UtcNow));
            }
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
        /// Removes <paramref name="published"/> (an event from <see cref="Peek"/>) once the client has taken it: that event
        /// and no other, as a report into the full log may have changed the oldest since. Called by the thread that takes
        /// the dropped count (<see cref="TakeDroppedCount"/>), before it takes the count again.
        /// </summary>
        public void Remove(DeviceEvent published)
        {
            lock (_lock)
            {
                for (int i = 0; i < _pending.Count; i++)
                {
                    if ((DeviceEvent)_pending[i] == published)
                    {
                        _pending.RemoveAt(i);
                        return;
                    }
                }

                // A report into the full log pushed it out while it was being published and counted it as dropped;
                // it reached the client after all, so it is no longer counted, and nothing else goes in its place.
                if (_droppedCount > 0)
                {
                    _droppedCount--;
                }
            }
        }

        /// <summary>Drops the oldest pending event (a drain with no concurrent reports; the network thread uses <see cref="Remove"/>).</summary>
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

        /// <summary>Gives back a count taken by <see cref="TakeDroppedCount"/> whose report could not be published.</summary>
        public void RestoreDroppedCount(int dropped)
        {
            lock (_lock)
            {
                _droppedCount += dropped;
            }
        }

        /// <summary>Returns and clears the number of events dropped while the log was full.</summary>
        public int TakeDroppedCount()
        {
            lock (_lock)
            {
                int dropped = _droppedCount;
                _droppedCount = 0;
                return dropped;
            }
        }
    }
}
