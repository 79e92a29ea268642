// Licensed under the MIT License.

namespace Edge.Core.Session
{
    /// <summary>Publishes on a topic outside the telemetry contract (health, device events) while the session is online.</summary>
    public interface IExtraTopicPublisher
    {
        /// <summary>
        /// Hands <paramref name="count"/> bytes of <paramref name="payload"/> from <paramref name="offset"/> to the client at
        /// <paramref name="qos"/>; returns the packet id (0 at QoS 0), or a negative number when not taken (offline, or
        /// the client refused it).
        /// </summary>
        int PublishExtra(string topic, byte[] payload, int offset, int count, int qos);
    }
}
