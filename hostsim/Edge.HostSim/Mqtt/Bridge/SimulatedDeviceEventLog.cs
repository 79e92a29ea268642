// Licensed under the MIT License.

using Edge.Core.DeviceEvents;
using Edge.Core.Session;

namespace Edge.HostSim.Mqtt.Bridge
{
    /// <summary>
    /// The simulated device's own events (<c>edge/&lt;id&gt;/device-event</c>, outside contract v1), kept and sent by the
    /// firmware's own <see cref="DeviceEventQueue"/> and <see cref="DeviceEventSender"/>: at most <see cref="Capacity"/>
    /// wait while offline, a new event in a full log replaces the oldest of its own code (else the oldest of a code the
    /// log holds more than once, else the oldest of all), the number dropped goes out first as an <c>events-dropped</c>
    /// event, then the rest in the order they happened, QoS 1, each removed once the broker has acknowledged it (PUBACK)
    /// and sent again on the next session when the link failed first, under the same <c>seq</c> (its number in the run,
    /// from 1). Only codes with a real counterpart in a run are reported here (hostsim/Edge.HostSim/Mqtt/Bridge/README.md
    /// lists them). Any thread.
    /// </summary>
    public sealed class SimulatedDeviceEventLog
    {
        /// <summary>Events kept while offline, as on the device.</summary>
        public const int Capacity = DeviceEventQueue.Capacity;

        private readonly DeviceEventQueue _queue = new DeviceEventQueue();
        private readonly string _deviceId;
        private readonly string _bootId;

        // The sender of the publish callback last given (the bridge gives the same one on every pass).
        private Func<string, byte[], int, int>? _senderPublish;
        private DeviceEventSender? _sender;

        /// <param name="deviceId">The device id of the topic.</param>
        /// <param name="bootId">The run's boot id, carried by every event.</param>
        public SimulatedDeviceEventLog(string deviceId, string bootId)
        {
            _deviceId = deviceId ?? throw new ArgumentNullException(nameof(deviceId));
            _bootId = bootId ?? throw new ArgumentNullException(nameof(bootId));
            Topic = "edge/" + deviceId + "/device-event";
        }

        /// <summary>The device-event topic.</summary>
        public string Topic { get; }

        /// <summary>Events waiting for the broker.</summary>
        public int Count => _queue.Count;

        /// <summary>Keeps <paramref name="message"/> under <paramref name="code"/> (one of the firmware's codes) until it is published.</summary>
        public void Report(string code, string message)
        {
            ArgumentNullException.ThrowIfNull(code);
            ArgumentNullException.ThrowIfNull(message);

            // The host's clock: the simulated device's is always set.
            _queue.Report(code, message, DateTime.UtcNow);
        }

        /// <summary>
        /// Network thread, while online: the dropped count, then every pending event in order, through
        /// <paramref name="publish"/> (topic, payload, QoS; a negative result means not taken, and the rest waits for
        /// the next pass). True when something was handed over.
        /// </summary>
        public bool PublishPending(Func<string, byte[], int, int> publish)
        {
            ArgumentNullException.ThrowIfNull(publish);
            if (!ReferenceEquals(publish, _senderPublish))
            {
                _sender = new DeviceEventSender(_queue, new DelegatePublisher(publish), _deviceId, _bootId);
                _senderPublish = publish;
            }

            return _sender!.SendPending(DateTime.UtcNow);
        }

        /// <summary>The broker acknowledged packet <paramref name="messageId"/> (MQTTnet's thread; other ids are ignored).</summary>
        public void Acknowledge(int messageId) => _queue.Acknowledge(messageId);

        /// <summary>The broker refused packet <paramref name="messageId"/> (an ACL's PUBACK reason): that event is dropped, and counted.</summary>
        public void Refuse(int messageId) => _queue.Refuse(messageId);

        /// <summary>A new session (network thread, before it sends): what the old one still owed is sent again.</summary>
        public void ConnectionRestarted() => _queue.ConnectionRestarted();

        /// <summary>The bridge's publish callback as the sender's publisher (payloads are whole arrays).</summary>
        private sealed class DelegatePublisher : IExtraTopicPublisher
        {
            private readonly Func<string, byte[], int, int> _publish;

            public DelegatePublisher(Func<string, byte[], int, int> publish)
            {
                _publish = publish;
            }

            public int PublishExtra(string topic, byte[] payload, int offset, int count, int qos)
            {
                return _publish(topic, payload, qos);
            }
        }
    }
}
