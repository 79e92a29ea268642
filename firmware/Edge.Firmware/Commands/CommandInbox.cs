// Licensed under the MIT License.

using System.Collections;

namespace Edge.Firmware.Commands
{
    /// <summary>
    /// Commands received by the MQTT client's own thread, held until the network thread hands them
    /// to the core's CommandHandler and publishes the reply (so that no publish happens inside the
    /// client's receive callback). Bounded: a flood of commands cannot exhaust the heap.
    /// </summary>
    public sealed class CommandInbox
    {
        /// <summary>Commands kept at most; more are refused until the network thread catches up.</summary>
        public const int Capacity = 8;

        private readonly ArrayList _topics = new ArrayList();
        private readonly ArrayList _payloads = new ArrayList();
        private readonly object _lock = new object();

        /// <summary>Commands refused because the inbox was full, since start.</summary>
        public int RefusedCount { get; private set; }

        /// <summary>Commands waiting.</summary>
        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _topics.Count;
                }
            }
        }

        /// <summary>Queues one received message; false (and counted) when full.</summary>
        public bool TryAdd(string topic, byte[] payload)
        {
            lock (_lock)
            {
                if (_topics.Count >= Capacity)
                {
                    RefusedCount++;
                    return false;
                }

                _topics.Add(topic);
                _payloads.Add(payload == null ? new byte[0] : payload);
                return true;
            }
        }

        /// <summary>Takes the oldest message; false when empty.</summary>
        public bool TryTake(out string topic, out byte[] payload)
        {
            lock (_lock)
            {
                if (_topics.Count == 0)
                {
                    topic = null;
                    payload = null;
                    return false;
                }

                topic = (string)_topics[0];
                payload = (byte[])_payloads[0];
                _topics.RemoveAt(0);
                _payloads.RemoveAt(0);
                return true;
            }
        }
    }
}
