// Licensed under the MIT License.

using System;
using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Records;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Persistence;
using Edge.Firmware.Sampling;

namespace Edge.Firmware.Calibration
{
    /// <summary>
    /// The device's calibration mode: steps an operator through the core's
    /// <see cref="CalibrationProcedure"/> (reference inputs per channel: zero, both limits and points
    /// near zero), takes each point's readings from the sampling thread (the one thread that reads the
    /// ADC and drives the multiplexer), fits the unit's curves, stores the record and reports it.
    /// Every instruction, accepted point, refusal and the finished record goes out as a device event
    /// ("calibration", "calibration-record"), which prints on the serial console at once and reaches
    /// MQTT's device-event topic. While the mode is active the sampling loop holds every switch open and
    /// stops feeding the hardware enable. Operator actions come from another thread: everything here is
    /// under one lock, and the sampling thread's share is a flag check when no point is being recorded.
    /// </summary>
    public sealed class CalibrationMode
    {
        /// <summary>Most readings per point an operator may ask for (the MQTT command's limit too).</summary>
        public const int MaximumSamplesPerPoint = 65536;

        private readonly BoardDefinition _board;
        private readonly SampleAcquisition _acquisition;
        private readonly IUnitRecordStore _store;
        private readonly DeviceEventLog _events;
        private readonly string _defaultUnitId;

        /// <summary>The reply to a start (or a protocol change with start) while a calibration holds the switches.</summary>
        public const string StartRefusal = "calibration in progress: abort or finish it first";

        private const string StartPending = "a start is waiting for the next tick: send stop, then begin after that tick (calibration holds every switch open, and a run must not resume by itself when it ends)";

        // The controller whose modules must not be running while the switches are held for calibration, or null.
        private readonly EdgeController _controller;
        private readonly object _lock = new object();
        private CalibrationProcedure _procedure;
        private string _unitId;
        private bool _active;
        private bool _recording;

        /// <summary>Calibrates the unit behind <paramref name="acquisition"/>, storing its record in <paramref name="store"/>.</summary>
        public CalibrationMode(BoardDefinition board, SampleAcquisition acquisition, IUnitRecordStore store, DeviceEventLog events, string defaultUnitId)
            : this(board, acquisition, store, events, defaultUnitId, null)
        {
        }

        /// <summary>
        /// As above, for the device: a calibration begins only while no module of <paramref name="controller"/> is running
        /// and no start waits for its next tick; from then until it ends every start is refused
        /// (<see cref="EdgeController.BarStarts"/>), so the controller never believes a switch closed while it is held
        /// open; its end stops every module, so a run never resumes by itself after the switches were held for it.
        /// </summary>
        public CalibrationMode(BoardDefinition board, SampleAcquisition acquisition, IUnitRecordStore store, DeviceEventLog events, string defaultUnitId, EdgeController controller)
        {
            _controller = controller;
            _board = board ?? throw new ArgumentNullException(nameof(board));
            _acquisition = acquisition ?? throw new ArgumentNullException(nameof(acquisition));
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _events = events ?? throw new ArgumentNullException(nameof(events));
            _defaultUnitId = defaultUnitId;
        }

        /// <summary>True from <see cref="Begin"/> until <see cref="Finish"/> or <see cref="Abort"/>: every switch held open.</summary>
        public bool IsActive
        {
            get { return _active; }
        }

        /// <summary>True while the current point's readings are being taken.</summary>
        public bool IsRecording
        {
            get { return _recording; }
        }

        /// <summary>
        /// True while the calibration holds the switches and has reached temperature channel <paramref name="channel"/>'s
        /// points (<see cref="CalibrationProcedure.HasReachedTemperature"/>): the channel reads the operator's reference
        /// (a bath, or a resistor in the NTC's place), not the pack, until the calibration ends. A channel whose points
        /// are still to come reads its sensor at the pack. The sampling thread asks it every tick, without the lock: the
        /// procedure is read once, and once the calibration has ended the answer is false (the channel judged again).
        /// </summary>
        public bool FeedsTemperatureReference(int channel)
        {
            CalibrationProcedure procedure = _procedure;
            return _active && procedure != null && procedure.HasReachedTemperature(channel);
        }

        /// <summary>The procedure under way, or null.</summary>
        public CalibrationProcedure Procedure
        {
            get { return _procedure; }
        }

        /// <summary>
        /// Starts a calibration of unit <paramref name="unitId"/> (null: the device id) with
        /// <paramref name="samplesPerPoint"/> readings per point (0: the procedure's default). Returns
        /// null and reports the first instruction, or the reason it cannot start.
        /// </summary>
        public string Begin(string unitId, int samplesPerPoint)
        {
            string id = unitId == null ? _defaultUnitId : unitId;
            string error = UnitCalibrationText.CheckUnitId(id);
            if (error != null)
            {
                return error;
            }

            if (samplesPerPoint < 0 || samplesPerPoint > MaximumSamplesPerPoint)
            {
                return "samples per point must be 1 to 65536";
            }

            string running = RunningModule();
            if (running != null)
            {
                return running;
            }

            lock (_lock)
            {
                if (_active)
                {
                    return "a calibration is already running (step " + (_procedure.StepIndex + 1).ToString() + " of " + _procedure.StepCount.ToString() + "); finish or abort it first";
                }

                // Checked and barred at once: a start that came first is refused here, one that comes later is refused itself.
                if (_controller != null && !_controller.BarStarts(StartRefusal))
                {
                    running = RunningModule();
                    return running != null ? running : StartPending;
                }

                _procedure = samplesPerPoint == 0 ? new CalibrationProcedure(_board) : new CalibrationProcedure(_board, samplesPerPoint);
                _unitId = id;
                _recording = false;
                _active = true;
                _events.Report("calibration", "unit " + id + " on board " + _board.Name + ": " + _procedure.StepCount.ToString()
                    + " points, " + _procedure.SamplesPerPoint.ToString() + " readings each; every switch held open, hardware enable not fed. " + Instruction());
                return null;
            }
        }

        /// <summary>Takes the current point's readings from the next ticks; the result is reported when they are in.</summary>
        public string Record()
        {
            lock (_lock)
            {
                if (!_active)
                {
                    return "no calibration is running";
                }

                if (_procedure.IsComplete)
                {
                    return "every point is recorded; finish the calibration";
                }

                if (_recording)
                {
                    return "the point is being recorded (" + _procedure.SampleCount.ToString() + " of " + _procedure.SamplesPerPoint.ToString() + " readings)";
                }

                _procedure.DiscardSamples();
                _recording = true;
                return null;
            }
        }

        /// <summary>Throws the current point's readings away (the reference was wrong or moved); the point is recorded again.</summary>
        public string Discard()
        {
            lock (_lock)
            {
                if (!_active)
                {
                    return "no calibration is running";
                }

                _recording = false;
                _procedure.DiscardSamples();
                _events.Report("calibration", "readings discarded. " + Instruction());
                return null;
            }
        }

        /// <summary>Ends the calibration without a result; the unit keeps the calibration it had.</summary>
        public string Abort()
        {
            lock (_lock)
            {
                if (!_active)
                {
                    return "no calibration is running";
                }

                Stop();
                _events.Report("calibration", "aborted; nothing stored, the unit keeps the calibration it had");
                return null;
            }
        }

        /// <summary>
        /// Fits the unit's curves, converts through them from the next tick on, stores the record and
        /// reports it ("calibration-record"). Returns null, or why not (then the calibration stays open). A start
        /// sent right after it is taken and runs at the first tick converted through the new curves
        /// (<see cref="EdgeController.ExpectCalibration"/>).
        /// </summary>
        public string Finish()
        {
            lock (_lock)
            {
                if (!_active)
                {
                    return "no calibration is running";
                }

                if (_recording)
                {
                    return "the point is still being recorded";
                }

                UnitCalibration unit;
                string error;
                if (!_procedure.TryFinish(_unitId, out unit, out error))
                {
                    return error;
                }

                _acquisition.UseCalibration(unit);
                if (_controller != null)
                {
                    // Until a tick's frame goes through the new curves the controller's latest one did not: a start sent
                    // now is taken and runs at that tick, rather than refused as on a unit without a calibration.
                    _controller.ExpectCalibration();
                }

                string text = UnitCalibrationText.Format(unit);
                string storeError = Save(text);
                Stop();
                _events.Report("calibration-record", text);
                _events.Report(
                    "calibration",
                    "unit " + unit.UnitId + " calibrated and in use; "
                    + (storeError == null
                        ? "record stored, used from every boot on"
                        : "storing the record failed (" + storeError + "): in use until the device restarts, which then applies the record it had; calibrate again, or deploy the record above as the unit's calibration text (firmware/README.md)"));
                return null;
            }
        }

        /// <summary>Reports <see cref="Status"/> as a "calibration" device event.</summary>
        public void ReportStatus()
        {
            _events.Report("calibration", Status());
        }

        /// <summary>One line on where the calibration stands.</summary>
        public string Status()
        {
            lock (_lock)
            {
                if (!_active)
                {
                    return _acquisition.Unit == null ? "not calibrating; uncalibrated (observe only)" : "not calibrating; unit " + _acquisition.Unit.UnitId + " calibrated";
                }

                return (_recording ? "recording " + _procedure.SampleCount.ToString() + " of " + _procedure.SamplesPerPoint.ToString() + " readings. " : string.Empty) + Instruction();
            }
        }

        /// <summary>
        /// The sampling thread's share, once per tick after the acquisition: while a point is being
        /// recorded, adds this tick's reading of its channel and of the reference input; completes the
        /// point when it has its readings and reports the next instruction or the refusal.
        /// </summary>
        public void OnTick()
        {
            if (!_recording)
            {
                return;
            }

            lock (_lock)
            {
                if (!_recording)
                {
                    return;
                }

                CalibrationStep step = _procedure.Current;
                string problem = _procedure.AddSample(CountsOf(step), _acquisition.ReferenceCounts);
                if (problem != null)
                {
                    _recording = false;
                    _procedure.DiscardSamples();
                    _events.Report("calibration", step.Instruction + ": " + problem + "; record the point again");
                    return;
                }

                if (_procedure.SampleCount < _procedure.SamplesPerPoint)
                {
                    return;
                }

                _recording = false;
                string error;
                if (_procedure.TryCompleteStep(out error))
                {
                    _events.Report("calibration", "point " + _procedure.StepIndex.ToString() + " accepted. " + Instruction());
                }
                else
                {
                    _events.Report("calibration", error);
                }
            }
        }

        private int CountsOf(CalibrationStep step)
        {
            if (step.Kind == CalibrationChannelKind.Cell)
            {
                return _acquisition.CellCountsAt(step.ChannelIndex);
            }

            return step.Kind == CalibrationChannelKind.ModuleCurrent ? _acquisition.ModuleCountsAt(step.ChannelIndex) : _acquisition.TemperatureCountsAt(step.ChannelIndex);
        }

        private string Instruction()
        {
            if (_procedure.IsComplete)
            {
                return "All " + _procedure.StepCount.ToString() + " points recorded: finish to fit and store the unit's calibration.";
            }

            return "Step " + (_procedure.StepIndex + 1).ToString() + " of " + _procedure.StepCount.ToString() + ": " + _procedure.Current.Instruction + ".";
        }

        // A store that throws must not leave the mode half-finished: its failure is the reason reported.
        private string Save(string text)
        {
            try
            {
                return _store.Save(text);
            }
            catch (Exception ex)
            {
                return ex.GetType().Name + " " + ex.Message;
            }
        }

        private void Stop()
        {
            // Starts were barred while the switches were held, so no module runs; the stop is a second line should one
            // (asked for before the hold ends, a tick that finds the hold ended finds it waiting too). Then starts are taken again.
            if (_controller != null)
            {
                _controller.RequestStop(-1);
                _controller.LiftStartBar();
            }

            _recording = false;
            _active = false;
            _procedure = null;
        }

        /// <summary>Why a calibration cannot begin now (a module is running: its switch would be held under it), or null.</summary>
        private string RunningModule()
        {
            if (_controller == null)
            {
                return null;
            }

            int modules = _controller.Layout.ModuleCount;
            for (int m = 0; m < modules; m++)
            {
                ModuleState state = _controller.Module(m).State;
                if (state == ModuleState.Pulse || state == ModuleState.Rest)
                {
                    return "module " + m.ToString() + " is running: stop the modules first (calibration holds every switch open, and a run must not resume by itself when it ends)";
                }
            }

            return null;
        }
    }
}
