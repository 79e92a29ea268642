// Licensed under the MIT License.

using System;
using System.Threading;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Sampling;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Core.Telemetry.Outbox;

namespace Edge.Firmware.Sampling
{
    /// <summary>
    /// The control loop: a highest-priority thread released once per sample period by the
    /// <see cref="ISampleTimer"/> (the ESP32 high-resolution timer on the device). Each tick acquires a frame, runs <see cref="EdgeController.Tick"/>,
    /// applies the actions to the load switches and encodes the tick's telemetry into the core's outbox
    /// (TelemetryPublisher: preallocated scratch and slots; null when there is no MQTT).
    /// Frames and action buffers are allocated once; the loop itself allocates nothing.
    /// </summary>
    /// <remarks>
    /// An exception inside a tick is a bug: the loop latches every switch open, reports it and stops
    /// (the watchdog would reach the same state one timeout later).
    /// </remarks>
    public sealed class SamplingLoop : IDisposable
    {
        private readonly EdgeController _controller;
        private readonly SampleAcquisition _acquisition;
        private readonly LoadSwitchBank _switches;
        private readonly TelemetryPublisher _publisher;
        private readonly TickStatistics _statistics;
        private readonly DeviceEventLog _events;
        private readonly SampleFrame _frame;
        private readonly ActionFrame _actions;
        private readonly AutoResetEvent _due = new AutoResetEvent(false);
        private readonly int _periodUs;
        private readonly ISampleTimer _timer;
        private Thread _thread;
        private int _pendingExpirations;
        private bool _stopRequested;

        /// <summary>Wires the loop (<paramref name="publisher"/> may be null); nothing runs before <see cref="Start"/>.</summary>
        public SamplingLoop(
            ISampleTimer timer,
            EdgeController controller,
            SampleAcquisition acquisition,
            LoadSwitchBank switches,
            TelemetryPublisher publisher,
            TickStatistics statistics,
            DeviceEventLog events,
            int periodMs)
        {
            if (controller == null)
            {
                throw new ArgumentNullException(nameof(controller));
            }

            if (periodMs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(periodMs));
            }

            _timer = timer ?? throw new ArgumentNullException(nameof(timer));
            _controller = controller;
            _acquisition = acquisition ?? throw new ArgumentNullException(nameof(acquisition));
            _switches = switches ?? throw new ArgumentNullException(nameof(switches));
            _publisher = publisher;
            _statistics = statistics ?? throw new ArgumentNullException(nameof(statistics));
            _events = events ?? throw new ArgumentNullException(nameof(events));
            _frame = new SampleFrame(controller.Layout);
            _actions = new ActionFrame(controller.Layout);
            _periodUs = periodMs * 1000;
        }

        /// <summary>Sample period, us.</summary>
        public int PeriodUs
        {
            get { return _periodUs; }
        }

        /// <summary>Starts the thread (highest priority) and the periodic timer.</summary>
        public void Start()
        {
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.Highest;
            _thread.Start();
            _timer.Start(_periodUs, OnTimerExpired);
        }

        /// <summary>Stops the timer and the thread, and opens every switch.</summary>
        public void Dispose()
        {
            _stopRequested = true;
            _timer.Stop();

            _due.Set();
            if (_thread != null)
            {
                _thread.Join(2 * (_periodUs / 1000) + 100);
            }

            _switches.OpenAll();
        }

        [HotPath]
        private void OnTimerExpired()
        {
            Interlocked.Increment(ref _pendingExpirations);
            _due.Set();
        }

        [HotPath]
        private void Run()
        {
            ulong startUs = _timer.NowUs();
            long tickIndex = 0;
            while (!_stopRequested)
            {
                _due.WaitOne();
                if (_stopRequested)
                {
                    break;
                }

                // More than one expiration since the last tick: periods passed with no tick at all.
                int expirations = Interlocked.Exchange(ref _pendingExpirations, 0);
                if (expirations > 1)
                {
                    _statistics.RecordMissedPeriods(expirations - 1);
                }

                ulong tickStartUs = _timer.NowUs();
                try
                {
                    _frame.TickIndex = tickIndex;
                    _frame.TimestampMs = (long)((tickStartUs - startUs) / 1000UL);
                    _acquisition.Acquire(_frame);
                    _controller.Tick(_frame, _actions);
                    _switches.Apply(_actions);
                    if (_publisher != null)
                    {
                        _publisher.Publish(_controller.Telemetry, _frame.TimestampMs);
                    }
                }
                catch (Exception ex)
                {
                    _switches.LatchOpen();
                    _events.Report("tick-exception", "tick " + tickIndex.ToString() + " failed, all switches latched open: " + ex.Message);
                    return;
                }

                tickIndex++;
                _statistics.RecordTick((int)(_timer.NowUs() - tickStartUs), _periodUs);
            }
        }
    }
}
