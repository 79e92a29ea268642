// Licensed under the MIT License.

using System;
using System.Threading;
using Edge.Firmware.Sampling;

namespace NFUnitTest.Fakes
{
    /// <summary>Sample timer stand-in that never fires by itself: time stands at 1234567 us.</summary>
    public sealed class FakeSampleTimer : ISampleTimer
    {
        /// <summary>When true, <see cref="Start"/> throws (a timer that cannot be armed).</summary>
        public bool ThrowOnStart { get; set; }

        /// <summary>True between Start and Stop.</summary>
        public bool IsRunning { get; private set; }

        /// <inheritdoc />
        public ulong NowUs()
        {
            return 1234567;
        }

        /// <inheritdoc />
        public void Start(int periodUs, ThreadStart onPeriod)
        {
            if (ThrowOnStart)
            {
                throw new InvalidOperationException("fake control-loop failure");
            }

            IsRunning = true;
        }

        /// <inheritdoc />
        public void Stop()
        {
            IsRunning = false;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            IsRunning = false;
        }
    }
}
