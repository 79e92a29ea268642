// Licensed under the MIT License.

using System;
using Edge.Core;
using Edge.Core.Records;
using Edge.Firmware.Boot;
using Edge.Firmware.Hardware;
using Edge.Firmware.Networking;

namespace Edge.Firmware.Sampling
{
    /// <summary>
    /// The control loop's quiet window for the network thread: the controller is suspended at its next tick
    /// (<see cref="EdgeController.RequestSuspend"/>: every switch opens in that tick, a <c>suspended</c> event, no fault), and
    /// the gap the blocking call leaves is not judged as a missed tick. <see cref="Enter"/> waits for that tick, at most
    /// <see cref="SamplingWatchdogPeriods"/> periods (a loop that does not tick for that long has been latched open by
    /// the watchdog). The suspension lasts at most <see cref="MaximumMs"/>: a call that never returns leaves every switch
    /// open (the runtime stands still), and if the runtime runs again without <see cref="Leave"/> the controller ends the
    /// suspension itself, after which a gap latches <c>tickMissed</c> again. The watchdog is never disarmed.
    /// </summary>
    public sealed class ControlLoopPause : IControlPause
    {
        /// <summary>
        /// The longest window, ms: a name lookup (lwIP retries each DNS server for seconds), the TCP connect and the
        /// TLS handshake (mbedTLS, seconds on the ESP32), and the CONNACK wait.
        /// </summary>
        public const int MaximumMs = 120000;

        /// <summary>Periods <see cref="Enter"/> waits for the loop's tick: the watchdog's stall budget.</summary>
        public const int SamplingWatchdogPeriods = 10;

        private const int PollMs = 5;

        private readonly EdgeController _controller;
        private readonly LoadSwitchBank _switches;
        private readonly IBootDelay _delay;
        private readonly int _acknowledgeMs;

        /// <summary>The window of <paramref name="controller"/>'s loop (period <paramref name="periodMs"/>), waiting with <paramref name="delay"/>.</summary>
        public ControlLoopPause(EdgeController controller, LoadSwitchBank switches, int periodMs, IBootDelay delay)
        {
            if (periodMs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(periodMs));
            }

            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _switches = switches ?? throw new ArgumentNullException(nameof(switches));
            _delay = delay ?? throw new ArgumentNullException(nameof(delay));
            _acknowledgeMs = SamplingWatchdogPeriods * periodMs;
        }

        /// <inheritdoc />
        public string LastError { get; private set; }

        /// <summary>Windows granted since boot.</summary>
        public int GrantedCount { get; private set; }

        /// <inheritdoc />
        public bool Enter()
        {
            _controller.RequestSuspend(SuspendReason.NetworkConnect, MaximumMs);
            int waitedMs = 0;
            while (!_controller.IsSuspended)
            {
                if (_switches.IsLatchedOpen)
                {
                    // The watchdog or a failed tick latched every switch open: nothing can close during the call.
                    break;
                }

                if (waitedMs >= _acknowledgeMs)
                {
                    _controller.RequestResume();
                    LastError = "the control loop did not suspend within " + _acknowledgeMs.ToString() + " ms";
                    return false;
                }

                _delay.Wait(PollMs);
                waitedMs += PollMs;
            }

            LastError = null;
            GrantedCount++;
            return true;
        }

        /// <inheritdoc />
        public void Leave()
        {
            _controller.RequestResume();
        }
    }
}
