// Licensed under the MIT License.

using System;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Diagnostics;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// Hands the broker's acknowledgements of the current MQTT client to the outbox and the device-event log, and
    /// drops those of any other. Every new client numbers its packets from 1 again, and a closed client's thread can
    /// still deliver a PUBACK it had read: taken as the new client's, it would clear a message of the new session
    /// with the same id that the broker never acknowledged.
    /// </summary>
    public sealed class AcknowledgementRouter
    {
        private readonly MessageOutbox _outbox;

        // Held while an acknowledgement is handed on, so that once Attach or Detach returns no late one of the old client lands.
        private readonly object _lock = new object();
        private object _client;
        private DeviceEventLog _events;

        /// <summary>Routes to <paramref name="outbox"/>, and to <see cref="Events"/> when set.</summary>
        public AcknowledgementRouter(MessageOutbox outbox)
        {
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        }

        /// <summary>The device-event log that gets the acknowledgements too (null: none).</summary>
        public DeviceEventLog Events
        {
            get { return _events; }
            set { _events = value; }
        }

        /// <summary><paramref name="client"/> is now the connection's client: only its acknowledgements count.</summary>
        public void Attach(object client)
        {
            lock (_lock)
            {
                _client = client;
            }
        }

        /// <summary>The client is being closed: no acknowledgement counts until the next <see cref="Attach"/>.</summary>
        public void Detach()
        {
            lock (_lock)
            {
                _client = null;
            }
        }

        /// <summary>
        /// <paramref name="client"/> reports packet <paramref name="messageId"/> acknowledged (<paramref name="delivered"/>)
        /// or given up on (its retries ran out while the link stayed up). Ignored unless it is the current client.
        /// </summary>
        public void Published(object client, int messageId, bool delivered)
        {
            lock (_lock)
            {
                if (client == null || client != _client)
                {
                    return;
                }

                DeviceEventLog events = _events;
                if (delivered)
                {
                    _outbox.Acknowledge(messageId);
                    if (events != null)
                    {
                        events.Queue.Acknowledge(messageId);
                    }
                }
                else
                {
                    // A late PUBACK is dropped by the client, so the outbox (or the log) must send it again itself.
                    _outbox.Unacknowledged(messageId);
                    if (events != null)
                    {
                        events.Queue.Unacknowledged(messageId);
                    }
                }
            }
        }

        /// <summary><paramref name="client"/> reports its connection closed: the outbox hears of it only from the current client.</summary>
        public void Closed(object client)
        {
            lock (_lock)
            {
                if (client != null && client == _client)
                {
                    _outbox.ConnectionLost();
                }
            }
        }
    }
}
