// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Sampling;

namespace Edge.Core.Diagnosis.Detectors
{
    /// <summary>
    /// Safety envelope (foxBMS soa): cell over- and undervoltage, module overcurrent (also current
    /// through an open switch: a welded switch or a stuck driver), overtemperature. Reports only;
    /// the diagnosis table isolates.
    /// </summary>
    [HotPath]
    public sealed class ProtectionMonitor
    {
        private readonly ProtectionConfiguration _limits;
        private readonly PackLayout _layout;

        public ProtectionMonitor(ProtectionConfiguration limits, PackLayout layout)
        {
            _limits = limits;
            _layout = layout;
        }

        public void Evaluate(SampleFrame frame, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            int cells = _layout.CellCount;

            // Arrays and limits in locals: the report calls would otherwise make the JIT reload them per cell.
            bool[] cellValid = snapshot.CellValid;
            int[] voltages = snapshot.CellVoltageMv;
            int maximumMv = _limits.CellMaximumMv;
            int minimumMv = _limits.CellMinimumMv;
            for (int c = 0; c < cells; c++)
            {
                bool valid = cellValid[c];
                int v = voltages[c];
                diagnosis.Report(DiagnosisId.CellOvervoltage, c, valid && v > maximumMv, v, maximumMv);
                diagnosis.Report(DiagnosisId.CellUndervoltage, c, valid && v < minimumMv, v, minimumMv);
            }

            for (int m = 0; m < _layout.ModuleCount; m++)
            {
                bool valid = snapshot.ModuleCurrentValid[m];
                int current = snapshot.ModuleCurrentUa[m];
                int magnitude = current < 0 ? -current : current;
                int limit = snapshot.Phase[m] == ModulePhase.Current ? _limits.ModuleMaximumCurrentUa : _limits.OpenSwitchCurrentUa;
                diagnosis.Report(DiagnosisId.ModuleOvercurrent, m, valid && magnitude > limit, current, limit);
            }

            for (int t = 0; t < _layout.TemperatureCount; t++)
            {
                bool valid = frame.TemperatureStatus[t] == ChannelStatus.Valid;
                int temperature = frame.TemperatureDeciCelsius[t];
                diagnosis.Report(DiagnosisId.CellOvertemperature, t, valid && temperature > _limits.MaximumTemperatureDeciCelsius, temperature, _limits.MaximumTemperatureDeciCelsius);
            }
        }
    }
}
