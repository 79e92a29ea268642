// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Diagnosis.Detectors
{
    /// <summary>
    /// Safety envelope (foxBMS soa), graded as foxBMS grades it: cell over- and undervoltage, module overcurrent
    /// (also current through an open switch: a welded switch or a stuck driver), overtemperature, each against its
    /// maximum operating limit (MOL, a warning), recommended safety limit (RSL, derate) and maximum safety limit (MSL,
    /// the envelope: isolate). Reports only, every level to its own row; the diagnosis table decides.
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
            // One method, written out: on the device every call of every tick is interpreted overhead.
            // The warning levels are the innermost: inside them every row is Ok, and while no row has anything pending
            // those reports would change nothing, so a healthy tick makes no call per cell, and a module whose valid
            // extremes are inside the warning levels is not looked at cell by cell.
            // Its family quiet (a healthy tick) answers for every row here at once: each part reports to its own rows only.
            bool familyQuiet = diagnosis.PendingInFamily[(int)StopReason.Protection] == 0;
            int highestQuietMv = _limits.CellMaximumWarningMv;
            int lowestQuietMv = _limits.CellMinimumWarningMv;
            bool quiet = familyQuiet
                || (diagnosis.AreQuiet(DiagnosisId.CellOvervoltageWarning, DiagnosisId.CellOvervoltageDerate, DiagnosisId.CellOvervoltage)
                    && diagnosis.AreQuiet(DiagnosisId.CellUndervoltageWarning, DiagnosisId.CellUndervoltageDerate, DiagnosisId.CellUndervoltage));
            int[] moduleMinimumMv = snapshot.ValidMinimumMv;
            int[] moduleMaximumMv = snapshot.ValidMaximumMv;
            int modules = _layout.ModuleCount;
            int m = 0;
            if (quiet)
            {
                while (m < modules && moduleMaximumMv[m] <= highestQuietMv && moduleMinimumMv[m] >= lowestQuietMv)
                {
                    m++;
                }
            }

            if (m < modules)
            {
                EvaluateCells(m, quiet, snapshot, diagnosis);
            }

            bool[] currentValid = snapshot.ModuleCurrentValid;
            int[] currents = snapshot.ModuleCurrentUa;
            ModulePhase[] phases = snapshot.Phase;
            int pulseLimit = _limits.ModuleMaximumCurrentUa;

            // A unit not yet calibrated reads through the board's nominal points: at zero current an ESP32's Vref spread
            // shifts a bipolar channel's midpoint by tens of uA (-78 uA at Vref 1138 mV on the DevKitC), which the
            // open-switch limit would take for a leaking switch on every new unit. Its current is judged against the
            // pulse limit, which it can resolve; the clamp holds its switches open whatever is judged.
            int openLimit = frame.Uncalibrated ? pulseLimit : _limits.OpenSwitchCurrentUa;
            int warningLimit = _limits.ModuleCurrentWarningUa;
            quiet = familyQuiet || diagnosis.AreQuiet(DiagnosisId.ModuleOvercurrentWarning, DiagnosisId.ModuleOvercurrentDerate, DiagnosisId.ModuleOvercurrent);
            for (m = 0; m < modules; m++)
            {
                int current = currents[m];
                int magnitude = current < 0 ? -current : current;
                bool valid = currentValid[m];

                // Only a pulse's current is graded: current through an open switch has no lower level that a lower
                // setpoint could fix, so it goes straight to the envelope's open-switch limit.
                bool pulse = phases[m] == ModulePhase.Current;
                int limit = pulse ? pulseLimit : openLimit;
                if (pulse && current < 0)
                {
                    // A board's plating limit may lie inside the module limit (0.5 of 2 mA on the shipped boards): a pulse
                    // that plates is held to the tighter of the two. Read only then: on the device a property read is an
                    // interpreted call, and most ticks strip or rest.
                    int platingLimit = _limits.ModuleMaximumPlatingCurrentUa;
                    limit = platingLimit < pulseLimit ? platingLimit : pulseLimit;
                }

                bool over;
                if (valid)
                {
                    over = magnitude > limit;
                }
                else
                {
                    // A reading pinned at a rail says the current is at least the rail's value (the calibration's there).
                    // At the rail the current flows toward (the setpoint's sign; the stripping one through an open
                    // switch or at a setpoint of 0, the one every current stage drives), at or past the limit, it is
                    // overcurrent evidence, the rail its reading: the module opens at this row's debounce, not a tick
                    // later at the channel row's. Any other invalid reading (the opposite rail, a rail inside the limit,
                    // missing) holds every level's count (see EvaluateCells); the plausibility rows judge it. Once the
                    // channel's own saturation row has set, its pinned reading is that fault, named and answered: taken
                    // on as current through the open switch it would add an overcurrent that sends the operator to look
                    // for a welded switch.
                    bool plating = pulse && snapshot.SetpointUa[m] < 0;
                    if (frame.ModuleCurrentStatus[m] != ChannelStatus.Saturated || magnitude < limit || (plating ? current >= 0 : current <= 0)
                        || diagnosis.IsActive(DiagnosisId.CurrentChannelSaturated, m))
                    {
                        continue;
                    }

                    over = true;
                }

                bool high = pulse && magnitude > warningLimit;
                if (quiet && !over && !high)
                {
                    continue;
                }

                int derateLimit = _limits.ModuleCurrentDerateUa;
                diagnosis.Report(DiagnosisId.ModuleOvercurrentWarning, m, high, current, warningLimit);
                diagnosis.Report(DiagnosisId.ModuleOvercurrentDerate, m, pulse && magnitude > derateLimit, current, derateLimit);
                diagnosis.Report(DiagnosisId.ModuleOvercurrent, m, over, current, limit);
            }

            // A pack without temperature sensors loads nothing more.
            int sensors = _layout.TemperatureCount;
            if (sensors == 0)
            {
                return;
            }

            ChannelStatus[] temperatureStatuses = frame.TemperatureStatus;
            int[] temperatures = frame.TemperatureDeciCelsius;
            int warningDeciCelsius = _limits.TemperatureWarningDeciCelsius;
            quiet = familyQuiet || diagnosis.AreQuiet(DiagnosisId.CellOvertemperatureWarning, DiagnosisId.CellOvertemperatureDerate, DiagnosisId.CellOvertemperature);
            for (int t = 0; t < sensors; t++)
            {
                int temperature = temperatures[t];
                bool valid = temperatureStatuses[t] == ChannelStatus.Valid;
                bool high = valid && temperature > warningDeciCelsius;
                if (!valid || (quiet && !high))
                {
                    continue;
                }

                int derateDeciCelsius = _limits.TemperatureDerateDeciCelsius;
                int maximumDeciCelsius = _limits.MaximumTemperatureDeciCelsius;
                diagnosis.Report(DiagnosisId.CellOvertemperatureWarning, t, high, temperature, warningDeciCelsius);
                diagnosis.Report(DiagnosisId.CellOvertemperatureDerate, t, valid && temperature > derateDeciCelsius, temperature, derateDeciCelsius);
                diagnosis.Report(DiagnosisId.CellOvertemperature, t, valid && temperature > maximumDeciCelsius, temperature, maximumDeciCelsius);
            }
        }

        /// <summary>The cells of the modules from <paramref name="firstModule"/> on, each level reported innermost first.</summary>
        private void EvaluateCells(int firstModule, bool quiet, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            // Arrays and limits in locals: the report calls would otherwise make the JIT reload them per cell.
            int highestQuietMv = _limits.CellMaximumWarningMv;
            int lowestQuietMv = _limits.CellMinimumWarningMv;
            int[] moduleMinimumMv = snapshot.ValidMinimumMv;
            int[] moduleMaximumMv = snapshot.ValidMaximumMv;
            bool[] cellValid = snapshot.CellValid;
            int[] voltages = snapshot.CellVoltageMv;
            int maximumMv = _limits.CellMaximumMv;
            int maximumDerateMv = _limits.CellMaximumDerateMv;
            int minimumMv = _limits.CellMinimumMv;
            int minimumDerateMv = _limits.CellMinimumDerateMv;
            int cellsPerModule = _layout.CellsPerModule;
            int modules = _layout.ModuleCount;
            for (int m = firstModule; m < modules; m++)
            {
                if (quiet && moduleMaximumMv[m] <= highestQuietMv && moduleMinimumMv[m] >= lowestQuietMv)
                {
                    continue;
                }

                int last = (m + 1) * cellsPerModule;
                for (int c = m * cellsPerModule; c < last; c++)
                {
                    bool valid = cellValid[c];
                    int v = voltages[c];
                    bool high = valid && v > highestQuietMv;
                    bool low = valid && v < lowestQuietMv;
                    if (!valid || (quiet && !high && !low))
                    {
                        // An invalid reading is no evidence either way: reported as Ok it would take from every level's
                        // count, and an over-limit cell read valid only every other tick would never be isolated.
                        // It holds the counts; the plausibility rows judge the channel itself.
                        continue;
                    }

                    // Innermost level first: on a rise that crosses several levels in one tick the events come in the
                    // ladder's order (warning, derate, isolation).
                    diagnosis.Report(DiagnosisId.CellOvervoltageWarning, c, high, v, highestQuietMv);
                    diagnosis.Report(DiagnosisId.CellOvervoltageDerate, c, valid && v > maximumDerateMv, v, maximumDerateMv);
                    diagnosis.Report(DiagnosisId.CellOvervoltage, c, valid && v > maximumMv, v, maximumMv);
                    diagnosis.Report(DiagnosisId.CellUndervoltageWarning, c, low, v, lowestQuietMv);
                    diagnosis.Report(DiagnosisId.CellUndervoltageDerate, c, valid && v < minimumDerateMv, v, minimumDerateMv);
                    diagnosis.Report(DiagnosisId.CellUndervoltage, c, valid && v < minimumMv, v, minimumMv);
                }
            }
        }
    }
}
