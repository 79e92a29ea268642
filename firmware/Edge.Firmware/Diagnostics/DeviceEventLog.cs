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
        /// <summary>Messages kept while offline; older ones are dropped first.</summary>
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
                    _pending.RemoveAt(0);
                    _droppedCount++;
                }

                _pending.Add(new DeviceEvent(code, message, DateTime.UtcNow));
            }
        }

        /// <summary>Oldest pending event, or null.</summary>
        public DeviceEvent Peek()
        {
            lock (_lock)
            {
                return _pending.Count == 0 ? null : (DeviceEvent)_pending[0];
            }
        }

        /// <summary>Drops the oldest pending event (after it was published).</summary>
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
