// Licensed under the MIT License.

using Edge.Core.Session;

namespace Edge.Firmware.Networking
{
    /// <summary>A broker connection that hands what it receives to a device session (set once, before the session starts).</summary>
    public interface ISessionConnection : IBrokerConnection
    {
        /// <summary>Where received messages go.</summary>
        DeviceSession Session { get; set; }
    }
}
