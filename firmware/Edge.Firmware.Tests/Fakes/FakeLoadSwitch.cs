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

        /// <summary>A stuck driver: commanding the switch open throws this many more times (closing still works).</summary>
        public int OpenFailuresLeft { get; set; }

        /// <summary>Commands to open that still work before the driver starts failing.</summary>
        public int OpensBeforeFailing { get; set; }

        /// <inheritdoc />
        public void SetClosed(bool closed)
        {
            if (!closed && OpensBeforeFailing > 0)
            {
                OpensBeforeFailing--;
            }
            else if (!closed && OpenFailuresLeft > 0)
            {
                OpenFailuresLeft--;
                throw new System.InvalidOperationException("fake stuck switch driver");
            }

            IsClosed = closed;
            WasEverClosed = WasEverClosed || closed;
            WriteCount++;
        }
    }
}
