// Licensed under the MIT License.

using Edge.Firmware.Networking;

namespace NFUnitTest.Fakes
{
    /// <summary>A clock the test moves by hand.</summary>
    public sealed class FakeClock : IMonotonicClock
    {
        /// <inheritdoc />
        public long NowMs { get; set; }
    }
}
