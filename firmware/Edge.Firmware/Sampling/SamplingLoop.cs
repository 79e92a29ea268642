// Licensed under the MIT License.

using System;
using System.Threading;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Annotations;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;

namespace Edge.Firmware.Sampling
{
    /// <summary>
    /// The control loop: a highest-priority thread released once per sample period by the
    /// <see cref="ISampleTimer"/> (the ESP32 high-resolution timer on the device). Each tick acquires a frame, runs <see cref="EdgeController.Tick"/>,
    /// applies the actions to the load switches and encodes the tick's telemetry into the core's outbox
    /// (TelemetryPublisher: preallocated scratch and slots; null when there is no MQTT). The current setpoints
    /// (<see cref="Setpoints"/>) are written before the switches.
    /// Frames and action buffers are allocated once; the loop itself allocates nothing.
    /// </summary>
    /// <remarks>
    /// An exception inside a tick is a bug: the loop latches every switch open, reports it and stops
    /// (the watchdog would reach the same state one timeout later).
    /// The board's hardware enable is fed (its pin toggled, <see cref="HardwareEnableFeed"/>) only at
    /// the end of a healthy tick: one that ran to completion within its period while the switch bank
    /// is not latched open. A tick that throws, a loop that hangs or stalls (the watchdog latches the
    /// bank) and a runtime that stops all leave the pin steady, and the monostable disables every
    /// gate driver after the board's timeout, whatever the switch pins still hold.
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
        private readonly IEnableFeedOutput _enableOutput;
        private readonly HardwareEnableFeed _enableFeed = new HardwareEnableFeed();
        private ulong _startUs;
        private ulong _timerStartUs;
        private long _releases;
        private bool _started;
        private long _tickIndex;
        private Thread _thread;
        private int _pendingExpirations;
        private bool _stopRequested;

        /// <summary>
        /// Wires the loop (<paramref name="publisher"/> and <paramref name="enableOutput"/>, the hardware
        /// enable's feed pin, may be null); nothing runs before <see cref="Start"/>.
        /// </summary>
        public SamplingLoop(
            ISampleTimer timer,
            EdgeController controller,
            SampleAcquisition acquisition,
            LoadSwitchBank switches,
            TelemetryPublisher publisher,
            TickStatistics statistics,
            DeviceEventLog events,
            int periodMs,
            IEnableFeedOutput enableOutput)
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
            _enableOutput = enableOutput;
        }

        /// <summary>
        /// The frame this loop fills and hands the controller every tick: written by the sampling thread only; the
        /// console's readings line reads it.
        /// </summary>
        public SampleFrame Frame
        {
            get { return _frame; }
        }

        /// <summary>Sample period, us.</summary>
        public int PeriodUs
        {
            get { return _periodUs; }
        }

        /// <summary>
        /// The device's calibration mode, or null: while it is active every switch is held open and the
        /// hardware enable is not fed, and each tick's raw readings go to it.
        /// </summary>
        public CalibrationMode Calibration { get; set; }

        /// <summary>
        /// The modules' current-setpoint outputs, or null (a board without any): written every tick before the
        /// switches, so that a switch closes onto its setpoint and a module whose setpoint output did not open
        /// never closes; zeroed when a tick throws and when the loop stops.
        /// </summary>
        public CurrentSetpointBank Setpoints { get; set; }

        /// <summary>Times the hardware enable's feed pin has been toggled (healthy ticks).</summary>
        public int EnableFeedCount
        {
            get { return _enableFeed.FeedCount; }
        }

        /// <summary>True once a tick threw: the loop has stopped for good and every switch is latched open.</summary>
        public bool HasFailed { get; private set; }

        /// <summary>Starts the thread (highest priority) and the periodic timer.</summary>
        public void Start()
        {
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.Highest;
            _thread.Start();
            _timerStartUs = _timer.NowUs();
            _timer.Start(_periodUs, Release);
        }

        /// <summary>Stops the timer and the thread, latches every switch open and sets every setpoint to 0.</summary>
        public void Dispose()
        {
            _stopRequested = true;
            _timer.Stop();

            _due.Set();
            if (_thread != null)
            {
                _thread.Join(2 * (_periodUs / 1000) + 100);
            }

            // Latched, not just opened: a tick still running past the join (a stuck driver or read) must not close
            // a switch again after the loop was stopped.
            _switches.LatchOpen();
            if (Setpoints != null)
            {
                Setpoints.ZeroAll();
            }
        }

        /// <summary>The periodic timer's callback: one more release for the sampling thread to answer.</summary>
        [HotPath]
        public void Release()
        {
            Interlocked.Increment(ref _pendingExpirations);
            _due.Set();
        }

        /// <summary>
        /// The sampling thread's step after each wake: one tick for every release since the last tick, the
        /// periods beyond the first counted as missed. A wake with no release left does not tick: a release
        /// that came while the previous tick was starting was taken by that tick, and its signal is stale.
        /// Ticking for it would run a tick between two periods and count every later release one period
        /// early. Returns false once a tick has failed.
        /// </summary>
        [HotPath]
        public bool AnswerReleases()
        {
            int expirations = Interlocked.Exchange(ref _pendingExpirations, 0);
            if (expirations == 0)
            {
                return !HasFailed;
            }

            if (expirations > 1)
            {
                _statistics.RecordMissedPeriods(expirations - 1);
            }

            // The periodic timer's k-th release falls at its start plus k periods: how late this tick
            // starts is measured from the latest release it answers.
            _releases += expirations;
            return TickOnce(_timerStartUs + (ulong)(_releases * _periodUs));
        }

        [HotPath]
        private void Run()
        {
            while (!_stopRequested)
            {
                _due.WaitOne();
                if (_stopRequested)
                {
                    break;
                }

                if (!AnswerReleases())
                {
                    return;
                }
            }
        }

        /// <summary>
        /// In calibration mode the cell and current channels carry the operator's references (3000 mV across a cell,
        /// 2000 uA through a shunt), not the cells: the controller is told so, and does not judge them. Judged, they
        /// latched overvoltage and overcurrent faults that outlived the calibration and were stored across reboots.
        /// A temperature channel is marked too once the calibration has reached its points (a bath or a resistor in the
        /// sensor's place, up to 85 degC on the mux board: judged, a cellOvertemperature latch on every module, stored
        /// across reboots). One whose points are still to come reads the pack and is judged as usual.
        /// </summary>
        private static void MarkCalibrationReferences(SampleFrame frame, CalibrationMode calibration)
        {
            ChannelStatus[] cells = frame.CellVoltageStatus;
            for (int c = 0; c < cells.Length; c++)
            {
                cells[c] = ChannelStatus.CalibrationReference;
            }

            ChannelStatus[] currents = frame.ModuleCurrentStatus;
            for (int m = 0; m < currents.Length; m++)
            {
                currents[m] = ChannelStatus.CalibrationReference;
            }

            ChannelStatus[] temperatures = frame.TemperatureStatus;
            for (int t = 0; t < temperatures.Length; t++)
            {
                if (calibration.FeedsTemperatureReference(t))
                {
                    temperatures[t] = ChannelStatus.CalibrationReference;
                }
            }
        }

        /// <summary>One tick released just now (<see cref="TickOnce(ulong)"/> with no release latency).</summary>
        [HotPath]
        public bool TickOnce()
        {
            return TickOnce(0);
        }

        /// <summary>
        /// One tick: acquire, decide, actuate, publish, then feed the hardware enable if the tick was
        /// healthy, and record how late it started after <paramref name="releaseUs"/> (the timer's
        /// release; 0: released when it starts) and how long it ran. The sampling thread calls it once
        /// per period. Returns false when the tick threw: every switch is then latched open, the
        /// failure reported, and no later tick runs or feeds.
        /// </summary>
        [HotPath]
        public bool TickOnce(ulong releaseUs)
        {
            if (HasFailed)
            {
                return false;
            }

            ulong tickStartUs = _timer.NowUs();
            if (!_started)
            {
                _startUs = tickStartUs;
                _started = true;
            }

            // Read before the controller's tick too: a calibration that ends during this tick has asked the controller
            // to stop every module, but the tick may have taken its commands before that request. The modules a start
            // ran under the calibration stay held for this tick; the next one applies the stop.
            CalibrationMode calibration = Calibration;
            bool calibrating = calibration != null && calibration.IsActive;
            try
            {
                _frame.TickIndex = _tickIndex;
                _frame.TimestampMs = (long)((tickStartUs - _startUs) / 1000UL);
                _acquisition.Acquire(_frame);
                if (calibrating)
                {
                    MarkCalibrationReferences(_frame, calibration);
                }

                _controller.Tick(_frame, _actions);
                calibrating = calibrating || (calibration != null && calibration.IsActive);
                if (calibrating)
                {
                    // Reference inputs are on the channels: nothing may drive current.
                    for (int m = 0; m < _actions.SwitchClosed.Length; m++)
                    {
                        _actions.SwitchClosed[m] = false;
                    }

                    calibration.OnTick();
                }

                // Setpoints first: a closing switch finds its current set, an opening one its current already at 0.
                CurrentSetpointBank setpoints = Setpoints;
                if (setpoints != null)
                {
                    setpoints.Apply(_actions);
                }

                _switches.Apply(_actions);
                if (_publisher != null)
                {
                    _publisher.Publish(_controller.Telemetry, _frame.TimestampMs);
                }
            }
            catch (Exception ex)
            {
                Fail(ex);
                return false;
            }

            _tickIndex++;
            int executionUs = (int)(_timer.NowUs() - tickStartUs);
            _statistics.RecordTick(executionUs, _periodUs);
            ulong lateUs = releaseUs == 0 || tickStartUs < releaseUs ? 0UL : tickStartUs - releaseUs;
            _statistics.Timing.Record(lateUs > int.MaxValue ? int.MaxValue : (int)lateUs, executionUs);
            if (lateUs >= (ulong)_periodUs)
            {
                // Started on or past the next release: the thread took its release and then stood still (a
                // collection). Counted once, as when the thread wakes after both releases and one goes missed.
                _statistics.RecordMissedPeriods(1);
            }

            // A bank the watchdog latched open stays unfed even if the loop comes back; so does a device in calibration.
            if (_enableOutput != null && !_switches.IsLatchedOpen && !calibrating && (calibration == null || !calibration.IsActive))
            {
                int feeds = _enableFeed.FeedCount;
                bool level = _enableFeed.OnTickCompleted(executionUs, _periodUs);
                if (_enableFeed.FeedCount != feeds)
                {
                    try
                    {
                        _enableOutput.Write(level);
                    }
                    catch (Exception ex)
                    {
                        // The enable pin is part of the safety chain: a write that fails is a failed tick.
                        Fail(ex);
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The one end of a failed tick: switches latched open, setpoints at 0, the enable no longer fed, an event.</summary>
        private void Fail(Exception ex)
        {
            HasFailed = true;
            int failed = _switches.LatchOpen();
            if (Setpoints != null)
            {
                // Tries every output, whatever one of them does.
                Setpoints.ZeroAll();
            }

            _events.Report("tick-exception", "tick " + _tickIndex.ToString() + " failed, all switches latched open, setpoints at 0, hardware enable no longer fed: " + ex.Message + SwitchOpenFailureText.For(failed));
        }
    }
}
