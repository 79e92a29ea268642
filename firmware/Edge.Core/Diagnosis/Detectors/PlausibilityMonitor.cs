// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Sampling;

namespace Edge.Core.Diagnosis.Detectors
{
    /// <summary>
    /// Plausibility of the inputs: channel status from the board's conversion, cell readings that do
    /// not respond to current steps (stuck), and tick timing (late or missed ticks).
    /// </summary>
    [HotPath]
    public sealed class PlausibilityMonitor
    {
        private readonly PlausibilityConfiguration _plausibility;
        private readonly PackLayout _layout;
        private readonly int _periodMs;
        private readonly long _nominalResistanceOhm;
        private long _previousTickIndex;
        private bool _hasPrevious;

        public PlausibilityMonitor(ControllerConfiguration configuration, PackLayout layout)
        {
            _plausibility = configuration.Plausibility;
            _layout = layout;
            _periodMs = configuration.SamplePeriodMs;
            _nominalResistanceOhm = (long)(configuration.HardShort.NominalResistanceOhmCm2 / configuration.Protocol.ElectrodeAreaCm2);
        }

        public void Evaluate(SampleFrame frame, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            EvaluateTiming(frame, snapshot, diagnosis);

            // Arrays in locals: the report calls would otherwise make the JIT reload them per cell.
            ChannelStatus[] statuses = frame.CellVoltageStatus;
            int[] voltages = frame.CellVoltageMv;
            int cells = _layout.CellCount;
            for (int c = 0; c < cells; c++)
            {
                ChannelStatus status = statuses[c];
                diagnosis.Report(DiagnosisId.CellChannelSaturated, c, status == ChannelStatus.Saturated, voltages[c], 0);
                diagnosis.Report(DiagnosisId.CellChannelInvalid, c, status == ChannelStatus.Implausible || status == ChannelStatus.Missing, (int)status, 0);
            }

            for (int m = 0; m < _layout.ModuleCount; m++)
            {
                ChannelStatus status = frame.ModuleCurrentStatus[m];
                diagnosis.Report(DiagnosisId.CurrentChannelSaturated, m, status == ChannelStatus.Saturated, frame.ModuleCurrentUa[m], 0);
                diagnosis.Report(DiagnosisId.CurrentChannelInvalid, m, status == ChannelStatus.Implausible || status == ChannelStatus.Missing, (int)status, 0);
                if (snapshot.EdgeMeasured[m])
                {
                    EvaluateStuck(m, snapshot, diagnosis);
                }
            }

            for (int t = 0; t < _layout.TemperatureCount; t++)
            {
                diagnosis.Report(DiagnosisId.TemperatureChannelInvalid, t, frame.TemperatureStatus[t] != ChannelStatus.Valid, (int)frame.TemperatureStatus[t], 0);
            }
        }

        private void EvaluateTiming(SampleFrame frame, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            long skipped = _hasPrevious ? frame.TickIndex - _previousTickIndex - 1 : 0;
            _previousTickIndex = frame.TickIndex;
            bool first = !_hasPrevious;
            _hasPrevious = true;
            if (first)
            {
                return;
            }

            int interval = snapshot.IntervalMs;
            int lateLimit = _periodMs * _plausibility.LateTickPercent / 100;
            int missedLimit = _periodMs * _plausibility.MissedTickPeriods;
            bool missed = skipped >= _plausibility.MissedTickPeriods || interval >= missedLimit || interval <= 0;
            diagnosis.Report(DiagnosisId.TickMissed, 0, missed, interval, missedLimit);
            diagnosis.Report(DiagnosisId.TickLate, 0, !missed && (interval > lateLimit || skipped > 0), interval, lateLimit);
        }

        private void EvaluateStuck(int module, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            int current = snapshot.Phase[module] == ModulePhase.Current ? snapshot.ModuleCurrentUa[module] : snapshot.LastPulseCurrentUa[module];
            long magnitude = current < 0 ? -current : current;
            long expectedMv = magnitude * _nominalResistanceOhm / 1000;
            int minimum = _plausibility.StuckMinimumEdgeResponseMv;
            if (expectedMv < 4 * minimum || minimum == 0)
            {
                return;
            }

            int first = _layout.FirstCellOf(module);
            for (int c = first; c < first + _layout.CellsPerModule; c++)
            {
                if (!snapshot.CellValid[c])
                {
                    continue;
                }

                // Edge resistance times current is the voltage step the cell showed at the edge.
                long responseMv = (long)snapshot.EdgeResistanceMilliohm[c] * magnitude / 1000000;
                diagnosis.Report(DiagnosisId.CellChannelStuck, c, responseMv < minimum, (int)responseMv, minimum);
            }
        }
    }
}
