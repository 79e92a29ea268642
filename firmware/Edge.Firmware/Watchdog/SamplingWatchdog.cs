// Licensed under the MIT License.

using System;
using System.Threading;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Sampling;

namespace Edge.Firmware.Watchdog
{
    /// <summary>
    /// Opens every load switch, for good, when the sampling thread stops ticking: no completed tick
    /// within <see cref="StallPeriods"/> sample periods. Runs on its own thread above the network
    /// thread's priority. It guards against a stalled or dead managed thread only; a hung nanoCLR
    /// needs the ESP32's hardware task watchdog, which the API used here does not expose.
    /// It looks every period (at least every <see cref="ShortestPollMs"/>) and counts the looks in a row without a new
    /// tick, so it trips 10 to 11 periods after the last one: comparing counts once every 10 periods, as it first
    /// did, let a stall that began just after a comparison run until the second one, up to 20.
    /// </summary>
    public sealed class SamplingWatchdog : IDisposable
    {
        /// <summary>
        /// Periods without a tick before the switches open. Ten periods: long enough that a garbage
        /// collection or a flash write (tens of ms on the ESP32) does not trip it at 10-20 ms periods,
        /// short against the 1 s pulses of the seed protocol.
        /// </summary>
        public const int StallPeriods = 10;

        /// <summary>The shortest wait between two looks: a board sampling every millisecond is not woken for every tick.</summary>
        public const int ShortestPollMs = 10;

        private readonly TickStatistics _statistics;
        private readonly LoadSwitchBank _switches;
        private readonly DeviceEventLog _events;
        private readonly IStatusIndicator _led;
        private readonly int _timeoutMs;
        private readonly int _pollMs;
        private readonly int _quietPollsToTrip;
        private Thread _thread;
        private bool _stopRequested;
        private int _lastTickCount = -1;
        private int _quietPolls;

        /// <summary>Watches <paramref name="statistics"/> of a loop with period <paramref name="periodMs"/>.</summary>
        public SamplingWatchdog(TickStatistics statistics, LoadSwitchBank switches, DeviceEventLog events, IStatusIndicator led, int periodMs)
        {
            _statistics = statistics ?? throw new ArgumentNullException(nameof(statistics));
            _switches = switches ?? throw new ArgumentNullException(nameof(switches));
            _events = events ?? throw new ArgumentNullException(nameof(events));
            _led = led;
            _timeoutMs = StallPeriods * periodMs;
            _pollMs = periodMs > ShortestPollMs ? periodMs : ShortestPollMs;
            _quietPollsToTrip = (_timeoutMs + _pollMs - 1) / _pollMs;
        }

        /// <summary>True once the watchdog has opened the switches.</summary>
        public bool HasTripped { get; private set; }

        /// <summary>The current setpoints, latched at 0 with the switches when the watchdog trips (null on a board without any).</summary>
        public CurrentSetpointBank Setpoints { get; set; }

        /// <summary>Starts watching.</summary>
        public void Start()
        {
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.AboveNormal;
            _thread.Start();
        }

        /// <summary>Stops watching (the switches stay as they are).</summary>
        public void Dispose()
        {
            _stopRequested = true;
        }

        /// <summary>
        /// One check: trips when <paramref name="tickCount"/> equals the count of the previous check.
        /// Returns true if it tripped now.
        /// </summary>
        public bool Check(int previousTickCount, int tickCount)
        {
            if (HasTripped || tickCount != previousTickCount)
            {
                return false;
            }

            Trip();
            return true;
        }

        /// <summary>
        /// One look, every poll interval (a period, at least <see cref="ShortestPollMs"/>): counts the looks in a row
        /// that found <paramref name="tickCount"/> unchanged, and trips once they span <see cref="StallPeriods"/>
        /// periods. Returns true if it tripped now.
        /// </summary>
        public bool Poll(int tickCount)
        {
            if (HasTripped)
            {
                return false;
            }

            if (tickCount != _lastTickCount)
            {
                _lastTickCount = tickCount;
                _quietPolls = 0;
                return false;
            }

            _quietPolls++;
            if (_quietPolls < _quietPollsToTrip)
            {
                return false;
            }

            Trip();
            return true;
        }

        private void Trip()
        {
            HasTripped = true;
            int failed = _switches.LatchOpen();
            if (Setpoints != null)
            {
                Setpoints.LatchAtZero();
            }

            if (_led != null)
            {
                _led.Show(StatusLedPattern.WatchdogTripped);
            }

            _events.Report("watchdog", "no sampling tick for " + _timeoutMs.ToString() + " ms: all switches latched open and setpoints at 0 until reboot" + SwitchOpenFailureText.For(failed));
        }

        private void Run()
        {
            Poll(_statistics.TickCount);
            while (!_stopRequested && !HasTripped)
            {
                Thread.Sleep(_pollMs);
                Poll(_statistics.TickCount);
            }
        }
    }
}
