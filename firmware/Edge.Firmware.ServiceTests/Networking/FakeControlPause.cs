// Licensed under the MIT License.

using Edge.Firmware.Networking;

namespace NFUnitTest.Networking
{
    /// <summary>The control loop's quiet window, granted or not as the test says; every call is written to <see cref="Log"/>.</summary>
    internal sealed class FakeControlPause : IControlPause
    {
        /// <summary>Whether <see cref="Enter"/> grants the window.</summary>
        public bool Grants { get; set; } = true;

        /// <summary>True between a granted <see cref="Enter"/> and <see cref="Leave"/>: every switch open.</summary>
        public bool InForce { get; private set; }

        /// <summary>Windows asked for.</summary>
        public int EnterCount { get; private set; }

        /// <summary>The calls in order, each followed by a space (the probe writes here too).</summary>
        public string Log { get; set; } = string.Empty;

        /// <inheritdoc />
        public string LastError { get; private set; }

        /// <inheritdoc />
        public bool Enter()
        {
            EnterCount++;
            Log += "enter ";
            if (!Grants)
            {
                LastError = "the control loop did not suspend within 100 ms";
                return false;
            }

            LastError = null;
            InForce = true;
            return true;
        }

        /// <inheritdoc />
        public void Leave()
        {
            Log += "leave ";
            InForce = false;
        }
    }
}
