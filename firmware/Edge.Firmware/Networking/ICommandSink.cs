// Licensed under the MIT License.

namespace Edge.Firmware.Networking
{
    /// <summary>Receives the messages arriving on subscribed topics (called on the MQTT client's thread).</summary>
    public interface ICommandSink
    {
        /// <summary>One message on <paramref name="topic"/>.</summary>
        void OnMessage(string topic, byte[] payload);
    }
}
