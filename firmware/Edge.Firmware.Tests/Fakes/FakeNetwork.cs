// Licensed under the MIT License.

using Edge.Firmware.Networking;

namespace NFUnitTest.Fakes
{
    /// <summary>Wi-Fi stand-in: up or down as the test says.</summary>
    public sealed class FakeNetwork : INetworkConnection
    {
        /// <summary>Whether the next attempt succeeds.</summary>
        public bool IsUp { get; set; } = true;

        /// <inheritdoc />
        public string LastError { get; private set; }

        /// <inheritdoc />
        public bool TryConnect()
        {
            LastError = IsUp ? null : "no IP address in time";
            return IsUp;
        }
    }
}
