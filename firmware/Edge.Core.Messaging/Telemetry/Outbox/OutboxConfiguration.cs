// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Outbox
{
    /// <summary>Size and pacing of the store-and-forward outbox.</summary>
    public sealed class OutboxConfiguration
    {
        /// <summary>
        /// Number of message slots. Default 64: at one cells message per module per second plus pulse
        /// summaries, about 10 s of a 4-module pack while the broker is away; events outlive that
        /// because telemetry is evicted first.
        /// </summary>
        public int SlotCount { get; set; } = 64;

        /// <summary>Messages queued after the latest (re)connection sent per pump call: live data first.</summary>
        public int LiveMessagesPerPump { get; set; } = 16;

        /// <summary>
        /// Backlog messages (queued before the latest reconnection) sent per pump call. Default 4: with
        /// the pump at the 10 ms tick rate a backlog drains at 400 messages/s without starving live data.
        /// </summary>
        public int ReplayMessagesPerPump { get; set; } = 4;

        /// <summary>
        /// QoS 1 messages published but not yet acknowledged at most. Default 10, below the 20 that
        /// Mosquitto and M2Mqtt allow in flight, so the client never queues behind our back.
        /// </summary>
        public int MaximumInFlight { get; set; } = 10;
    }
}
