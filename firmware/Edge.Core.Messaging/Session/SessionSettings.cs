// Licensed under the MIT License.

namespace Edge.Core.Session
{
    /// <summary>How a device session logs in to its broker and how it retries (CONTRACT.md, Connection).</summary>
    public sealed class SessionSettings
    {
        /// <summary>Broker user name; empty for an anonymous connection. With the shipped ACL it is the device id.</summary>
        public string Username { get; set; } = string.Empty;

        /// <summary>Broker password; empty for an anonymous connection.</summary>
        public string Password { get; set; } = string.Empty;

        /// <summary>MQTT keep-alive, s: the broker publishes the Last Will after 1.5 times this without traffic.</summary>
        public int KeepAliveS { get; set; } = 30;

        /// <summary>First reconnect wait after a failure or a lost connection, ms.</summary>
        public int InitialBackoffMs { get; set; } = ReconnectBackoff.DefaultInitialDelayMs;

        /// <summary>Longest reconnect wait, ms.</summary>
        public int MaximumBackoffMs { get; set; } = ReconnectBackoff.DefaultMaximumDelayMs;
    }
}
