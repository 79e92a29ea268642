// Licensed under the MIT License.

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// The two network calls made before the MQTT client's own: the broker name's lookup, and a plain TCP connect that
    /// tells whether anything answers on the broker's address and port before a TLS connect (which stops the runtime
    /// for its whole length) is tried.
    /// </summary>
    public interface IBrokerProbe
    {
        /// <summary>Why the last call failed, or null.</summary>
        string LastError { get; }

        /// <summary>
        /// The first IPv4 address of <paramref name="host"/> as a dotted quad, or null with <see cref="LastError"/>.
        /// Blocks the whole runtime until the answer or the DNS timeout: call it inside the quiet window.
        /// </summary>
        string LookUp(string host);

        /// <summary>
        /// Opens a plain TCP connection to <paramref name="address"/> (a dotted quad) and <paramref name="port"/>, and
        /// closes it again; false, with <see cref="LastError"/>, when it was refused or did not connect within
        /// <paramref name="timeoutMs"/>. Waits without stopping the runtime (the control loop keeps running).
        /// </summary>
        bool TryReach(string address, int port, int timeoutMs);
    }
}
