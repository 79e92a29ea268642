// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Measurement;
using Edge.Core.Records;

namespace Edge.Core.Decision
{
    /// <summary>
    /// Chooses when one module's rest ends.
    /// Fixed mode: the configured rest, stretched by depletion warnings in act mode and scaled with a pulse the
    /// pulse tuner shortened (so the duty cycle holds).
    /// Adaptive mode: a rest ends once every cell's relaxation slope has stayed below the settled slope
    /// for the hold time, but never before the learned target nor the minimum, and always by the
    /// maximum. One rest's settle time is a noisy reading (a few ADC counts of noise against a relaxation
    /// of a few mV), so the target follows the running average of the observed settle times: single
    /// noisy rests can neither cut a rest short nor drag the target away. On top, the target lengthens
    /// when the smoothed pulse overpotential or residual polarisation grows from one group of pulses to
    /// the next, and shortens when both fall (margin).
    /// Over all this sits the depletion margin: what costs capacity is how close a pulse drives the interface to
    /// exhaustion, which the polarisation it leaves behind measures. While that stays below
    /// <see cref="RestTuningConfiguration.RelaxationMarginMv"/> the rest ends at the margin target without waiting
    /// for the relaxation to settle (a Na-rich alloy recovers enough long before its 5 s plateau); above it the rest
    /// waits for settling and for the margin target, which grows group by group until the pulses leave margin again. The
    /// margin target starts at the rests the module was taking when the margin engaged, not at the minimum.
    /// </summary>
    [HotPath]
    public sealed class RestTuner
    {
        /// <summary>Pulses per comparison of the smoothed overpotential and residual (also their smoothing length).</summary>
        private const int TrendPulses = 8;

        /// <summary>
        /// Under margin control the first rest and every this many after it run to the maximum rest, so the rested
        /// level the margin is measured from is renewed (an open-circuit level that drifts, or one taken from a few
        /// noisy samples before the first pulse, would offset every reading by as much); the cost is one long rest in
        /// this many, about 1 % of the duty.
        /// </summary>
        private const int ReferenceRestInterval = 256;

        /// <summary>Fixed-point scale of the smoothed values.</summary>
        private const int Scale = 16;

        private readonly RestTuningConfiguration _tuning;
        private readonly ProtocolConfiguration _protocol;
        private readonly PulseTuner _pulseTuner;
        private readonly int _firstCell;
        private readonly int _cellCount;

        // The slope estimate's variance per (0.01 mV)^2 of reading variance, x SlopeVarianceScale ((uV/s)^2): two means
        // of n samples, n sample periods apart, differ by sigma^2 * 2 / n, divided by (n * period)^2.
        private const long SlopeVarianceScale = 1000;
        private readonly long _slopeVariancePerCentiMv2;

        // Per cell: the settled-slope limit and the fraction test's floor (uV/s), the configured values or the slope
        // noise limit, whichever is larger; renewed at the end of every pulse from the measured reading noise.
        private readonly int[] _settledLimitUvPerS;
        private readonly int[] _slopeFloorUvPerS;

        private long _targetMs;

        // The first rest sample comes soon enough after the pulse for the depletion margin's reading
        // (RestTuningConfiguration.MarginMaximumSamplePeriodMs); otherwise the settle rule alone ends the rests.
        private readonly bool _marginSampledSoonEnough;

        // The rest the depletion margin asks for (ms): shorter while the pulses leave margin, longer while not. It starts,
        // when margin control engages, at the rests the module was taking (_restInUseMs): those are the rests that kept
        // the pulses within the margin.
        private long _marginTargetMs;

        // The rests' actual lengths (whatever ended them), averaged over the pulses the polarisation is smoothed over
        // (ms): the rest in use when the margin engages. The learned target is no measure of it: it starts at the minimum
        // and reaches a 3.5 s settle time only after tens of rests, and in a pack, where the scheduler cuts every rest,
        // it does not learn at all. Started at the minimum, the margin target took the rests from 3.5 s to 0.5 s at
        // once, which the depletion detector then read as depletion onset on a fresh cell.
        private long _restInUseMs;

        // The rests of the current group of pulses, reference rests left out: their sum (ms) and count, for the margin's
        // next step (FollowMargin).
        private long _groupRestSumMs;
        private int _groupRests;

        // The current rest ended on the margin target before it settled: its length says nothing of the settle time.
        private bool _endedOnMargin;

        // Set once the smoothed polarisation after the pulses (over a full group of them) was below the margin but at
        // least MarginEngagePercent of it: rest length decides whether the pulses stay within it, so the margin target,
        // not the settle test, ends the rests from then on. A cell whose pulses overshoot the margin from the outset
        // (one pulse from rest already drives it near exhaustion) gets what it got before: rests that wait for the
        // relaxation to settle. So does one whose pulses stay well below it: far from exhaustion the rest length costs
        // no capacity, and the negligible-relaxation rule and the settle test already keep such a cell's rests short, or
        // longer where it carries polarisation over (a slowly relaxing cell in a pack), which costs only duty.
        private const int MarginEngagePercent = 60;
        private int _restsUnderMargin;
        private bool _marginReachable;
        private int _extensionPercent = 100;
        private readonly int[] _initialSlopeUvPerS;
        private bool _hasInitialSlope;
        private long _settledSinceMs = -1;
        private long _settleObservedMs = -1;

        // Polarisation left right after the pulse (first rest sample against the rested level), smoothed over
        // pulses, x Scale: what the rest has to relax at all. Against the rested level, not the level just before
        // the pulse: a cell that relaxes slowly carries unrelaxed polarisation from rest to rest, and measured
        // from the pre-pulse level its relaxation would look small exactly when the rests are too short.
        private long _relaxationSmooth;

        // Each cell's level when it was last known to be relaxed: before the first pulse, and before the first
        // pulse after a rest that settled or renewed it (mV x Scale). After the first two captures (the level before the first pulse may rest on a sample or two) each
        // new one moves it a quarter of the way: one pre-pulse mean carries a good fraction of a mV of noise, and
        // under margin control this level offsets every reading of the margin.
        private readonly long[] _restedScaled;
        private long _restedCaptures;
        private bool _captureRested = true;

        // This rest renews the rested level under margin control: it runs to the maximum rest.
        private bool _referenceRest;

        // Set once the polarisation, measured from the rested level, outgrew the negligible limit: the rests were too
        // short for this cell (it carries polarisation from pulse to pulse), however small one pulse's relaxation
        // looks. From then on rests wait for the relaxation to settle.
        private bool _accumulates;

        // The accumulation above was found against the level before the first pulse alone, which may rest on a sample or
        // two: 2 mV of noise offset a healthy cell's 6 mV at 0.3 mA/cm2 and 0.5 s rests past the limit (seed 1100001: from
        // -3 mV, 10.2 mV at the 183rd pulse), and from then on every rest waited for a settle test the noise kept failing
        // and learned the maximum. Once a settled rest renews the level, the accumulation is measured afresh from it; one
        // found against a renewed level holds.
        private bool _accumulatesOnFirstLevel;

        // Readings the level before the first pulse averages (PrePulseSampleCount at the first capture; 0: one reading).
        private int _firstLevelReadings;

        // The smoothed polarisation a carry-over must reach (mV x Scale): FollowRelaxationLimits, renewed every pulse.
        private long _accumulationLimitScaled;

        // The smoothed polarisation below which the relaxation is negligible against a renewed level, or against the first
        // level before a rest was cut (mV x Scale): the negligible limit with the smoothed reading's own noise on top
        // (FollowRelaxationLimits), so that it matches the carry-over limit once the level is renewed.
        private long _negligibleLimitScaled;

        // A rest was cut before it settled (the pack scheduler's grant, or a direction change). Until then a relaxation
        // against the first level above the plain limit makes the rest wait for the settle test, which renews the level
        // (and costs a module alone only one longer rest); once rests are cut, waiting renews nothing, and the relaxation is
        // negligible up to the limit the first level's noise is allowed for (IsRelaxationNegligible). Judged so from the first
        // pulse, a cell alone at 0.5-0.8 mA/cm2 against a first level of one reading was negligible for good (no settled
        // rest renewed it): simulated, its rests fell from 3-12 s to 0.5-0.9 s.
        private bool _cutBeforeSettling;

        // Standard deviations of the first level's mean a carry-over measured against it must stand above the negligible
        // limit (AccumulationLimitScaled): one-sided, a reference that far off comes one module in some 700.
        private const int FirstLevelSigmas = 3;

        // Pulses in the polarisation's smoothing since it (re)started: at the first pulse, and when a renewed rested level
        // takes back an accumulation found against the first one.
        private long _relaxationPulses;

        private long _overpotentialSmooth;
        private long _residualSmooth;
        private long _overpotentialReference;
        private long _residualReference;
        // Pulses and rests seen, 64-bit: they are compared (at least one, at least TrendPulses) for as long as the
        // module runs, and pulses of a tick each pass 2^31 in 248 days at 10 ms, where an int turned negative and read
        // as no pulse yet.
        private long _pulses;
        private long _rests;

        /// <summary>A tuner for the cells <paramref name="firstCell"/> onward; fixed rests follow <paramref name="pulseTuner"/>'s pulse length.</summary>
        public RestTuner(RestTuningConfiguration tuning, ProtocolConfiguration protocol, PulseTuner pulseTuner, int firstCell, int cellCount, int samplePeriodMs)
        {
            _tuning = tuning;
            _protocol = protocol;
            _pulseTuner = pulseTuner;
            _firstCell = firstCell;
            _cellCount = cellCount;
            _targetMs = protocol.MinimumRestMs;
            _marginTargetMs = protocol.MinimumRestMs;
            _accumulationLimitScaled = (long)tuning.NegligibleRelaxationMv * Scale;
            _negligibleLimitScaled = _accumulationLimitScaled;
            _marginSampledSoonEnough = samplePeriodMs <= tuning.MarginMaximumSamplePeriodMs;
            _initialSlopeUvPerS = new int[cellCount];
            _restedScaled = new long[cellCount];
            _settledLimitUvPerS = new int[cellCount];
            _slopeFloorUvPerS = new int[cellCount];
            for (int i = 0; i < cellCount; i++)
            {
                _settledLimitUvPerS[i] = tuning.SettledSlopeUvPerS;
                _slopeFloorUvPerS[i] = tuning.SlopeNoiseFloorUvPerS;
            }

            // The window as the measurement takes it: whole samples, at least one. (0.01 mV)^2 = 100 uV^2, and
            // 1/(n * period[s])^2 = 1e6 / (n * periodMs)^2: 2 * 100 * 1e6 / (n^3 periodMs^2) per (0.01 mV)^2.
            long n = tuning.SlopeWindowMs / samplePeriodMs;
            n = n < 1 ? 1 : n;
            _slopeVariancePerCentiMv2 = 2L * 100 * 1000000 * SlopeVarianceScale / (n * n * n * samplePeriodMs * samplePeriodMs);
        }

        /// <summary>Current learned target of the adaptive rest (ms).</summary>
        public long TargetMs => _targetMs;

        /// <summary>
        /// The shortest rest act mode allows now (ms): the protocol's minimum rest, or the fixed rest, stretched by
        /// depletion warnings (and a fixed rest scaled with a shortened pulse). A pack scheduler short of relaxed
        /// modules may end an adaptive rest this early, never earlier.
        /// </summary>
        public long FloorRestMs(ProtocolStep restStep) => _protocol.RestMode == RestMode.Fixed ? FixedRestMs(restStep) : (long)_protocol.MinimumRestMs * _extensionPercent / 100;

        /// <summary>Rest the depletion margin asks for now (ms); see <see cref="RestTuningConfiguration.RelaxationMarginMv"/>.</summary>
        public long MarginTargetMs => _marginTargetMs;

        /// <summary>
        /// The adaptive rest the next rest is planned at (ms), as <see cref="ObserveRestTick"/> will end it, for the pulse
        /// summary: under margin control the margin target (every 256th rest: the maximum, to renew the rested level),
        /// else the learned target, which the rest lasts at least; never below the protocol's minimum. Publishing the
        /// learned target under margin control announced rests of 3 s that ended at 0.5 s.
        /// </summary>
        public long PlannedRestMs
        {
            get
            {
                long planned = IsRelaxationNegligible || !_marginReachable ? _targetMs
                    : _restsUnderMargin % ReferenceRestInterval == 0 ? _protocol.MaximumRestMs
                    : _marginTargetMs;
                return planned > _protocol.MinimumRestMs ? planned : _protocol.MinimumRestMs;
            }
        }

        /// <summary>Stretch applied to every rest by depletion warnings (percent, 100 = none).</summary>
        public int ExtensionPercent => _extensionPercent;

        /// <summary>
        /// How long a fixed rest of <paramref name="step"/> lasts now (ms): the configured rest, stretched by depletion
        /// warnings and scaled with a shortened pulse, so the duty cycle holds.
        /// </summary>
        public long FixedRestMs(ProtocolStep step) => step.DurationMs * _extensionPercent / 100 * _pulseTuner.PulsePercent / 100;

        /// <summary>
        /// A depletion warning in act mode: rests get longer from now on. False, and nothing changes, once the
        /// stretch is at <see cref="RestTuningConfiguration.MaximumExtensionPercent"/>.
        /// </summary>
        public bool Extend()
        {
            int maximum = _tuning.MaximumExtensionPercent;
            if (_extensionPercent >= maximum)
            {
                return false;
            }

            long extended = (long)_extensionPercent * (100 + _tuning.WarningExtendPercent) / 100;
            int applied = extended > maximum ? maximum : (int)extended;
            long targetMs = _targetMs * applied / _extensionPercent;
            long marginTargetMs = _marginTargetMs * applied / _extensionPercent;
            _extensionPercent = applied;
            _targetMs = Clamp(targetMs);
            _marginTargetMs = Clamp(marginTargetMs);
            return true;
        }

        /// <summary>
        /// The module's current was lowered (act mode's next rung): the stretch the warnings gave the rests at the
        /// higher current is undone. A lower current leaves less to relax, so what the rest needed before overstates
        /// it now, and a pack whose modules answer depletion with less current needs them available more often to
        /// carry the same demand. Warnings at the new current stretch the rests again if they must.
        /// </summary>
        public void OnCurrentReduced()
        {
            RemoveStretch();
        }

        /// <summary>
        /// The module was refilled (plated back to where its pulses last ran as the protocol has them): the stretch the
        /// depletion warnings gave is undone. A fixed rest is the configured one again (times the pulse tuner's
        /// percentage, which the refill also takes back to 100). An adaptive rest is not reset: what the tuner learned
        /// since stays, and only the stretch is taken out of it, its targets divided by the stretch and its floor the
        /// plain <c>protocol.minimumRestMs</c> again, as when depletion's current rung trades the stretch away
        /// (<see cref="OnCurrentReduced"/>). The settle rule and the margin then move the targets from there as before.
        /// </summary>
        public void OnRefilled()
        {
            RemoveStretch();
        }

        /// <summary>Takes the depletion warnings' stretch out of the rests (nothing when there is none).</summary>
        private void RemoveStretch()
        {
            if (_extensionPercent == 100)
            {
                return;
            }

            // The stretch goes first: the clamp's floor is the stretched minimum.
            int stretched = _extensionPercent;
            _extensionPercent = 100;
            _targetMs = Clamp(_targetMs * 100 / stretched);
            _marginTargetMs = Clamp(_marginTargetMs * 100 / stretched);
        }

        /// <summary>
        /// Smoothed polarisation left just after the latest pulses (mV): the relaxation a rest waits for. Below
        /// <see cref="RestTuningConfiguration.NegligibleRelaxationMv"/> there is nothing worth waiting for.
        /// </summary>
        public int RelaxationMv => (int)(_relaxationSmooth / Scale);

        private bool IsRelaxationNegligible => _pulses > 0 && !_accumulates && _relaxationSmooth < (_cutBeforeSettling ? _accumulationLimitScaled : _negligibleLimitScaled);


        /// <summary>Called once per pulse: follows the largest overpotential among the module's cells.</summary>
        public void OnPulseEnded(MeasurementSnapshot snapshot)
        {
            FollowSlopeNoise(snapshot);
            long overpotential = (long)LargestOverpotential(snapshot) * Scale;
            if (_captureRested)
            {
                for (int i = 0; i < _cellCount; i++)
                {
                    long level = (long)snapshot.PrePulseVoltageMv[_firstCell + i] * Scale;
                    _restedScaled[i] = _restedCaptures < 2 ? level : _restedScaled[i] + ((level - _restedScaled[i]) / 4);
                }

                _firstLevelReadings = _restedCaptures == 0 ? snapshot.PrePulseSampleCount[_firstCell] : _firstLevelReadings;
                _restedCaptures++;
                _captureRested = false;
                if (_accumulates && _accumulatesOnFirstLevel && _restedCaptures > 1)
                {
                    _accumulates = false;
                    _accumulatesOnFirstLevel = false;
                    _relaxationPulses = 0;
                }
            }

            long relaxation = LargestDeviationFromRested(snapshot);
            if (_pulses == 0)
            {
                _overpotentialSmooth = overpotential;
                _overpotentialReference = overpotential;
            }
            else
            {
                _overpotentialSmooth += (overpotential - _overpotentialSmooth) / TrendPulses;
            }

            _relaxationSmooth = _relaxationPulses == 0 ? relaxation : _relaxationSmooth + ((relaxation - _relaxationSmooth) / TrendPulses);
            _relaxationPulses++;
            FollowRelaxationLimits(snapshot);
            _pulses++;
            if (!_accumulates && _relaxationPulses >= TrendPulses && _relaxationSmooth >= _accumulationLimitScaled)
            {
                _accumulates = true;
                _accumulatesOnFirstLevel = _restedCaptures < 2;
            }

            if (_tuning.RelaxationMarginMv > 0 && _marginSampledSoonEnough)
            {
                long margin = (long)_tuning.RelaxationMarginMv * Scale;
                if (!_marginReachable && _relaxationPulses >= TrendPulses && _relaxationSmooth < margin && _relaxationSmooth * 100 >= margin * MarginEngagePercent)
                {
                    // Margin control takes over from the rests that got the pulses within the margin, and shortens them
                    // from there group by group.
                    _marginReachable = true;
                    _marginTargetMs = _rests > 0 ? Clamp(_restInUseMs) : _marginTargetMs;
                }

                if (_pulses % TrendPulses == 0)
                {
                    FollowMargin();
                }
            }

            if (_pulses % TrendPulses != 0 || _rests < TrendPulses)
            {
                return;
            }

            long overpotentialGrowth = _overpotentialSmooth - _overpotentialReference;

            // With a negligible relaxation the residual at the end of a rest is noise (a single reading against the
            // pre-pulse mean): its drift would lengthen rests at random and nothing shortens them again. The
            // per-pulse overpotential, from averaged levels, still lengthens them when polarisation builds up.
            long residualGrowth = IsRelaxationNegligible ? 0 : _residualSmooth - _residualReference;
            long overpotentialLimit = (long)_tuning.OverpotentialGrowthMv * Scale;
            long residualLimit = (long)_tuning.ResidualGrowthMv * Scale;
            if (overpotentialGrowth >= overpotentialLimit || residualGrowth >= residualLimit)
            {
                Lengthen();
            }
            else if (overpotentialGrowth <= -overpotentialLimit && residualGrowth <= 0)
            {
                Shorten();
            }
            else
            {
                // Neither clearly up nor down: keep the references, so slow drifts add up until they count.
                return;
            }

            _overpotentialReference = _overpotentialSmooth;
            _residualReference = _residualSmooth;
        }

        /// <summary>
        /// The rest goes on, but what was seen of its settling is forgotten (the controller was suspended, and the readings
        /// of the gap were not watched): it must be seen to settle again from the next tick.
        /// </summary>
        public void ForgetSettling()
        {
            _settledSinceMs = -1;
            _settleObservedMs = -1;
        }

        /// <summary>
        /// Called when a rest ends after <paramref name="elapsedMs"/>: learns from when the relaxation
        /// settled, and follows the residual polarisation left against the voltage before the pulse.
        /// <paramref name="cut"/>: something other than this tuner ended the rest (the pack scheduler's grant, or the
        /// direction-change rule, whose rest waits a fixed time before plating); such a rest says nothing about how long
        /// settling takes, so the target does not learn from it unless the tuner saw it settle.
        /// </summary>
        public void OnRestEnded(MeasurementSnapshot snapshot, long elapsedMs, bool cut)
        {
            if (_protocol.RestMode == RestMode.Adaptive && !(cut && _settleObservedMs < 0))
            {
                // A rest that never settled tells only that settling takes at least this long. With a negligible
                // relaxation there is nothing to settle: the minimum is what the cell needs, so a target pushed up
                // while the relaxation was near the limit drifts back down.
                // A rest the margin ended before it settled tells nothing about the settle time.
                if (IsRelaxationNegligible || _settleObservedMs >= 0 || !_endedOnMargin)
                {
                    long observed = IsRelaxationNegligible ? _protocol.MinimumRestMs : _settleObservedMs >= 0 ? _settleObservedMs : elapsedMs;
                    _targetMs = Clamp(_targetMs + AveragingStep(observed - _targetMs));
                }
            }

            long residual = (long)LargestResidual(snapshot) * Scale;
            if (_rests == 0)
            {
                _restInUseMs = elapsedMs;
                _residualSmooth = residual;
                _residualReference = residual;
            }
            else
            {
                _residualSmooth += (residual - _residualSmooth) / TrendPulses;

                // A reference rest runs long to renew the rested level, not because the pulses need it.
                _restInUseMs += _referenceRest ? 0 : (elapsedMs - _restInUseMs) / TrendPulses;
            }

            _groupRestSumMs += _referenceRest ? 0 : elapsedMs;
            _groupRests += _referenceRest ? 0 : 1;

            _rests++;
            _restsUnderMargin += _marginReachable ? 1 : 0;

            // A settled rest ended at the open-circuit level: the next pre-pulse level is the new rested reference.
            // A reference rest the scheduler cut short ended before the cell relaxed: its level would offset every margin
            // reading after it.
            _captureRested = _captureRested || _settleObservedMs >= 0 || (_referenceRest && !cut);
            _cutBeforeSettling = _cutBeforeSettling || (cut && _settleObservedMs < 0);
            _referenceRest = false;
            _settledSinceMs = -1;
            _settleObservedMs = -1;
            _hasInitialSlope = false;
            _endedOnMargin = false;
        }

        /// <summary>
        /// One tick of a rest step that has lasted <paramref name="elapsedMs"/>: follows the relaxation (adaptive mode
        /// notes each cell's initial slope and when the slopes settled, which <see cref="OnRestEnded"/> learns from) and
        /// returns true when the rest is over, with what ended it. Call on every tick of the rest, once.
        /// </summary>
        public bool ObserveRestTick(ProtocolStep step, long elapsedMs, MeasurementSnapshot snapshot, int module, out RestEndReason reason)
        {
            if (_protocol.RestMode == RestMode.Fixed)
            {
                // The duty cycle asks FixedRestMs itself on a fixed rest's ticks; this answers other callers the same.
                reason = RestEndReason.Fixed;
                return elapsedMs >= FixedRestMs(step);
            }

            if (IsRelaxationNegligible)
            {
                // The pulses leave almost no polarisation behind (a current the interface sustains without
                // pulsing): waiting for a relaxation below the noise only costs duty. The target still follows
                // the trends, so growing polarisation lengthens the rests again.
                reason = RestEndReason.Relaxed;
                if (elapsedMs >= _targetMs && elapsedMs >= _protocol.MinimumRestMs)
                {
                    return true;
                }

                // The learned target moves only with a trend: a protocol change may since have lowered the maximum.
                reason = RestEndReason.MaximumReached;
                return elapsedMs >= _protocol.MaximumRestMs;
            }

            if (!_hasInitialSlope && snapshot.RestSlopeValid[module])
            {
                for (int i = 0; i < _cellCount; i++)
                {
                    int slope = snapshot.RestSlopeUvPerS[_firstCell + i];
                    _initialSlopeUvPerS[i] = slope < 0 ? -slope : slope;
                }

                _hasInitialSlope = true;
            }

            if (IsSettled(snapshot, module) && HasDecayedEnough(snapshot))
            {
                if (_settledSinceMs < 0)
                {
                    _settledSinceMs = elapsedMs;
                }

                if (_settleObservedMs < 0 && elapsedMs - _settledSinceMs >= _tuning.SettledHoldMs)
                {
                    _settleObservedMs = elapsedMs;
                }
            }
            else
            {
                _settledSinceMs = -1;
            }

            if (elapsedMs >= _protocol.MaximumRestMs)
            {
                reason = RestEndReason.MaximumReached;
                return true;
            }

            reason = RestEndReason.Relaxed;
            if (_marginReachable && _restsUnderMargin % ReferenceRestInterval == 0)
            {
                // Renews the rested level: only the maximum above ends it.
                _referenceRest = true;
                return false;
            }

            if (_marginReachable)
            {
                // The rest that keeps the pulses at the margin, settled or not: a Na-rich interface has recovered
                // enough for the next pulse long before its relaxation plateaus.
                _endedOnMargin = elapsedMs >= _marginTargetMs && elapsedMs >= _protocol.MinimumRestMs;
                return _endedOnMargin;
            }

            return _settleObservedMs >= 0 && elapsedMs >= _targetMs && elapsedMs >= _protocol.MinimumRestMs;
        }

        /// <summary>Every cell of the module relaxes slower than the settled slope.</summary>
        public bool IsSettled(MeasurementSnapshot snapshot, int module)
        {
            if (!snapshot.RestSlopeValid[module])
            {
                return false;
            }

            for (int i = 0; i < _cellCount; i++)
            {
                int slope = snapshot.RestSlopeUvPerS[_firstCell + i];
                int limit = _settledLimitUvPerS[i];
                if (slope > limit || slope < -limit)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Once per pulse: the slope limits grow with the slope estimate's noise beyond the noise they were chosen at
        /// (from the measured reading noise; 0 = not measured yet: the configured limits).
        /// </summary>
        private void FollowSlopeNoise(MeasurementSnapshot snapshot)
        {
            long reference = _tuning.SlopeReferenceNoiseUvPerS;
            if (reference <= 0)
            {
                return;
            }

            for (int i = 0; i < _cellCount; i++)
            {
                long varianceCentiMv2 = snapshot.NoiseVarianceCentiMv2[_firstCell + i];
                long sigma = EdgeResistanceNoise.IntegerSqrt(varianceCentiMv2 * _slopeVariancePerCentiMv2 / SlopeVarianceScale);
                if (sigma < reference)
                {
                    sigma = reference;
                }

                _settledLimitUvPerS[i] = (int)(_tuning.SettledSlopeUvPerS * sigma / reference);
                _slopeFloorUvPerS[i] = (int)(_tuning.SlopeNoiseFloorUvPerS * sigma / reference);
            }
        }

        /// <summary>
        /// Every cell's slope has fallen to the configured fraction of its slope at the start of the rest. A cell
        /// that relaxes slowly starts with a small slope and would pass the absolute threshold at once, though it
        /// is far from relaxed; the fraction makes its rest scale with its own relaxation time.
        /// </summary>
        private bool HasDecayedEnough(MeasurementSnapshot snapshot)
        {
            if (!_hasInitialSlope)
            {
                return false;
            }

            int percent = _tuning.SettledFractionPercent;
            for (int i = 0; i < _cellCount; i++)
            {
                int slope = snapshot.RestSlopeUvPerS[_firstCell + i];
                slope = slope < 0 ? -slope : slope;
                if (slope > _slopeFloorUvPerS[i] && (long)slope * 100 > (long)_initialSlopeUvPerS[i] * percent)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Once per group of pulses: the margin target grows while the smoothed polarisation after the pulses is above
        /// the margin and shrinks while below. The polarisation is that of the end of the pulse, so a rest too short
        /// shows in it through the polarisation it carried into the pulse.
        /// </summary>
        private void FollowMargin()
        {
            // What the group measured is the rests it was given, which a pack's rotation may keep longer than the target
            // (a module waits for its grant): over the margin at those rests, the rest must grow from them; within it, they
            // show that a step shorter than they will do, not a step shorter than the target (in a three-module pack
            // rotating at 2 s rests the target went on to 0.7 s within 800 s, and when one module took its reference rest
            // the two others ran at 1 s rests, past the margin).
            long groupMs = _groupRests > 0 ? _groupRestSumMs / _groupRests : 0;
            long inUse = groupMs > _marginTargetMs ? groupMs : _marginTargetMs;
            _groupRestSumMs = 0;
            _groupRests = 0;
            if (_relaxationSmooth >= (long)_tuning.RelaxationMarginMv * Scale)
            {
                long longer = inUse * (100 + _tuning.MarginLengthenPercent) / 100;
                _marginTargetMs = Clamp(longer == inUse ? inUse + 1 : longer);
            }
            else
            {
                long shorter = inUse * (100 - _tuning.MarginShortenPercent) / 100;
                _marginTargetMs = Clamp(shorter < _marginTargetMs ? shorter : _marginTargetMs);
            }
        }

        /// <summary>
        /// The learned target's step towards an observation <paramref name="differenceMs"/> away: an eighth of it (the
        /// running average, truncated), but at least 1 ms. Truncated to 0, a target 1 to 7 ms above its observations
        /// stayed there: a negligible relaxation's target stopped at 507 ms over a 500 ms minimum, and a scheduled module
        /// with it was not ready at a hand-out 500 ms into its rest, where a module whose target had never moved was.
        /// </summary>
        private long AveragingStep(long differenceMs)
        {
            long step = differenceMs / _tuning.SettleAveragingRests;
            return step != 0 ? step : differenceMs > 0 ? 1 : differenceMs < 0 ? -1 : 0;
        }

        private void Lengthen()
        {
            long longer = _targetMs * (100 + _tuning.LengthenPercent) / 100;
            _targetMs = Clamp(longer == _targetMs ? _targetMs + 1 : longer);
        }

        private void Shorten()
        {
            _targetMs = Clamp(_targetMs * (100 - _tuning.ShortenPercent) / 100);
        }

        /// <summary>
        /// Within the protocol's maximum and the stretched minimum (<see cref="FloorRestMs"/>): without the stretch in the
        /// floor, rests that learned from the cell after a depletion warning drifted back to the unstretched minimum,
        /// and the warning's answer undid itself.
        /// </summary>
        private long Clamp(long value)
        {
            long maximum = _protocol.MaximumRestMs;
            long floor = (long)_protocol.MinimumRestMs * _extensionPercent / 100;
            if (floor > maximum)
            {
                floor = maximum;
            }

            if (value < floor)
            {
                return floor;
            }

            return value > maximum ? maximum : value;
        }

        private int LargestOverpotential(MeasurementSnapshot snapshot)
        {
            int largest = int.MinValue;
            for (int c = _firstCell; c < _firstCell + _cellCount; c++)
            {
                if (snapshot.CellValid[c] && snapshot.PulseOverpotentialMv[c] > largest)
                {
                    largest = snapshot.PulseOverpotentialMv[c];
                }
            }

            return largest == int.MinValue ? 0 : largest;
        }

        /// <summary>
        /// The smoothed polarisation that shows the cell carries polarisation over, and the one under which it is negligible
        /// (mV x Scale): the negligible limit, and FirstLevelSigmas standard deviations of what the smoothed polarisation is
        /// measured with on top, from the measured reading noise.
        /// The smoothed polarisation itself: each pulse gives it one reading (the first rest sample), and smoothed over
        /// TrendPulses pulses (T) their variance settles at 1 / (2T - 1) = 1/15 of a reading's, 0.52 mV at 2 mV of noise,
        /// not at nothing. The carry-over flag holds for good once set and is judged at every pulse, so a polarisation that
        /// stays below the limit must not reach it through that scatter: simulated, 0.4 mA/cm2 and 0.5 s rests leave 7.6 mV
        /// without noise and 8.6 mV (median) through 2 mV of noise, whose smoothed readings reached 10 mV after 650-740
        /// pulses on two seeds of three, and the rests waited for the settle test from then on (mean rests 1.5 and 1.8 s over
        /// 2,000 s against 0.5 s). The allowance is the scatter the smoothing settles at, from the TrendPulses-th pulse of it
        /// on, when the flag is first judged: the flag looks thousands of times at that scatter and a handful of times at the
        /// larger one of the first pulses, and allowing for that one too let a module relaxing five times more slowly in an
        /// 8-module pack (12 mV at its 8th pulse, 11 mV after) go unflagged. Before that pulse the negligible limit is the
        /// plain one.
        /// While the rested level is still the one before the first pulse, that level's own noise too. It is the mean of
        /// the few readings the module had before the pulse (one, in a pack whose first pulses go out on its first ticks:
        /// PrePulseSampleCount), and unlike the smoothed polarisation measured against it, its error is the same at every
        /// pulse, so no smoothing takes it out. A level FirstLevelSigmas standard deviations of that mean (the measured
        /// reading noise over sqrt(readings)) too low comes one module in some 700. With 2 mV of noise and one reading that
        /// is 6 mV on top: simulated, 16 identical modules at 4 mA/cm2 whose pulses leave 8 mV read 2 to 13 mV against it,
        /// and a quarter to a third of them (seeds 2-5) were flagged or waited for a settle test, kept 1 s rests, and the
        /// pack cut the others' for them. A renewed level is the mean of a settled rest's readings, and only the smoothed
        /// reading's scatter is allowed for against it. Against the first level the negligible limit leaves that level's
        /// noise out until a rest is cut (IsRelaxationNegligible), so a relaxation in between waits for a settle test that
        /// renews the level.
        /// </summary>
        private void FollowRelaxationLimits(MeasurementSnapshot snapshot)
        {
            long limit = (long)_tuning.NegligibleRelaxationMv * Scale;
            long largest = 0;
            for (int c = _firstCell; c < _firstCell + _cellCount; c++)
            {
                long variance = snapshot.NoiseVarianceCentiMv2[c];
                largest = variance > largest ? variance : largest;
            }

            // Variances in (0.01 mV x Scale)^2, their square roots in 0.01 mV x Scale, then to mV x Scale.
            long smoothed = _relaxationPulses >= TrendPulses ? largest * Scale * Scale / ((2 * TrendPulses) - 1) : 0;
            _negligibleLimitScaled = limit + (FirstLevelSigmas * EdgeResistanceNoise.IntegerSqrt(smoothed) / 100);
            if (_restedCaptures >= 2)
            {
                _accumulationLimitScaled = _negligibleLimitScaled;
                return;
            }

            long readings = _firstLevelReadings < 1 ? 1 : _firstLevelReadings;
            long firstLevel = largest * Scale * Scale / readings;
            _accumulationLimitScaled = limit + (FirstLevelSigmas * EdgeResistanceNoise.IntegerSqrt(smoothed + firstLevel) / 100);
        }

        /// <summary>The largest deviation of a cell from its rested level (mV x Scale).</summary>
        private long LargestDeviationFromRested(MeasurementSnapshot snapshot)
        {
            long largest = 0;
            for (int i = 0; i < _cellCount; i++)
            {
                int c = _firstCell + i;
                long deviation = ((long)snapshot.CellVoltageMv[c] * Scale) - _restedScaled[i];
                deviation = deviation < 0 ? -deviation : deviation;
                if (snapshot.CellValid[c] && deviation > largest)
                {
                    largest = deviation;
                }
            }

            return largest;
        }

        private int LargestResidual(MeasurementSnapshot snapshot)
        {
            int largest = 0;
            for (int c = _firstCell; c < _firstCell + _cellCount; c++)
            {
                int residual = snapshot.CellVoltageMv[c] - snapshot.PrePulseVoltageMv[c];
                residual = residual < 0 ? -residual : residual;
                if (snapshot.CellValid[c] && residual > largest)
                {
                    largest = residual;
                }
            }

            return largest;
        }
    }
}
