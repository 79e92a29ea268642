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
    /// clear polarisation under the current flowing, or a pulse edge whose resistance collapsed to a
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

        public void Evaluate(MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            int maximumMv = _configuration.MaximumVoltageMv;

            // Arrays in locals: the report call in the loop would otherwise make the JIT reload them per cell.
            bool[] cellValid = snapshot.CellValid;
            int[] voltages = snapshot.CellVoltageMv;
            int cellsPerModule = _layout.CellsPerModule;
            int modules = _layout.ModuleCount;
            ModulePhase[] phases = snapshot.Phase;
            bool[] edgeMeasured = snapshot.EdgeMeasured;

            // With nothing pending, a cell's Ok report changes nothing: a rest tick without an edge (most ticks)
            // has nothing to report, a pulse tick only a collapsed cell.
            bool quiet = diagnosis.IsQuiet(DiagnosisId.HardShort) && diagnosis.IsQuiet(DiagnosisId.HardShortShuntEdge);
            for (int m = 0; m < modules; m++)
            {
                bool edge = edgeMeasured[m];
                bool underCurrent = phases[m] == ModulePhase.Current && snapshot.PhaseSampleCount[m] > 0;
                if (quiet && !edge && !underCurrent)
                {
                    continue;
                }

                int current = snapshot.ModuleCurrentValid[m] ? snapshot.ModuleCurrentUa[m] : 0;
                long magnitude = current < 0 ? -current : current;
                long expectedMv = magnitude * _nominalResistanceMilliohm / 1000000;
                bool applies = underCurrent && expectedMv >= _configuration.MinimumExpectedPolarisationMv;

                // Without an edge only a valid cell near 0 V can report; the module's valid extremes tell whether any is.
                if (quiet && !edge && (!applies || snapshot.ValidMinimumMv[m] > maximumMv || snapshot.ValidMaximumMv[m] < -maximumMv))
                {
                    continue;
                }

                int first = m * cellsPerModule;
                int last = first + cellsPerModule;
                int stepUa = snapshot.EdgeCurrentUa[m];
                for (int c = first; c < last; c++)
                {
                    if (!cellValid[c])
                    {
                        continue;
                    }

                    int v = voltages[c];
                    bool nearZero = v <= maximumMv && v >= -maximumMv;
                    if (quiet && !edge && !(applies && nearZero))
                    {
                        continue;
                    }

                    bool shunted = edge && IsShuntEdge(c, snapshot.EdgeResistanceMilliohm[c], EdgeResistanceNoise.SigmaMilliohm(snapshot.NoiseVarianceCentiMv2[c], stepUa), nearZero);
                    bool collapsed = applies && nearZero;
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
                        diagnosis.Report(DiagnosisId.HardShort, c, collapsed && !diagnosis.IsActive(DiagnosisId.HardShortShuntEdge, c), v, maximumMv);
                        if (edge && !shunted)
                        {
                            diagnosis.Report(DiagnosisId.HardShortShuntEdge, c, false, snapshot.EdgeResistanceMilliohm[c], _shuntLimitMilliohm);
                        }
                    }
                }
            }
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
