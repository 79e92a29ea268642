// Licensed under the MIT License.

namespace Edge.Firmware.Networking
{
    /// <summary>The IP link under MQTT (Wi-Fi on the ESP32): one blocking attempt at a time.</summary>
    public interface INetworkConnection
    {
        /// <summary>Why the last attempt failed, or null.</summary>
        string LastError { get; }

        /// <summary>Brings the link up (or confirms it is up); false on failure or timeout.</summary>
        bool TryConnect();
    }
}
