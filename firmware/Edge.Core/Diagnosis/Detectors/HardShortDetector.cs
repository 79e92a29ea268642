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
    /// Hard short ([W]: plating short, "voltage to near 0 V"): a few mV across a cell that should show a
    /// clear polarisation under the current flowing (one reading, or the mean of a pulse window where one reading's
    /// noise is too large for the polarisation expected), or a pulse edge whose resistance collapsed to a
    /// fraction of the cell's own baseline (V proportional to I through a metallic path). No debounce:
    /// the switch opens in the tick that shows it.
    /// </summary>
    [HotPath]
    public sealed class HardShortDetector
    {
        /// <summary>Edges averaged into a cell's resistance baseline.</summary>
        private const int BaselineEdges = 4;

        private readonly HardShortConfiguration _configuration;
        private readonly PackLayout _layout;
        // Milliohm, not ohm: a large electrode's nominal resistance is below one ohm (150 ohm cm2 over 1000 cm2 is
        // 0.15 ohm), which whole ohms would round to 0 and so switch the check off.
        private readonly long _nominalResistanceMilliohm;
        private int _shuntLimitMilliohm;
        private readonly long[] _baselineSumMilliohm;
        private readonly int[] _baselineCount;
        private bool[] _currentImplausible;

        public HardShortDetector(ControllerConfiguration configuration, PackLayout layout)
        {
            _configuration = configuration.HardShort;
            _layout = layout;
            _nominalResistanceMilliohm = (long)(configuration.HardShort.NominalResistanceOhmCm2 * 1000 / configuration.Protocol.ElectrodeAreaCm2);
            _baselineSumMilliohm = new long[layout.CellCount];
            _baselineCount = new int[layout.CellCount];
        }

        /// <summary>Fault reset: the module's cells learn their edge-resistance baselines afresh.</summary>
        public void ResetModule(int module)
        {
            int first = _layout.FirstCellOf(module);
            for (int c = first; c < first + _layout.CellsPerModule; c++)
            {
                _baselineSumMilliohm[c] = 0;
                _baselineCount[c] = 0;
            }
        }

        /// <summary>Every module's cells, trusting each valid current reading (no plausibility verdict at hand).</summary>
        public void Evaluate(MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            Evaluate(snapshot, null, diagnosis);
        }

        /// <summary>
        /// Every module's cells. <paramref name="currentImplausible"/> (per module, null for none) is the plausibility
        /// monitor's verdict of this tick (<see cref="PlausibilityMonitor.CurrentImplausible"/>): such a reading may not
        /// be what flowed, and the polarisation expected is worked out from the larger of it and the setpoint (an invalid
        /// reading from the setpoint). A current channel stuck at 0 would otherwise expect none, and a metallic short went
        /// unreported until the pulse's closing edge (or the stuck-cell row, tens of seconds later).
        /// </summary>
        public void Evaluate(MeasurementSnapshot snapshot, bool[] currentImplausible, DiagnosisManager diagnosis)
        {
            // The controller hands over the same array every tick: storing a reference costs a GC write barrier on .NET
            // every tick, a compare nothing more on the device.
            if (_currentImplausible != currentImplausible)
            {
                _currentImplausible = currentImplausible;
            }

            // Only what passes a module over is loaded per tick (on the device every load is an interpreted
            // instruction); the rest, per module looked at (EvaluateModule).
            int modules = _layout.ModuleCount;
            ModulePhase[] phases = snapshot.Phase;
            bool[] edgeMeasured = snapshot.EdgeMeasured;

            // With nothing pending, a cell's Ok report changes nothing: a rest tick without an edge (most ticks)
            // has nothing to report, a pulse tick only a collapsed cell.
            bool quiet = diagnosis.PendingInFamily[(int)StopReason.HardShort] == 0 || (diagnosis.IsQuiet(DiagnosisId.HardShort) && diagnosis.IsQuiet(DiagnosisId.HardShortShuntEdge));
            for (int m = 0; m < modules; m++)
            {
                bool edge = edgeMeasured[m];
                bool underCurrent = phases[m] == ModulePhase.Current && snapshot.PhaseSampleCount[m] > 0;
                if (quiet && !edge && !underCurrent)
                {
                    continue;
                }

                EvaluateModule(m, edge, underCurrent, quiet, snapshot, diagnosis);
            }
        }

        /// <summary>A module with an edge, under current, or with rows pending (<paramref name="quiet"/> false).</summary>
        private void EvaluateModule(int module, bool edge, bool underCurrent, bool quiet, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            int maximumMv = _configuration.MaximumVoltageMv;
            // The reading when it can be trusted; an invalid one by the setpoint that flowed (0 with the switch open); an
            // implausible one by the larger of the two: either may be what flows, and a cell near 0 V is a short if
            // either should have shown a clear polarisation.
            int current = snapshot.ModuleCurrentValid[module] ? snapshot.ModuleCurrentUa[module] : snapshot.SetpointUa[module];
            long magnitude = current < 0 ? -(long)current : current;
            if (_currentImplausible != null && _currentImplausible[module])
            {
                int setpoint = snapshot.SetpointUa[module];
                long setpointMagnitude = setpoint < 0 ? -(long)setpoint : setpoint;
                if (setpointMagnitude > magnitude)
                {
                    magnitude = setpointMagnitude;
                }
            }

            // In 0.01 mV: uA x milliohm is nV. Whole mV rounded a K cell's 4.2 mV at 0.2 mA/cm2 down to 4, and the
            // window's limit below to 0.
            long expectedCentiMv = magnitude * _nominalResistanceMilliohm / 10000;
            long maximumCentiMv = (long)maximumMv * 100;
            bool applies = underCurrent && expectedCentiMv >= (long)_configuration.MinimumExpectedPolarisationMv * 100;

            // A pulse window's mean (16 readings, a quarter of one reading's noise) against a near-zero limit in the
            // same proportion to the expected polarisation as the single reading's (5 of 25 mV), never above it:
            // a cell a fifth of its nominal polarisation is not taken for a short more readily than by one reading.
            // It applies to a cell whose noise leaves the expected polarisation that many of the mean's standard
            // deviations above the limit (below): at 4-5 mV of noise a K cell's 21 mV at 1 mA/cm2, which one
            // reading cannot tell from 5 mV. The limit is kept in 0.01 mV: in whole mV an expected polarisation under
            // 5 mV gave a limit of 0, which only a mean of exactly 0 met (about one window in twenty at 2 mV of noise).
            bool window = underCurrent && snapshot.PulseWindowReady[module];
            long windowLimitCentiMv = 0;
            if (window)
            {
                windowLimitCentiMv = expectedCentiMv * maximumMv / _configuration.MinimumExpectedPolarisationMv;
                if (windowLimitCentiMv > maximumCentiMv)
                {
                    windowLimitCentiMv = maximumCentiMv;
                }

                window = expectedCentiMv > windowLimitCentiMv;
            }

            // Without an edge or a window only a valid cell near 0 V can report; the module's valid extremes tell whether any is.
            if (quiet && !edge && !window && (!applies || snapshot.ValidMinimumMv[module] > maximumMv || snapshot.ValidMaximumMv[module] < -maximumMv))
            {
                return;
            }

            // Arrays in locals: the report call in the loop would otherwise make the JIT reload them per cell.
            bool[] cellValid = snapshot.CellValid;
            int[] voltages = snapshot.CellVoltageMv;
            int[] windowMeanCentiMv = snapshot.PulseWindowMeanCentiMv;
            int[] noiseVariance = snapshot.NoiseVarianceCentiMv2;
            int cellsPerModule = _layout.CellsPerModule;
            int first = module * cellsPerModule;
            int last = first + cellsPerModule;
            int stepUa = snapshot.EdgeCurrentUa[module];
            for (int c = first; c < last; c++)
            {
                if (!cellValid[c])
                {
                    continue;
                }

                int v = voltages[c];
                bool nearZero = v <= maximumMv && v >= -maximumMv;
                int meanCentiMv = window ? windowMeanCentiMv[c] : 0;
                bool meanNearZero = window && meanCentiMv <= windowLimitCentiMv && meanCentiMv >= -windowLimitCentiMv
                    && IsBeyondWindowNoise(noiseVariance[c], expectedCentiMv - windowLimitCentiMv);
                bool readingCollapsed = applies && nearZero && IsBeyondReadingNoise(noiseVariance[c], expectedCentiMv - maximumCentiMv);
                if (quiet && !edge && !readingCollapsed && !meanNearZero)
                {
                    continue;
                }

                bool shunted = edge && IsShuntEdge(c, snapshot.EdgeResistanceMilliohm[c], EdgeResistanceNoise.SigmaMilliohm(snapshot.NoiseVarianceCentiMv2[c], stepUa), nearZero);
                bool collapsed = readingCollapsed || meanNearZero;
                // One hard short per cell: after the voltage check decided it, the edge of the opening switch
                // shows the same short again, and the other way round.
                if (shunted && !collapsed)
                {
                    // The edge decided: its own diagnosis, so that its unit (mOhm against the limit it fell
                    // below) is never read as the voltage check's mV.
                    diagnosis.Report(DiagnosisId.HardShortShuntEdge, c, !diagnosis.IsActive(DiagnosisId.HardShort, c), snapshot.EdgeResistanceMilliohm[c], _shuntLimitMilliohm);
                }
                else
                {
                    // The reading's own evidence first; a window's is its mean (toward 0) against its limit. In uV, so
                    // that a limit under 1 mV (a K cell at 0.2 mA/cm2: 0.84 mV) does not read as 0.
                    bool byWindow = meanNearZero && !readingCollapsed;
                    diagnosis.Report(
                        DiagnosisId.HardShort,
                        c,
                        collapsed && !diagnosis.IsActive(DiagnosisId.HardShortShuntEdge, c),
                        byWindow ? meanCentiMv * 10 : MillivoltsToMicrovolts(v),
                        byWindow ? (int)(windowLimitCentiMv * 10) : maximumMv * 1000);
                    if (edge && !shunted)
                    {
                        diagnosis.Report(DiagnosisId.HardShortShuntEdge, c, false, snapshot.EdgeResistanceMilliohm[c], _shuntLimitMilliohm);
                    }
                }
            }
        }

        /// <summary>
        /// One reading near 0 V is a short on a cell whose noise is not measured yet (as before any was known: a short
        /// from the first pulse on is still found by one reading), or small enough that a healthy cell's expected
        /// polarisation stands <see cref="HardShortConfiguration.ShuntSigmaTenths"/> of one reading's standard
        /// deviations above the limit. Noisier cells are left to the pulse window's mean. A K cell at 1.2 mA/cm2 (25 mV)
        /// read through 5 mV of noise is only 4 sigma above 5 mV: one reading in some 30,000. Worked out only for a
        /// reading near 0 V, not every tick under current.
        /// </summary>
        private bool IsBeyondReadingNoise(int varianceCentiMv2, long marginCentiMv)
        {
            if (varianceCentiMv2 <= 0)
            {
                return true;
            }

            return NoiseLimit.ClearsCentiMv(marginCentiMv, varianceCentiMv2, 1, _configuration.ShuntSigmaTenths);
        }

        /// <summary>
        /// The cell's reading noise is measured and small enough that a healthy cell's expected polarisation stands
        /// <see cref="HardShortConfiguration.ShuntSigmaTenths"/> of a window mean's standard deviations above the
        /// window's limit: only then is a mean within the limit a short (no debounce here either). Worked out only for
        /// a mean near 0 V.
        /// </summary>
        private bool IsBeyondWindowNoise(int varianceCentiMv2, long marginCentiMv)
        {
            return varianceCentiMv2 > 0 && NoiseLimit.ClearsCentiMv(marginCentiMv, varianceCentiMv2, PackMeasurement.PulseWindowSamples, _configuration.ShuntSigmaTenths);
        }

        /// <summary>A reading in uV for the event, held within an int (a valid reading is a few volts at most).</summary>
        private static int MillivoltsToMicrovolts(int mv)
        {
            long uv = mv * 1000L;
            return uv > int.MaxValue ? int.MaxValue : (uv < -int.MaxValue ? -int.MaxValue : (int)uv);
        }

        private bool IsShuntEdge(int cell, int edgeMilliohm, long sigmaMilliohm, bool nearZero)
        {
            // 0 is an edge read from an invalid reading (not measured), except on a valid cell that reads near 0 V
            // once its baseline is known: there two equal readings across the step are a metallic short's edge, the
            // most collapsed there is (on a quantised K cell at 1 mA/cm2 the only reading below the limit).
            if (edgeMilliohm <= 0 && !(edgeMilliohm == 0 && nearZero && _baselineCount[cell] >= BaselineEdges))
            {
                return false;
            }

            if (_baselineCount[cell] < BaselineEdges)
            {
                _baselineSumMilliohm[cell] += edgeMilliohm;
                _baselineCount[cell]++;
                return false;
            }

            // Collapsed, and by more than noise can make one edge reading fall (no debounce here: at a small
            // current step one noisy edge could otherwise isolate a healthy module).
            long baseline = _baselineSumMilliohm[cell] / BaselineEdges;
            // Below both the baseline fraction and the noise margin. The limit is the smaller of the two, rounded
            // so that "value < threshold" in the event says exactly what this comparison decided.
            long fractionLimit = ((baseline * _configuration.ShuntResistancePercent) + 99) / 100;
            long noiseLimit = baseline - (sigmaMilliohm * _configuration.ShuntSigmaTenths / 10);
            _shuntLimitMilliohm = (int)(fractionLimit < noiseLimit ? fractionLimit : noiseLimit);
            return edgeMilliohm < _shuntLimitMilliohm;
        }
    }
}
