// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Detection;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Diagnosis.Detectors
{
    /// <summary>
    /// Depletion onset per cell ([W]: the interfacial Na runs out, the voltage rises non-linearly to the
    /// cut-off). Three views:
    /// per-pulse overpotential against a slowly following baseline, accumulated in a CUSUM graded into
    /// info / warning / fault; the pulse-edge resistance against its own baseline; and within each
    /// pulse, a later window rising faster than the earlier one (diffusion alone rises like sqrt(t),
    /// so a convex rise means the interface is running dry).
    /// </summary>
    [HotPath]
    public sealed class DepletionOnsetDetector
    {
        private readonly DepletionConfiguration _configuration;
        private readonly PackLayout _layout;

        // Baselines are kept in mV * BaselineScale so the slow average keeps its fraction without floating point.
        private const int BaselineScale = 256;
        private readonly long[] _overpotentialBaseline;
        private readonly long[] _resistanceBaseline;
        private readonly int[] _pulsesSeen;
        private readonly int[] _cusumMv;

        // Per cell, while the baseline is learned: the overpotentials (mV) of the block's earlier and later half (its
        // first and last BaselinePulses / 2 pulses), and the strip pulses since the learning began. While the cell is
        // leaving rest (its first baseline since start-up, a fault reset, a refill or a start after a long stop), a block whose later half rises
        // above its earlier one by the CUSUM's slack or more is not learned, and the learning starts again with the next
        // block (DepletionConfiguration.BaselineSettleMaximumPulses). At a new operating point of a running cell the
        // interface is already in its pulse regime: a response that rises there is the interface running down, and act
        // mode's ladder needs the trend's next rung in a few pulses.
        private readonly long[] _earlierHalfSumMv;
        private readonly long[] _laterHalfSumMv;
        private readonly int[] _learningPulses;
        private readonly bool[] _leavingRest;

        // Per cell: the overpotential learned at the present operating point (mV * BaselineScale), the highest the
        // baseline may follow drift to, and the operating point it was learned at: the pulse current (uA) and the
        // length (ms) the protocol gives the strip step the pulse ran (0: a step without a length, or none told).
        private readonly long[] _baselineCeiling;
        private readonly int[] _operatingPointCurrentUa;

        // Per cell: the baseline (mV * BaselineScale) a cell leaving rest after a long stop had learned at this operating
        // point before it; 0: none. The baseline it learns from its settled pulses is taken no higher: a rested healthy
        // cell settles back at or below it, and a cell that neared depletion before the stop is still above it.
        private readonly long[] _baselineBeforeRest;
        private readonly long[] _operatingPointPulseMs;

        // Per cell: the protocol's rest length (ms) at the operating point the baseline was learned at (see NoteStripStep).
        private readonly long[] _operatingPointRestMs;

        // Per module: the protocol's length (ms) of the strip step the module entered last (NoteStripStep), and the
        // setpoint (uA) of the previous sample's interval.
        private readonly long[] _stripStepMs;
        private readonly long[] _protocolRestMs;
        private readonly int[] _previousSetpointUa;

        // Per module, for leaving rest (see StripPulseStarted): the longest rest the protocol gives the module, as the
        // duty cycle told it with its last strip step (ms); when its last pulse ended (ms, -1: none yet); and the usual
        // gap between its pulses (ms), the longest recent one, fading by 1 / BaselinePulses a strip pulse.
        private readonly long[] _longestRestMs;
        private readonly long[] _currentEndedAtMs;
        private readonly long[] _usualGapMs;

        // Per module: the typical gap between its strip pulses (ms), their mean, following each gap by 1 / BaselinePulses
        // (-1: none since start-up or leaving rest); and whether the pulse under way began after a gap shorter than
        // DepletionConfiguration.ShortRestPercent of it (its overpotential is not judged).
        private readonly long[] _typicalGapMs;
        private readonly bool[] _shortRest;

        /// <summary>
        /// A rest shorter than the typical gap by this much or less (ms) is no shorter rest, whatever the percentage: the
        /// interface relaxes over seconds ([W]: 2-5 s), and a protocol without a rest step (a typical gap of 0 to a few ms,
        /// its pulses following each other) held for a few ticks would mark its next pulses short.
        /// </summary>
        private const long ShortRestMinimumMs = 250;

        // Per module: the pulse that ends next was cut off by a stop, a suspension or the protocol's end (a cut-off, a
        // capacity or time limit; NotePulseCut), not run to its length: its overpotential carries no verdict and the
        // baseline does not follow it.
        private readonly bool[] _pulseCut;

        // Per module: until when (ms) a rise of the setpoint within a pulse may still be in the samples, so their
        // differences are no climbs.
        private readonly long[] _setpointSettledAtMs;

        /// <summary>
        /// Samples after the one in which a pulse's setpoint rose that may still carry part of the voltage's step: a
        /// front end's anti-alias filter spreads a step over two samples, and a current stage may take a sample to settle.
        /// </summary>
        private const int SetpointSettleSamples = 2;
        private readonly long _setpointSettleMs;

        // Per cell: until when (ms) the shape windows still hold a step, and until when a step away from 0 V
        // is a shunt letting go (a step toward 0 V came shortly before it).
        private readonly long[] _stepInWindowUntilMs;
        private readonly long[] _shuntLetGoUntilMs;

        /// <summary>
        /// After a step toward 0 V (a shunt connecting), a step back away from 0 V within this time is the shunt
        /// letting go. Without such a step before it, a jump away from 0 V is the interface running dry: in the
        /// last 0.1 s before the cut-off the voltage climbs by tens to hundreds of mV a sample, and hiding those
        /// windows as steps let the cut-off come with no warning at all.
        /// </summary>
        private const long ShuntLetGoMs = 2000;
        private readonly long _shapeSpanMs;

        // Per cell: the later window's rise the shape test needs, the configured floor or the noise limit,
        // whichever is larger; renewed at every pulse edge from the measured reading noise.
        private readonly int[] _shapeRiseLimitMv;

        // Per cell: how much more the later window must rise than the earlier one, from the measured reading noise
        // alone (0 until it is measured: the floors of the rise limit govern). The convexity is the difference of the
        // two windows, the shape points' second difference; a limit on the later window alone counts the rise diffusion
        // gives it anyway (6-11 mV a window late in a 1 s pulse at 1 mA/cm2) toward the noise margin, and one low middle
        // point raises the later window and lowers the earlier one at once: at 4 mV of reading noise healthy NaK50
        // cells at 1 s / 2 s pulses warned 35-99 times per module, from half an hour on and some 75 ks before their
        // cut-offs, on windows whose true rise was concave.
        private readonly int[] _shapeConvexityLimitMv;

        // Per cell: a sample-to-sample rise away from 0 V that is the interface running dry, not noise: the step
        // size or the noise limit of one difference, whichever is larger.
        private readonly int[] _runawayStepLimitMv;

        // Per cell: the CUSUM's slack per pulse, the configured one or the noise limit of a pulse's overpotential,
        // whichever is larger; renewed with the other noise limits.
        private readonly int[] _cusumSlackMv;

        // Per cell: the CUSUM's info, warning and fault levels, the configured ones or, scaled alike, the noise limit
        // of a pulse's overpotential for the info level, whichever is larger; renewed with the other noise limits.
        private readonly int[] _cusumInfoMv;
        private readonly int[] _cusumWarningMv;
        private readonly int[] _cusumFaultMv;

        // Per cell: when (ms) the cell last climbed away from 0 V by at least half its run-away limit, and by how
        // much (mV). A run-away is two climbs in a row, the second at the full limit and larger than the first by
        // the acceleration margin: running dry accelerates (3, 5, 9, 15, 30, 76 mV a sample before a cut-off),
        // while noise alternates (consecutive differences of white noise correlate -0.5), so one large difference
        // after another is a 1e-5 event even at three sigma. Diffusion alone also climbs fast at the start of a
        // steep pulse, but ever slower (sqrt(t) is concave): two large climbs in a row, the second smaller.
        private readonly long[] _climbAtMs;
        private readonly int[] _climbMv;

        // Per cell: how much larger than the climb before it a run-away's climb must be (mV): half the run-away
        // limit or the noise limit of a second difference, whichever is larger. Near its steep start a sqrt(t)
        // rise is nearly straight, and noise alone lets one climb exceed the one before about every other time.
        private readonly int[] _runawayAccelerationMv;

        public DepletionOnsetDetector(ControllerConfiguration configuration, PackLayout layout)
        {
            _configuration = configuration.Depletion;
            _layout = layout;
            int cells = layout.CellCount;
            _overpotentialBaseline = new long[cells];
            _resistanceBaseline = new long[cells];
            _pulsesSeen = new int[cells];
            _cusumMv = new int[cells];
            _earlierHalfSumMv = new long[cells];
            _laterHalfSumMv = new long[cells];
            _learningPulses = new int[cells];
            _leavingRest = new bool[cells];
            _baselineCeiling = new long[cells];
            _operatingPointCurrentUa = new int[cells];
            _baselineBeforeRest = new long[cells];
            _operatingPointPulseMs = new long[cells];
            _operatingPointRestMs = new long[cells];
            _stripStepMs = new long[layout.ModuleCount];
            _protocolRestMs = new long[layout.ModuleCount];
            _previousSetpointUa = new int[layout.ModuleCount];
            _longestRestMs = new long[layout.ModuleCount];
            _currentEndedAtMs = new long[layout.ModuleCount];
            _usualGapMs = new long[layout.ModuleCount];
            _typicalGapMs = new long[layout.ModuleCount];
            _shortRest = new bool[layout.ModuleCount];
            for (int m = 0; m < layout.ModuleCount; m++)
            {
                _currentEndedAtMs[m] = -1;
                _typicalGapMs[m] = -1;
            }

            _pulseCut = new bool[layout.ModuleCount];
            _setpointSettledAtMs = new long[layout.ModuleCount];
            _setpointSettleMs = SetpointSettleSamples * (long)configuration.SamplePeriodMs;
            _stepInWindowUntilMs = new long[cells];
            _shuntLetGoUntilMs = new long[cells];
            _shapeSpanMs = (2L * _configuration.ShapeWindowMs) + (PackMeasurement.ShapePointSamples * (long)configuration.SamplePeriodMs);
            _shapeRiseLimitMv = new int[cells];
            for (int c = 0; c < cells; c++)
            {
                _shapeRiseLimitMv[c] = _configuration.ShapeMinimumRiseMv;
            }

            _shapeConvexityLimitMv = new int[cells];
            _runawayStepLimitMv = new int[cells];
            _cusumSlackMv = new int[cells];
            _cusumInfoMv = new int[cells];
            _cusumWarningMv = new int[cells];
            _cusumFaultMv = new int[cells];
            _climbAtMs = new long[cells];
            _climbMv = new int[cells];
            _runawayAccelerationMv = new int[cells];
            for (int c = 0; c < cells; c++)
            {
                _runawayStepLimitMv[c] = _configuration.ShapeStepMv;
                _runawayAccelerationMv[c] = _configuration.ShapeStepMv / 2;
                _cusumSlackMv[c] = _configuration.CusumSlackMv;
                _cusumInfoMv[c] = _configuration.CusumInfoMv;
                _cusumWarningMv[c] = _configuration.CusumWarningMv;
                _cusumFaultMv[c] = _configuration.CusumFaultMv;
                _climbAtMs[c] = -1;
                _leavingRest[c] = true;
            }
        }

        /// <summary>Current CUSUM of a cell (mV), for telemetry and tests.</summary>
        public int CusumMv(int cell) => _cusumMv[cell];

        /// <summary>
        /// Fault reset: the module's cells learn their baselines afresh and their CUSUMs start at 0, so only
        /// pulses after the reset can raise a depletion diagnosis again.
        /// </summary>
        public void ResetModule(int module)
        {
            _pulseCut[module] = false;
            int first = _layout.FirstCellOf(module);
            for (int c = first; c < first + _layout.CellsPerModule; c++)
            {
                Relearn(c);
                _leavingRest[c] = true;
                _stepInWindowUntilMs[c] = 0;
                _shuntLetGoUntilMs[c] = 0;
            }
        }

        /// <summary>
        /// The module was refilled (it plated back what it stripped up to its depletion onset, and act mode undid its
        /// reductions): its cells learn their baselines afresh and their CUSUMs start at 0, since the trend was built
        /// on the emptied anode. The trend's diagnoses heal while the baselines are learned, as at a new operating point.
        /// </summary>
        public void RelearnModule(int module)
        {
            int first = _layout.FirstCellOf(module);
            for (int c = first; c < first + _layout.CellsPerModule; c++)
            {
                Relearn(c);
                _leavingRest[c] = true;
            }
        }

        /// <summary>
        /// The module's pulse under way was cut off by a stop command or a suspension: the pulse that ends next is no
        /// pulse of the protocol. A stop a few samples into a pulse ends it at little more than its ohmic step, and the
        /// baseline, which follows quiet pulses by a fifth of the difference, dropped by some 20 mV on it.
        /// </summary>
        public void NotePulseCut(int module)
        {
            _pulseCut[module] = true;
        }

        /// <summary>
        /// A strip pulse of the module began in the interval this sample ends. A gap since its last pulse longer than
        /// <see cref="DepletionConfiguration.LeavingRestAfterRestPercent"/> of the longer of the protocol's longest rest
        /// and the module's usual gap is leaving rest (<see cref="LeaveRest"/>), whatever kept the current off: a stop and a
        /// start, a suspension, the pack scheduler withholding its grant, a hold. The usual gap keeps a rotation that rests
        /// every module longer than its protocol's rest, steadily or every other pulse, from relearning at each pulse: its
        /// pulses are in their regime at those rests. The gap must also exceed
        /// <see cref="DepletionConfiguration.LeavingRestMinimumMs"/>: a protocol without a rest step has a reference of 0.
        /// A gap shorter than <see cref="DepletionConfiguration.ShortRestPercent"/> of the module's typical gap (and by more
        /// than <see cref="ShortRestMinimumMs"/>) marks the pulse's end as no verdict for the trend.
        /// </summary>
        private void StripPulseStarted(int module, long nowMs)
        {
            long endedAtMs = _currentEndedAtMs[module];
            if (endedAtMs < 0)
            {
                // The first pulse: the cells are leaving rest already.
                return;
            }

            long gapMs = nowMs - endedAtMs;
            long usualMs = _usualGapMs[module];
            long restMs = _longestRestMs[module];
            long referenceMs = usualMs > restMs ? usualMs : restMs;
            long typicalMs = _typicalGapMs[module];
            _shortRest[module] = false;
            if (gapMs > referenceMs * _configuration.LeavingRestAfterRestPercent / 100 && gapMs > _configuration.LeavingRestMinimumMs)
            {
                LeaveRest(module);

                // The gaps after it are the module's typical ones, not the one it rested.
                _typicalGapMs[module] = -1;
            }
            else if (typicalMs < 0)
            {
                _typicalGapMs[module] = gapMs;
            }
            else
            {
                _shortRest[module] = gapMs * 100 < typicalMs * _configuration.ShortRestPercent && typicalMs - gapMs > ShortRestMinimumMs;

                // Rounded away from the typical gap, so it reaches a steady gap instead of stopping a few ms short.
                long length = _configuration.BaselinePulses;
                long differenceMs = gapMs - typicalMs;
                _typicalGapMs[module] = typicalMs + ((differenceMs + (differenceMs < 0 ? 1 - length : length - 1)) / length);
            }

            long fadedMs = usualMs - (usualMs / _configuration.BaselinePulses);
            _usualGapMs[module] = gapMs > fadedMs ? gapMs : fadedMs;
        }

        /// <summary>
        /// The module starts pulsing again after resting far longer than its rests (see <see cref="StripPulseStarted"/>):
        /// its interface relaxed, so its cells leave rest as at start-up. They learn their baselines afresh from pulses
        /// that have settled and their CUSUMs start at 0; judged against the baseline of the pulses before the gap, the
        /// rested cell's lower first pulses pulled the baseline down and the climb back into the pulse regime was summed
        /// as a trend.
        /// </summary>
        private void LeaveRest(int module)
        {
            int first = _layout.FirstCellOf(module);
            int length = _configuration.BaselinePulses;
            for (int c = first; c < first + _layout.CellsPerModule; c++)
            {
                // A baseline learned at this operating point bounds the one learned afresh (and keeps its ceiling): the
                // rest relaxes the interface, it puts back no sodium, so a cell whose pulses had risen toward depletion
                // before the stop is judged against the level it rose from, not the risen one.
                long before = _pulsesSeen[c] >= length ? _overpotentialBaseline[c] : 0;
                Relearn(c);
                _baselineBeforeRest[c] = before;
                _leavingRest[c] = true;
            }
        }

        private void Relearn(int cell)
        {
            _overpotentialBaseline[cell] = 0;
            _resistanceBaseline[cell] = 0;
            _pulsesSeen[cell] = 0;
            _cusumMv[cell] = 0;
            _earlierHalfSumMv[cell] = 0;
            _laterHalfSumMv[cell] = 0;
            _learningPulses[cell] = 0;
            _baselineBeforeRest[cell] = 0;
        }

        /// <summary>
        /// The module's duty cycle entered a strip step whose length the protocol gives as <paramref name="stepLengthMs"/>
        /// (0: until a stop condition). The pulses it runs are judged at that length, whatever shortened them: the pulse
        /// tuner's percentage, an aborted pulse or the scheduler's early end are the controller's own doing, and a
        /// shorter pulse is no new operating point, or the answer to depletion would relearn the baseline that showed it.
        /// <paramref name="longestRestMs"/>: the longest rest the protocol gives the module now (a fixed rest as the rest
        /// tuner stretches it, an adaptive rest's maximum; 0 without a rest step), against which a gap before the pulse
        /// is leaving rest (<see cref="StripPulseStarted"/>).
        /// <paramref name="protocolRestMs"/>: the rest the protocol itself gives (a fixed rest step's length, an adaptive
        /// rest's minimum; 0 without a rest step), part of the operating point like the pulse length: a protocol with a
        /// shorter rest leaves more polarisation at every pulse, whose pulses end higher by design (NaK50 at 1 mA/cm2, 3 s
        /// to 1 s: 7-11 % higher, simulated). What act mode stretches and the rest tuner learns is not the protocol's.
        /// </summary>
        public void NoteStripStep(int module, long stepLengthMs, long longestRestMs, long protocolRestMs)
        {
            _stripStepMs[module] = stepLengthMs;
            _longestRestMs[module] = longestRestMs;
            _protocolRestMs[module] = protocolRestMs;
        }

        /// <summary>
        /// A pulse's current or its step's length differs from the operating point the cell's baseline was learned at by
        /// more than <see cref="DepletionConfiguration.OperatingPointChangePercent"/>: a longer pulse at the same current
        /// ends at a larger overpotential by design (diffusion rises like sqrt t), so the two are not comparable.
        /// </summary>
        private bool IsNewOperatingPoint(int cell, int currentUa, long pulseMs, long restMs)
        {
            int percent = _configuration.OperatingPointChangePercent;
            return Differs(currentUa, _operatingPointCurrentUa[cell], percent) || Differs(pulseMs, _operatingPointPulseMs[cell], percent)
                || Differs(restMs, _operatingPointRestMs[cell], percent);
        }

        private static bool Differs(long value, long learned, int percent)
        {
            long difference = value - learned;
            difference = difference < 0 ? -difference : difference;
            long learnedMagnitude = learned < 0 ? -learned : learned;
            return difference * 100 > learnedMagnitude * percent;
        }

        public void Evaluate(MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            // Arrays and counts in locals: on the device every field and property load is an interpreted instruction.
            bool[] noiseRenewed = snapshot.NoiseRenewed;
            bool[] pulseEnded = snapshot.PulseEnded;
            bool[] edgeMeasured = snapshot.EdgeMeasured;
            ModulePhase[] phases = snapshot.Phase;
            bool[] shapeValid = snapshot.ShapeValid;
            int modules = _layout.ModuleCount;
            int cellsPerModule = _layout.CellsPerModule;
            bool[] latched = diagnosis.ModuleLatched;
            int[] setpoints = snapshot.SetpointUa;
            int[] currents = snapshot.ModuleCurrentUa;
            bool[] currentValid = snapshot.ModuleCurrentValid;
            for (int m = 0; m < modules; m++)
            {
                int setpointUa = setpoints[m];
                int previousSetpointUa = _previousSetpointUa[m];
                _previousSetpointUa[m] = setpointUa;
                if (latched[m])
                {
                    // Held, its switch open: no new verdicts. The pulse its isolation aborted ends with an edge and an
                    // overpotential measured across the fault that isolated it, and a fault reset relearns the module.
                    continue;
                }

                int first = m * cellsPerModule;
                int last = first + cellsPerModule;
                bool ended = pulseEnded[m];
                bool cut = false;
                if (ended)
                {
                    cut = _pulseCut[m];
                    _pulseCut[m] = false;
                    _currentEndedAtMs[m] = snapshot.TimestampMs;
                }

                if (snapshot.PhaseStarted[m] && phases[m] == ModulePhase.Current && setpointUa > 0)
                {
                    StripPulseStarted(m, snapshot.TimestampMs);
                }

                if (ended)
                {
                    // Stripping depletes the interface; plating piles metal up (the soft-short detector watches that).
                    // So the per-pulse trend follows strip pulses only: a plate pulse of a strip/plate cycle is another
                    // direction, not a new operating point, and learning afresh at each one kept the CUSUM from ever
                    // running on a cycling protocol.
                    // The operating point is the current the pulse ended at, where its overpotential was measured: a stair
                    // (strip steps in a row at rising currents) ends at its last stair, whose step length the pulse is
                    // judged at too. Its first stair's current left an operator's higher last stair, or a derate lifted
                    // within a pulse, the same operating point, and the higher end-of-pulse level a trend.
                    int currentUa = snapshot.LastPulseClosingCurrentUa[m];

                    // A pulse after a shorter rest than the module's typical one starts from more polarisation and ends
                    // higher by design: no verdict, and the baseline does not follow it (ShortRestPercent).
                    bool shortRest = _shortRest[m];
                    _shortRest[m] = false;
                    if (!cut && snapshot.LastPulseCurrentUa[m] >= 0 && currentUa >= 0)
                    {
                        long pulseMs = _stripStepMs[m];
                        long restMs = _protocolRestMs[m];
                        for (int c = first; c < last; c++)
                        {
                            if (IsNewOperatingPoint(c, currentUa, pulseMs, restMs))
                            {
                                Relearn(c);
                                _operatingPointCurrentUa[c] = currentUa;
                                _operatingPointPulseMs[c] = pulseMs;
                                _operatingPointRestMs[c] = restMs;
                            }

                            if (snapshot.CellValid[c] && !shortRest)
                            {
                                EvaluatePulse(c, EdgeResistanceNoise.SigmaMilliohm(snapshot.NoiseVarianceCentiMv2[c], snapshot.EdgeCurrentUa[m]), snapshot, diagnosis);
                            }
                        }
                    }

                    if (!diagnosis.IsQuiet(DiagnosisId.DepletionNonlinearRise))
                    {
                        // Each pulse starts its shape windows afresh, and so its debounce: one convex window at the
                        // end of a pulse and one at the start of the next are not two in a row. An active warning
                        // keeps healing on pulse samples only.
                        for (int c = first; c < last; c++)
                        {
                            if (!diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, c))
                            {
                                diagnosis.Report(DiagnosisId.DepletionNonlinearRise, c, false, 0, _shapeRiseLimitMv[c]);
                            }
                        }
                    }
                }

                if (edgeMeasured[m] || noiseRenewed[m])
                {
                    for (int c = first; c < last; c++)
                    {
                        if (snapshot.CellValid[c])
                        {
                            int varianceCentiMv2 = snapshot.NoiseVarianceCentiMv2[c];
                            // A run-away compares two readings (sqrt(2) sigma), and two such climbs in a row three
                            // (a second difference, sqrt(6) sigma); the shape test's later window two means of
                            // ShapePointSamples readings (sigma x sqrt(2 / ShapePointSamples)) and its convexity three
                            // (later minus earlier window: weights 1, -2, 1, sigma x sqrt(6 / ShapePointSamples)); a
                            // pulse's overpotential two means of BaselineSamples readings.
                            _shapeRiseLimitMv[c] = NoiseLimit.Mv(2L * varianceCentiMv2 / PackMeasurement.ShapePointSamples, _configuration.ShapeRiseSigmaTenths, _configuration.ShapeMinimumRiseMv);
                            _shapeConvexityLimitMv[c] = NoiseLimit.Mv(6L * varianceCentiMv2 / PackMeasurement.ShapePointSamples, _configuration.ShapeRiseSigmaTenths, 0);
                            _runawayStepLimitMv[c] = NoiseLimit.Mv(2L * varianceCentiMv2, _configuration.ShapeRiseSigmaTenths, _configuration.ShapeStepMv);
                            _runawayAccelerationMv[c] = NoiseLimit.Mv(6L * varianceCentiMv2, _configuration.RunawayAccelerationSigmaTenths, _runawayStepLimitMv[c] / 2);
                            _cusumSlackMv[c] = NoiseLimit.Mv(2L * varianceCentiMv2 / PackMeasurement.BaselineSamples, _configuration.CusumSlackSigmaTenths, _configuration.CusumSlackMv);
                            RenewCusumLevels(c, varianceCentiMv2);
                        }
                    }
                }

                // Only pulses have shape windows, and each pulse starts them afresh: steps at rest do not matter.
                // A reversal (a pulse ended with the current still on) swings through zero: an edge, not a climb.
                if (phases[m] == ModulePhase.Current && !ended && !snapshot.PhaseStarted[m])
                {
                    if (setpointUa != previousSetpointUa && (long)setpointUa * previousSetpointUa > 0
                        && (setpointUa > 0 ? setpointUa > previousSetpointUa : setpointUa < previousSetpointUa))
                    {
                        // The setpoint rose within the pulse (the next of two strip steps, a lifted derate): the cell's
                        // ohmic step is an edge, not a climb, however small (20.3 mV at a NaK50 cell's 0.1 to
                        // 0.2 mA/cm2 stair, just over the step size and, spread over two samples by an anti-alias
                        // filter, under it). The shape windows start afresh after it, as at a pulse's start.
                        SetpointRose(m, first, last, snapshot.TimestampMs);
                    }
                    else if (snapshot.TimestampMs > _setpointSettledAtMs[m])
                    {
                        int half = _configuration.ShapeStepMv / 2;
                        if (snapshot.MinimumDeltaMv[m] <= -half || snapshot.MaximumDeltaMv[m] >= half)
                        {
                            TrackSteps(first, last, (currentValid[m] ? currents[m] : setpointUa) >= 0, snapshot, diagnosis);
                        }
                    }
                }

                if (shapeValid[m])
                {
                    long now = snapshot.TimestampMs;

                    // The direction the current flows: the measured one when it can be trusted, else the setpoint, as
                    // charge and the hard-short test take it. A saturated channel carries its rail (below its range at 0
                    // counts), which for the ticks before currentChannelSaturated latches read a strip pulse as plating:
                    // its climb toward the cut-off as a shunt's step toward 0 V (TrackSteps), its convex rise as a fall.
                    bool stripping = (currentValid[m] ? currents[m] : setpointUa) >= 0;
                    for (int c = first; c < last; c++)
                    {
                        if (snapshot.CellValid[c])
                        {
                            EvaluateShape(c, stripping, now < _stepInWindowUntilMs[c], snapshot, diagnosis);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The module's setpoint rose within a pulse in the interval this sample ends: the shape windows give no verdict
        /// until they hold no sample of the step (one shape span after the settling samples), and no sample until it
        /// has settled counts as a climb, so the run-away's tracking starts afresh after it, as at a pulse's start.
        /// </summary>
        private void SetpointRose(int module, int first, int last, long nowMs)
        {
            long settledAtMs = nowMs + _setpointSettleMs;
            _setpointSettledAtMs[module] = settledAtMs;
            long heldUntilMs = settledAtMs + _shapeSpanMs;
            for (int c = first; c < last; c++)
            {
                if (_stepInWindowUntilMs[c] < heldUntilMs)
                {
                    _stepInWindowUntilMs[c] = heldUntilMs;
                }

                _climbAtMs[c] = -1;
            }
        }

        /// <summary>
        /// A pulse sample of the module, not at its start or end, in which a cell moved by at least half a step: a step
        /// toward 0 V (a shunt) holds the shape windows, a run-away climb away from it warns at once.
        /// </summary>
        private void TrackSteps(int first, int last, bool strippingNow, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            int step = _configuration.ShapeStepMv;
            long now = snapshot.TimestampMs;
            // A shunt pulls the cell toward 0 V: down while stripping, up while plating.
            int[] deltas = snapshot.CellDeltaMv;
            long previousTickMs = now - snapshot.IntervalMs;
            for (int c = first; c < last; c++)
            {
                int towardZero = strippingNow ? -deltas[c] : deltas[c];
                if (towardZero >= step)
                {
                    _stepInWindowUntilMs[c] = now + _shapeSpanMs;
                    _shuntLetGoUntilMs[c] = now + ShuntLetGoMs;
                }
                else
                {
                    int awayMv = -towardZero;
                    int limitMv = _runawayStepLimitMv[c];
                    bool acceleratedFromClimb = _climbAtMs[c] == previousTickMs && awayMv - _climbMv[c] > _runawayAccelerationMv[c];
                    if (awayMv >= step)
                    {
                        _stepInWindowUntilMs[c] = now + _shapeSpanMs;
                        if (acceleratedFromClimb && awayMv >= limitMv && now >= _shuntLetGoUntilMs[c] && snapshot.CellValid[c])
                        {
                            // No shunt let go: the interface is running dry faster than the shape windows
                            // can show (in the last 0.1 s before the cut-off the voltage climbs by tens to
                            // hundreds of mV a sample, often within the first shape span of a pulse).
                            diagnosis.Report(DiagnosisId.DepletionNonlinearRise, c, true, awayMv, limitMv);
                        }
                    }

                    if (awayMv >= limitMv / 2)
                    {
                        _climbAtMs[c] = now;
                        _climbMv[c] = awayMv;
                    }
                }
            }
        }

        /// <summary>
        /// The CUSUM's levels from the measured reading noise: a fixed info level a couple of sigma above the slack is
        /// reached by a healthy sum's random walk within minutes. The warning and fault levels keep their configured
        /// proportion to the info level. Once per noise renewal per cell.
        /// </summary>
        private void RenewCusumLevels(int cell, int varianceCentiMv2)
        {
            int configuredInfoMv = _configuration.CusumInfoMv;
            int infoMv = NoiseLimit.Mv(2L * varianceCentiMv2 / PackMeasurement.BaselineSamples, _configuration.CusumLevelSigmaTenths, configuredInfoMv);
            _cusumInfoMv[cell] = infoMv;
            _cusumWarningMv[cell] = (int)((long)_configuration.CusumWarningMv * infoMv / configuredInfoMv);
            _cusumFaultMv[cell] = (int)((long)_configuration.CusumFaultMv * infoMv / configuredInfoMv);
        }

        private void EvaluatePulse(int cell, long resistanceSigmaMilliohm, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            int overpotential = snapshot.PulseOverpotentialMv[cell];
            int resistance = snapshot.EdgeResistanceMilliohm[cell];
            int seen = _pulsesSeen[cell];
            int length = _configuration.BaselinePulses;
            int infoMv = _cusumInfoMv[cell];
            int warningMv = _cusumWarningMv[cell];
            int faultMv = _cusumFaultMv[cell];
            if (seen < length)
            {
                // While the baseline is learned afresh (a new operating point) the trend has no evidence, so its
                // diagnoses heal: a fault still active from the old current would never set again, and the ladder
                // would stop at its first rung while the cell runs on to the cut-off.
                diagnosis.Report(DiagnosisId.DepletionTrendInfo, cell, false, 0, infoMv);
                diagnosis.Report(DiagnosisId.DepletionTrendWarning, cell, false, 0, warningMv);
                diagnosis.Report(DiagnosisId.DepletionTrendFault, cell, false, 0, faultMv);

                // Learn: plain running mean over a block of pulses.
                _overpotentialBaseline[cell] = ((_overpotentialBaseline[cell] * seen) + ((long)overpotential * BaselineScale)) / (seen + 1);
                _resistanceBaseline[cell] = ((_resistanceBaseline[cell] * seen) + resistance) / (seen + 1);
                int half = length / 2;
                if (seen < half)
                {
                    _earlierHalfSumMv[cell] += overpotential;
                }

                if (seen >= length - half)
                {
                    _laterHalfSumMv[cell] += overpotential;
                }

                int learning = _learningPulses[cell];
                if (learning < int.MaxValue)
                {
                    _learningPulses[cell] = learning + 1;
                }

                if (seen + 1 < length)
                {
                    _pulsesSeen[cell] = seen + 1;
                    return;
                }

                // The block is complete. A cell leaving rest has settled when the block's later half is less than the
                // slack above its earlier half (the CUSUM forgives that much a pulse; a response still rising by more
                // within the block would leave the baseline below it and be summed as a trend), or has waited long
                // enough: a response that keeps rising block after block is the interface running down.
                bool settled = !_leavingRest[cell] || _laterHalfSumMv[cell] - _earlierHalfSumMv[cell] < (long)_cusumSlackMv[cell] * half;
                _earlierHalfSumMv[cell] = 0;
                _laterHalfSumMv[cell] = 0;
                if (!settled && learning + 1 < _configuration.BaselineSettleMaximumPulses)
                {
                    // Learn afresh from the next block.
                    _overpotentialBaseline[cell] = 0;
                    _resistanceBaseline[cell] = 0;
                    _pulsesSeen[cell] = 0;
                    return;
                }

                _pulsesSeen[cell] = length;
                _leavingRest[cell] = false;

                // A cell that shows no overpotential at this current has nothing to cap: its baseline follows freely.
                long learned = _overpotentialBaseline[cell];
                long before = _baselineBeforeRest[cell];
                if (before > 0)
                {
                    // Back from a long stop at the same operating point: no higher than before it, under the same ceiling.
                    _baselineBeforeRest[cell] = 0;
                    _overpotentialBaseline[cell] = learned > before ? before : learned;
                    return;
                }

                _baselineCeiling[cell] = learned > 0 ? learned * (100 + _configuration.BaselineDriftLimitPercent) / 100 : long.MaxValue;
                return;
            }

            // Rounded, not truncated: truncation biases every excess upward by half a mV on average.
            int baselineMv = (int)((_overpotentialBaseline[cell] + (BaselineScale / 2)) / BaselineScale);
            int excess = overpotential - baselineMv - _cusumSlackMv[cell];
            int cusum = _cusumMv[cell] + excess;
            cusum = cusum < 0 ? 0 : cusum;
            _cusumMv[cell] = cusum;

            diagnosis.Report(DiagnosisId.DepletionTrendInfo, cell, cusum >= infoMv, cusum, infoMv);
            diagnosis.Report(DiagnosisId.DepletionTrendWarning, cell, cusum >= warningMv, cusum, warningMv);
            diagnosis.Report(DiagnosisId.DepletionTrendFault, cell, cusum >= faultMv, cusum, faultMv);

            // Risen: above the percentage of the baseline and by more than noise makes one edge reading scatter
            // (at a small current step the percentage alone is a few standard deviations of noise).
            long resistanceBaseline = _resistanceBaseline[cell];
            long percentLimit = resistanceBaseline * _configuration.EdgeResistanceRisePercent / 100;
            long noiseLimit = resistanceBaseline + (resistanceSigmaMilliohm * _configuration.EdgeResistanceRiseSigmaTenths / 10);
            long limit = percentLimit > noiseLimit ? percentLimit : noiseLimit;
            bool risen = resistanceBaseline > 0 && resistance > limit;
            diagnosis.Report(DiagnosisId.DepletionEdgeResistanceRise, cell, risen, resistance, limit > int.MaxValue ? int.MaxValue : (int)limit);

            // The baselines follow slow drift (bulk composition, temperature) only while the cell is
            // quiet, so a growing trend is not absorbed into its own reference. Quiet means below the info
            // level, not a CUSUM of exactly 0: that would update the baseline only after below-average pulses,
            // pull it low by about one noise sigma and let a healthy noisy cell walk up to the fault level.
            if (cusum < infoMv)
            {
                long followed = _overpotentialBaseline[cell] + ((((long)overpotential * BaselineScale) - _overpotentialBaseline[cell]) / length);
                long ceiling = _baselineCeiling[cell];
                _overpotentialBaseline[cell] = followed > ceiling ? ceiling : followed;
            }

            if (!risen)
            {
                _resistanceBaseline[cell] += (resistance - resistanceBaseline) / length;
            }
        }

        private void EvaluateShape(int cell, bool stripping, bool stepInWindow, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            if (stepInWindow)
            {
                // No verdict either way: a window holding a shunt's step says nothing about the interface.
                return;
            }

            int early = snapshot.ShapeEarlyRiseMv[cell];
            int late = snapshot.ShapeLateRiseMv[cell];
            if (!stripping)
            {
                early = -early;
                late = -late;
            }

            // Convex: the later window rises by more than the percentage of the earlier one, by a margin noise
            // cannot produce, and faster than the earlier one by a margin noise cannot produce either.
            // A soft-short spike that recovers also rises fast, but only back to where it dropped from: its
            // earlier window falls. Depletion keeps rising, so the earlier window must not fall.
            int riseLimitMv = _shapeRiseLimitMv[cell];
            bool convex = late >= riseLimitMv
                && early >= 0
                && (long)late * 100 > (long)early * _configuration.ShapeConvexityPercent
                && late - early >= _shapeConvexityLimitMv[cell];
            if (convex || !diagnosis.IsQuiet(DiagnosisId.DepletionNonlinearRise))
            {
                diagnosis.Report(DiagnosisId.DepletionNonlinearRise, cell, convex, late, riseLimitMv);
            }
        }
    }
}
