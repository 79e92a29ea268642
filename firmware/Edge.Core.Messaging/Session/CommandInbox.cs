// Licensed under the MIT License.

namespace Edge.Core.Session
{
    /// <summary>
    /// Commands received on the MQTT client's own thread, held until the session's network thread hands
    /// them to the core's CommandHandler and publishes the reply (so no publish happens inside the client's
    /// receive callback). Fixed storage: a flood of commands cannot exhaust the heap; beyond
    /// <see cref="Capacity"/> they are refused and counted until the network thread catches up. The broker has
    /// been acknowledged by then and will not send them again, so up to <see cref="RefusedCapacity"/> refused
    /// commands are kept to be answered (not executed): their senders learn to send them again.
    /// </summary>
    public sealed class CommandInbox
    {
        /// <summary>Commands kept at most.</summary>
        public const int Capacity = 8;

        /// <summary>Refused commands kept for their reply at most; beyond them a refusal is only counted.</summary>
        public const int RefusedCapacity = 16;

        private static readonly byte[] s_empty = new byte[0];

        private readonly string[] _topics = new string[Capacity];
        private readonly byte[][] _payloads = new byte[Capacity][];
        private readonly bool[] _retained = new bool[Capacity];
        private readonly string[] _refusedTopics = new string[RefusedCapacity];
        private readonly byte[][] _refusedPayloads = new byte[RefusedCapacity][];
        private readonly bool[] _refusedRetained = new bool[RefusedCapacity];
        private int _refusedHead;
        private int _refusedWaiting;
        private readonly object _lock = new object();
        private int _head;
        private int _count;
        private long _refused;

        /// <summary>
        /// Commands refused because the inbox was full, since start. 64-bit: a sender flooding the device at a hundred
        /// commands a second passes 2^31 in 248 days, where an int turned negative in the health message.
        /// </summary>
        public long RefusedCount
        {
            get
            {
                lock (_lock)
                {
                    return _refused;
                }
            }
        }

        /// <summary>Commands waiting.</summary>
        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _count;
                }
            }
        }

        /// <summary>Queues one received message (any thread); false, and counted, when full.</summary>
        public bool TryAdd(string topic, byte[] payload, bool retained)
        {
            lock (_lock)
            {
                if (_count >= Capacity)
                {
                    _refused++;
                    if (_refusedWaiting < RefusedCapacity)
                    {
                        int slot = (_refusedHead + _refusedWaiting) % RefusedCapacity;
                        _refusedTopics[slot] = topic;
                        _refusedPayloads[slot] = payload == null ? s_empty : payload;
                        _refusedRetained[slot] = retained;
                        _refusedWaiting++;
                    }

                    return false;
                }

                int index = (_head + _count) % Capacity;
                _topics[index] = topic;
                _payloads[index] = payload == null ? s_empty : payload;
                _retained[index] = retained;
                _count++;
                return true;
            }
        }

        /// <summary>Takes the oldest message; false when empty.</summary>
        public bool TryTake(out string topic, out byte[] payload, out bool retained)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    topic = null;
                    payload = null;
                    retained = false;
                    return false;
                }

                topic = _topics[_head];
                payload = _payloads[_head];
                retained = _retained[_head];
                _topics[_head] = null;
                _payloads[_head] = null;
                _head = (_head + 1) % Capacity;
                _count--;
                return true;
            }
        }

        /// <summary>Takes the oldest refused command still to be answered; false when there is none.</summary>
        public bool TryTakeRefused(out string topic, out byte[] payload, out bool retained)
        {
            lock (_lock)
            {
                if (_refusedWaiting == 0)
                {
                    topic = null;
                    payload = null;
                    retained = false;
                    return false;
                }

                topic = _refusedTopics[_refusedHead];
                payload = _refusedPayloads[_refusedHead];
                retained = _refusedRetained[_refusedHead];
                _refusedTopics[_refusedHead] = null;
                _refusedPayloads[_refusedHead] = null;
                _refusedHead = (_refusedHead + 1) % RefusedCapacity;
                _refusedWaiting--;
                return true;
            }
        }
    }
}
