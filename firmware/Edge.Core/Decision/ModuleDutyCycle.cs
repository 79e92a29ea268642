// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;

namespace Edge.Core.Decision
{
    /// <summary>
    /// The pulse-stripping duty cycle of one module. Its states (<see cref="ModuleSubState"/>) show in telemetry as
    /// Idle, Pulse, Rest, Hold (latched fault) and Done; every change goes through <see cref="Transition"/>.
    /// Triggered once per tick after diagnosis; waits are measured on the frame's timestamps.
    /// </summary>
    [HotPath]
    public sealed class ModuleDutyCycle
    {
        private readonly int _module;
        private readonly int _firstCell;
        private readonly int _cellCount;
        private readonly ControllerConfiguration _configuration;
        private readonly ProtocolConfiguration _protocol;
        private readonly PulseTuner _pulseTuner;
        private readonly RestTuner _restTuner;
        private readonly bool _scheduled;
        // Where the protocol's first current and first rest steps are; found again at every start, since a protocol
        // change replaces the steps while the module is stopped.
        private int _firstCurrentStep;
        private int _firstRestStep;
        private readonly ActiveProtectionLevels _protectionLevels;

        // Told to learn the module's baselines afresh when depletion's answers are undone (null: nobody to tell).
        private readonly DepletionOnsetDetector _depletionDetector;

        private ModuleSubState _subState;

        // What the public properties show, kept in fields: the tick reads and writes them, and on the device every
        // property access is an interpreted call.
        private ModuleState _state;
        private bool _switchClosed;
        private int _setpointUa;
        private long _pulseCount;
        private long _strippedChargeNc;
        private long _platedChargeNc;
        private long _pulseTimeMs;
        private long _restTimeMs;
        private int _stepIndex;

        // The protocol's step at _stepIndex, and whether its rests are fixed, taken when the step is entered and at each
        // start: a protocol change stops every module before it is copied in, so neither changes while the module runs.
        // On the device the property reads they replace were interpreted calls on every tick of every module.
        private ProtocolStep _step;
        private bool _fixedRests;
        private long _stepStartMs;
        private long _runStartMs;

        // The totals when the run started: a run's capacity limit, pulse numbers and charge count from its own start,
        // so a module stopped by its capacity limit can be started again. The totals themselves go on over every run
        // (the pack scheduler balances the modules' wear on them).
        private long _runStartNetChargeNc;
        private long _runStartPulseCount;

        // The run's net charge as the latest pulse summary reported it, uC: the next summary's pulse charge is the step
        // from it, so the run's summaries add up to its total.
        private long _summarizedChargeUc;

        // A start in the tick a pulse was cut short (a stop and a start at one boundary, a protocol change with start)
        // comes before that pulse's summary: the summary is the ended run's, counted from these, and the new run's
        // totals start after it (the new run rests first, so no current of its own flows before it).
        private bool _summaryOfEndedRunDue;
        private long _endedRunStartNetChargeNc;
        private long _endedRunStartPulseCount;
        private long _endedRunSummarizedChargeUc;

        // The least net charge (stripped minus plated) since the run started: the fullest the anode has been in it.
        // Only a plating tick can lower it.
        private long _runLowestNetChargeNc;

        // The protocol's stop limits, taken at every start: the tick checks them, and on the device each read of the
        // protocol's properties is an interpreted call. A protocol change replaces them only while the module is
        // stopped (the controller stops every module before it copies the new settings in).
        private int _stripCutoffMv;
        private int _plateCutoffMv;
        private long _capacityLimitUc;

        // The capacity limit in nanocoulombs, the unit the tick counts charge in, worked out at the start: the largest
        // limit a configuration may have (2^53 - 1 uC) is 9.007e18 nC, 2.4 % below a long's end, and anything larger
        // (a configuration not through the validator) stays at long.MaxValue instead of turning negative.
        private long _capacityLimitNc;
        private long _timeLimitMs;

        // What the direction-change rule and a restart need to know about the last current, whichever run it
        // belonged to: whether there was one, its direction, and when it ended.
        private bool _hasRunCurrent;
        private bool _lastCurrentWasStrip;
        private long _lastCurrentEndMs;

        // The start found a current too recent and began with the protocol's rest; the run's first step follows it.
        private bool _restBeforeFirstStep;

        // The pulse current is the protocol's times depletion's reductions times the protection derates in effect, never
        // below depletion.minimumCurrentPercent. The two are kept apart because each is undone on its own: a derate after
        // a time inside the limits, depletion's reductions once the module has been refilled.
        private int _currentPercent = 100;
        private int _depletionPercent = 100;
        private int _derateSteps;

        // Depletion has answered since the module was last refilled (or built): a shorter pulse, a longer rest or a lower
        // current. The episode's first answer sets the net charge the module must come back to (or below) before all of
        // them are undone: the least net charge of the run in which that answer came, up to it (long.MinValue: never).
        private bool _depletionAnswered;
        private long _refilledAtNetChargeNc;

        private long _insideLimitsMs;

        // A derate that returns soon after a lift means the lift overshot: the next wait doubles, so a module hunting
        // between two currents does so ever more slowly instead of once a minute.
        private const int MaximumRecoveryBackoff = 16;
        private int _recoveryBackoff = 1;
        private long _lastLiftMs = -1;
        private bool _cappedReported;

        /// <summary>
        /// Most ticks in a row a due pulse waits for fault evidence to clear or latch: longer than any safety row's
        /// debounce (10 readings), so a channel bad from the due tick on latches within it. The rows' counts are leaky
        /// (a valid reading takes one back), so evidence can outlast it without latching: a count that drains after its
        /// bad readings stop (one a valid reading: a temperature sensor's 9 takes 9 ticks), a channel bad on every
        /// other reading (its count stays up), bad readings spread over channels (two cells missing in turn). The pulse
        /// then starts, and while the evidence lasts later ones are not held either: the module runs as it did before
        /// holds existed, and a count that does reach its debounce latches, pulse or not.
        /// </summary>
        public const int MaximumHeldTicks = 12;

        // This tick a due pulse waits (fault evidence, within MaximumHeldTicks); see Trigger.
        private bool _pulsesHeld;

        // Ticks in a row a due pulse has waited; a pulse start that waited takes its start time from the tick it closes.
        private int _heldTicks;
        private bool _pulseStartHeld;
        private MeasurementSnapshot _snapshot;
        private int _scheduledCurrentUa;

        // Scheduled mode: started and parked on the rest step, no pulse granted yet in this run.
        private bool _awaitingFirstGrant;

        // The controller is suspended (Suspend to Resume): no switch closes and no step advances.
        private bool _suspended;

        // Scheduled mode: what made the rest ready (its length, a settled relaxation or the maximum), reported when the
        // grant ends it.
        private RestEndReason _readyReason;
        private int _capabilityPermille;
        private bool _capabilityStale = true;

        /// <summary>
        /// The engine of module <paramref name="module"/>, whose cells are <paramref name="cellCount"/> from
        /// <paramref name="firstCell"/>; pack scheduling is on when the configuration's scheduling is enabled.
        /// <paramref name="protectionLevels"/> (the diagnosis') tells when a derated module is back inside its limits.
        /// </summary>
        public ModuleDutyCycle(int module, int firstCell, int cellCount, ControllerConfiguration configuration, ActiveProtectionLevels protectionLevels)
            : this(module, firstCell, cellCount, configuration, protectionLevels, null)
        {
        }

        /// <summary>
        /// As the other constructor; <paramref name="depletionDetector"/> (null: none) learns the module's baselines afresh
        /// when depletion's answers are undone after a refill, and is told the protocol's length of each strip step the
        /// module enters (its operating point).
        /// </summary>
        public ModuleDutyCycle(int module, int firstCell, int cellCount, ControllerConfiguration configuration, ActiveProtectionLevels protectionLevels, DepletionOnsetDetector depletionDetector)
        {
            _module = module;
            _protectionLevels = protectionLevels;
            _depletionDetector = depletionDetector;
            _firstCell = firstCell;
            _cellCount = cellCount;
            _configuration = configuration;
            _protocol = configuration.Protocol;
            _scheduled = configuration.Scheduling.Enabled;
            _pulseTuner = new PulseTuner(configuration.PulseTuning, configuration.Protocol);
            _restTuner = new RestTuner(configuration.RestTuning, configuration.Protocol, _pulseTuner, firstCell, cellCount, configuration.SamplePeriodMs);
            _firstRestStep = FirstRestStep();
            _firstCurrentStep = FirstCurrentStep();
        }

        /// <summary>The state telemetry shows: <see cref="SubState"/> without the rest's kind.</summary>
        public ModuleState State => _state;

        /// <summary>The engine's own state.</summary>
        public ModuleSubState SubState => _subState;

        public StopReason StopReason { get; private set; }

        /// <summary>
        /// Counts changes of <see cref="State"/> (and with it <see cref="StopReason"/>). A field, not a property: the
        /// controller compares it every tick to know whether the module states another thread reads must be published
        /// again, and on the device a property read is an interpreted call.
        /// </summary>
        internal int ShownStateRevision;

        /// <summary>Index of the protocol step running now.</summary>
        public int StepIndex => _stepIndex;

        /// <summary>
        /// Pulses ended since the engine was built, over every run: 64-bit, as the run's pulse numbers it gives
        /// (<see cref="TelemetryRecord.PulseIndex"/>); pulses of one 10 ms tick back to back (a protocol of current
        /// steps without a rest) count 2^31 in 248 days.
        /// </summary>
        public long PulseCount => _pulseCount;

        /// <summary>Gross charge stripped (positive current) since the engine was built, over every run, nanocoulombs.</summary>
        public long StrippedChargeNc => _strippedChargeNc;

        /// <summary>
        /// Gross charge plated (negative current) since the engine was built, over every run, nanocoulombs, as a positive
        /// number.
        /// </summary>
        public long PlatedChargeNc => _platedChargeNc;

        /// <summary>Net charge stripped since the latest start, nanocoulombs: what the capacity limit counts.</summary>
        public long RunNetChargeNc => _strippedChargeNc - _platedChargeNc - _runStartNetChargeNc;

        /// <summary>
        /// Percentage of the protocol's current that pulses use (lowered by depletion warnings and protection derates in
        /// act mode; a derate is undone after <c>protection.derateRecoveryMs</c> back inside the limits, depletion's
        /// reductions once the module has plated back what it stripped up to the onset, see <see cref="LiftDepletion"/>).
        /// </summary>
        public int CurrentPercent => _currentPercent;

        /// <summary>Protection derates in effect (each lowered the current by <c>protection.derateCurrentPercent</c>).</summary>
        public int DerateSteps => _derateSteps;

        /// <summary>
        /// Percentage of the protocol's current that depletion's reductions leave (100: none in effect), before the
        /// protection derates and the floor.
        /// </summary>
        public int DepletionPercent => _depletionPercent;

        public RestTuner RestTuner => _restTuner;

        public PulseTuner PulseTuner => _pulseTuner;

        /// <summary>Percentage of the protocol's pulse length in use (pulse tuning).</summary>
        public int PulsePercent => _pulseTuner.PulsePercent;

        /// <summary>Time spent in Pulse since start (ms), for the duty cycle.</summary>
        public long PulseTimeMs => _pulseTimeMs;

        /// <summary>
        /// Time spent in Rest (ms) over every run: the intervals the module rested in, from its start (not the interval
        /// before it) up to its stop (that one included).
        /// </summary>
        public long RestTimeMs => _restTimeMs;

        /// <summary>Number of rests completed (64-bit, as <see cref="PulseCount"/>).</summary>
        public long RestCount { get; private set; }

        /// <summary>
        /// Pack scheduling (fixed at construction): the module does not start pulses by itself; it reports
        /// <see cref="ReadyForPulse"/> and waits in Rest until <see cref="GrantPulse"/>.
        /// </summary>
        public bool Scheduled => _scheduled;

        /// <summary>Scheduled mode: the rest has done its job (or the run just started) and the module waits for a grant.</summary>
        public bool ReadyForPulse => !_pulsesHeld && (_subState == ModuleSubState.ReadyForPulse || _subState == ModuleSubState.ReadyAfterStart);

        /// <summary>
        /// The average current this module can carry in scheduled rotation, in permille of the protocol's pulse current
        /// held all the time: its duty at the present pulse length and the shortest rest act mode allows it (the
        /// protocol's minimum or fixed rest, stretched by depletion warnings), times its present current percentage.
        /// 0 when it is not running (Idle, Hold, Done). The scheduler plans the pack on the sum. The adaptive rest's
        /// learned target is left out on purpose: it grows with the pulse current, and a plan that followed it would
        /// raise every module's current as rests grow, which lengthens the rests further.
        /// </summary>
        public int CapabilityPermille
        {
            get
            {
                // The scheduler reads this for every module every tick; on the device each read of the inputs is an
                // interpreted call and the division a software long division, so it is worked out only after one of
                // them changed (state, pulse shortening, rest stretch, current reduction).
                if (_capabilityStale)
                {
                    _capabilityPermille = WorkOutCapabilityPermille();
                    _capabilityStale = false;
                }

                return _capabilityPermille;
            }
        }

        /// <summary>
        /// Scheduled mode, adaptive rests: still resting, but for at least the shortest rest act mode allows (see
        /// <see cref="RestTuner.FloorRestMs"/>). The scheduler grants such a module only when no relaxed one is ready.
        /// </summary>
        public bool MayPulseEarly(long nowMs) => !_pulsesHeld && _subState == ModuleSubState.Rest && _protocol.RestMode == RestMode.Adaptive && nowMs - _stepStartMs >= FloorRestMs();

        /// <summary>When the adaptive rest tuner expects the present rest to have settled (ms): its start plus the learned target.</summary>
        public long ExpectedRelaxedMs => _stepStartMs + _restTuner.TargetMs;

        /// <summary>When the current rest began (ms).</summary>
        public long RestStartMs => _stepStartMs;

        /// <summary>Times the module's switch closed (switch wear; 64-bit, as <see cref="PulseCount"/>).</summary>
        public long SwitchCloseCount { get; private set; }

        /// <summary>Setpoint of this tick: switch closed?</summary>
        public bool SwitchClosed => _switchClosed;

        /// <summary>Setpoint of this tick: signed current (uA).</summary>
        public int SetpointUa => _setpointUa;

        /// <summary>Starts (or restarts after Done) the protocol at the first step. Only from Idle or Done.</summary>
        public void Start(long nowMs, TelemetryBuffer telemetry)
        {
            if (_subState != ModuleSubState.Idle && _subState != ModuleSubState.Done)
            {
                return;
            }

            BeginRun(nowMs, telemetry);

            // The tick's rest is counted in Trigger by the state after the commands, and a run that begins in a rest
            // (the scheduler's wait for a first grant, a protocol that begins with a rest, a rest after a recent current)
            // was not resting in the interval this tick ends: the module was Idle or Done, or on the first tick there was
            // no interval at all. Taken back here, once a run, so the tick's count stays one compare. An interval in
            // which the ended run's current flowed is counted as current, not rest, and is left alone.
            if (_state == ModuleState.Rest && !(_snapshot != null && _snapshot.Phase[_module] == ModulePhase.Current))
            {
                _restTimeMs -= CommandTickIntervalMs();
            }
        }

        /// <summary>
        /// The interval the tick of a start or stop ends, ms: the snapshot's (the controller hands the same one every
        /// tick, and the measurement updated it before the commands), or before the first tick the sample period, the
        /// interval the measurement gives its first tick. A protocol change stops the modules before the measurement,
        /// so its stop takes the previous tick's interval, the sample period but for jitter.
        /// </summary>
        private int CommandTickIntervalMs() => _snapshot != null ? _snapshot.IntervalMs : _configuration.SamplePeriodMs;

        /// <summary>What a start does: the run's totals, limits and first step (<see cref="Start"/> checked the state).</summary>
        private void BeginRun(long nowMs, TelemetryBuffer telemetry)
        {
            // The measurement ran before the commands: this tick's snapshot says whether a pulse ended now, or its
            // current flowed up to now and it ends at the next tick, either way summarised after this start.
            _summaryOfEndedRunDue = _snapshot != null && (_snapshot.PulseEnded[_module] || _snapshot.Phase[_module] == ModulePhase.Current);
            _endedRunStartNetChargeNc = _runStartNetChargeNc;
            _endedRunStartPulseCount = _runStartPulseCount;
            _endedRunSummarizedChargeUc = _summarizedChargeUc;

            _runStartMs = nowMs;
            _runStartNetChargeNc = _strippedChargeNc - _platedChargeNc;
            _runLowestNetChargeNc = _runStartNetChargeNc;
            _runStartPulseCount = _pulseCount;
            _summarizedChargeUc = 0;

            // A protocol change replaced the steps and limits while the module was stopped.
            _stripCutoffMv = _protocol.StripCutoffMv;
            _plateCutoffMv = _protocol.PlateCutoffMv;
            _capacityLimitUc = _protocol.CapacityLimitUc;
            _capacityLimitNc = _capacityLimitUc > long.MaxValue / 1000 ? long.MaxValue : _capacityLimitUc * 1000;
            _timeLimitMs = _protocol.TimeLimitMs;
            _fixedRests = _protocol.RestMode == RestMode.Fixed;
            _firstRestStep = FirstRestStep();
            _firstCurrentStep = FirstCurrentStep();
            _pulseTuner.OnStart();
            WriteEvent(EventKind.Started, -1, 0, 0, nowMs, telemetry);

            // The interface remembers the last current whichever run it belonged to: a start soon after a pulse was
            // cut short (a stop, or a protocol change with start) rests first, so the old pulse and the new one are
            // not one long current; and plating after stripping still waits for the direction-change rest.
            // A start while the controller is suspended rests first too: the rest runs from the resumption (Resume).
            bool recentCurrent = (_hasRunCurrent && nowMs - _lastCurrentEndMs < FloorRestMs()) || _suspended;
            if (_scheduled)
            {
                // Ready at once unless a current just stopped; the scheduler decides who pulses first.
                EnterStep(_firstRestStep, true, nowMs, telemetry);
                _awaitingFirstGrant = true;
                if (!recentCurrent)
                {
                    Transition(ModuleSubState.ReadyAfterStart, StopReason.None, nowMs, telemetry);
                }

                return;
            }

            // A protocol that begins with a rest rests anyway: its first step is the rest.
            _restBeforeFirstStep = recentCurrent && _firstRestStep > 0 && !_protocol.Steps[_firstRestStep].IsCurrentStep;
            if (_restBeforeFirstStep)
            {
                EnterStep(_firstRestStep, false, nowMs, telemetry);
                return;
            }

            // After stripping, a plate-first run waits in DirectionChangeRest, which asks for both the time since the
            // current and a settled relaxation, as within a run (it ends on the next tick if both already hold).
            EnterStep(0, !_hasRunCurrent || !_lastCurrentWasStrip, nowMs, telemetry);
        }

        /// <summary>Scheduled mode: ends the rest and starts the next pulse in this tick at <paramref name="currentUa"/>.</summary>
        public void GrantPulse(int currentUa, long nowMs, TelemetryBuffer telemetry)
        {
            // A grant of nothing is no pulse (a grant of 0 would otherwise read as "not capped": the full step current).
            if (currentUa <= 0)
            {
                return;
            }

            bool early = !ReadyForPulse && MayPulseEarly(nowMs);
            if (!ReadyForPulse && !early)
            {
                return;
            }

            _scheduledCurrentUa = currentUa;
            if (early)
            {
                EndRest(nowMs - _stepStartMs, RestEndReason.Scheduled, nowMs, telemetry);
            }
            else if (_subState == ModuleSubState.ReadyForPulse)
            {
                // The rest ended when it became ready, for the reason it became ready; it is counted now, at its true
                // length. Scheduling runs only strip pulses, so the direction-change rule has nothing to decide after it.
                EndRest(nowMs - _stepStartMs, _readyReason, nowMs, telemetry);
            }

            if (_awaitingFirstGrant)
            {
                // The run parked on its rest step to wait for the scheduler: its first grant starts the first pulse,
                // not the step after that rest (past the last step, a protocol without repeat would end unrun).
                _awaitingFirstGrant = false;
                EnterStep(_firstCurrentStep, false, nowMs, telemetry);
                return;
            }

            NextStep(false, nowMs, telemetry);
        }

        /// <summary>
        /// Scheduled mode: the demand fell within this pulse; it goes on at <paramref name="currentUa"/> (before the
        /// module's own percentage), never above its grant. Nothing happens outside a pulse or for a grant of nothing.
        /// </summary>
        public void LowerGrant(int currentUa, long nowMs, TelemetryBuffer telemetry)
        {
            if (_subState != ModuleSubState.Pulse || currentUa <= 0 || (_scheduledCurrentUa > 0 && currentUa >= _scheduledCurrentUa))
            {
                return;
            }

            _scheduledCurrentUa = currentUa;
            OutputPulse(_protocol.Steps[_stepIndex], nowMs, telemetry);
        }

        /// <summary>Scheduled mode: the demand fell; the pulse ends now and the module rests.</summary>
        public void EndPulseEarly(long nowMs, TelemetryBuffer telemetry)
        {
            if (_subState == ModuleSubState.Pulse)
            {
                EndPulse(nowMs, telemetry);
            }
        }

        /// <summary>Operator stop: switch open, state Done.</summary>
        public void Stop(long nowMs, TelemetryBuffer telemetry)
        {
            if (IsRunning(_subState))
            {
                // Trigger counts the tick's rest by the state after the commands, Done here, so the rest up to the stop
                // is counted now (a start in the same tick takes it back if it rests again, and Trigger counts it once).
                if (_state == ModuleState.Rest)
                {
                    _restTimeMs += CommandTickIntervalMs();
                }

                NotePulseCut();
                Finish(StopReason.Command, EventKind.Stopped, -1, NetChargeMc(), 0, nowMs, telemetry);
            }
        }

        /// <summary>
        /// The controller's suspension (<see cref="EdgeController.RequestSuspend"/>): a pulse under way ends now, into its
        /// next rest step as an aborted pulse does, and until <see cref="Resume"/> no switch closes and no step advances.
        /// Not a fault: the state stays what it was, and a latched fault or a diagnosis' stop still acts.
        /// </summary>
        public void Suspend(long nowMs, TelemetryBuffer telemetry)
        {
            _suspended = true;
            if (_subState == ModuleSubState.Pulse)
            {
                NotePulseCut();
                AbortPulse(nowMs, telemetry);
            }
        }

        /// <summary>
        /// A failed multiplexer address check took this tick's readings of the module away (its current, or a cell, read
        /// through the multiplexer: <see cref="Sampling.SampleFrame.MuxAddressFault"/>), so no limit can see what flows: a
        /// pulse under way ends now, into its next rest step as an aborted pulse does, and the switch stays open in this
        /// tick whatever the step. Called after <see cref="Trigger"/>. The check's row counts the reading toward its latch,
        /// which holds every pulse until the readings pass again (a glitch costs one pulse its end) or it latches at the
        /// third. Not a fault of the module: its state and stop reason stay.
        /// </summary>
        public void OpenUnwatched(long nowMs, TelemetryBuffer telemetry)
        {
            if (!_switchClosed)
            {
                return;
            }

            if (_subState == ModuleSubState.Pulse)
            {
                AbortPulse(nowMs, telemetry);
            }

            if (_switchClosed)
            {
                // A protocol without a rest step goes on into its next current step: that pulse waits as a held start
                // does, its length counted from the tick it closes.
                _pulseStartHeld = _subState == ModuleSubState.Pulse;
                Output(false, 0);
            }
        }

        /// <summary>
        /// Ends the suspension. The readings of the gap were not watched, so every running module comes back from a rest:
        /// one resting (or ready for the scheduler's grant) rests its step again from now, and judges its relaxation
        /// afresh; a pulse (a protocol without a rest step) runs its step again from now.
        /// </summary>
        public void Resume(long nowMs, TelemetryBuffer telemetry)
        {
            _suspended = false;

            switch (_subState)
            {
                case ModuleSubState.Rest:
                case ModuleSubState.ReadyForPulse:
                case ModuleSubState.ReadyAfterStart:
                    _stepStartMs = nowMs;
                    _restTuner.ForgetSettling();
                    Transition(ModuleSubState.Rest, StopReason.None, nowMs, telemetry);
                    break;
                case ModuleSubState.Pulse:
                    _stepStartMs = nowMs;
                    break;
            }
        }

        /// <summary>Leaves Hold after the diagnosis was reset; the module waits in Idle for a start.</summary>
        public void ResetFault(long nowMs, TelemetryBuffer telemetry)
        {
            if (_subState == ModuleSubState.Hold)
            {
                // The reset starts every row's count afresh, so the bound on a pulse's wait starts afresh too: ticks
                // held before the latch, or while it held, would otherwise let the next pulse close before the
                // persisting cause had been counted to its latch again.
                _heldTicks = 0;
                Transition(ModuleSubState.Idle, StopReason.None, nowMs, telemetry);
            }
        }

        /// <summary>
        /// One tick of the state machine. Sets <see cref="SwitchClosed"/> and <see cref="SetpointUa"/>.
        /// <paramref name="faultEvidence"/>: the diagnosis is counting readings toward a safety fault on the module
        /// (<see cref="Diagnosis.DiagnosisManager.HasFaultEvidence"/>); no pulse starts while it is.
        /// </summary>
        public void Trigger(MeasurementSnapshot snapshot, ModuleReactionRequests requests, bool latchedFault, bool faultEvidence, TelemetryBuffer telemetry)
        {
            long now = snapshot.TimestampMs;
            if (!faultEvidence)
            {
                _heldTicks = 0;
            }

            _pulsesHeld = (faultEvidence && _heldTicks < MaximumHeldTicks) || _suspended;
            // The controller hands over the same snapshot every tick: storing a reference costs a GC write barrier
            // on .NET every tick, a compare costs nothing more on the device.
            if (_snapshot != snapshot)
            {
                _snapshot = snapshot;
            }
            ModulePhase phase = snapshot.Phase[_module];

            // The summary before this tick's charge: at a reversal (plating straight into stripping) the pulse ends on a
            // tick whose current is the next pulse's, which the ended one's charge and total must not count.
            if (snapshot.PulseEnded[_module])
            {
                _pulseCount++;
                _restTuner.OnPulseEnded(snapshot);
                WritePulseSummary(snapshot, telemetry);
            }

            // Rest time inline: most ticks are rest ticks, and on the device every call is interpreted overhead.
            if (phase == ModulePhase.Current)
            {
                AccountCharge(snapshot);
            }
            else if (_state == ModuleState.Rest)
            {
                _restTimeMs += snapshot.IntervalMs;
            }

            // Most ticks nothing was requested: one flag instead of the arrays.
            bool requested = requests.Any;
            if (latchedFault || (requested && requests.Isolate[_module]))
            {
                if (_subState != ModuleSubState.Hold)
                {
                    StopReason reason = requested && requests.HoldCauseKnown[_module] ? DiagnosisStopReason.Of(requests.HoldCause[_module]) : StopReason.Fault;
                    Transition(ModuleSubState.Hold, reason, now, telemetry);
                }

                Output(false, 0);
                return;
            }

            // Written out rather than IsRunning: on the device every call of every tick is interpreted overhead.
            switch (_subState)
            {
                case ModuleSubState.Pulse:
                case ModuleSubState.Rest:
                case ModuleSubState.DirectionChangeRest:
                case ModuleSubState.ReadyForPulse:
                case ModuleSubState.ReadyAfterStart:
                    break;
                case ModuleSubState.Idle:
                case ModuleSubState.Done:
                case ModuleSubState.Hold:
                    Output(false, 0);
                    return;
                default:
                    // Unknown state: trap in Hold, as a state machine with a default case must.
                    Transition(ModuleSubState.Hold, StopReason.Fault, now, telemetry);
                    Output(false, 0);
                    return;
            }

            if (requested && ApplyRequests(requests, now, telemetry))
            {
                return;
            }

            if (_suspended)
            {
                // Suspended: the switch stays open and the step waits (its pulses held, so the scheduler grants none).
                Output(false, 0);
                return;
            }

            if (_derateSteps > 0)
            {
                RecoverFromDerate(snapshot.IntervalMs, now, telemetry);
            }

            // A resting module without capacity or time limit has no stop condition to check.
            bool mayStop = _capacityLimitUc > 0 || _timeLimitMs > 0 || phase == ModulePhase.Current;
            if (mayStop && CheckStopConditions(snapshot, now, telemetry))
            {
                return;
            }

            AdvanceWhenDue(snapshot, now, telemetry);

            // A pulse a start command opened this tick (before the detectors ran) waits like one a rest hands over
            // (AdvanceWhenDue): its switch stays open, and its length counts from the tick it closes.
            if (_pulsesHeld && _switchClosed && phase == ModulePhase.Open)
            {
                _heldTicks++;
                _pulseStartHeld = true;
                _switchClosed = false;
                _setpointUa = 0;
            }
        }

        /// <summary>The states with a protocol step under way (shown as Pulse or Rest).</summary>
        private static bool IsRunning(ModuleSubState state)
        {
            switch (state)
            {
                case ModuleSubState.Pulse:
                case ModuleSubState.Rest:
                case ModuleSubState.DirectionChangeRest:
                case ModuleSubState.ReadyForPulse:
                case ModuleSubState.ReadyAfterStart:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The diagnosis' requests for this module; true when one ended the tick's decision.</summary>
        private bool ApplyRequests(ModuleReactionRequests requests, long now, TelemetryBuffer telemetry)
        {
            bool depletion = requests.ExtendRest[_module] || requests.ReduceCurrent[_module] || requests.AbortPulse[_module];
            bool lowered = false;
            if (depletion)
            {
                _capabilityStale = true;
                lowered = _pulseTuner.Shorten();
                bool extended = false;
                if (!lowered)
                {
                    // The ladder: shorter pulses first, then longer rests up to their maximum stretch, then less current
                    // (which starts the rests from their configured length again). A run-away within a pulse asks for
                    // both at once: the lower current first, so the longer rest it also asks for is kept.
                    bool wantsRest = requests.ExtendRest[_module] || requests.AbortPulse[_module];
                    bool wantsCurrent = requests.ReduceCurrent[_module] || requests.AbortPulse[_module];
                    if (wantsCurrent)
                    {
                        lowered = ReduceCurrent(_configuration.Depletion.CurrentReductionPercent);
                    }

                    extended = wantsRest && _restTuner.Extend();
                    if (wantsRest && !extended && !wantsCurrent)
                    {
                        lowered = ReduceCurrent(_configuration.Depletion.CurrentReductionPercent);
                    }
                }

                if ((lowered || extended) && !_depletionAnswered)
                {
                    BeginDepletionEpisode();
                }
            }

            // A protection level's derate lowers the current itself: a shorter pulse at the same current would leave
            // the polarisation, the current and (with rests scaled alike) the heat as they are.
            if (requests.Derate[_module])
            {
                Derate(now);
            }

            // The reaction ladder's last rung: a module whose pulse is already as short and as low as the settings
            // allow ends its protocol instead.
            if (requests.StopWhenExhausted[_module] && !lowered && !requests.Stop[_module])
            {
                Finish(DiagnosisStopReason.Of(requests.StopCause[_module]), EventKind.Stopped, -1, NetChargeMc(), 0, now, telemetry);
                return true;
            }

            // A stop before an abort asked for in the same tick: rows request their reaction on the tick they activate,
            // so a stop passed over here would never be asked for again.
            if (requests.Stop[_module])
            {
                Finish(DiagnosisStopReason.Of(requests.StopCause[_module]), EventKind.Stopped, -1, NetChargeMc(), 0, now, telemetry);
                return true;
            }

            if (requests.AbortPulse[_module] && _subState == ModuleSubState.Pulse)
            {
                AbortPulse(now, telemetry);
                return true;
            }

            return false;
        }

        /// <summary>
        /// Ends the pulse at once and rests (a convex rise: the interface runs dry). The current steps that follow it
        /// before the next rest step (a pulse stepped down in levels) are passed over: entering the next one closed the
        /// switch again in the same tick, on the interface that asked for a rest. A protocol with no rest step has none
        /// to give; its pulse ends into the next step as before.
        /// </summary>
        private void AbortPulse(long now, TelemetryBuffer telemetry)
        {
            _lastCurrentEndMs = now;
            ProtocolStep[] steps = _protocol.Steps;
            int count = steps.Length;
            int end = _protocol.Repeat ? count + _stepIndex + 1 : count;
            for (int i = _stepIndex + 1; i < end; i++)
            {
                int index = i < count ? i : i - count;
                if (!steps[index].IsCurrentStep)
                {
                    EnterStep(index, false, now, telemetry);
                    return;
                }
            }

            NextStep(false, now, telemetry);
        }

        private bool CheckStopConditions(MeasurementSnapshot snapshot, long now, TelemetryBuffer telemetry)
        {
            bool stripping = _setpointUa > 0;

            // The module's valid extremes say whether any cell reached its cut-off; only then is each cell looked at.
            bool reached = stripping ? snapshot.ValidMaximumMv[_module] >= _stripCutoffMv : snapshot.ValidMinimumMv[_module] <= _plateCutoffMv;
            if (reached && snapshot.Phase[_module] == ModulePhase.Current)
            {
                for (int c = _firstCell; c < _firstCell + _cellCount; c++)
                {
                    if (!snapshot.CellValid[c])
                    {
                        continue;
                    }

                    int v = snapshot.CellVoltageMv[c];
                    if ((stripping && v >= _stripCutoffMv) || (!stripping && v <= _plateCutoffMv))
                    {
                        // The cut-off is the verdict on the pulse it ends: judged again by the depletion trend, that
                        // pulse, ended early at the cut-off voltage, was a depletion fault on a module already done.
                        NotePulseCut();
                        Finish(StopReason.Cutoff, EventKind.Cutoff, c, v, stripping ? _stripCutoffMv : _plateCutoffMv, now, telemetry);
                        return true;
                    }
                }
            }

            // Written out, not RunNetChargeNc: this runs every tick, and on the device each getter is an interpreted call.
            if (_capacityLimitUc > 0 && _strippedChargeNc - _platedChargeNc - _runStartNetChargeNc >= _capacityLimitNc)
            {
                NotePulseCut();
                Finish(StopReason.CapacityLimit, EventKind.CapacityLimit, -1, NetChargeMc(), _capacityLimitUc / 1000, now, telemetry);
                return true;
            }

            if (_timeLimitMs > 0 && now - _runStartMs >= _timeLimitMs)
            {
                NotePulseCut();
                Finish(StopReason.TimeLimit, EventKind.TimeLimit, -1, now - _runStartMs, _timeLimitMs, now, telemetry);
                return true;
            }

            return false;
        }

        private void AdvanceWhenDue(MeasurementSnapshot snapshot, long now, TelemetryBuffer telemetry)
        {
            ProtocolStep step = _step;
            long elapsed = now - _stepStartMs;
            if (_subState == ModuleSubState.Pulse)
            {
                if (_pulseStartHeld)
                {
                    _pulseStartHeld = false;
                    _stepStartMs = now;
                    elapsed = 0;
                }

                if (step.DurationMs > 0 && elapsed >= _pulseTuner.PulseLengthMs(step))
                {
                    EndPulse(now, telemetry);
                }
                else
                {
                    OutputPulse(step, now, telemetry);
                }

                return;
            }

            if (_subState == ModuleSubState.DirectionChangeRest)
            {
                long sinceCurrent = now - _lastCurrentEndMs;
                bool due = sinceCurrent >= _protocol.DirectionChangeMaximumRestMs
                    || (sinceCurrent >= _protocol.DirectionChangeRestMs && _restTuner.IsSettled(snapshot, _module));
                if (due && _pulsesHeld)
                {
                    // Fault evidence on the module: the rest goes on until the readings clear it or it latches.
                    _heldTicks++;
                    due = false;
                }

                if (due)
                {
                    // The rest the plate step waited for: the interface has relaxed, so the plate step starts now.
                    EndRest(elapsed, RestEndReason.DirectionChange, now, telemetry);
                    EnterStep(_stepIndex, true, now, telemetry);
                }
                else
                {
                    _switchClosed = false;
                    _setpointUa = 0;
                }

                return;
            }

            // A rest step, or a scheduled module waiting for its grant: the tuner follows the relaxation every tick. A fixed
            // rest has none to follow, only its length (the tuner's own answer for it, without the call into it).
            RestEndReason reason;
            bool over;
            if (_fixedRests)
            {
                reason = RestEndReason.Fixed;
                over = elapsed >= _restTuner.FixedRestMs(step);
            }
            else
            {
                over = _restTuner.ObserveRestTick(step, elapsed, snapshot, _module, out reason);
            }
            if (_scheduled)
            {
                if (over && _subState == ModuleSubState.Rest)
                {
                    _readyReason = reason;
                    Transition(ModuleSubState.ReadyForPulse, StopReason.None, now, telemetry);
                }

                Output(false, 0);
                return;
            }

            if (over && _pulsesHeld)
            {
                // A bad reading must never close a switch: while a reading of the module is invalid or over a limit and
                // not yet judged, the rest goes on (the next readings clear the evidence or latch the fault).
                _heldTicks++;
                over = false;
            }

            if (!over)
            {
                // Output(false, 0) written out: the call is the costliest part of a resting tick on the device.
                _switchClosed = false;
                _setpointUa = 0;
                return;
            }

            bool relaxed = _restTuner.IsSettled(snapshot, _module) && now - _lastCurrentEndMs >= _protocol.DirectionChangeRestMs;
            EndRest(elapsed, reason, now, telemetry);
            NextStep(relaxed, now, telemetry);
        }

        /// <summary>The one end of a pulse: the current stops now and the next step begins.</summary>
        private void EndPulse(long now, TelemetryBuffer telemetry)
        {
            _lastCurrentEndMs = now;
            NextStep(false, now, telemetry);
        }

        /// <summary>
        /// The one end of a rest, whatever ended it (the tuner, the direction-change rule, the scheduler's grant):
        /// counts it, lets the rest tuner learn from it and reports it (RestTuned). The caller enters the next step.
        /// </summary>
        private void EndRest(long elapsedMs, RestEndReason reason, long now, TelemetryBuffer telemetry)
        {
            RestCount++;
            if (_snapshot != null)
            {
                // The scheduler's grant and the direction-change rule, not the tuner, set these rests' lengths: they
                // say nothing of the settle time (a 35 s direction-change rest learned as one pulled every rest to the maximum).
                _restTuner.OnRestEnded(_snapshot, elapsedMs, reason == RestEndReason.Scheduled || reason == RestEndReason.DirectionChange);
            }

            TelemetryRecord record = telemetry.Append(TelemetryRecordKind.RestTuned, now, _module, -1);
            record.RestMs = elapsedMs;
            record.RestEndReason = reason;
        }

        /// <summary>
        /// Enters the step after the current one (the first again when the protocol repeats; Done when it does
        /// not). <paramref name="relaxed"/>: the interface is known relaxed since the last current (see <see cref="EnterStep"/>).
        /// </summary>
        private void NextStep(bool relaxed, long now, TelemetryBuffer telemetry)
        {
            int next = _stepIndex + 1;
            if (_restBeforeFirstStep)
            {
                // The rest a start took first (see Start): the run itself begins now, at its first step.
                _restBeforeFirstStep = false;
                next = 0;
            }
            else if (next >= _protocol.Steps.Length)
            {
                if (!_protocol.Repeat)
                {
                    Finish(StopReason.ProtocolComplete, EventKind.ProtocolDone, -1, NetChargeMc(), 0, now, telemetry);
                    return;
                }

                next = 0;
            }

            EnterStep(next, relaxed, now, telemetry);
        }

        /// <summary>
        /// Enters step <paramref name="index"/>: Rest for a rest step, Pulse for a current step, or first a
        /// direction-change rest for a plate step after stripping unless <paramref name="relaxed"/> (a rest that
        /// settled and lasted the direction-change rest since the current ended, or a direction-change rest).
        /// </summary>
        private void EnterStep(int index, bool relaxed, long now, TelemetryBuffer telemetry)
        {
            _stepIndex = index;
            _stepStartMs = now;
            _cappedReported = false;
            ProtocolStep step = _protocol.Steps[index];
            _step = step;
            if (!step.IsCurrentStep)
            {
                Transition(ModuleSubState.Rest, StopReason.None, now, telemetry);
                Output(false, 0);
                return;
            }

            // Plating straight after stripping fails fast ([W] critical current test): insist on a long,
            // relaxation-confirmed rest first.
            if (step.Kind == ProtocolStepKind.Plate && _hasRunCurrent && _lastCurrentWasStrip && !relaxed)
            {
                Transition(ModuleSubState.DirectionChangeRest, StopReason.None, now, telemetry);
                Output(false, 0);
                return;
            }

            if (_depletionAnswered && _strippedChargeNc - _platedChargeNc <= _refilledAtNetChargeNc)
            {
                LiftDepletion(now, telemetry);
            }

            _hasRunCurrent = true;
            _lastCurrentWasStrip = step.Kind == ProtocolStepKind.Strip;
            if (_lastCurrentWasStrip && _depletionDetector != null)
            {
                // The depletion trend's operating point is the protocol's pulse length and rest, not the tuned ones; a gap
                // before the pulse longer than its leaving-rest share of the longest rest is leaving rest.
                _depletionDetector.NoteStripStep(_module, step.DurationMs, LongestRestMs(), ProtocolRestMs());
            }

            SwitchCloseCount++;
            Transition(ModuleSubState.Pulse, StopReason.None, now, telemetry);
            OutputPulse(step, now, telemetry);
        }

        private void OutputPulse(ProtocolStep step, long now, TelemetryBuffer telemetry)
        {
            int stepCurrent = step.CurrentUa;
            if (_scheduled && _scheduledCurrentUa > 0 && _scheduledCurrentUa < stepCurrent)
            {
                stepCurrent = _scheduledCurrentUa;
            }

            long magnitude = (long)stepCurrent * _currentPercent / 100;
            int limit = _configuration.Protection.ModuleMaximumCurrentUa;
            if (step.Kind == ProtocolStepKind.Plate && _protocol.PlatingCriticalCurrentUa < limit)
            {
                limit = _protocol.PlatingCriticalCurrentUa;
            }

            if (magnitude > limit)
            {
                if (!_cappedReported)
                {
                    _cappedReported = true;
                    WriteEvent(EventKind.CurrentCapped, -1, (int)magnitude, limit, now, telemetry);
                }

                magnitude = limit;
            }

            int signed = step.Kind == ProtocolStepKind.Plate ? -(int)magnitude : (int)magnitude;
            Output(magnitude > 0, signed);
        }

        /// <summary>
        /// A stop, a suspension or the protocol's own end (cut-off, capacity or time limit) cuts the pulse under way off:
        /// the depletion trend does not judge it.
        /// </summary>
        private void NotePulseCut()
        {
            if (_subState == ModuleSubState.Pulse && _depletionDetector != null)
            {
                _depletionDetector.NotePulseCut(_module);
            }
        }

        /// <summary>
        /// The longest rest the protocol gives this module now (ms): a fixed rest as the rest tuner stretches it, an
        /// adaptive rest's maximum, at least the shortest rest act mode allows; 0 without a rest step. The depletion
        /// detector takes a gap between pulses longer than
        /// <see cref="Configuration.Detection.DepletionConfiguration.LeavingRestAfterRestPercent"/> of it (or of the
        /// module's usual gap) for leaving rest.
        /// </summary>
        private long LongestRestMs()
        {
            if (_firstRestStep < 0)
            {
                return 0;
            }

            ProtocolStep restStep = _protocol.Steps[_firstRestStep];
            long restMs = _protocol.RestMode == RestMode.Fixed ? _restTuner.FixedRestMs(restStep) : _protocol.MaximumRestMs;
            long floorMs = _restTuner.FloorRestMs(restStep);
            return floorMs > restMs ? floorMs : restMs;
        }

        /// <summary>The rest the protocol gives (ms): a fixed rest step's length, an adaptive rest's minimum; 0 without a rest step.</summary>
        private long ProtocolRestMs()
        {
            if (_firstRestStep < 0)
            {
                return 0;
            }

            return _protocol.RestMode == RestMode.Fixed ? _protocol.Steps[_firstRestStep].DurationMs : _protocol.MinimumRestMs;
        }

        /// <summary>The shortest rest act mode allows this module now (ms); 0 without a rest step.</summary>
        private long FloorRestMs() => _firstRestStep < 0 ? 0 : _restTuner.FloorRestMs(_protocol.Steps[_firstRestStep]);

        private int WorkOutCapabilityPermille()
        {
            if (!IsRunning(_subState))
            {
                return 0;
            }

            long pulseMs = _pulseTuner.PulseLengthMs(_protocol.Steps[_firstCurrentStep]);
            long restMs = FloorRestMs();
            long cycleMs = pulseMs + restMs;
            return cycleMs <= 0 ? 0 : (int)(pulseMs * _currentPercent * 10 / cycleMs);
        }

        private int FirstCurrentStep()
        {
            for (int i = 0; i < _protocol.Steps.Length; i++)
            {
                if (_protocol.Steps[i].IsCurrentStep)
                {
                    return i;
                }
            }

            return 0;
        }

        private int FirstRestStep()
        {
            for (int i = 0; i < _protocol.Steps.Length; i++)
            {
                if (!_protocol.Steps[i].IsCurrentStep)
                {
                    return i;
                }
            }

            return _protocol.Steps.Length - 1;
        }

        /// <summary>Depletion's rung: lowers the pulse current by <paramref name="percent"/> toward its floor; false when it is already there (or the step is 0).</summary>
        private bool ReduceCurrent(int percent)
        {
            int depletionPercent = _depletionPercent * (100 - percent) / 100;
            int reduced = CombinedPercent(depletionPercent, _derateSteps);
            if (reduced >= _currentPercent)
            {
                return false;
            }

            _depletionPercent = depletionPercent;
            LowerCurrent(reduced, true);
            return true;
        }

        /// <summary>
        /// Depletion's first answer since the module was built or last refilled: the anode was fullest at the run's lowest
        /// net charge so far, and the pulses ran as the protocol has them from there to this onset, so coming back to it
        /// undoes the episode's answers (<see cref="LiftDepletion"/>). An onset with nothing stripped since then (a convex
        /// rise while plating) is no shortage of stripped metal, and plating does not undo it.
        /// </summary>
        private void BeginDepletionEpisode()
        {
            _depletionAnswered = true;
            long net = _strippedChargeNc - _platedChargeNc;
            _refilledAtNetChargeNc = net > _runLowestNetChargeNc ? _runLowestNetChargeNc : long.MinValue;
        }

        /// <summary>
        /// A protection level's derate: one more step, unless the current is already at its floor. One within a wait of the
        /// latest lift doubles the wait before the next lift (up to 16 times); a later one starts it afresh.
        /// </summary>
        private void Derate(long now)
        {
            _insideLimitsMs = 0;
            if (_lastLiftMs >= 0 && now - _lastLiftMs < RecoveryWaitMs())
            {
                _recoveryBackoff = _recoveryBackoff < MaximumRecoveryBackoff ? _recoveryBackoff * 2 : MaximumRecoveryBackoff;
            }
            else
            {
                _recoveryBackoff = 1;
            }

            int reduced = CombinedPercent(_depletionPercent, _derateSteps + 1);
            if (reduced < _currentPercent)
            {
                _derateSteps++;
                LowerCurrent(reduced, false);
            }
        }

        private void LowerCurrent(int percent, bool depletionRung)
        {
            _currentPercent = percent;
            if (depletionRung)
            {
                // Only depletion's own rung trades the rest stretch for the lower current. A protection derate is
                // undone later and says nothing about the relaxation the warnings asked more rest for.
                _restTuner.OnCurrentReduced();
            }

            _capabilityStale = true;
        }

        /// <summary>
        /// A derated module that has stayed inside its operating limits for <c>protection.derateRecoveryMs</c> (longer after
        /// an overshoot, see <see cref="Derate"/>) gets one derate step back, with an event; the next step waits as long
        /// again. Any warning or derate level active on the module starts the wait over.
        /// </summary>
        private void RecoverFromDerate(int intervalMs, long now, TelemetryBuffer telemetry)
        {
            long recoveryMs = RecoveryWaitMs();
            if (recoveryMs <= 0)
            {
                return;
            }

            if (!_protectionLevels.AreClear(_module))
            {
                _insideLimitsMs = 0;
                return;
            }

            _insideLimitsMs += intervalMs;
            if (_insideLimitsMs < recoveryMs)
            {
                return;
            }

            _insideLimitsMs = 0;
            _lastLiftMs = now;
            int before = _currentPercent;
            _derateSteps--;
            _currentPercent = CombinedPercent(_depletionPercent, _derateSteps);
            _capabilityStale = true;

            // Depletion may since have taken the current to its floor, where a step undone changes nothing to report.
            if (_currentPercent > before)
            {
                WriteEvent(EventKind.DerateLifted, -1, _currentPercent, before, now, telemetry);
            }
        }

        /// <summary>
        /// The module has plated back what it stripped from its fullest point in the run of depletion's first answer to
        /// that onset: the anode holds at least as much metal as when its pulses last ran as the protocol has them, so every
        /// answer depletion gave is undone: its current reductions (the derates stay), the pulse tuner's shortening and
        /// the rests' stretch (an adaptive rest goes on from what it learned, without the stretch). What other diagnoses
        /// decided (derates, holds) stays. The event says the current now and before; it is written whenever something
        /// was undone, so the two are equal when depletion had only shortened the pulses or stretched the rests, or when
        /// the derates hold the current at its floor. The depletion detector learns the module's baselines afresh: its
        /// trend was built on the emptied anode. Once per refill, never on a plain tick.
        /// </summary>
        private void LiftDepletion(long now, TelemetryBuffer telemetry)
        {
            _depletionAnswered = false;
            int before = _currentPercent;
            bool restored = _pulseTuner.PulsePercent < 100 || _restTuner.ExtensionPercent > 100;
            _depletionPercent = 100;
            _currentPercent = CombinedPercent(100, _derateSteps);
            _pulseTuner.OnRefilled();
            _restTuner.OnRefilled();
            _capabilityStale = true;
            if (_depletionDetector != null)
            {
                _depletionDetector.RelearnModule(_module);
            }

            if (restored || _currentPercent > before)
            {
                WriteEvent(EventKind.DepletionLifted, -1, _currentPercent, before, now, telemetry);
            }
        }

        /// <summary>How long a derated module must stay inside its limits before a step is undone (ms); 0: never.</summary>
        private long RecoveryWaitMs() => (long)_configuration.Protection.DerateRecoveryMs * _recoveryBackoff;

        /// <summary>
        /// The pulse current's percentage after depletion's reductions and <paramref name="derateSteps"/> derates, each
        /// rounded down as it is applied, never below <c>depletion.minimumCurrentPercent</c>.
        /// </summary>
        private int CombinedPercent(int depletionPercent, int derateSteps)
        {
            int percent = depletionPercent;
            int keep = 100 - _configuration.Protection.DerateCurrentPercent;
            for (int i = 0; i < derateSteps; i++)
            {
                percent = percent * keep / 100;
            }

            int floor = _configuration.Depletion.MinimumCurrentPercent;
            return percent < floor ? floor : percent;
        }

        /// <summary>Charge and time of a tick with current flowing (the rest time is counted in <see cref="Trigger"/>).</summary>
        private void AccountCharge(MeasurementSnapshot snapshot)
        {
            int interval = snapshot.IntervalMs;
            int current = snapshot.ModuleCurrentValid[_module] ? snapshot.ModuleCurrentUa[_module] : _setpointUa;
            long charge = (long)current * interval;
            if (charge > 0)
            {
                _strippedChargeNc += charge;
            }
            else
            {
                _platedChargeNc -= charge;
                long net = _strippedChargeNc - _platedChargeNc;
                if (net < _runLowestNetChargeNc)
                {
                    _runLowestNetChargeNc = net;
                }
            }

            _pulseTimeMs += interval;
        }

        /// <summary>Net charge stripped since the start in millicoulombs: the value of stopped, protocolDone and capacityLimit events.</summary>
        private long NetChargeMc() => RunNetChargeNc / 1000000;

        /// <summary>
        /// Ends the run: switch open, the event that says what decided it, then Done. The event carries that in the
        /// contract's units (CONTRACT.md, event kinds): the cell and its voltage against the cut-off in mV, net charge
        /// in mC against the capacity limit in mC, run time in ms against the time limit in ms, the net charge alone
        /// (threshold 0) for a stop or a completed protocol.
        /// </summary>
        private void Finish(StopReason reason, EventKind eventKind, int cell, long value, long threshold, long now, TelemetryBuffer telemetry)
        {
            Output(false, 0);
            WriteEvent(eventKind, cell, value, threshold, now, telemetry);
            Transition(ModuleSubState.Done, reason, now, telemetry);
        }

        /// <summary>
        /// The one place the state changes. A change of the state telemetry shows (<see cref="State"/>) takes
        /// <paramref name="reason"/> and is reported (StateChanged); a change within Rest is not.
        /// </summary>
        private void Transition(ModuleSubState next, StopReason reason, long now, TelemetryBuffer telemetry)
        {
            if (_subState == ModuleSubState.Pulse && next != ModuleSubState.Pulse)
            {
                // Every way a pulse ends (its length, a stop, a hold, a limit) passes here.
                _lastCurrentEndMs = now;
            }

            _subState = next;
            _capabilityStale = true;
            ModuleState shown = Shown(next);
            if (shown == _state)
            {
                return;
            }

            _state = shown;
            StopReason = reason;
            ShownStateRevision++;
            // Every change may use the buffer's reserve: it is how an operator learns the module latched, stopped or
            // moved on, and a burst of per-cell events written before the decisions must not hide it.
            TelemetryRecord record = telemetry.AppendStateChange(TelemetryRecordKind.StateChanged, now, _module, -1);
            record.State = shown;
            record.StopReason = reason;
        }

        /// <summary>The state telemetry shows for <paramref name="state"/>; an unknown one shows as Hold.</summary>
        private static ModuleState Shown(ModuleSubState state)
        {
            switch (state)
            {
                case ModuleSubState.Idle:
                    return ModuleState.Idle;
                case ModuleSubState.Pulse:
                    return ModuleState.Pulse;
                case ModuleSubState.Rest:
                case ModuleSubState.DirectionChangeRest:
                case ModuleSubState.ReadyForPulse:
                case ModuleSubState.ReadyAfterStart:
                    return ModuleState.Rest;
                case ModuleSubState.Done:
                    return ModuleState.Done;
                default:
                    return ModuleState.Hold;
            }
        }

        /// <summary>The one way this engine writes an event: module-wide (<paramref name="cell"/> -1) or for one cell, severity info.</summary>
        private void WriteEvent(EventKind kind, int cell, long value, long threshold, long now, TelemetryBuffer telemetry)
        {
            TelemetryRecord record = telemetry.Append(TelemetryRecordKind.Event, now, _module, cell);
            record.EventKind = kind;
            record.Severity = Severity.Info;
            record.Value = value;
            record.Threshold = threshold;
        }

        private void WritePulseSummary(MeasurementSnapshot snapshot, TelemetryBuffer telemetry)
        {
            TelemetryRecord record = telemetry.Append(TelemetryRecordKind.PulseSummary, snapshot.TimestampMs, _module, -1);
            record.PulseCurrentUa = snapshot.LastPulseCurrentUa[_module];
            record.PulseDurationMs = snapshot.LastPulseDurationMs[_module];
            // The pulse's charge is the step of the rounded running total, not the pulse's own nanocoulombs rounded: a
            // rounding a pulse would lose on its own is carried into the next, so the summaries' charges add up to the
            // total exactly however many pulses there are (rounded each, 300 pulses of 346.346 uC fell 103 uC short).
            long net = _strippedChargeNc - _platedChargeNc;
            if (_summaryOfEndedRunDue)
            {
                // The last pulse of the run that ended: its index, charge and total are that run's. The new run, still
                // in its first rest, starts its count after it.
                _summaryOfEndedRunDue = false;
                long endedTotalUc = (net - _endedRunStartNetChargeNc) / 1000;
                record.PulseIndex = _pulseCount - _endedRunStartPulseCount;
                record.PulseChargeUc = endedTotalUc - _endedRunSummarizedChargeUc;
                record.TotalChargeUc = endedTotalUc;
                _runStartNetChargeNc = net;
                _runLowestNetChargeNc = net;
                _runStartPulseCount = _pulseCount;
                _summarizedChargeUc = 0;
            }
            else
            {
                long totalUc = (net - _runStartNetChargeNc) / 1000;
                record.PulseIndex = _pulseCount - _runStartPulseCount;
                record.PulseChargeUc = totalUc - _summarizedChargeUc;
                record.TotalChargeUc = totalUc;
                _summarizedChargeUc = totalUc;
            }

            record.RestMs = PlannedRestMs();
            // A reading saturated at its rail or missing is no current: the last valid one, marked invalid.
            record.ModuleCurrentUa = snapshot.ModuleLastValidCurrentUa[_module];
            record.ModuleCurrentInvalid = !snapshot.ModuleCurrentValid[_module];
            record.CellCount = _cellCount;
            for (int i = 0; i < _cellCount; i++)
            {
                record.CellValuesA[i] = snapshot.PulseOverpotentialMv[_firstCell + i];
                record.CellValuesB[i] = snapshot.EdgeResistanceMilliohm[_firstCell + i];
            }
        }

        /// <summary>
        /// The rest the tuner chose to follow the pulse that just ended (the pulse summary's tunedRestMs), ms:
        /// a fixed rest as it will be timed (stretched by depletion warnings, scaled with a shortened pulse); an
        /// adaptive rest as the tuner plans it (<see cref="RestTuner.PlannedRestMs"/>: the learned target, or under margin
        /// control the margin target); the direction-change rest before plating; 0 when no rest follows (the next step is
        /// another pulse, or the run ended).
        /// </summary>
        private long PlannedRestMs()
        {
            if (_state != ModuleState.Rest)
            {
                return 0;
            }

            if (_subState == ModuleSubState.DirectionChangeRest)
            {
                return _protocol.DirectionChangeRestMs;
            }

            if (_protocol.RestMode == RestMode.Fixed)
            {
                return _restTuner.FixedRestMs(_protocol.Steps[_stepIndex]);
            }

            return _restTuner.PlannedRestMs;
        }

        private void Output(bool closed, int setpointUa)
        {
            _switchClosed = closed;
            _setpointUa = closed ? setpointUa : 0;
        }
    }
}
