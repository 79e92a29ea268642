// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Outbox
{
    /// <summary>Life of one outbox slot.</summary>
    public enum OutboxSlotState : byte
    {
        Free = 0,

        /// <summary>Waiting to be published.</summary>
        Queued = 1,

        /// <summary>The network thread is handing it to the transport; it must not be evicted or overwritten.</summary>
        Sending = 2,

        /// <summary>QoS 1 published, waiting for the broker's acknowledgement.</summary>
        AwaitingAck = 3,
    }
}
