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
            for (int c = 0; c < cells; c++)
            {
                bool valid = snapshot.CellValid[c];
                int v = snapshot.CellVoltageMv[c];
                diagnosis.Report(DiagnosisId.CellOvervoltage, c, valid && v > _limits.CellMaximumMv, v, _limits.CellMaximumMv);
                diagnosis.Report(DiagnosisId.CellUndervoltage, c, valid && v < _limits.CellMinimumMv, v, _limits.CellMinimumMv);
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
