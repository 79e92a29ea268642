// Licensed under the MIT License.

using Edge.Core.Configuration;
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
        /// <summary>Samples averaged into the pre-pulse reference and the pulse-end level (noise of a few counts shrinks ~3x).</summary>
        private const int BaselineSamples = 8;

        /// <summary>
        /// Samples averaged into each of the three points of the shape test. Single samples put the ADC noise
        /// of two counts (~3 mV) straight into a 15 mV rise threshold: a false convex rise every few thousand
        /// pulses. Three trailing samples per point cut that noise by sqrt(3).
        /// </summary>
        public const int ShapePointSamples = 3;

        /// <summary>Pulses the reading-noise estimate averages over (exponentially).</summary>
        private const int NoiseAveragingPulses = 16;

        private readonly PackLayout _layout;
        private readonly int _periodMs;
        private readonly int _slopeSamples;
        private readonly long _slopeDivisor;

        // 1e6 / _slopeDivisor when that is a whole number (the defaults give 160): then a multiply gives the
        // same slope as the 64-bit division, which is costly per cell and tick on both targets. 0 otherwise.
        private readonly long _slopeFactor;
        private readonly int _shapeSamples;
        private readonly int _ringLength;

        // Per cell: recent voltages of the current phase (ring), running window sums, last valid value.
        private readonly int[][] _ring;
        private readonly long[] _sumRecent;
        private readonly long[] _sumOlder;
        private readonly int[] _lastValidMv;
        private readonly bool[] _hasLastValid;
        private readonly int[] _lastPulseSampleMv;

        // Per module.
        // Next ring slot to write, kept within [0, ring length).
        private readonly int[] _ringHead;
        private readonly ModulePhase[] _phase;
        private readonly long[] _phaseStartMs;
        private readonly long[] _pulseChargeNc;
        private readonly int[] _pulseCurrentUa;
        private readonly bool[] _started;

        private long _previousTimestampMs;
        private bool _first = true;

        public PackMeasurement(PackLayout layout, ControllerConfiguration configuration)
        {
            _layout = layout;
            _periodMs = configuration.SamplePeriodMs;
            _slopeSamples = Larger(1, configuration.RestTuning.SlopeWindowMs / _periodMs);
            _slopeDivisor = (long)_slopeSamples * _slopeSamples * _periodMs;
            _slopeFactor = 1000000 % _slopeDivisor == 0 ? 1000000 / _slopeDivisor : 0;
            _shapeSamples = Larger(1, configuration.Depletion.ShapeWindowMs / _periodMs);
            _ringLength = Larger(Larger(2 * _slopeSamples, (2 * _shapeSamples) + ShapePointSamples), BaselineSamples) + 1;

            int cells = layout.CellCount;
            _ring = new int[cells][];
            for (int c = 0; c < cells; c++)
            {
                _ring[c] = new int[_ringLength];
            }

            _sumRecent = new long[cells];
            _sumOlder = new long[cells];
            _lastValidMv = new int[cells];
            _hasLastValid = new bool[cells];
            _lastPulseSampleMv = new int[cells];

            int modules = layout.ModuleCount;
            _ringHead = new int[modules];
            _phase = new ModulePhase[modules];
            _phaseStartMs = new long[modules];
            _pulseChargeNc = new long[modules];
            _pulseCurrentUa = new int[modules];
            _started = new bool[modules];
        }

        /// <summary>
        /// Updates the snapshot from this tick's frame. <paramref name="switchWasClosed"/> and
        /// <paramref name="setpointUa"/> are the actions of the previous tick: they say what flowed
        /// during the interval this sample ends.
        /// </summary>
        public void Update(SampleFrame frame, bool[] switchWasClosed, int[] setpointUa, MeasurementSnapshot snapshot)
        {
            long now = frame.TimestampMs;
            int interval = _first ? _periodMs : (int)(now - _previousTimestampMs);
            _first = false;
            _previousTimestampMs = now;
            snapshot.TimestampMs = now;
            snapshot.IntervalMs = interval;

            int cellsPerModule = _layout.CellsPerModule;
            for (int m = 0; m < _layout.ModuleCount; m++)
            {
                ModulePhase phase = switchWasClosed[m] ? ModulePhase.Current : ModulePhase.Open;
                bool currentValid = frame.ModuleCurrentStatus[m] == ChannelStatus.Valid;
                int currentUa = frame.ModuleCurrentUa[m];
                snapshot.ModuleCurrentUa[m] = currentUa;
                snapshot.ModuleCurrentValid[m] = currentValid;

                // The magnitude of the current that flowed: the measured one when it can be trusted.
                int flowingUa = currentValid ? currentUa : setpointUa[m];
                if (flowingUa < 0)
                {
                    flowingUa = -flowingUa;
                }

                // A direction change with the switch closed (plate straight into strip, or back) ends one
                // pulse and starts the next in the same tick: each direction is summarised on its own and
                // the swing through zero is not mistaken for a rise within one pulse.
                bool reversed = _started[m] && phase == ModulePhase.Current && _phase[m] == ModulePhase.Current && IsReversal(_pulseCurrentUa[m], setpointUa[m]);
                bool changed = !_started[m] || phase != _phase[m] || reversed;
                ModulePhase previousPhase = _phase[m];

                // No rest came before a reversed pulse, so nothing here is a pulse start after a rest.
                snapshot.PhaseStarted[m] = changed && !reversed;
                snapshot.EdgeMeasured[m] = false;
                snapshot.PulseEnded[m] = false;
                int first = m * cellsPerModule;

                if (reversed)
                {
                    int stepUa = _pulseCurrentUa[m] - setpointUa[m];
                    // EndPulse's closing edge assumes the current fell to 0; the reversal edge replaces it.
                    EndPulse(m, first, cellsPerModule, frame, snapshot);
                    ReversalEdge(m, first, cellsPerModule, frame, stepUa < 0 ? -stepUa : stepUa, snapshot);
                }
                else if (changed && _started[m])
                {
                    if (previousPhase == ModulePhase.Open)
                    {
                        BeginPulse(m, first, cellsPerModule, frame, flowingUa, snapshot);
                    }
                    else
                    {
                        EndPulse(m, first, cellsPerModule, frame, snapshot);
                    }
                }

                if (changed)
                {
                    _phase[m] = phase;
                    _phaseStartMs[m] = now - interval;
                    _ringHead[m] = 0;
                    snapshot.PhaseSampleCount[m] = 0;
                    if (phase == ModulePhase.Current)
                    {
                        _pulseChargeNc[m] = 0;
                        _pulseCurrentUa[m] = setpointUa[m];
                    }
                }

                _started[m] = true;
                snapshot.Phase[m] = phase;
                snapshot.PhaseElapsedMs[m] = now - _phaseStartMs[m];
                int count = snapshot.PhaseSampleCount[m] + 1;
                snapshot.PhaseSampleCount[m] = count;

                if (phase == ModulePhase.Current)
                {
                    _pulseChargeNc[m] += (long)(currentValid ? currentUa : setpointUa[m]) * interval;
                }

                PushSamples(m, first, cellsPerModule, count, frame, phase, snapshot);
            }
        }

        private void BeginPulse(int module, int first, int cellsPerModule, SampleFrame frame, int flowingUa, MeasurementSnapshot snapshot)
        {
            int openCount = snapshot.PhaseSampleCount[module];
            int usable = openCount < BaselineSamples ? openCount : BaselineSamples;
            for (int c = first; c < first + cellsPerModule; c++)
            {
                int baseline = _lastValidMv[c];
                long variance = -1;
                if (usable > 0)
                {
                    long sum = 0;
                    long squares = 0;
                    int[] ring = _ring[c];
                    for (int k = 1; k <= usable; k++)
                    {
                        int v = ring[RingIndex(_ringHead[module] - k)];
                        sum += v;
                        squares += (long)v * v;
                    }

                    baseline = (int)(sum / usable);

                    // Sample variance of the settled rest end, in (0.01 mV)^2: the reading noise the edge sees.
                    if (usable > 1)
                    {
                        long spread = (squares * usable) - (sum * sum);
                        long hundredths = spread * 10000 / ((long)usable * (usable - 1));
                        variance = hundredths > int.MaxValue ? int.MaxValue : hundredths;
                    }
                }

                snapshot.PrePulseVoltageMv[c] = baseline;
                if (variance >= 0)
                {
                    // One 8-sample variance scatters by about half its value: average over pulses.
                    long smoothed = snapshot.NoiseVarianceCentiMv2[c];
                    snapshot.NoiseVarianceCentiMv2[c] = (int)(smoothed == 0 ? variance : smoothed + ((variance - smoothed) / NoiseAveragingPulses));
                }

                snapshot.EdgeResistanceMilliohm[c] = Resistance(frame.CellVoltageMv[c] - baseline, flowingUa);
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
                snapshot.EdgeResistanceMilliohm[c] = Resistance(frame.CellVoltageMv[c] - _lastPulseSampleMv[c], stepUa);
            }

            snapshot.EdgeMeasured[module] = stepUa > 0;
            snapshot.EdgeCurrentUa[module] = stepUa;
        }

        private static bool IsReversal(int previousUa, int nextUa) => (previousUa < 0 && nextUa > 0) || (previousUa > 0 && nextUa < 0);

        private void EndPulse(int module, int first, int cellsPerModule, SampleFrame frame, MeasurementSnapshot snapshot)
        {
            int pulseUa = _pulseCurrentUa[module];
            int magnitudeUa = pulseUa < 0 ? -pulseUa : pulseUa;
            int pulseCount = snapshot.PhaseSampleCount[module];
            int usable = pulseCount < BaselineSamples ? pulseCount : BaselineSamples;
            for (int c = first; c < first + cellsPerModule; c++)
            {
                // The end-of-pulse level is averaged like the pre-pulse reference: a single sample carries the
                // full ADC noise into the per-pulse CUSUM, whose slack is only a couple of mV.
                int endMv = _lastPulseSampleMv[c];
                if (usable > 0)
                {
                    long sum = 0;
                    int[] ring = _ring[c];
                    for (int k = 1; k <= usable; k++)
                    {
                        sum += ring[RingIndex(_ringHead[module] - k)];
                    }

                    endMv = (int)(sum / usable);
                }

                int overpotential = endMv - snapshot.PrePulseVoltageMv[c];
                snapshot.PulseOverpotentialMv[c] = pulseUa < 0 ? -overpotential : overpotential;
                snapshot.EdgeResistanceMilliohm[c] = Resistance(_lastPulseSampleMv[c] - frame.CellVoltageMv[c], magnitudeUa);
            }

            snapshot.PulseEnded[module] = true;
            snapshot.EdgeMeasured[module] = magnitudeUa > 0;
            snapshot.EdgeCurrentUa[module] = magnitudeUa;
            snapshot.LastPulseCurrentUa[module] = pulseUa;
            snapshot.LastPulseDurationMs[module] = snapshot.PhaseElapsedMs[module];
            snapshot.LastPulseChargeUc[module] = (int)(_pulseChargeNc[module] / 1000);
        }

        private void PushSamples(int module, int first, int cellsPerModule, int count, SampleFrame frame, ModulePhase phase, MeasurementSnapshot snapshot)
        {
            int head = _ringHead[module];
            int slope = _slopeSamples;
            int shape = _shapeSamples;
            bool slopeReady = phase == ModulePhase.Open && count >= 2 * slope;
            bool shapeReady = phase == ModulePhase.Current && count >= (2 * shape) + ShapePointSamples;
            snapshot.RestSlopeValid[module] = slopeReady;
            snapshot.ShapeValid[module] = shapeReady;
            int[] voltages = frame.CellVoltageMv;
            ChannelStatus[] status = frame.CellVoltageStatus;

            for (int c = first; c < first + cellsPerModule; c++)
            {
                bool valid = status[c] == ChannelStatus.Valid;
                int v = valid ? voltages[c] : _lastValidMv[c];
                snapshot.CellValid[c] = valid;
                snapshot.CellVoltageMv[c] = v;
                snapshot.CellDeltaMv[c] = valid && _hasLastValid[c] ? v - _lastValidMv[c] : 0;
                if (valid)
                {
                    _lastValidMv[c] = v;
                    _hasLastValid[c] = true;
                }

                int[] ring = _ring[c];
                if (count == 1)
                {
                    _sumRecent[c] = 0;
                    _sumOlder[c] = 0;
                }

                // Running sums of the two slope windows: the newest 'slope' samples and the ones before.
                if (count <= slope)
                {
                    _sumRecent[c] += v;
                }
                else
                {
                    int leaving = ring[RingIndex(head - slope)];
                    _sumRecent[c] += v - leaving;
                    if (count <= 2 * slope)
                    {
                        _sumOlder[c] += leaving;
                    }
                    else
                    {
                        _sumOlder[c] += leaving - ring[RingIndex(head - (2 * slope))];
                    }
                }

                ring[head] = v;
                if (phase == ModulePhase.Current)
                {
                    _lastPulseSampleMv[c] = v;
                }

                if (slopeReady)
                {
                    // Means differ by (recent - older) / n over n samples of time: uV/s = d * 1e6 / (n^2 * T).
                    long difference = _sumRecent[c] - _sumOlder[c];
                    snapshot.RestSlopeUvPerS[c] = (int)(_slopeFactor != 0 ? difference * _slopeFactor : difference * 1000000 / _slopeDivisor);
                }

                if (shapeReady)
                {
                    int newest = 0;
                    int middle = 0;
                    int oldest = 0;
                    for (int k = 0; k < ShapePointSamples; k++)
                    {
                        newest += ring[RingIndex(head - k)];
                        middle += ring[RingIndex(head - shape - k)];
                        oldest += ring[RingIndex(head - (2 * shape) - k)];
                    }

                    snapshot.ShapeLateRiseMv[c] = (newest - middle) / ShapePointSamples;
                    snapshot.ShapeEarlyRiseMv[c] = (middle - oldest) / ShapePointSamples;
                }
            }

            _ringHead[module] = head + 1 == _ringLength ? 0 : head + 1;
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
