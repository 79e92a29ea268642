// Licensed under the MIT License.

using System;
using Edge.Core.Session;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;

namespace Edge.Firmware.Boot
{
    /// <summary>
    /// Runs <see cref="BootSequence"/> until it starts, and never lets an exception out: after a
    /// failed attempt every switch is open (the event says what holds it open), the LED shows <see cref="Hardware.StatusLedPattern.BoardError"/>
    /// if it could be opened, a "boot-failed" device event names the step and the exception, and the
    /// next attempt follows after a back-off of 1 s doubling to 60 s (a hardware fault that clears,
    /// e.g. a brown-out at power-up, recovers without a person; one that does not keeps the pack safe).
    /// </summary>
    public sealed class BootSupervisor
    {
        /// <summary>Wait before the second attempt, ms.</summary>
        public const int FirstRetryMs = 1000;

        /// <summary>Longest wait between attempts, ms.</summary>
        public const int MaximumRetryMs = 60000;

        private readonly BootSequence _sequence;
        private readonly DeviceEventLog _events;
        private readonly IBootDelay _delay;
        private readonly ReconnectBackoff _backoff = new ReconnectBackoff(FirstRetryMs, MaximumRetryMs);

        /// <summary>Boots with <paramref name="devices"/>, reporting to <paramref name="events"/>, waiting with <paramref name="delay"/>.</summary>
        public BootSupervisor(IBootDevices devices, DeviceEventLog events, IBootDelay delay)
        {
            _events = events ?? throw new ArgumentNullException(nameof(events));
            _delay = delay ?? throw new ArgumentNullException(nameof(delay));
            _sequence = new BootSequence(devices, events);
        }

        /// <summary>Attempts made so far.</summary>
        public int Attempts { get; private set; }

        /// <summary>The attempt that failed last (its step and exception).</summary>
        public BootSequence Sequence
        {
            get { return _sequence; }
        }

        /// <summary>Boots, retrying with back-off, until it has started (the device's main thread).</summary>
        public RunningFirmware RunUntilStarted()
        {
            return Run(int.MaxValue);
        }

        /// <summary>
        /// At most <paramref name="maximumAttempts"/> attempts; returns what runs, or null when every
        /// attempt failed (switches open, the last attempt's parts still held). Never throws.
        /// </summary>
        public RunningFirmware Run(int maximumAttempts)
        {
            while (Attempts < maximumAttempts)
            {
                Attempts++;
                RunningFirmware running = _sequence.TryStart();
                if (running != null)
                {
                    return running;
                }

                bool retry = Attempts < maximumAttempts;
                int delayMs = retry ? _backoff.NextDelayMs() : 0;
                _sequence.ShowFailure();
                Report(delayMs, retry);
                if (!retry)
                {
                    break;
                }

                try
                {
                    _delay.Wait(delayMs);
                }
                catch (Exception)
                {
                    // A wait cut short only brings the next attempt forward.
                }

                _sequence.Release();
            }

            return null;
        }

        private void Report(int delayMs, bool retry)
        {
            Exception failure = _sequence.Failure;
            string message = "step " + BootStepNames.Of(_sequence.FailedStep) + ": "
                + (failure == null ? "failed" : failure.GetType().Name + ": " + failure.Message)
                + "; " + _sequence.SwitchState + ", "
                + (retry ? "retrying in " + (delayMs / 1000).ToString() + " s" : "no further attempt");
            try
            {
                _events.Report("boot-failed", message);
            }
            catch (Exception)
            {
                // The serial console is the last resort; there is nothing below it.
            }
        }
    }
}
