// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Measurement
{
    /// <summary>
    /// Measurement stage: turns the raw frame plus what the switches did into the pulse features of a
    /// <see cref="MeasurementSnapshot"/>: edge resistances at every current step, per-pulse
    /// overpotential, the relaxation slope during rests and the rise shape within pulses.
    /// Integer arithmetic only; no allocation after construction.
    /// </summary>
    [HotPath]
    public sealed class PackMeasurement
    {
        /// <summary>
        /// Samples averaged into the pre-pulse reference and the pulse-end level (noise of a few counts shrinks ~3x):
        /// a pulse's overpotential, the difference of the two means, scatters by the reading noise x sqrt(2 / 8).
        /// </summary>
        public const int BaselineSamples = 8;

        /// <summary>
        /// Samples averaged into each of the three points of the shape test. Single samples put the ADC noise
        /// of two counts (~3 mV) straight into a 15 mV rise threshold: a false convex rise every few thousand
        /// pulses. Three trailing samples per point cut that noise by sqrt(3).
        /// </summary>
        public const int ShapePointSamples = 3;

        /// <summary>
        /// Readings under current averaged into one pulse window (<see cref="MeasurementSnapshot.PulseWindowMeanCentiMv"/>):
        /// the mean's noise is a quarter of one reading's. At 4-5 mV of noise a K cell's 21 mV under 1 mA/cm2 is only
        /// about four sigma of one reading above a hard short's 1 mV, 16 above it in a 16-reading mean. A power of two:
        /// the window's end is found with a mask.
        /// </summary>
        public const int PulseWindowSamples = 16;

        /// <summary>
        /// Pulses the reading-noise estimate averages over: a plain mean of the first estimates, then an
        /// exponential average with this weight.
        /// </summary>
        private const int NoiseAveragingPulses = 16;

        /// <summary>
        /// What a phase's sample count is set back by when it reaches int.MaxValue: a multiple of every window length,
        /// far above every threshold the count is compared with.
        /// </summary>
        private const int PhaseCountSetBack = 1 << 30;

        /// <summary>Newest samples of a phase the reading-noise estimate is taken from.</summary>
        private const int NoiseSamples = 32;

        /// <summary>
        /// The sample of a pulse, before any rest has measured the reading noise (the first pulse after start-up),
        /// at which its newest <see cref="NoiseSamples"/> samples give a provisional figure. Until then the noise
        /// limits are their fixed floors, which a noisy front end (an ESP32 ADC behind a divider: about 5 mV a
        /// reading) crosses now and then. The window leaves out the pulse's first 8 samples, where the onset's
        /// curvature would count as noise.
        /// </summary>
        private const int ProvisionalNoiseSample = NoiseSamples + 8;

        /// <summary>
        /// A noise window within a phase whose variance exceeds the cell's figure by more than this factor (twice its
        /// standard deviation) is not averaged in: with about 15 degrees of freedom pure noise gets there in fewer
        /// than one window in a million, a spike of a few sigma does at once.
        /// </summary>
        private const int NoiseWindowOutlierFactor = 4;

        /// <summary>
        /// A rest's estimate at a pulse edge above this many tenths of the cell's figure is taken again with its spikes
        /// left out (<see cref="SpikeFreeNoise"/>). A spike at the soft short's limit adds at least 1.6 figures to the
        /// window it falls in, so every window that holds one is looked at again; pure noise gets above 1.5 times the
        /// figure in about one window in ten, and comes out of the second look as it went in. Below it, a compare per
        /// cell and edge.
        /// </summary>
        private const int SpikeCheckFigureTenths = 15;

        /// <summary>
        /// A phase longer than this many samples (5.12 s at 10 ms) is judged against far more samples than the one
        /// estimate before it saw, and its own windows are averaged into the reading noise too. Shorter phases (the
        /// [W] protocol's 1 s pulses and 5 s rests) each bring an estimate of their own at the next pulse edge.
        /// </summary>
        private const int LongPhaseSamples = NoiseAveragingPulses * NoiseSamples;

        // The layout's counts, read every tick (on the device a property is a call).
        private readonly int _cellsPerModule;
        private readonly int _moduleCount;
        private readonly int _periodMs;
        private readonly int _slopeSamples;
        private readonly long _slopeDivisor;

        // 1e6 / _slopeDivisor when that is a whole number (the defaults give 160): then a multiply gives the
        // same slope as the 64-bit division, which is costly per cell and tick on both targets. 0 otherwise.
        private readonly long _slopeFactor;
        private readonly int _shapeSamples;
        private readonly int _ringLength;

        // Per cell: recent voltages of the current phase (ring), the running difference of the two slope
        // windows' sums (newest 'slope' samples minus the ones before). The last valid value is the snapshot's
        // CellVoltageMv, which an invalid reading leaves as it was.
        private readonly int[][] _ring;
        private readonly long[] _windowDifference;
        private readonly bool[] _hasLastValid;

        // Cells without a valid reading yet; once 0, no cell's flag needs a look.
        private int _cellsNeverValid;

        // Reading-noise estimates averaged so far per cell, up to NoiseAveragingPulses. One 8-sample variance
        // has 7 degrees of freedom and is below a third of the true value about once in 50 pulses: started
        // from one estimate with a 1/16 weight, a low first value would stand for dozens of pulses.
        private readonly int[] _noiseEstimates;

        // Per cell: the first pulse's noise windows averaged into its provisional figure (before any rest).
        private readonly int[] _provisionalWindows;

        // Per module.
        // Next ring slot to write, kept within [0, ring length).
        private readonly int[] _ringHead;
        private readonly long[] _phaseStartMs;
        private readonly long[] _pulseChargeNc;
        private readonly int[] _pulseCurrentUa;

        // The setpoint of a pulse's latest interval: a derate or a reduction changes it mid-pulse, and the closing
        // edge steps from it, not from the pulse's first setpoint.
        private readonly int[] _closingSetpointUa;

        // The phase's sample at which a cell of the module last read invalid (0: none yet): a pulse window holding one
        // would average the placeholder it was held at, not readings.
        private readonly int[] _lastInvalidSample;

        // Running per-cell extremes for the cells telemetry (see TrackExtremes); own arrays until then.
        private int[] _extremeMinimumMv;
        private int[] _extremeMaximumMv;

        private long _previousTimestampMs;
        private bool _first = true;

        // A one-tick flag of the snapshot was raised this tick (a phase change, a noise renewal, a pulse window):
        // the next tick lowers them (LowerFlags).
        private bool _flagsRaised;

        public PackMeasurement(PackLayout layout, ControllerConfiguration configuration)
        {
            _cellsPerModule = layout.CellsPerModule;
            _moduleCount = layout.ModuleCount;
            _periodMs = configuration.SamplePeriodMs;
            _slopeSamples = Larger(1, configuration.RestTuning.SlopeWindowMs / _periodMs);
            _slopeDivisor = (long)_slopeSamples * _slopeSamples * _periodMs;
            _slopeFactor = 1000000 % _slopeDivisor == 0 ? 1000000 / _slopeDivisor : 0;
            _shapeSamples = Larger(1, configuration.Depletion.ShapeWindowMs / _periodMs);
            _ringLength = Larger(Larger(Larger(2 * _slopeSamples, (2 * _shapeSamples) + ShapePointSamples), BaselineSamples), PulseWindowSamples) + 1;

            int cells = layout.CellCount;
            _ring = new int[cells][];
            for (int c = 0; c < cells; c++)
            {
                _ring[c] = new int[_ringLength];
            }

            _windowDifference = new long[cells];
            _hasLastValid = new bool[cells];
            _cellsNeverValid = cells;
            _extremeMinimumMv = new int[cells];
            _extremeMaximumMv = new int[cells];
            _noiseEstimates = new int[cells];
            _provisionalWindows = new int[cells];

            int modules = layout.ModuleCount;
            _ringHead = new int[modules];
            _phaseStartMs = new long[modules];
            _pulseChargeNc = new long[modules];
            _pulseCurrentUa = new int[modules];
            _closingSetpointUa = new int[modules];
            _lastInvalidSample = new int[modules];
        }

        /// <summary>
        /// From the next tick on, every valid reading also updates <paramref name="extremes"/>, in the same pass
        /// over the cells (what <see cref="CellVoltageExtremes.Include"/> would do in a second one).
        /// </summary>
        public void TrackExtremes(CellVoltageExtremes extremes)
        {
            if (extremes == null)
            {
                throw new System.ArgumentNullException(nameof(extremes));
            }

            if (extremes.MinimumMv.Length != _ring.Length)
            {
                throw new System.ArgumentException("the extremes must cover every cell of the pack", nameof(extremes));
            }

            _extremeMinimumMv = extremes.MinimumMv;
            _extremeMaximumMv = extremes.MaximumMv;
        }

        /// <summary>
        /// Updates the snapshot from this tick's frame. <paramref name="switchWasClosed"/> and
        /// <paramref name="setpointUa"/> are the actions of the previous tick: they say what flowed
        /// during the interval this sample ends.
        /// </summary>
        public void Update(SampleFrame frame, bool[] switchWasClosed, int[] setpointUa, MeasurementSnapshot snapshot)
        {
            long now = frame.TimestampMs;
            bool wasStarted = !_first;
            int interval = wasStarted ? (int)(now - _previousTimestampMs) : _periodMs;
            _first = false;
            _previousTimestampMs = now;
            snapshot.TimestampMs = now;
            snapshot.IntervalMs = interval;
            if (_flagsRaised)
            {
                LowerFlags(snapshot);
            }

            int cellsPerModule = _cellsPerModule;
            int modules = _moduleCount;

            // Arrays in locals: on the device every field and property load is an interpreted instruction.
            ChannelStatus[] currentStatus = frame.ModuleCurrentStatus;
            int[] currents = frame.ModuleCurrentUa;

            // The snapshot's phase is the state: each module's phase since its last change, the previous tick's here.
            ModulePhase[] phases = snapshot.Phase;
            int[] pulseCurrentUa = _pulseCurrentUa;
            int[] phaseSampleCount = snapshot.PhaseSampleCount;
            long[] phaseStartMs = _phaseStartMs;
            long[] pulseChargeNc = _pulseChargeNc;
            int[] snapshotCurrentUa = snapshot.ModuleCurrentUa;
            bool[] snapshotCurrentValid = snapshot.ModuleCurrentValid;
            int[] lastValidCurrentUa = snapshot.ModuleLastValidCurrentUa;
            long[] lastValidCurrentMs = snapshot.ModuleLastValidCurrentMs;
            int[] snapshotSetpointUa = snapshot.SetpointUa;
            long[] phaseElapsedMs = snapshot.PhaseElapsedMs;
            int[] closingSetpointUa = _closingSetpointUa;
            int invalidCurrents = 0;
            for (int m = 0; m < modules; m++)
            {
                ModulePhase phase = switchWasClosed[m] ? ModulePhase.Current : ModulePhase.Open;
                bool currentValid = currentStatus[m] == ChannelStatus.Valid;
                int currentUa = currents[m];
                if (currentUa == int.MinValue)
                {
                    // The one reading with no positive counterpart: its magnitude overflowed to a negative one, which
                    // no overcurrent limit or short test ever exceeded. One unit less is as far beyond every limit.
                    currentUa = -int.MaxValue;
                }

                int setpoint = setpointUa[m];
                snapshotCurrentUa[m] = currentUa;
                snapshotCurrentValid[m] = currentValid;
                snapshotSetpointUa[m] = setpoint;
                if (currentValid)
                {
                    lastValidCurrentUa[m] = currentUa;
                    lastValidCurrentMs[m] = now;
                }
                else
                {
                    invalidCurrents++;
                }

                // A direction change with the switch closed (plate straight into strip, or back) ends one
                // pulse and starts the next in the same tick: each direction is summarised on its own and
                // the swing through zero is not mistaken for a rise within one pulse. Opposite signs, neither
                // 0: their product is negative.
                ModulePhase previousPhase = phases[m];
                bool reversed = wasStarted && phase == ModulePhase.Current && previousPhase == ModulePhase.Current && (long)pulseCurrentUa[m] * setpoint < 0;
                int count;
                if (!wasStarted || phase != previousPhase || reversed)
                {
                    int first = m * cellsPerModule;
                    if (reversed)
                    {
                        int stepUa = closingSetpointUa[m] - setpoint;
                        // EndPulse's closing edge assumes the current fell to 0; the reversal edge replaces it.
                        EndPulse(m, first, cellsPerModule, frame, snapshot);
                        ReversalEdge(m, first, cellsPerModule, frame, stepUa < 0 ? -stepUa : stepUa, snapshot);
                    }
                    else
                    {
                        // No rest came before a reversed pulse, so only this is a phase start.
                        snapshot.PhaseStarted[m] = true;
                        if (wasStarted && previousPhase == ModulePhase.Open)
                        {
                            // The magnitude of the current that flowed: the measured one when it can be trusted.
                            int flowingUa = currentValid ? currentUa : setpoint;
                            BeginPulse(m, first, cellsPerModule, frame, flowingUa < 0 ? -flowingUa : flowingUa, snapshot);
                        }
                        else if (wasStarted)
                        {
                            EndPulse(m, first, cellsPerModule, frame, snapshot);
                        }
                    }

                    _flagsRaised = true;
                    phases[m] = phase;
                    phaseStartMs[m] = now - interval;
                    _ringHead[m] = 0;
                    _lastInvalidSample[m] = 0;
                    count = 1;
                    if (phase == ModulePhase.Current)
                    {
                        pulseChargeNc[m] = 0;
                        pulseCurrentUa[m] = setpoint;
                    }
                }
                else
                {
                    // A strip step without end, or a module idle, reaches the int's end after 2^31 samples (248 days at
                    // 10 ms, 49.7 at 2 ms). Wrapped negative, the count read as no sample at all and switched the
                    // hard-short test off; held at its end, it ended no pulse window or noise window again. Set back by
                    // 2^30 instead, with the last invalid reading's sample (at 0 at the most: 2^30 samples back is as
                    // long ago as any window asks): every mask (powers of two) and difference reads as before, and every
                    // threshold (a few hundred samples) stays far below.
                    count = phaseSampleCount[m];
                    if (count == int.MaxValue)
                    {
                        count -= PhaseCountSetBack;
                        int lastInvalid = _lastInvalidSample[m] - PhaseCountSetBack;
                        _lastInvalidSample[m] = lastInvalid > 0 ? lastInvalid : 0;
                    }

                    count++;
                }

                phaseElapsedMs[m] = now - phaseStartMs[m];
                phaseSampleCount[m] = count;

                if (phase == ModulePhase.Current)
                {
                    pulseChargeNc[m] += (long)(currentValid ? currentUa : setpoint) * interval;
                    closingSetpointUa[m] = setpoint;
                }
            }

            snapshot.InvalidCurrentCount = invalidCurrents;
            PushSamples(frame, snapshot);
        }

        /// <summary>
        /// Lowers every module's one-tick flags (<see cref="MeasurementSnapshot.PhaseStarted"/>, EdgeMeasured,
        /// PulseEnded, NoiseRenewed, PulseWindowReady), raised by the tick before. Most ticks raise none: lowering
        /// them only after one that did saves five stores per module on every other tick.
        /// </summary>
        private void LowerFlags(MeasurementSnapshot snapshot)
        {
            bool[] phaseStarted = snapshot.PhaseStarted;
            bool[] edgeMeasured = snapshot.EdgeMeasured;
            bool[] pulseEnded = snapshot.PulseEnded;
            bool[] noiseRenewed = snapshot.NoiseRenewed;
            bool[] pulseWindowReady = snapshot.PulseWindowReady;
            for (int m = 0; m < phaseStarted.Length; m++)
            {
                phaseStarted[m] = false;
                edgeMeasured[m] = false;
                pulseEnded[m] = false;
                noiseRenewed[m] = false;
                pulseWindowReady[m] = false;
            }

            _flagsRaised = false;
        }

        private void BeginPulse(int module, int first, int cellsPerModule, SampleFrame frame, int flowingUa, MeasurementSnapshot snapshot)
        {
            int openCount = snapshot.PhaseSampleCount[module];
            int usable = openCount < BaselineSamples ? openCount : BaselineSamples;
            for (int c = first; c < first + cellsPerModule; c++)
            {
                // The snapshot still holds the previous tick's readings: the last valid one of each cell.
                int baseline = snapshot.CellVoltageMv[c];
                long variance = -1;
                if (usable > 0)
                {
                    long sum = 0;
                    int[] ring = _ring[c];
                    for (int k = 1; k <= usable; k++)
                    {
                        sum += ring[RingIndex(_ringHead[module] - k)];
                    }

                    baseline = (int)(sum / usable);
                    variance = NoiseVarianceCentiMv2(ring, _ringHead[module], openCount);

                    // Once the cell has a figure from a rest, a spike in the rest's newest samples is not noise: left in,
                    // the same spikes raised the figure (and every limit drawn from it) when they fell just before the edge
                    // and never when they fell earlier in the rest. The first rest's estimate forms the figure as it is.
                    int figure = snapshot.NoiseVarianceCentiMv2[c];
                    if (_noiseEstimates[c] > 0 && variance * 10 > (long)figure * SpikeCheckFigureTenths)
                    {
                        variance = SpikeFreeNoise.VarianceCentiMv2(ring, _ringHead[module], NoiseWindowLength(openCount), figure);
                    }
                }

                snapshot.PrePulseVoltageMv[c] = baseline;
                snapshot.PrePulseSampleCount[c] = usable;
                if (variance >= 0)
                {
                    AddNoiseEstimate(c, module, variance, snapshot);
                }

                // An edge read from an invalid reading is not measured (0), as the detectors take it.
                snapshot.EdgeResistanceMilliohm[c] = frame.CellVoltageStatus[c] == ChannelStatus.Valid ? Resistance(frame.CellVoltageMv[c] - baseline, flowingUa) : 0;
            }

            snapshot.EdgeMeasured[module] = flowingUa > 0;
            snapshot.EdgeCurrentUa[module] = flowingUa;
        }

        /// <summary>
        /// The pulse edge of a reversal: the current stepped by the sum of both magnitudes. The pre-pulse
        /// reference stays the last open-circuit level, so the new direction's overpotential is measured
        /// from rest, not from the other direction's polarisation.
        /// </summary>
        private void ReversalEdge(int module, int first, int cellsPerModule, SampleFrame frame, int stepUa, MeasurementSnapshot snapshot)
        {
            for (int c = first; c < first + cellsPerModule; c++)
            {
                snapshot.EdgeResistanceMilliohm[c] = frame.CellVoltageStatus[c] == ChannelStatus.Valid ? Resistance(frame.CellVoltageMv[c] - snapshot.CellVoltageMv[c], stepUa) : 0;
            }

            snapshot.EdgeMeasured[module] = stepUa > 0;
            snapshot.EdgeCurrentUa[module] = stepUa;
        }

        /// <summary>
        /// Reading-noise variance in (0.01 mV)^2 from the newest of a phase's <paramref name="phaseCount"/>
        /// samples, or -1 with fewer than four. Second differences (x0 - 2 x1 + x2, variance 6 sigma^2 for
        /// white noise) ignore the level and its linear drift, so a relaxing rest or a rising pulse does not
        /// count as noise; over up to <see cref="NoiseSamples"/> samples the estimate is good to about a third
        /// (some 15 degrees of freedom), where a plain variance of 8 samples (7) is below half the true value
        /// one time in ten. Once per pulse edge per cell.
        /// </summary>
        private long NoiseVarianceCentiMv2(int[] ring, int head, int phaseCount)
        {
            int usable = NoiseWindowLength(phaseCount);
            if (usable < 4)
            {
                return -1;
            }

            long squares = 0;
            int older = ring[RingIndex(head - usable)];
            int middle = ring[RingIndex(head - usable + 1)];
            for (int k = usable - 2; k >= 1; k--)
            {
                int newer = ring[RingIndex(head - k)];
                long d = (long)older - (2L * middle) + newer;
                squares += d * d;
                older = middle;
                middle = newer;
            }

            // mV^2 to (0.01 mV)^2: x 10,000; each second difference carries 6 sigma^2.
            long hundredths = squares * 10000 / (6L * (usable - 2));
            return hundredths > int.MaxValue ? int.MaxValue : hundredths;
        }

        /// <summary>The newest samples of a phase of <paramref name="phaseCount"/> a noise estimate takes: up to <see cref="NoiseSamples"/>, as many as the ring holds.</summary>
        private int NoiseWindowLength(int phaseCount)
        {
            int usable = phaseCount < NoiseSamples ? phaseCount : NoiseSamples;
            return usable > _ringLength - 1 ? _ringLength - 1 : usable;
        }

        private void EndPulse(int module, int first, int cellsPerModule, SampleFrame frame, MeasurementSnapshot snapshot)
        {
            int pulseUa = _pulseCurrentUa[module];
            int closingUa = _closingSetpointUa[module];
            int magnitudeUa = closingUa < 0 ? -closingUa : closingUa;
            int pulseCount = snapshot.PhaseSampleCount[module];
            int usable = pulseCount < BaselineSamples ? pulseCount : BaselineSamples;
            for (int c = first; c < first + cellsPerModule; c++)
            {
                // The end-of-pulse level is averaged like the pre-pulse reference: a single sample carries the
                // full ADC noise into the per-pulse CUSUM, whose slack is only a couple of mV.
                // The snapshot still holds the pulse's last sample of the cell (its last valid reading).
                int lastPulseMv = snapshot.CellVoltageMv[c];
                int endMv = lastPulseMv;
                if (usable > 0)
                {
                    long sum = 0;
                    int[] ring = _ring[c];
                    for (int k = 1; k <= usable; k++)
                    {
                        sum += ring[RingIndex(_ringHead[module] - k)];
                    }

                    endMv = (int)(sum / usable);

                    // Before the first rest has measured the reading noise, the pulse's end gives a provisional
                    // figure, so the first rest is judged against the channel's noise too; the first rest's own
                    // estimate replaces it. A long pulse that averaged several windows keeps their mean.
                    if (_noiseEstimates[c] == 0 && _provisionalWindows[c] <= 1)
                    {
                        ProvisionalNoise(c, module, NoiseVarianceCentiMv2(ring, _ringHead[module], pulseCount), snapshot);
                    }
                }

                int overpotential = endMv - snapshot.PrePulseVoltageMv[c];
                snapshot.PulseOverpotentialMv[c] = pulseUa < 0 ? -overpotential : overpotential;
                snapshot.EdgeResistanceMilliohm[c] = frame.CellVoltageStatus[c] == ChannelStatus.Valid ? Resistance(lastPulseMv - frame.CellVoltageMv[c], magnitudeUa) : 0;
            }

            snapshot.PulseEnded[module] = true;
            snapshot.EdgeMeasured[module] = magnitudeUa > 0;
            snapshot.EdgeCurrentUa[module] = magnitudeUa;
            snapshot.LastPulseCurrentUa[module] = pulseUa;
            snapshot.LastPulseClosingCurrentUa[module] = closingUa;
            snapshot.LastPulseDurationMs[module] = snapshot.PhaseElapsedMs[module];
            snapshot.LastPulseChargeUc[module] = _pulseChargeNc[module] / 1000;
        }

        /// <summary>
        /// Takes this tick's cell samples into every module's rings, slope windows and snapshot fields, after the
        /// phase bookkeeping of all modules. One call per tick: on the device every call and every field load into
        /// a local is interpreted overhead, so the arrays are taken into locals once for the whole pack.
        /// </summary>
        private void PushSamples(SampleFrame frame, MeasurementSnapshot snapshot)
        {
            int slope = _slopeSamples;
            int slopeSpan = 2 * slope;
            int shape = _shapeSamples;
            int cellsPerModule = _cellsPerModule;
            int modules = _moduleCount;
            bool allSeen = _cellsNeverValid == 0;
            int[] ringHead = _ringHead;
            int[] phaseSampleCount = snapshot.PhaseSampleCount;
            ModulePhase[] phases = snapshot.Phase;
            bool[] restSlopeValid = snapshot.RestSlopeValid;
            bool[] shapeValid = snapshot.ShapeValid;
            int[] invalidCellCount = snapshot.InvalidCellCount;
            int[] validMinimumMv = snapshot.ValidMinimumMv;
            int[] validMaximumMv = snapshot.ValidMaximumMv;
            int[] minimumDeltaMvs = snapshot.MinimumDeltaMv;
            int[] maximumDeltaMvs = snapshot.MaximumDeltaMv;
            int[] voltages = frame.CellVoltageMv;
            ChannelStatus[] status = frame.CellVoltageStatus;
            int[][] rings = _ring;
            long[] windowDifference = _windowDifference;
            bool[] cellValid = snapshot.CellValid;
            int[] cellVoltageMv = snapshot.CellVoltageMv;
            int[] cellDeltaMv = snapshot.CellDeltaMv;
            int[] restSlope = snapshot.RestSlopeUvPerS;
            long slopeFactor = _slopeFactor;
            long slopeDivisor = _slopeDivisor;
            int[] extremeMinimumMv = _extremeMinimumMv;
            int[] extremeMaximumMv = _extremeMaximumMv;
            int ringLength = _ringLength;
            int invalidTotal = 0;
            for (int module = 0; module < modules; module++)
            {
                int first = module * cellsPerModule;
                int head = ringHead[module];
                int count = phaseSampleCount[module];
                bool current = phases[module] == ModulePhase.Current;
                bool slopeReady = !current && count >= slopeSpan;
                bool shapeReady = current && count >= (2 * shape) + ShapePointSamples;
                restSlopeValid[module] = slopeReady;
                shapeValid[module] = shapeReady;

                // Ring positions once per module: the same for every cell of it.
                // The slope windows slide by one sample: the newest enters the recent window, the one leaving it
                // enters the older window (counted twice in the difference), the oldest leaves. While the windows
                // fill, only some of that happens. 0: first sample of the phase; 1: filling the recent window;
                // 2: filling the older one; 3: sliding (the common case, tested first).
                int window = count > slopeSpan ? 3 : (count == 1 ? 0 : (count <= slope ? 1 : 2));
                int leaving = head - slope;
                if (leaving < 0)
                {
                    leaving += ringLength;
                }

                int oldest = head - slopeSpan;
                if (oldest < 0)
                {
                    oldest += ringLength;
                }

                // What the detectors' healthy-tick shortcuts need, gathered while the values pass by.
                int invalidCells = 0;
                int minimumMv = int.MaxValue;
                int maximumMv = int.MinValue;
                int minimumDeltaMv = 0;
                int maximumDeltaMv = 0;
                int last = first + cellsPerModule;
                for (int c = first; c < last; c++)
                {
                    int v;
                    int[] ring = rings[c];
                    if (status[c] == ChannelStatus.Valid)
                    {
                        v = voltages[c];
                        int delta = 0;
                        if (allSeen || _hasLastValid[c])
                        {
                            delta = v - cellVoltageMv[c];
                        }
                        else
                        {
                            _hasLastValid[c] = true;
                            _cellsNeverValid--;
                            if (count > 1)
                            {
                                // Not on a phase's first sample (every cell at boot): nothing came before it.
                                FirstValidReading(c, v, head, count, slope);
                            }
                        }

                        cellValid[c] = true;
                        cellDeltaMv[c] = delta;
                        cellVoltageMv[c] = v;
                        if (v < extremeMinimumMv[c])
                        {
                            extremeMinimumMv[c] = v;
                        }

                        if (v > extremeMaximumMv[c])
                        {
                            extremeMaximumMv[c] = v;
                        }

                        if (v < minimumMv)
                        {
                            minimumMv = v;
                        }

                        if (v > maximumMv)
                        {
                            maximumMv = v;
                        }

                        if (delta < minimumDeltaMv)
                        {
                            minimumDeltaMv = delta;
                        }
                        else if (delta > maximumDeltaMv)
                        {
                            maximumDeltaMv = delta;
                        }
                    }
                    else
                    {
                        // The snapshot keeps the cell's last valid reading, and the ring takes it too.
                        v = cellVoltageMv[c];
                        cellValid[c] = false;
                        cellDeltaMv[c] = 0;
                        invalidCells++;
                    }

                    ring[head] = v;
                    if (current)
                    {
                        // Only rests have a relaxation slope, and each rest starts its windows afresh.
                        continue;
                    }

                    long difference;
                    if (window == 3)
                    {
                        difference = windowDifference[c] + v - (2L * ring[leaving]) + ring[oldest];
                    }
                    else if (window == 0)
                    {
                        difference = v;
                    }
                    else if (window == 1)
                    {
                        difference = windowDifference[c] + v;
                    }
                    else
                    {
                        difference = windowDifference[c] + v - (2L * ring[leaving]);
                    }

                    windowDifference[c] = difference;
                    if (slopeReady)
                    {
                        // Means differ by (recent - older) / n over n samples of time: uV/s = d * 1e6 / (n^2 * T).
                        restSlope[c] = (int)(slopeFactor != 0 ? difference * slopeFactor : difference * 1000000 / slopeDivisor);
                    }
                }

                invalidCellCount[module] = invalidCells;
                invalidTotal += invalidCells;
                validMinimumMv[module] = minimumMv;
                validMaximumMv[module] = maximumMv;
                minimumDeltaMvs[module] = minimumDeltaMv;
                maximumDeltaMvs[module] = maximumDeltaMv;

                if (shapeReady)
                {
                    Shape(head, shape, first, last, snapshot);
                }

                // A pulse window ends every PulseWindowSamples samples under current (a power of two: a mask), if no
                // cell of the module read invalid within it.
                if (invalidCells > 0)
                {
                    _lastInvalidSample[module] = count;
                }

                if (current && (count & (PulseWindowSamples - 1)) == 0 && count - _lastInvalidSample[module] >= PulseWindowSamples)
                {
                    PulseWindow(module, head, first, last, snapshot);
                }

                head = head + 1 == ringLength ? 0 : head + 1;
                ringHead[module] = head;
                // Samples 40, 72, 104, ... of a phase (NoiseSamples is a power of two: a mask, not a division).
                if ((count & (NoiseSamples - 1)) == ProvisionalNoiseSample - NoiseSamples && count > NoiseSamples)
                {
                    NoiseWithinPhase(module, first, last, head, count, current, snapshot);
                }
            }

            snapshot.InvalidCellTotal = invalidTotal;
        }

        /// <summary>
        /// A cell's first valid reading, later in the phase than its module's first sample: the samples before it held
        /// a placeholder, not a reading. They take this reading's value, so the pre-pulse reference, the reading noise
        /// and the slope windows start from the cell's level (a flat history) instead of from 0 mV. Once per cell.
        /// </summary>
        private void FirstValidReading(int cell, int valueMv, int head, int phaseCount, int slope)
        {
            int[] ring = _ring[cell];
            int held = phaseCount - 1 < _ringLength - 1 ? phaseCount - 1 : _ringLength - 1;
            for (int k = 1; k <= held; k++)
            {
                ring[RingIndex(head - k)] = valueMv;
            }

            // The slope windows' difference before this sample: the newest 'slope' samples minus the ones before them.
            int before = phaseCount - 1;
            int recent = before < slope ? before : slope;
            int older = before - recent < slope ? before - recent : slope;
            _windowDifference[cell] = (long)valueMv * (recent - older);
        }

        /// <summary>
        /// The first pulse's <see cref="ProvisionalNoiseSample"/>th sample gives a provisional figure, as before any
        /// rest has measured the noise. In a phase longer than <see cref="LongPhaseSamples"/>, every further
        /// <see cref="NoiseSamples"/> samples give another estimate of each cell's reading noise, until
        /// <see cref="NoiseAveragingPulses"/> are averaged: one estimate is good to about a third, and a step of
        /// minutes (tens of thousands of samples) judged against one that came out at half the true variance takes
        /// 4-sigma noise steps for spikes, so healthy cells confirmed soft shorts. The first pulse's windows, before
        /// any rest, still make a provisional figure that the first rest's estimate replaces (a pulse may end in a
        /// run-away). Called once per <see cref="NoiseSamples"/> samples of a phase.
        /// </summary>
        private void NoiseWithinPhase(int module, int first, int last, int head, int count, bool current, MeasurementSnapshot snapshot)
        {
            bool longPhase = count > LongPhaseSamples;
            if (!longPhase && (!current || count != ProvisionalNoiseSample))
            {
                return;
            }

            for (int c = first; c < last; c++)
            {
                int estimates = _noiseEstimates[c];
                if (estimates >= NoiseAveragingPulses || (!longPhase && estimates != 0))
                {
                    continue;
                }

                // A window whose variance is more than NoiseWindowOutlierFactor times the figure so far holds a spike or a
                // step, not reading noise (pure noise exceeds it in fewer than one window in a million): it is left out,
                // or a shunt's first spikes would raise the limit that is to catch the next ones.
                long variance = NoiseVarianceCentiMv2(_ring[c], head, ProvisionalNoiseSample);
                int figure = snapshot.NoiseVarianceCentiMv2[c];
                if (variance < 0 || (figure > 0 && variance > (long)figure * NoiseWindowOutlierFactor))
                {
                    continue;
                }

                if (current && estimates == 0)
                {
                    // Before any rest: the provisional figure is the mean of this pulse's windows so far.
                    int windows = _provisionalWindows[c] + 1;
                    _provisionalWindows[c] = windows;
                    long mean = windows == 1 ? 0 : snapshot.NoiseVarianceCentiMv2[c];
                    ProvisionalNoise(c, module, mean + ((variance - mean) / windows), snapshot);
                }
                else
                {
                    AddNoiseEstimate(c, module, variance, snapshot);
                }
            }
        }

        /// <summary>
        /// Folds one reading-noise estimate into the cell's figure: a plain mean of the first
        /// <see cref="NoiseAveragingPulses"/>, then an exponential average with that weight.
        /// </summary>
        private void AddNoiseEstimate(int cell, int module, long varianceCentiMv2, MeasurementSnapshot snapshot)
        {
            // One estimate scatters by about a third of its value: average them.
            int estimates = _noiseEstimates[cell];
            if (estimates < NoiseAveragingPulses)
            {
                estimates++;
                _noiseEstimates[cell] = estimates;
            }

            long smoothed = estimates == 1 ? 0 : snapshot.NoiseVarianceCentiMv2[cell];
            smoothed += (varianceCentiMv2 - smoothed) / estimates;

            // 0 stays "not measured yet" for the detectors: a measured quiet channel reads at least 1.
            snapshot.NoiseVarianceCentiMv2[cell] = smoothed < 1 ? 1 : (int)smoothed;
            snapshot.NoiseRenewed[module] = true;
            _flagsRaised = true;
        }

        /// <summary>
        /// Stores a provisional reading-noise figure (-1: too few samples, nothing changes); 0 stays "not measured
        /// yet" for the detectors, so a measured quiet channel reads at least 1.
        /// </summary>
        private void ProvisionalNoise(int cell, int module, long varianceCentiMv2, MeasurementSnapshot snapshot)
        {
            if (varianceCentiMv2 >= 0)
            {
                snapshot.NoiseVarianceCentiMv2[cell] = varianceCentiMv2 < 1 ? 1 : (int)varianceCentiMv2;
                snapshot.NoiseRenewed[module] = true;
                _flagsRaised = true;
            }
        }

        /// <summary>
        /// The shape test's three points per cell, each a trailing mean of <see cref="ShapePointSamples"/> samples:
        /// ending now, one shape window back and two back. Positions once per module, then a straight sum per cell
        /// (written out for the three samples of <see cref="ShapePointSamples"/>).
        /// </summary>
        private void Shape(int head, int shape, int first, int last, MeasurementSnapshot snapshot)
        {
            int n0 = head;
            int n1 = RingIndex(head - 1);
            int n2 = RingIndex(head - 2);
            int m0 = RingIndex(head - shape);
            int m1 = RingIndex(head - shape - 1);
            int m2 = RingIndex(head - shape - 2);
            int o0 = RingIndex(head - (2 * shape));
            int o1 = RingIndex(head - (2 * shape) - 1);
            int o2 = RingIndex(head - (2 * shape) - 2);
            int[][] rings = _ring;
            int[] late = snapshot.ShapeLateRiseMv;
            int[] early = snapshot.ShapeEarlyRiseMv;
            for (int c = first; c < last; c++)
            {
                int[] ring = rings[c];
                int newest = ring[n0] + ring[n1] + ring[n2];
                int middle = ring[m0] + ring[m1] + ring[m2];
                int oldest = ring[o0] + ring[o1] + ring[o2];
                late[c] = (newest - middle) / ShapePointSamples;
                early[c] = (middle - oldest) / ShapePointSamples;
            }
        }

        /// <summary>
        /// Each cell's mean over the newest <see cref="PulseWindowSamples"/> samples (this one, at
        /// <paramref name="head"/>, and those before it), in 0.01 mV. Once per window: a sum per cell.
        /// </summary>
        private void PulseWindow(int module, int head, int first, int last, MeasurementSnapshot snapshot)
        {
            snapshot.PulseWindowReady[module] = true;
            _flagsRaised = true;

            // The window as one or two straight runs of the ring (the older part up to its end, then from its start):
            // on the device a wrap test per reading would cost more than the addition.
            int oldest = RingIndex(head - (PulseWindowSamples - 1));
            int firstRunEnd = oldest + PulseWindowSamples;
            int wrappedEnd = 0;
            if (firstRunEnd > _ringLength)
            {
                wrappedEnd = firstRunEnd - _ringLength;
                firstRunEnd = _ringLength;
            }

            int[][] rings = _ring;
            int[] mean = snapshot.PulseWindowMeanCentiMv;
            for (int c = first; c < last; c++)
            {
                int[] ring = rings[c];
                long sum = 0;
                for (int slot = oldest; slot < firstRunEnd; slot++)
                {
                    sum += ring[slot];
                }

                for (int slot = 0; slot < wrappedEnd; slot++)
                {
                    sum += ring[slot];
                }

                // mV to 0.01 mV, held within an int (a valid reading beyond 21 V would not fit).
                long centi = sum * 100 / PulseWindowSamples;
                mean[c] = centi > int.MaxValue ? int.MaxValue : (centi < int.MinValue ? int.MinValue : (int)centi);
            }
        }

        /// <summary>
        /// Ring slot of a position relative to the (wrapped) head. Offsets back from the head never exceed the
        /// ring length, so one conditional add replaces a modulo on the per-cell path.
        /// </summary>
        private int RingIndex(int position) => position < 0 ? position + _ringLength : position;

        private static int Resistance(int deltaMv, int currentUa)
        {
            if (currentUa <= 0)
            {
                return 0;
            }

            long milliohm = (long)deltaMv * 1000000 / currentUa;
            if (milliohm < 0)
            {
                milliohm = -milliohm;
            }

            return milliohm > int.MaxValue ? int.MaxValue : (int)milliohm;
        }

        private static int Larger(int a, int b) => a > b ? a : b;
    }
}
