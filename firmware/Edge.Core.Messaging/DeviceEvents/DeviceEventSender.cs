// Licensed under the MIT License.

using System;
using Edge.Core.Session;

namespace Edge.Core.DeviceEvents
{
    /// <summary>
    /// Hands a <see cref="DeviceEventQueue"/>'s events to the broker, QoS 1, while online (network thread): first the
    /// number a full log dropped, as an <c>events-dropped</c> event, then every event not yet handed over, oldest first.
    /// Each stays queued until its PUBACK (<see cref="DeviceEventQueue.Acknowledge"/>).
    /// </summary>
    public sealed class DeviceEventSender
    {
        /// <summary>The code of the report of events a full log dropped.</summary>
        public const string EventsDroppedCode = "events-dropped";

        private readonly DeviceEventQueue _queue;
        private readonly IExtraTopicPublisher _publisher;
        private readonly string _topic;
        private readonly string _bootId;

        /// <param name="queue">The events to send.</param>
        /// <param name="publisher">The session that publishes them (while offline it refuses).</param>
        /// <param name="deviceId">The device id of the topic.</param>
        /// <param name="bootId">The boot id every event carries.</param>
        public DeviceEventSender(DeviceEventQueue queue, IExtraTopicPublisher publisher, string deviceId, string bootId)
        {
            if (deviceId == null)
            {
                throw new ArgumentNullException(nameof(deviceId));
            }

            _queue = queue ?? throw new ArgumentNullException(nameof(queue));
            _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
            _bootId = bootId ?? throw new ArgumentNullException(nameof(bootId));
            _topic = "edge/" + deviceId + "/device-event";
        }

        /// <summary>The device-event topic.</summary>
        public string Topic => _topic;

        /// <summary>
        /// Hands over the dropped count, then the pending events, until the client refuses one (the rest waits for the next
        /// pass). <paramref name="nowUtc"/> dates the dropped report. True when something was handed over.
        /// </summary>
        public bool SendPending(DateTime nowUtc)
        {
            bool sent = false;
            int dropped = _queue.TakeDroppedCount();
            if (dropped > 0)
            {
                // Published straight away, not through the queue: added to a full one it would push out its oldest event,
                // the very one the drops spared (a watchdog trip kept through an outage).
                string message = dropped.ToString() + " device event(s) dropped while the log was full (" + DeviceEventQueue.Capacity.ToString() + " kept while offline)";
                byte[] report = DeviceEventPayload.Encode(_bootId, _queue.TakeSeq(), EventsDroppedCode, message, nowUtc);
                int reportId = _publisher.PublishExtra(_topic, report, 0, report.Length, 1);

                // Owed until its PUBACK, as the events are: a link lost first must not lose the count.
                _queue.DroppedReportSent(dropped, reportId);
                if (reportId < 0)
                {
                    return false;
                }

                sent = true;
            }

            DeviceEvent deviceEvent = _queue.TakeNextToSend();
            while (deviceEvent != null)
            {
                // With the time it was reported at: sent after an outage, it still says when it happened.
                byte[] payload = DeviceEventPayload.Encode(_bootId, deviceEvent.Seq, deviceEvent.Code, deviceEvent.Message, deviceEvent.TimeUtc);
                int messageId = _publisher.PublishExtra(_topic, payload, 0, payload.Length, 1);

                // Kept until the broker's PUBACK for this id: taken by the client is not yet delivered, and a link that
                // drops first must not lose it.
                _queue.Sent(deviceEvent, messageId);
                if (messageId < 0)
                {
                    return sent;
                }

                sent = true;
                deviceEvent = _queue.TakeNextToSend();
            }

            return sent;
        }
    }
}
