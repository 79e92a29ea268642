// Licensed under the MIT License.

using System;
using System.Threading;
using Edge.Firmware.Sampling;

namespace NFUnitTest.Fakes
{
    /// <summary>
    /// Sample timer stand-in that never fires by itself: time starts at 1234567 us and advances by
    /// <see cref="StepUsPerRead"/> at every read (0: it stands still).
    /// </summary>
    public sealed class FakeSampleTimer : ISampleTimer
    {
        private ulong _nowUs = 1234567;

        /// <summary>Sets the clock, us (a loop driven without <c>Start</c> counts its releases from 0).</summary>
        public void SetNowUs(ulong nowUs)
        {
            _nowUs = nowUs;
        }

        /// <summary>How far the clock moves at each <see cref="NowUs"/>, us: a tick reads it at its start and end, so this is each tick's execution time.</summary>
        public int StepUsPerRead { get; set; }

        /// <summary>When true, <see cref="Start"/> throws (a timer that cannot be armed).</summary>
        public bool ThrowOnStart { get; set; }

        /// <summary>True between Start and Stop.</summary>
        public bool IsRunning { get; private set; }

        /// <inheritdoc />
        public ulong NowUs()
        {
            ulong now = _nowUs;
            _nowUs += (ulong)StepUsPerRead;
            return now;
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
