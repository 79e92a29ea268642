// Licensed under the MIT License.

using System;
using System.Threading;
using Edge.Core.Actuation;
using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Edge.Core.Decision.Scheduling;
using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core
{
    /// <summary>
    /// The control core. The host calls <see cref="Tick"/> once per sample with a filled
    /// <see cref="SampleFrame"/>; the controller answers in the <see cref="ActionFrame"/> and leaves
    /// this tick's records in <see cref="Telemetry"/>. Data flows one way: measurement, diagnosis,
    /// decision, actuation, telemetry. No I/O, no allocation per tick.
    /// </summary>
    [HotPath]
    public sealed class EdgeController
    {
        private readonly PackLayout _layout;
        private readonly ControllerConfiguration _configuration;
        private readonly TelemetryBuffer _telemetry;
        private readonly MeasurementSnapshot _snapshot;
        private readonly PackMeasurement _measurement;
        private readonly DiagnosisManager _diagnosis;

        // The diagnosis' request flags and per-module latch and evidence flags, held here: the duty cycles take them every
        // tick, and on the device each property read or method call is an interpreted call.
        private readonly ModuleReactionRequests _requests;
        private readonly bool[] _moduleLatched;
        private readonly bool[] _moduleFaultEvidence;
        private readonly PlausibilityMonitor _plausibility;
        private readonly IntermittentChannelMonitor _intermittent;
        private readonly ProtectionMonitor _protection;
        private readonly HardShortDetector _hardShort;
        private readonly DepletionOnsetDetector _depletion;
        private readonly SoftShortDetector _softShort;
        private readonly ModuleDutyCycle[] _modules;
        private readonly InterleavedScheduler _scheduler;
        private readonly CellVoltageExtremes _cellExtremes;

        // The modules' states, stop reasons and latches as each completed tick leaves them, for the network thread.
        private readonly ModuleStatesSnapshot _moduleStates;

        // The sum of the latch and module state revisions the snapshot was last published at (-1: never).
        private int _publishedStatesRevision = -1;

        // Also keeps what the previous tick commanded: it is what flowed during the interval this sample ends.
        private readonly ActuationSafetyClamp _clamp;

        // Commands are applied at the next tick boundary.
        private readonly bool[] _pendingStart;
        private readonly bool[] _pendingStop;

        // A start asked for after a stop in the same tick: applied after that stop, not swallowed by it.
        private readonly bool[] _startAfterStop;
        private readonly bool[] _pendingReset;

        // Latches stored before a reset of the device, restored at the next tick boundary (before any start).
        private readonly bool[] _pendingRestore;
        private readonly DiagnosisId[] _restoreCause;
        private readonly bool[] _restoreCauseKnown;

        // setProtocol with start during a pulse: the module starts one tick after the stop, so the interrupted
        // pulse ends with its switch open for a sample and is measured and summarised on its own.
        private readonly bool[] _deferredStart;

        // Set by the tick whose protocol change deferred the start, cleared by that tick's commands: counted in ticks,
        // not timestamps, so a next sample with the same timestamp (a coarse or stalled clock) still starts it.
        private bool _deferredStartWaits;

        private readonly object _commandLock = new object();

        // Non-zero when a command or configuration change may be waiting: set (after the change, under the
        // lock) by every request and taken with one interlocked exchange per tick, so a tick without commands
        // does not take the lock. Starts at 1 for the first tick's automatic start.
        private int _commandsPending = 1;

        // Configuration changes (validated by the caller) wait for the tick boundary as well.
        private ProtocolConfiguration _pendingProtocol;
        private bool _pendingProtocolStart;
        private bool _hasPendingMode;
        private ControlMode _pendingMode;

        private bool _started;

        // Read once, as the detectors read their limits: on the device the two property reads of every tick were calls.
        private readonly int _cellVoltagePeriodMs;

        // Device time of the previous cells records (long.MinValue before the first): where their interval began and what
        // the next is due from. Its own marker for "none yet": a first record at device time 0 stamped 1 ms instead put
        // every later one a tick behind the period (0, 1010, 2010 ms at 10 ms ticks).
        private long _previousCellsRecordMs = long.MinValue;

        // Why the host holds every switch open and no start may run (BarStarts), or null: set and read under the command lock.
        private string _startBar;

        // The latest tick's frame came through the board's nominal curves (SampleFrame.Uncalibrated): no start runs.
        private bool _latestFrameUncalibrated;

        // Ticks left in which a start waits for the unit's own calibration the host just took up (ExpectCalibration)
        // instead of being answered uncalibrated: set under the command lock, counted down by uncalibrated frames.
        private int _calibrationDueTicks;

        // The frame of the tick under way when the host swapped the calibration in may have been converted before the
        // swap; the next one goes through it.
        private const int CalibrationDueTicks = 2;

        // The suspension (RequestSuspend, RequestResume): asked for under the command lock, applied at the tick boundary.
        private bool _pendingSuspend;
        private bool _pendingResume;
        private SuspendReason _pendingSuspendReason;
        private int _pendingSuspendMaximumMs;
        private bool _suspended;
        private long _suspendedSinceMs;
        private long _suspendBoundFromMs;
        private int _suspendMaximumMs;

        /// <summary>The longest suspension <see cref="RequestSuspend"/> takes, ms (an hour).</summary>
        public const int LongestSuspendMs = 3600000;

        /// <summary>Creates a controller; the configuration is validated first.</summary>
        /// <exception cref="ArgumentException">The configuration was rejected; the message names the field.</exception>
        public EdgeController(PackLayout layout, ControllerConfiguration configuration)
        {
            if (layout == null)
            {
                throw new ArgumentNullException(nameof(layout));
            }

            ConfigurationError error = ConfigurationValidator.Validate(configuration, layout);
            if (error != null)
            {
                throw new ArgumentException(error.ToString(), nameof(configuration));
            }

            _layout = layout;
            _configuration = configuration;
            // Records kept for each module's state change and first fault event (the validator's minimum leaves the rest ample).
            _telemetry = new TelemetryBuffer(configuration.Telemetry.RecordsPerTickFor(layout), layout.CellsPerModule, layout.ModuleCount);
            _snapshot = new MeasurementSnapshot(layout);
            _measurement = new PackMeasurement(layout, configuration);
            _diagnosis = new DiagnosisManager(configuration.Diagnosis, layout, _telemetry, configuration.Protection.TemperatureSensorModules);
            _requests = _diagnosis.Requests;
            _moduleLatched = _diagnosis.ModuleLatched;
            _moduleFaultEvidence = _diagnosis.ModuleFaultEvidence;
            _plausibility = new PlausibilityMonitor(configuration, layout);
            _intermittent = new IntermittentChannelMonitor(configuration.Plausibility, layout);
            _protection = new ProtectionMonitor(configuration.Protection, layout);
            _hardShort = new HardShortDetector(configuration, layout);
            _depletion = new DepletionOnsetDetector(configuration, layout);
            _softShort = new SoftShortDetector(configuration, layout);
            int modules = layout.ModuleCount;
            _modules = new ModuleDutyCycle[modules];
            for (int m = 0; m < modules; m++)
            {
                _modules[m] = new ModuleDutyCycle(m, layout.FirstCellOf(m), layout.CellsPerModule, configuration, _diagnosis.ProtectionLevels, _depletion);
            }

            if (configuration.Scheduling.Enabled)
            {
                _scheduler = new InterleavedScheduler(configuration.Scheduling, FirstCurrentStepUa(configuration));
            }

            _cellExtremes = new CellVoltageExtremes(layout.CellCount);
            _measurement.TrackExtremes(_cellExtremes);
            _clamp = new ActuationSafetyClamp(modules, configuration.Protection);
            _pendingStart = new bool[modules];
            _pendingStop = new bool[modules];
            _startAfterStop = new bool[modules];
            _pendingReset = new bool[modules];
            _pendingRestore = new bool[modules];
            _restoreCause = new DiagnosisId[modules];
            _restoreCauseKnown = new bool[modules];
            _deferredStart = new bool[modules];
            PlatingCriticalCurrentLimitUa = configuration.Protocol.PlatingCriticalCurrentUa;
            DirectionChangeRestFloorMs = configuration.Protocol.DirectionChangeRestMs;
            _cellVoltagePeriodMs = configuration.Telemetry.CellVoltagePeriodMs;
            _moduleStates = new ModuleStatesSnapshot(modules);
            int revision = _diagnosis.LatchRevision;
            for (int m = 0; m < modules; m++)
            {
                revision += _modules[m].ShownStateRevision;
            }

            PublishModuleStates(revision);
        }

        /// <summary>
        /// The plating critical current the controller started with: the cells' limit, which a protocol change may
        /// lower but not raise (above it plating grows dendrites toward a short).
        /// </summary>
        public int PlatingCriticalCurrentLimitUa { get; }

        /// <summary>The rest before plating after stripping it started with: a protocol change may lengthen it, not shorten it.</summary>
        public int DirectionChangeRestFloorMs { get; }

        public PackLayout Layout => _layout;

        public ControllerConfiguration Configuration => _configuration;

        /// <summary>Records written by the latest tick.</summary>
        public TelemetryBuffer Telemetry => _telemetry;

        /// <summary>Measurement features of the latest tick.</summary>
        public MeasurementSnapshot Measurement => _snapshot;

        public DiagnosisManager Diagnosis => _diagnosis;

        public DepletionOnsetDetector DepletionDetector => _depletion;

        public SoftShortDetector SoftShortDetector => _softShort;

        public ModuleDutyCycle Module(int module) => _modules[module];

        /// <summary>
        /// Every module's state, stop reason and latching diagnosis as the latest completed tick left them: what another
        /// thread reads of them (<see cref="Module"/> and <see cref="Diagnosis"/> are written one after the other within a tick).
        /// </summary>
        public ModuleStatesSnapshot ModuleStates => _moduleStates;

        /// <summary>The pack scheduler, or null when modules run independently.</summary>
        public InterleavedScheduler Scheduler => _scheduler;

        /// <summary>
        /// Starts a module's protocol at the next tick (-1: every module). Returns false, and asks for nothing, while starts
        /// are barred (<see cref="StartBar"/>).
        /// </summary>
        public bool RequestStart(int module)
        {
            lock (_commandLock)
            {
                if (_startBar != null)
                {
                    return false;
                }

                Request(_pendingStart, module);
                return true;
            }
        }

        /// <summary>
        /// Why every start is refused now (the host holds every switch open, e.g. for a calibration), or null. Set by
        /// <see cref="BarStarts"/>, cleared by <see cref="LiftStartBar"/>.
        /// </summary>
        public string StartBar
        {
            get
            {
                lock (_commandLock)
                {
                    return _startBar;
                }
            }
        }

        /// <summary>
        /// Bars every start, for <paramref name="reason"/>, until <see cref="LiftStartBar"/>: <see cref="RequestStart"/> and a
        /// protocol change with start are refused, and neither the settings' automatic start nor anything already waiting
        /// starts a module. The host holds the switches open meanwhile, and a module the controller believed running would
        /// have its open-switch readings judged as if current flowed once the hold ended. Returns false, and bars nothing,
        /// while a module runs (Pulse or Rest) or a start waits for the next tick (<see cref="IsStartPending"/>): checked
        /// and set under the command lock, so a start asked for at the same moment either comes first and is reported here,
        /// or comes after and is refused.
        /// </summary>
        public bool BarStarts(string reason)
        {
            if (reason == null)
            {
                throw new ArgumentNullException(nameof(reason));
            }

            lock (_commandLock)
            {
                if (IsStartPending)
                {
                    return false;
                }

                for (int m = 0; m < _modules.Length; m++)
                {
                    ModuleState state = _modules[m].State;
                    if (state == ModuleState.Pulse || state == ModuleState.Rest)
                    {
                        return false;
                    }
                }

                _startBar = reason;
                return true;
            }
        }

        /// <summary>Ends <see cref="BarStarts"/>: starts are taken again (nothing refused meanwhile is started by it).</summary>
        public void LiftStartBar()
        {
            lock (_commandLock)
            {
                _startBar = null;
            }
        }

        /// <summary>
        /// True when the latest tick's frame was not converted through this unit's own calibration
        /// (<see cref="SampleFrame.Uncalibrated"/>) and none is due (<see cref="ExpectCalibration"/>): a start is then
        /// answered by an <c>uncalibrated</c> event, not a run. False before the first tick.
        /// </summary>
        public bool IsUncalibrated => _latestFrameUncalibrated && _calibrationDueTicks == 0;

        /// <summary>
        /// The host converts through this unit's own calibration from its next reading on (a calibration just finished):
        /// a start asked for now is taken (<see cref="IsUncalibrated"/> false) and waits in the ticks whose frames are
        /// still uncalibrated, at most two (the frame of a tick under way may have been converted before the new
        /// calibration), then runs at the first calibrated one. A start still facing an uncalibrated frame after those
        /// gets the <c>uncalibrated</c> event and never runs, as any start on an uncalibrated unit.
        /// </summary>
        public void ExpectCalibration()
        {
            lock (_commandLock)
            {
                _calibrationDueTicks = CalibrationDueTicks;
            }
        }

        /// <summary>
        /// True when a fault reset of <paramref name="module"/> has something to clear: the module holds a latched
        /// fault, is in Hold, or a latch restored at boot waits for the next tick (until then the live latched set
        /// lacks it, and a reset sent at once would be refused as having nothing to reset).
        /// </summary>
        public bool HasFaultToReset(int module)
        {
            if (module < 0 || module >= _modules.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(module));
            }

            lock (_commandLock)
            {
                return _diagnosis.HasLatchedFault(module) || _modules[module].State == ModuleState.Hold || _pendingRestore[module];
            }
        }

        /// <summary>True while a fault reset of <paramref name="module"/> waits for the next tick boundary.</summary>
        public bool IsFaultResetPending(int module)
        {
            if (module < 0 || module >= _modules.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(module));
            }

            lock (_commandLock)
            {
                return _pendingReset[module];
            }
        }

        /// <summary>
        /// True while a requested start has not been applied yet (a protocol change with start, or a start deferred
        /// past an interrupted pulse): a module that is Done now leaves it on a coming tick.
        /// </summary>
        public bool IsStartPending
        {
            get
            {
                lock (_commandLock)
                {
                    if (_pendingProtocol != null && _pendingProtocolStart)
                    {
                        return true;
                    }

                    for (int m = 0; m < _modules.Length; m++)
                    {
                        if (_pendingStart[m] || _deferredStart[m])
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }
        }

        /// <summary>Stops a module at the next tick (-1: every module).</summary>
        public void RequestStop(int module) => Request(_pendingStop, module);

        /// <summary>Clears a module's latched faults at the next tick (-1: every module); it then waits in Idle.</summary>
        public void RequestFaultReset(int module) => Request(_pendingReset, module);

        /// <summary>
        /// Latches a module again at the next tick boundary for a fault that was latched, and stored, before the
        /// device was reset: the module goes to Hold with its switch open and a <c>faultRestored</c> event, and
        /// stays there until a fault reset, whatever the settings' auto-start. Called at boot, before the first tick.
        /// </summary>
        public void RestoreLatchedFault(int module, DiagnosisId cause) => Restore(module, cause, true);

        /// <summary>
        /// <see cref="RestoreLatchedFault(int, DiagnosisId)"/> for a module whose stored record could not be read:
        /// whether it was latched, and why, is not known, so it is held as if it were.
        /// </summary>
        public void RestoreLatchedFault(int module) => Restore(module, DiagnosisId.HardShort, false);

        /// <summary>
        /// Suspends the controller at the next tick boundary, for <paramref name="reason"/> and at most
        /// <paramref name="maximumMs"/>: in that tick every switch opens (a pulse under way ends into its rest), a
        /// <c>suspended</c> event names the reason, and until <see cref="RequestResume"/> (or the bound) no switch closes.
        /// Not a fault: nothing latches, diagnoses and latched faults act as ever, and the tick watch does not judge the
        /// gaps of a suspension (the host suspends before a call that stops every thread). <see cref="IsSuspended"/>
        /// tells when it is in force. Asked again while suspended, the bound runs afresh from that tick.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumMs"/> is not from 1 to <see cref="LongestSuspendMs"/>.</exception>
        public void RequestSuspend(SuspendReason reason, int maximumMs)
        {
            if (maximumMs < 1 || maximumMs > LongestSuspendMs)
            {
                // Built only here, on the refusal: an accepted request allocates nothing.
                throw new ArgumentOutOfRangeException(nameof(maximumMs), "a suspension lasts from 1 to " + LongestSuspendMs.ToString() + " ms, not " + maximumMs.ToString());
            }

            lock (_commandLock)
            {
                _pendingSuspend = true;
                _pendingResume = false;
                _pendingSuspendReason = reason;
                _pendingSuspendMaximumMs = maximumMs;
                Interlocked.Exchange(ref _commandsPending, 1);
            }
        }

        /// <summary>
        /// Ends the suspension at the next tick boundary (a <c>resumed</c> event; every running module comes back from a
        /// rest, and the tick watch takes that tick as its new start). A suspension asked for and not applied yet is
        /// withdrawn; without one nothing happens.
        /// </summary>
        public void RequestResume()
        {
            lock (_commandLock)
            {
                _pendingSuspend = false;
                _pendingResume = true;
                Interlocked.Exchange(ref _commandsPending, 1);
            }
        }

        /// <summary>
        /// True from the tick that applied a suspension to the tick that ended it: every switch open since that tick's
        /// actions. Read by the thread that asked for it.
        /// </summary>
        public bool IsSuspended => _suspended;

        /// <summary>Counts applied configuration changes (protocol, mode), so a host knows when to republish it.</summary>
        public int ConfigurationRevision { get; private set; }

        /// <summary>
        /// Replaces the protocol at the next tick boundary. Running modules are stopped first (switch
        /// open, state Done, reason command), so no pulse continues under changed limits; with
        /// <paramref name="startAfter"/> every module not in Hold starts the new protocol in the same tick.
        /// The caller validates the protocol (<see cref="ConfigurationValidator"/>); the electrode area is
        /// fixed at construction and is not taken over. Returns false, and changes nothing, when
        /// <paramref name="startAfter"/> is asked for while starts are barred (<see cref="StartBar"/>).
        /// </summary>
        public bool RequestProtocol(ProtocolConfiguration protocol, bool startAfter)
        {
            if (protocol == null || protocol.Steps == null)
            {
                throw new ArgumentNullException(nameof(protocol));
            }

            lock (_commandLock)
            {
                if (startAfter && _startBar != null)
                {
                    return false;
                }

                _pendingProtocol = protocol;
                _pendingProtocolStart = startAfter;

                for (int m = 0; m < _startAfterStop.Length; m++)
                {
                    // Its start, like a start command's, comes after a stop already waiting for this tick.
                    _startAfterStop[m] = startAfter && _pendingStop[m];
                    if (!startAfter)
                    {
                        // As if applied in the order they came: the change stops the modules a start asked for
                        // earlier (or an earlier change deferred), and they wait for a start of their own.
                        _pendingStart[m] = false;
                        _deferredStart[m] = false;
                    }
                }

                Interlocked.Exchange(ref _commandsPending, 1);
                return true;
            }
        }

        /// <summary>
        /// A copy of the protocol a new change builds on: the one waiting for the next tick when there is one (so a
        /// second change before that tick amends the first instead of undoing it), else the one in force. Taken under
        /// the command lock, so it is never half of a change being applied.
        /// </summary>
        public ProtocolConfiguration ProtocolToAmend()
        {
            lock (_commandLock)
            {
                return _pendingProtocol != null ? _pendingProtocol.Clone() : _configuration.Protocol.Clone();
            }
        }

        /// <summary>The mode a new change is checked against: the one waiting for the next tick when there is one, else the one in force.</summary>
        public ControlMode ModeToAmend()
        {
            lock (_commandLock)
            {
                return _hasPendingMode ? _pendingMode : _configuration.Mode;
            }
        }

        /// <summary>Switches between observe and act at the next tick boundary.</summary>
        public void RequestMode(ControlMode mode)
        {
            lock (_commandLock)
            {
                _pendingMode = mode;
                _hasPendingMode = true;
                Interlocked.Exchange(ref _commandsPending, 1);
            }
        }

        /// <summary>One control cycle.</summary>
        public void Tick(SampleFrame frame, ActionFrame actions)
        {
            long now = frame.TimestampMs;
            _latestFrameUncalibrated = frame.Uncalibrated;
            int dropped = _telemetry.BeginTick();
            if (dropped > 0)
            {
                WriteEvent(EventKind.TelemetryOverflow, now, -1, dropped);
            }

            // A plain read first: the interlocked exchange only when something may be waiting. A request that
            // lands after this read is applied at the next tick, as if it had come in after the boundary.
            bool commands = _commandsPending != 0 && Interlocked.Exchange(ref _commandsPending, 0) != 0;
            if (commands)
            {
                ApplyConfigurationChanges(now);
            }

            _diagnosis.BeginTick(now, _configuration.Mode);

            // Measurement.
            _measurement.Update(frame, _clamp.LastSwitchClosed, _clamp.LastSetpointUa, _snapshot);

            // Commands take effect at the tick boundary, before this tick's decisions; a suspension before the starts.
            bool resumed = false;
            if (commands)
            {
                resumed = ApplySuspension(now);
                ApplyCommands(now, frame.Uncalibrated);
            }

            if (_calibrationDueTicks != 0)
            {
                // A calibrated frame ends the wait; each uncalibrated one uses up a tick of it.
                lock (_commandLock)
                {
                    _calibrationDueTicks = frame.Uncalibrated ? _calibrationDueTicks - 1 : 0;
                }
            }

            if (_suspended && now - _suspendBoundFromMs >= _suspendMaximumMs)
            {
                // Its bound: the host never ended it. A later gap is judged again.
                EndSuspension(now, true);
                resumed = true;
            }

            if (_suspended || resumed)
            {
                // The gaps of a suspension were expected: this tick is the tick watch's new start.
                _plausibility.RearmTickWatch();
            }

            // Diagnosis: detectors report, the manager decides.
            _plausibility.Evaluate(frame, _snapshot, _diagnosis);
            _intermittent.Evaluate(frame, _snapshot, _diagnosis, _telemetry);
            _protection.Evaluate(frame, _snapshot, _diagnosis);
            _hardShort.Evaluate(_snapshot, _plausibility.CurrentImplausible, _diagnosis);
            _depletion.Evaluate(_snapshot, _diagnosis);
            _softShort.Evaluate(_snapshot, _diagnosis);

            // Decision: every module first, then the pack scheduler hands pulses over in the same tick.
            for (int m = 0; m < _modules.Length; m++)
            {
                _modules[m].Trigger(_snapshot, _requests, _moduleLatched[m], _moduleFaultEvidence[m], _telemetry);
            }

            if (_scheduler != null)
            {
                _scheduler.Trigger(now, _modules, _telemetry);
            }

            if (frame.MuxAddressFault)
            {
                OpenModulesUnwatched(now);
            }

            // Actuation.
            _clamp.Apply(_modules, _diagnosis, frame.Uncalibrated, actions);

            // The due test here, the record in its own method: a cells record is due once a second, and on the device
            // the call of every other tick would be interpreted overhead.
            int cellsPeriodMs = _cellVoltagePeriodMs;
            long previousCellsMs = _previousCellsRecordMs;
            if (cellsPeriodMs > 0 && (previousCellsMs == long.MinValue || now - previousCellsMs >= cellsPeriodMs))
            {
                WriteCellVoltages(now);
            }

            // The tick's one consistent point for a reader on another thread. Each counter only grows, so their sum moves
            // exactly when one does: a field load per module on a tick that changed nothing, and no call (comparing the
            // values took four interpreted calls per module on the device, the call of every tick one more).
            ModuleDutyCycle[] modules = _modules;
            int revision = _diagnosis.LatchRevision;
            for (int m = 0; m < modules.Length; m++)
            {
                revision += modules[m].ShownStateRevision;
            }

            if (revision != _publishedStatesRevision)
            {
                PublishModuleStates(revision);
            }
        }

        /// <summary>
        /// A tick whose multiplexer address check failed: every module with a reading it took away (its current, or a cell,
        /// marked implausible by the conversion) opens its switch in this tick (<see cref="ModuleDutyCycle.OpenUnwatched"/>).
        /// The check's row latches only at its third reading; until then no limit of such a module sees its current or its
        /// cells, and an overcurrent or a short behind them would flow on unjudged. A module whose readings do not pass
        /// through the multiplexer carries on: its limits still see it.
        /// </summary>
        private void OpenModulesUnwatched(long now)
        {
            bool[] currentValid = _snapshot.ModuleCurrentValid;
            int[] invalidCells = _snapshot.InvalidCellCount;
            for (int m = 0; m < _modules.Length; m++)
            {
                if (!currentValid[m] || invalidCells[m] > 0)
                {
                    _modules[m].OpenUnwatched(now, _telemetry);
                }
            }
        }

        /// <summary>
        /// Hands the modules' states, stop reasons, latching diagnoses and the cells they latched on to <see cref="ModuleStates"/> together,
        /// when one changed, as <paramref name="revision"/> (the modules' state revisions and the diagnosis' latch revision added up) tells.
        /// </summary>
        private void PublishModuleStates(int revision)
        {
            _publishedStatesRevision = revision;
            int count = _modules.Length;
            ModuleStatesSnapshot snapshot = _moduleStates;
            snapshot.BeginWrite();
            for (int m = 0; m < count; m++)
            {
                ModuleDutyCycle module = _modules[m];
                int cause = LatchCauseOf(m);
                snapshot.Write(m, module.State, module.StopReason, cause, cause == ModuleStatesSnapshot.NoDiagnosis ? ModuleStatesSnapshot.NoCell : _diagnosis.LatchCell(m));
            }

            snapshot.EndWrite();
        }

        // The diagnosis that latched the module, or none (not latched, or the cause is not known).
        private int LatchCauseOf(int module)
        {
            return _moduleLatched[module] && _diagnosis.IsLatchCauseKnown(module) ? (int)_diagnosis.LatchCause(module) : ModuleStatesSnapshot.NoDiagnosis;
        }

        private static int FirstCurrentStepUa(ControllerConfiguration configuration)
        {
            for (int i = 0; i < configuration.Protocol.Steps.Length; i++)
            {
                if (configuration.Protocol.Steps[i].IsCurrentStep)
                {
                    return configuration.Protocol.Steps[i].CurrentUa;
                }
            }

            return 1;
        }

        private void ApplyCommands(long now, bool uncalibrated)
        {
            lock (_commandLock)
            {
                for (int m = 0; m < _modules.Length; m++)
                {
                    // A module held at this boundary takes no start in it, even with its reset: a start asked for while
                    // it was held is not one for after the reset, and the reset leaves it waiting in Idle.
                    bool heldAtBoundary = _modules[m].State == ModuleState.Hold;
                    if (_pendingRestore[m])
                    {
                        // Before the start below: a restored latch is never started through, auto-start or not.
                        _pendingRestore[m] = false;
                        _diagnosis.RestoreLatch(m, _restoreCause[m], _restoreCauseKnown[m]);
                        TelemetryRecord restored = _telemetry.AppendFault(TelemetryRecordKind.Event, now, m, -1);
                        restored.EventKind = EventKind.FaultRestored;
                        restored.Severity = Severity.Fault;
                        restored.Diagnosis = _restoreCause[m];
                        restored.HasDiagnosis = _restoreCauseKnown[m];
                        restored.Value = 0;
                        restored.Threshold = 0;
                    }

                    if (_pendingReset[m])
                    {
                        _pendingReset[m] = false;
                        if (heldAtBoundary)
                        {
                            // Detectors forget the old evidence too: the module re-latches only on new evidence.
                            _diagnosis.ResetModule(m);
                            _hardShort.ResetModule(m);
                            _depletion.ResetModule(m);
                            _softShort.ResetModule(m);
                            _modules[m].ResetFault(now, _telemetry);
                            WriteEvent(EventKind.FaultReset, now, m, 0);
                        }
                    }

                    if (_deferredStart[m] && !_deferredStartWaits)
                    {
                        _deferredStart[m] = false;
                        _pendingStart[m] = true;
                    }

                    if (_pendingStop[m])
                    {
                        _pendingStop[m] = false;
                        _pendingStart[m] = _startAfterStop[m];
                        _deferredStart[m] = _deferredStart[m] && _startAfterStop[m];
                        _startAfterStop[m] = false;
                        _modules[m].Stop(now, _telemetry);
                    }

                    // While the host holds the switches (BarStarts) nothing starts, the settings' automatic start included.
                    bool autoStart = !_started && _configuration.StartImmediately;
                    if ((_pendingStart[m] || autoStart) && _startBar == null && !heldAtBoundary && !_diagnosis.HasLatchedFault(m))
                    {
                        // Without this unit's own calibration the readings are a nominal guess: watch, never act. A start
                        // taken while the calibration was due waits for the first frame converted through it.
                        if (uncalibrated && _calibrationDueTicks > 0)
                        {
                            _deferredStart[m] = true;
                            Interlocked.Exchange(ref _commandsPending, 1);
                        }
                        else if (uncalibrated)
                        {
                            WriteEvent(EventKind.Uncalibrated, Severity.Warning, now, m, 0);
                        }
                        else
                        {
                            _modules[m].Start(now, _telemetry);
                        }
                    }

                    _pendingStart[m] = false;
                }

                _deferredStartWaits = false;
                _started = true;
            }
        }

        /// <summary>Applies a suspension or its end asked for since the last tick; true when one ended.</summary>
        private bool ApplySuspension(long now)
        {
            lock (_commandLock)
            {
                if (_pendingSuspend)
                {
                    _pendingSuspend = false;
                    _suspendBoundFromMs = now;
                    _suspendMaximumMs = _pendingSuspendMaximumMs;
                    if (!_suspended)
                    {
                        _suspended = true;
                        _suspendedSinceMs = now;
                        for (int m = 0; m < _modules.Length; m++)
                        {
                            _modules[m].Suspend(now, _telemetry);
                        }

                        TelemetryRecord record = _telemetry.Append(TelemetryRecordKind.Event, now, -1, -1);
                        record.EventKind = EventKind.Suspended;
                        record.Severity = Severity.Info;
                        record.Value = (int)_pendingSuspendReason;
                        record.Threshold = _suspendMaximumMs;
                    }
                }

                if (!_pendingResume)
                {
                    return false;
                }

                _pendingResume = false;
                if (!_suspended)
                {
                    return false;
                }

                EndSuspension(now, false);
                return true;
            }
        }

        private void EndSuspension(long now, bool boundReached)
        {
            _suspended = false;
            for (int m = 0; m < _modules.Length; m++)
            {
                _modules[m].Resume(now, _telemetry);
            }

            long lastedMs = now - _suspendedSinceMs;
            TelemetryRecord record = _telemetry.Append(TelemetryRecordKind.Event, now, -1, -1);
            record.EventKind = EventKind.Resumed;
            record.Severity = boundReached ? Severity.Warning : Severity.Info;
            record.Value = lastedMs > int.MaxValue ? int.MaxValue : (int)lastedMs;
            record.Threshold = _suspendMaximumMs;
        }

        private void ApplyConfigurationChanges(long now)
        {
            lock (_commandLock)
            {
                // The mode in effect again changes nothing: no new revision, so no config republished for it.
                if (_hasPendingMode)
                {
                    if (_configuration.Mode != _pendingMode)
                    {
                        _configuration.Mode = _pendingMode;
                        ConfigurationRevision++;
                    }

                    _hasPendingMode = false;
                }

                ProtocolConfiguration protocol = _pendingProtocol;
                if (protocol == null)
                {
                    return;
                }

                _pendingProtocol = null;
                bool deferred = false;
                for (int m = 0; m < _modules.Length; m++)
                {
                    bool pulsing = _modules[m].State == ModuleState.Pulse;
                    _modules[m].Stop(now, _telemetry);
                    if (_pendingProtocolStart && pulsing)
                    {
                        _deferredStart[m] = true;
                        deferred = true;
                    }
                    else if (_pendingProtocolStart)
                    {
                        _pendingStart[m] = true;
                    }
                }

                if (deferred)
                {
                    // Read by the next tick's ApplyCommands: the interrupted pulse's switch stays open for this one.
                    _deferredStartWaits = true;
                    Interlocked.Exchange(ref _commandsPending, 1);
                }

                // Copied into the live object: the duty cycles and rest tuners hold references to it.
                _configuration.Protocol.CopySettingsFrom(protocol);
                ConfigurationRevision++;
            }
        }

        /// <summary>
        /// True while a restored latched fault waits for the next tick to reach the diagnosis (see
        /// <see cref="RestoreLatchedFault(int)"/>): until then the live latched set lacks it.
        /// </summary>
        public bool RestoresPending
        {
            get
            {
                lock (_commandLock)
                {
                    for (int m = 0; m < _pendingRestore.Length; m++)
                    {
                        if (_pendingRestore[m])
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }
        }

        private void Restore(int module, DiagnosisId cause, bool causeKnown)
        {
            if (module < 0 || module >= _modules.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(module));
            }

            lock (_commandLock)
            {
                _pendingRestore[module] = true;
                _restoreCause[module] = cause;
                _restoreCauseKnown[module] = causeKnown;
                Interlocked.Exchange(ref _commandsPending, 1);
            }
        }

        private void Request(bool[] pending, int module)
        {
            if (module < -1 || module >= _modules.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(module));
            }

            lock (_commandLock)
            {
                for (int m = 0; m < pending.Length; m++)
                {
                    if (module == -1 || module == m)
                    {
                        pending[m] = true;

                        // Stop and start in one tick take effect in the order they came.
                        if (pending == _pendingStart)
                        {
                            _startAfterStop[m] = _pendingStop[m];
                        }
                        else if (pending == _pendingStop)
                        {
                            _startAfterStop[m] = false;
                        }
                    }
                }

                Interlocked.Exchange(ref _commandsPending, 1);
            }
        }

        // Called when a cells record is due (Tick tests the period).
        private void WriteCellVoltages(long now)
        {
            // The interval since the previous cells record: a module current read valid in it is published (its latest
            // valid reading); a module without one is marked invalid, its value an older reading (0 before any).
            long since = _previousCellsRecordMs;
            _previousCellsRecordMs = now;
            int[] lastValidCurrentUa = _snapshot.ModuleLastValidCurrentUa;
            long[] lastValidCurrentMs = _snapshot.ModuleLastValidCurrentMs;
            int cellsPerModule = _layout.CellsPerModule;
            for (int m = 0; m < _modules.Length; m++)
            {
                TelemetryRecord record = _telemetry.Append(TelemetryRecordKind.CellVoltages, now, m, -1);
                record.CellCount = cellsPerModule;
                record.ModuleCurrentUa = lastValidCurrentUa[m];
                record.ModuleCurrentInvalid = lastValidCurrentMs[m] <= since;
                record.State = _modules[m].State;
                int first = _layout.FirstCellOf(m);
                for (int i = 0; i < cellsPerModule; i++)
                {
                    record.CellValuesA[i] = _snapshot.CellVoltageMv[first + i];
                }

                _cellExtremes.TakeInto(record, first, cellsPerModule);
            }
        }

        private void WriteEvent(EventKind kind, long now, int module, int value)
        {
            WriteEvent(kind, Severity.Info, now, module, value);
        }

        private void WriteEvent(EventKind kind, Severity severity, long now, int module, int value)
        {
            TelemetryRecord record = _telemetry.Append(TelemetryRecordKind.Event, now, module, -1);
            record.EventKind = kind;
            record.Severity = severity;
            record.Value = value;
            record.Threshold = 0;
        }
    }
}
