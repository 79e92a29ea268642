// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Diagnosis;
using Edge.Core.Measurement;
using Edge.Core.Records;

namespace Edge.Core.Decision
{
    /// <summary>
    /// The pulse-stripping duty cycle of one module: Idle, Pulse, Rest, Hold (latched fault), Done.
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
        private readonly RestTuner _restTuner;

        private int _stepIndex;
        private long _stepStartMs;
        private long _runStartMs;
        private long _lastCurrentEndMs;
        private bool _lastCurrentWasStrip;
        private bool _hasRunCurrent;
        private bool _directionChangeRest;
        private bool _lastRestSettled;
        private int _currentPercent = 100;
        private bool _cappedReported;
        private bool _freshStart;
        private MeasurementSnapshot _snapshot;
        private int _scheduledCurrentUa;

        public ModuleDutyCycle(int module, int firstCell, int cellCount, ControllerConfiguration configuration)
        {
            _module = module;
            _firstCell = firstCell;
            _cellCount = cellCount;
            _configuration = configuration;
            _protocol = configuration.Protocol;
            _restTuner = new RestTuner(configuration.RestTuning, configuration.Protocol, firstCell, cellCount);
        }

        public ModuleState State { get; private set; }

        public StopReason StopReason { get; private set; }

        /// <summary>Index of the protocol step running now.</summary>
        public int StepIndex => _stepIndex;

        public int PulseCount { get; private set; }

        /// <summary>Gross charge stripped (positive current) since start, nanocoulombs.</summary>
        public long StrippedChargeNc { get; private set; }

        /// <summary>Gross charge plated (negative current) since start, nanocoulombs, as a positive number.</summary>
        public long PlatedChargeNc { get; private set; }

        /// <summary>Percentage of the protocol's current that pulses use (lowered by depletion warnings in act mode).</summary>
        public int CurrentPercent => _currentPercent;

        public RestTuner RestTuner => _restTuner;

        /// <summary>Time spent in Pulse since start (ms), for the duty cycle.</summary>
        public long PulseTimeMs { get; private set; }

        /// <summary>Time spent in Rest since start (ms).</summary>
        public long RestTimeMs { get; private set; }

        /// <summary>Number of rests completed.</summary>
        public int RestCount { get; private set; }

        /// <summary>
        /// Pack scheduling: the module does not start pulses by itself; it reports
        /// <see cref="ReadyForPulse"/> and waits in Rest until <see cref="GrantPulse"/>.
        /// </summary>
        public bool Scheduled { get; set; }

        /// <summary>Scheduled mode: the rest has done its job (fixed time elapsed or relaxation settled).</summary>
        public bool ReadyForPulse { get; private set; }

        /// <summary>When the current rest began (ms).</summary>
        public long RestStartMs => _stepStartMs;

        /// <summary>Times the module's switch closed (switch wear).</summary>
        public int SwitchCloseCount { get; private set; }

        /// <summary>Setpoint of this tick: switch closed?</summary>
        public bool SwitchClosed { get; private set; }

        /// <summary>Setpoint of this tick: signed current (uA).</summary>
        public int SetpointUa { get; private set; }

        /// <summary>Starts (or restarts after Done) the protocol at the first step. Ignored in Hold.</summary>
        public void Start(long nowMs, TelemetryBuffer telemetry)
        {
            if (State == ModuleState.Hold || State == ModuleState.Pulse || State == ModuleState.Rest)
            {
                return;
            }

            _runStartMs = nowMs;
            _hasRunCurrent = false;
            _directionChangeRest = false;
            StopReason = StopReason.None;
            TelemetryRecord started = telemetry.Append(TelemetryRecordKind.Event, nowMs, _module, -1);
            started.EventKind = EventKind.Started;
            started.Severity = Severity.Info;
            started.Value = 0;
            started.Threshold = 0;
            if (Scheduled)
            {
                // Fresh interface: ready at once; the scheduler decides who pulses first.
                _freshStart = true;
                ReadyForPulse = true;
                EnterStep(FirstRestStep(), nowMs, telemetry);
                return;
            }

            EnterStep(0, nowMs, telemetry);
        }

        /// <summary>Scheduled mode: ends the rest and starts the next pulse in this tick at <paramref name="currentUa"/>.</summary>
        public void GrantPulse(int currentUa, long nowMs, TelemetryBuffer telemetry)
        {
            if (State != ModuleState.Rest || !ReadyForPulse)
            {
                return;
            }

            _scheduledCurrentUa = currentUa;
            ReadyForPulse = false;
            if (!_freshStart)
            {
                RestCount++;
                if (_snapshot != null)
                {
                    _restTuner.OnRestEnded(_snapshot, nowMs - _stepStartMs);
                }

                TelemetryRecord record = telemetry.Append(TelemetryRecordKind.RestTuned, nowMs, _module, -1);
                record.RestMs = (int)(nowMs - _stepStartMs);
                record.RestEndReason = _protocol.RestMode == RestMode.Fixed ? RestEndReason.Fixed : RestEndReason.Relaxed;
            }

            _freshStart = false;
            NextStep(nowMs, telemetry);
        }

        /// <summary>Scheduled mode: the demand fell; the pulse ends now and the module rests.</summary>
        public void EndPulseEarly(long nowMs, TelemetryBuffer telemetry)
        {
            if (State == ModuleState.Pulse)
            {
                _lastCurrentEndMs = nowMs;
                NextStep(nowMs, telemetry);
            }
        }

        /// <summary>Operator stop: switch open, state Done.</summary>
        public void Stop(long nowMs, TelemetryBuffer telemetry)
        {
            if (State == ModuleState.Pulse || State == ModuleState.Rest)
            {
                Finish(StopReason.Command, EventKind.Stopped, NetChargeMc(), 0, nowMs, telemetry);
            }
        }

        /// <summary>Leaves Hold after the diagnosis was reset; the module waits in Idle for a start.</summary>
        public void ResetFault(long nowMs, TelemetryBuffer telemetry)
        {
            if (State == ModuleState.Hold)
            {
                ChangeState(ModuleState.Idle, StopReason.None, nowMs, telemetry);
            }
        }

        /// <summary>One tick of the state machine. Sets <see cref="SwitchClosed"/> and <see cref="SetpointUa"/>.</summary>
        public void Trigger(MeasurementSnapshot snapshot, ModuleReactionRequests requests, bool latchedFault, TelemetryBuffer telemetry)
        {
            long now = snapshot.TimestampMs;
            _snapshot = snapshot;
            ModulePhase phase = snapshot.Phase[_module];

            // Rest time inline: most ticks are rest ticks, and on the device every call is interpreted overhead.
            if (phase == ModulePhase.Current)
            {
                AccountCharge(snapshot);
            }
            else if (State == ModuleState.Rest)
            {
                RestTimeMs += snapshot.IntervalMs;
            }

            if (snapshot.PulseEnded[_module])
            {
                PulseCount++;
                _restTuner.OnPulseEnded(snapshot);
                WritePulseSummary(snapshot, telemetry);
            }

            // Most ticks nothing was requested: one flag instead of the arrays.
            bool requested = requests.Any;
            if (latchedFault || (requested && requests.Isolate[_module]))
            {
                if (State != ModuleState.Hold)
                {
                    ChangeState(ModuleState.Hold, StopReason.Fault, now, telemetry);
                }

                Output(false, 0);
                return;
            }

            switch (State)
            {
                case ModuleState.Idle:
                case ModuleState.Done:
                case ModuleState.Hold:
                    Output(false, 0);
                    return;
                case ModuleState.Pulse:
                case ModuleState.Rest:
                    break;
                default:
                    // Unknown state: trap in Hold, as a state machine with a default case must.
                    ChangeState(ModuleState.Hold, StopReason.Fault, now, telemetry);
                    Output(false, 0);
                    return;
            }

            if (requested && ApplyRequests(requests, now, telemetry))
            {
                return;
            }

            // A resting module without capacity or time limit has no stop condition to check.
            bool mayStop = _protocol.CapacityLimitUc > 0 || _protocol.TimeLimitMs > 0 || phase == ModulePhase.Current;
            if (mayStop && CheckStopConditions(snapshot, now, telemetry))
            {
                return;
            }

            AdvanceWhenDue(snapshot, now, telemetry);
        }

        /// <summary>The diagnosis' requests for this module; true when one ended the tick's decision.</summary>
        private bool ApplyRequests(ModuleReactionRequests requests, long now, TelemetryBuffer telemetry)
        {
            bool depletion = requests.ExtendRest[_module] || requests.ReduceCurrent[_module] || requests.AbortPulse[_module];
            if (depletion && !ShortenPulse())
            {
                if (requests.ExtendRest[_module] || requests.AbortPulse[_module])
                {
                    _restTuner.Extend();
                }

                if (requests.ReduceCurrent[_module] || requests.AbortPulse[_module])
                {
                    ReduceCurrent();
                }
            }

            if (requests.AbortPulse[_module])
            {
                if (State == ModuleState.Pulse)
                {
                    _lastCurrentEndMs = now;
                    NextStep(now, telemetry);
                    return true;
                }
            }

            if (requests.Stop[_module])
            {
                Finish(StopReason.DepletionOnset, EventKind.Stopped, NetChargeMc(), 0, now, telemetry);
                return true;
            }

            return false;
        }

        private bool CheckStopConditions(MeasurementSnapshot snapshot, long now, TelemetryBuffer telemetry)
        {
            bool stripping = SetpointUa > 0;

            // The module's valid extremes say whether any cell reached its cut-off; only then is each cell looked at.
            bool reached = stripping ? snapshot.ValidMaximumMv[_module] >= _protocol.StripCutoffMv : snapshot.ValidMinimumMv[_module] <= _protocol.PlateCutoffMv;
            if (reached && snapshot.Phase[_module] == ModulePhase.Current)
            {
                for (int c = _firstCell; c < _firstCell + _cellCount; c++)
                {
                    if (!snapshot.CellValid[c])
                    {
                        continue;
                    }

                    int v = snapshot.CellVoltageMv[c];
                    if ((stripping && v >= _protocol.StripCutoffMv) || (!stripping && v <= _protocol.PlateCutoffMv))
                    {
                        TelemetryRecord record = telemetry.Append(TelemetryRecordKind.Event, now, _module, c);
                        record.EventKind = EventKind.Cutoff;
                        record.Severity = Severity.Info;
                        record.Value = v;
                        record.Threshold = stripping ? _protocol.StripCutoffMv : _protocol.PlateCutoffMv;
                        Finish(StopReason.Cutoff, EventKind.Cutoff, 0, 0, now, null);
                        WriteStateChange(now, telemetry);
                        return true;
                    }
                }
            }

            if (_protocol.CapacityLimitUc > 0 && StrippedChargeNc - PlatedChargeNc >= _protocol.CapacityLimitUc * 1000)
            {
                Finish(StopReason.CapacityLimit, EventKind.CapacityLimit, NetChargeMc(), (int)(_protocol.CapacityLimitUc / 1000), now, telemetry);
                return true;
            }

            if (_protocol.TimeLimitMs > 0 && now - _runStartMs >= _protocol.TimeLimitMs)
            {
                Finish(StopReason.TimeLimit, EventKind.TimeLimit, (int)(now - _runStartMs), (int)_protocol.TimeLimitMs, now, telemetry);
                return true;
            }

            return false;
        }

        private void AdvanceWhenDue(MeasurementSnapshot snapshot, long now, TelemetryBuffer telemetry)
        {
            ProtocolStep step = _protocol.Steps[_stepIndex];
            long elapsed = now - _stepStartMs;
            if (State == ModuleState.Pulse)
            {
                if (step.DurationMs > 0 && elapsed >= PulseLengthMs(step))
                {
                    _lastCurrentEndMs = now;
                    NextStep(now, telemetry);
                }
                else
                {
                    OutputPulse(step, now, telemetry);
                }

                return;
            }

            // Rest.
            RestEndReason reason;
            bool end;
            if (_directionChangeRest)
            {
                long sinceCurrent = now - _lastCurrentEndMs;
                reason = RestEndReason.DirectionChange;
                end = sinceCurrent >= _protocol.DirectionChangeMaximumRestMs
                    || (sinceCurrent >= _protocol.DirectionChangeRestMs && _restTuner.IsSettled(snapshot, _module));
            }
            else
            {
                end = _restTuner.ShouldEnd(step, elapsed, snapshot, _module, out reason);
            }

            if (Scheduled && !_directionChangeRest)
            {
                ReadyForPulse = ReadyForPulse || end;
                Output(false, 0);
                return;
            }

            if (!end)
            {
                // Output(false, 0) written out: the call is the costliest part of a resting tick on the device.
                SwitchClosed = false;
                SetpointUa = 0;
                return;
            }

            RestCount++;
            _lastRestSettled = _restTuner.IsSettled(snapshot, _module);
            _restTuner.OnRestEnded(snapshot, elapsed);
            TelemetryRecord record = telemetry.Append(TelemetryRecordKind.RestTuned, now, _module, -1);
            record.RestMs = (int)elapsed;
            record.RestEndReason = reason;
            if (_directionChangeRest)
            {
                _directionChangeRest = false;
                _lastRestSettled = true;
                EnterStep(_stepIndex, now, telemetry);
            }
            else
            {
                NextStep(now, telemetry);
            }
        }

        private void NextStep(long now, TelemetryBuffer telemetry)
        {
            int next = _stepIndex + 1;
            if (next >= _protocol.Steps.Length)
            {
                if (!_protocol.Repeat)
                {
                    Finish(StopReason.ProtocolComplete, EventKind.ProtocolDone, NetChargeMc(), 0, now, telemetry);
                    return;
                }

                next = 0;
            }

            EnterStep(next, now, telemetry);
        }

        private void EnterStep(int index, long now, TelemetryBuffer telemetry)
        {
            _stepIndex = index;
            _stepStartMs = now;
            _cappedReported = false;
            ProtocolStep step = _protocol.Steps[index];
            if (!step.IsCurrentStep)
            {
                ChangeState(ModuleState.Rest, StopReason.None, now, telemetry);
                Output(false, 0);
                return;
            }

            // Plating straight after stripping fails fast ([W] critical current test): insist on a long,
            // relaxation-confirmed rest first.
            if (step.Kind == ProtocolStepKind.Plate && _hasRunCurrent && _lastCurrentWasStrip && !_directionChangeRest
                && (State == ModuleState.Pulse || !_lastRestSettled || now - _lastCurrentEndMs < _protocol.DirectionChangeRestMs))
            {
                if (State == ModuleState.Pulse)
                {
                    _lastCurrentEndMs = now;
                }

                _directionChangeRest = true;
                ChangeState(ModuleState.Rest, StopReason.None, now, telemetry);
                Output(false, 0);
                return;
            }

            _hasRunCurrent = true;
            _lastCurrentWasStrip = step.Kind == ProtocolStepKind.Strip;
            SwitchCloseCount++;
            ChangeState(ModuleState.Pulse, StopReason.None, now, telemetry);
            OutputPulse(step, now, telemetry);
        }

        private void OutputPulse(ProtocolStep step, long now, TelemetryBuffer telemetry)
        {
            int stepCurrent = step.CurrentUa;
            if (Scheduled && _scheduledCurrentUa > 0 && _scheduledCurrentUa < stepCurrent)
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
                    TelemetryRecord record = telemetry.Append(TelemetryRecordKind.Event, now, _module, -1);
                    record.EventKind = EventKind.CurrentCapped;
                    record.Severity = Severity.Info;
                    record.Value = (int)magnitude;
                    record.Threshold = limit;
                }

                magnitude = limit;
            }

            int signed = step.Kind == ProtocolStepKind.Plate ? -(int)magnitude : (int)magnitude;
            Output(magnitude > 0, signed);
        }

        /// <summary>Percentage of the protocol's pulse length in use (pulse tuning).</summary>
        public int PulsePercent => _restTuner.PulsePercent;

        private long PulseLengthMs(ProtocolStep step)
        {
            long length = step.DurationMs * _restTuner.PulsePercent / 100;
            long minimum = _configuration.PulseTuning.MinimumPulseMs;
            return length < minimum && step.DurationMs > minimum ? minimum : length;
        }

        /// <summary>
        /// Pulse tuning's answer to a depletion warning: a shorter pulse and, for fixed rests, a rest shorter by
        /// the same factor. False when tuning is off or the pulse is already at its minimum.
        /// </summary>
        private bool ShortenPulse()
        {
            PulseTuningConfiguration tuning = _configuration.PulseTuning;
            if (!tuning.Enabled)
            {
                return false;
            }

            ProtocolStep step = _protocol.Steps[FirstCurrentStep()];
            if (step.DurationMs <= 0 || PulseLengthMs(step) <= tuning.MinimumPulseMs)
            {
                return false;
            }

            _restTuner.PulsePercent = _restTuner.PulsePercent * (100 - tuning.ShortenPercent) / 100;
            if (_restTuner.PulsePercent < 1)
            {
                _restTuner.PulsePercent = 1;
            }

            return true;
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

        private void ReduceCurrent()
        {
            int reduced = _currentPercent * (100 - _configuration.Depletion.CurrentReductionPercent) / 100;
            int floor = _configuration.Depletion.MinimumCurrentPercent;
            _currentPercent = reduced < floor ? floor : reduced;
        }

        /// <summary>Charge and time of a tick with current flowing (the rest time is counted in <see cref="Trigger"/>).</summary>
        private void AccountCharge(MeasurementSnapshot snapshot)
        {
            int interval = snapshot.IntervalMs;
            int current = snapshot.ModuleCurrentValid[_module] ? snapshot.ModuleCurrentUa[_module] : SetpointUa;
            long charge = (long)current * interval;
            if (charge > 0)
            {
                StrippedChargeNc += charge;
            }
            else
            {
                PlatedChargeNc -= charge;
            }

            PulseTimeMs += interval;
        }

        /// <summary>Net charge stripped since the start in millicoulombs: the value of stopped, protocolDone and capacityLimit events.</summary>
        private int NetChargeMc() => (int)((StrippedChargeNc - PlatedChargeNc) / 1000000);

        /// <summary>
        /// Ends the run. The event carries what decided it in the contract's units (CONTRACT.md, event kinds):
        /// net charge in mC against the capacity limit in mC, run time in ms against the time limit in ms,
        /// the net charge alone (threshold 0) for a stop or a completed protocol.
        /// </summary>
        private void Finish(StopReason reason, EventKind eventKind, int value, int threshold, long now, TelemetryBuffer telemetry)
        {
            StopReason = reason;
            State = ModuleState.Done;
            Output(false, 0);
            if (telemetry == null)
            {
                return;
            }

            TelemetryRecord record = telemetry.Append(TelemetryRecordKind.Event, now, _module, -1);
            record.EventKind = eventKind;
            record.Severity = Severity.Info;
            record.Value = value;
            record.Threshold = threshold;
            WriteStateChange(now, telemetry);
        }

        private void ChangeState(ModuleState state, StopReason reason, long now, TelemetryBuffer telemetry)
        {
            if (State == state)
            {
                return;
            }

            State = state;
            StopReason = reason;
            WriteStateChange(now, telemetry);
        }

        private void WriteStateChange(long now, TelemetryBuffer telemetry)
        {
            TelemetryRecord record = telemetry.Append(TelemetryRecordKind.StateChanged, now, _module, -1);
            record.State = State;
            record.StopReason = StopReason;
        }

        private void WritePulseSummary(MeasurementSnapshot snapshot, TelemetryBuffer telemetry)
        {
            TelemetryRecord record = telemetry.Append(TelemetryRecordKind.PulseSummary, snapshot.TimestampMs, _module, -1);
            record.PulseIndex = PulseCount;
            record.PulseCurrentUa = snapshot.LastPulseCurrentUa[_module];
            record.PulseDurationMs = (int)snapshot.LastPulseDurationMs[_module];
            record.PulseChargeUc = snapshot.LastPulseChargeUc[_module];
            record.TotalChargeUc = (StrippedChargeNc - PlatedChargeNc) / 1000;
            record.RestMs = PlannedRestMs();
            record.ModuleCurrentUa = snapshot.ModuleCurrentUa[_module];
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
        /// adaptive rest's learned target, which it lasts at least (longer while the cells still relax, at most
        /// maximumRestMs); the direction-change rest before plating; 0 when no rest follows (the next step is
        /// another pulse, or the run ended).
        /// </summary>
        private int PlannedRestMs()
        {
            if (State != ModuleState.Rest)
            {
                return 0;
            }

            if (_directionChangeRest)
            {
                return (int)_protocol.DirectionChangeRestMs;
            }

            if (_protocol.RestMode == RestMode.Fixed)
            {
                ProtocolStep step = _protocol.Steps[_stepIndex];
                return (int)(step.DurationMs * _restTuner.ExtensionPercent / 100 * _restTuner.PulsePercent / 100);
            }

            long target = _restTuner.TargetMs;
            return (int)(target > _protocol.MinimumRestMs ? target : _protocol.MinimumRestMs);
        }

        private void Output(bool closed, int setpointUa)
        {
            SwitchClosed = closed;
            SetpointUa = closed ? setpointUa : 0;
        }
    }
}
