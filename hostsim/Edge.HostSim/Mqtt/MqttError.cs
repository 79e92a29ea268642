// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// Failure reasons of an <see cref="IMqttTransport"/> call. <see cref="IMqttTransport.Publish"/> returns
    /// the negated value, e.g. <c>-(int)MqttError.NotConnected</c>; <see cref="IMqttTransport.Disconnected"/>
    /// carries the positive one.
    /// </summary>
    public enum MqttError
    {
        /// <summary>No error (a requested disconnect).</summary>
        None = 0,

        /// <summary>Bad topic (empty, or a wildcard in a topic name).</summary>
        InvalidArgument = 3,

        /// <summary>No connection to the broker right now (also after dispose).</summary>
        NotConnected = 4,

        /// <summary>The connection dropped.</summary>
        ConnectionLost = 7,
    }
}
