// Licensed under the MIT License.

using Edge.Firmware.Hardware;

namespace NFUnitTest.Fakes
{
    /// <summary>Load switch stand-in that remembers its state and how often it was written.</summary>
    public sealed class FakeLoadSwitch : ILoadSwitch
    {
        /// <summary>Last commanded state.</summary>
        public bool IsClosed { get; private set; }

        /// <summary>Number of writes.</summary>
        public int WriteCount { get; private set; }

        /// <summary>True once the switch was commanded closed, even if only for a moment.</summary>
        public bool WasEverClosed { get; private set; }

        /// <inheritdoc />
        public void SetClosed(bool closed)
        {
            IsClosed = closed;
            WasEverClosed = WasEverClosed || closed;
            WriteCount++;
        }
    }
}
