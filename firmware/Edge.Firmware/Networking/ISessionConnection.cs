// Licensed under the MIT License.

using Edge.Core.Session;
using Edge.Firmware.Diagnostics;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// A broker connection that hands what it receives to a device session, and the broker's acknowledgements to the
    /// outbox and the device-event log (both set once, before the session starts).
    /// </summary>
    public interface ISessionConnection : IBrokerConnection
    {
        /// <summary>Where received messages go.</summary>
        DeviceSession Session { get; set; }

        /// <summary>
        /// Where the broker's acknowledgements go besides the outbox, so that a device event leaves its log only once
        /// delivered (null: nowhere). Set once, before the session starts.
        /// </summary>
        DeviceEventLog Events { get; set; }
    }
}
