// Licensed under the MIT License.

using System;
using Edge.Core.DeviceEvents;

namespace Edge.Firmware.Diagnostics
{
    /// <summary>
    /// Events of the application itself (board or settings errors, watchdog trips, network state): written to the
    /// serial console at once and kept in <see cref="Queue"/> until the broker has acknowledged their QoS 1 publish
    /// (PUBACK), so that one whose link dropped first is sent again on the next session.
    /// Never used on the sampling path (it allocates strings).
    /// </summary>
    public sealed class DeviceEventLog
    {
        /// <summary>Messages kept while offline (<see cref="DeviceEventQueue.Capacity"/>).</summary>
        public const int Capacity = DeviceEventQueue.Capacity;

        private readonly DeviceEventQueue _queue = new DeviceEventQueue();

        /// <summary>The events waiting for the broker, and their publish state (the network thread sends from it).</summary>
        public DeviceEventQueue Queue => _queue;

        /// <summary>Messages waiting for the broker.</summary>
        public int Count => _queue.Count;

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

            _queue.Report(code, message, DateTime.UtcNow);
        }

        /// <summary>Oldest pending event, or null.</summary>
        public DeviceEvent Peek() => _queue.Peek();

        /// <summary>Drops the oldest pending event (a drain with no concurrent reports and no client).</summary>
        public void RemoveOldest() => _queue.RemoveOldest();
    }
}
