// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Records;
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
            // Arrays and limits in locals: the report calls would otherwise make the JIT reload them per cell.
            bool[] cellValid = snapshot.CellValid;
            int[] voltages = snapshot.CellVoltageMv;
            int maximumMv = _limits.CellMaximumMv;
            int minimumMv = _limits.CellMinimumMv;

            // Inside the envelope both rows are Ok; while neither has anything pending those reports would change
            // nothing, so a healthy tick makes no call per cell, and a module whose valid extremes are inside the
            // envelope is not looked at cell by cell.
            bool cellsQuiet = diagnosis.IsQuiet(DiagnosisId.CellOvervoltage) && diagnosis.IsQuiet(DiagnosisId.CellUndervoltage);
            int[] moduleMinimumMv = snapshot.ValidMinimumMv;
            int[] moduleMaximumMv = snapshot.ValidMaximumMv;
            int cellsPerModule = _layout.CellsPerModule;
            int modules = _layout.ModuleCount;
            for (int m = 0; m < modules; m++)
            {
                if (cellsQuiet && moduleMaximumMv[m] <= maximumMv && moduleMinimumMv[m] >= minimumMv)
                {
                    continue;
                }

                int last = (m + 1) * cellsPerModule;
                for (int c = m * cellsPerModule; c < last; c++)
                {
                    bool valid = cellValid[c];
                    int v = voltages[c];
                    bool over = valid && v > maximumMv;
                    bool under = valid && v < minimumMv;
                    if (cellsQuiet && !over && !under)
                    {
                        continue;
                    }

                    diagnosis.Report(DiagnosisId.CellOvervoltage, c, over, v, maximumMv);
                    diagnosis.Report(DiagnosisId.CellUndervoltage, c, under, v, minimumMv);
                }
            }

            bool[] currentValid = snapshot.ModuleCurrentValid;
            int[] currents = snapshot.ModuleCurrentUa;
            ModulePhase[] phases = snapshot.Phase;
            int pulseLimit = _limits.ModuleMaximumCurrentUa;
            int openLimit = _limits.OpenSwitchCurrentUa;
            bool currentsQuiet = diagnosis.IsQuiet(DiagnosisId.ModuleOvercurrent);
            for (int m = 0; m < modules; m++)
            {
                int current = currents[m];
                int magnitude = current < 0 ? -current : current;
                int limit = phases[m] == ModulePhase.Current ? pulseLimit : openLimit;
                bool over = currentValid[m] && magnitude > limit;
                if (over || !currentsQuiet)
                {
                    diagnosis.Report(DiagnosisId.ModuleOvercurrent, m, over, current, limit);
                }
            }

            ChannelStatus[] temperatureStatuses = frame.TemperatureStatus;
            int[] temperatures = frame.TemperatureDeciCelsius;
            int maximumDeciCelsius = _limits.MaximumTemperatureDeciCelsius;
            bool temperaturesQuiet = diagnosis.IsQuiet(DiagnosisId.CellOvertemperature);
            int sensors = _layout.TemperatureCount;
            for (int t = 0; t < sensors; t++)
            {
                int temperature = temperatures[t];
                bool over = temperatureStatuses[t] == ChannelStatus.Valid && temperature > maximumDeciCelsius;
                if (over || !temperaturesQuiet)
                {
                    diagnosis.Report(DiagnosisId.CellOvertemperature, t, over, temperature, maximumDeciCelsius);
                }
            }
        }
    }
}
