// Licensed under the MIT License.

using Edge.Core.Telemetry;

namespace Edge.Core.Diagnosis.Table
{
    /// <summary>
    /// The diagnosis table: one row per <see cref="DiagnosisId"/>, indexed by the id's value.
    /// Defaults and their reasons are written next to each row.
    /// </summary>
    public sealed class DiagnosisTable
    {
        public const int RowCount = 23;

        private readonly DiagnosisTableRow[] _rows;

        private DiagnosisTable(DiagnosisTableRow[] rows)
        {
            _rows = rows;
        }

        [HotPath]
        public DiagnosisTableRow this[DiagnosisId id] => _rows[(int)id];

        [HotPath]
        public DiagnosisTableRow RowAt(int index) => _rows[index];

        /// <summary>Builds the default table.</summary>
        public static DiagnosisTable CreateDefault()
        {
            DiagnosisTableRow[] rows = new DiagnosisTableRow[RowCount];

            // Depletion onset ([W]: the non-linear rise before the 3 V cut-off). Evaluated once per pulse,
            // so debounce counts are pulses. A warning asks for a longer rest; a fault stops the module
            // (it is end of capacity, not a hazard, so it does not latch).
            Put(rows, DiagnosisId.DepletionTrendInfo, DiagnosisScope.Cell, Severity.Info, EventKind.DepletionOnset, 1, 3, DiagnosisReaction.None, false, false);
            Put(rows, DiagnosisId.DepletionTrendWarning, DiagnosisScope.Cell, Severity.Warning, EventKind.DepletionOnset, 1, 3, DiagnosisReaction.ExtendRest, false, false);
            Put(rows, DiagnosisId.DepletionTrendFault, DiagnosisScope.Cell, Severity.Fault, EventKind.DepletionOnset, 2, 3, DiagnosisReaction.StopModule, false, false);
            Put(rows, DiagnosisId.DepletionEdgeResistanceRise, DiagnosisScope.Cell, Severity.Warning, EventKind.DepletionOnset, 2, 3, DiagnosisReaction.ExtendRest, false, false);

            // Evaluated every pulse sample; two consecutive convex windows so one noisy window cannot stop a pulse.
            // The rise to the cut-off takes about 0.1 s once it turns convex (cell-model.md), so the answer is
            // immediate: end this pulse, then rest longer at a lower current.
            Put(rows, DiagnosisId.DepletionNonlinearRise, DiagnosisScope.Cell, Severity.Warning, EventKind.DepletionOnset, 2, 20, DiagnosisReaction.AbortPulse, false, false);

            // Soft shorts ([W], [T]): each indicator alone is a warning; together they confirm a short,
            // which isolates the module before plating turns it into a hard short.
            Put(rows, DiagnosisId.SoftShortSpike, DiagnosisScope.Cell, Severity.Warning, EventKind.SoftShort, 2, 500, DiagnosisReaction.None, false, false);
            Put(rows, DiagnosisId.SoftShortResistanceDrop, DiagnosisScope.Cell, Severity.Warning, EventKind.SoftShort, 2, 5, DiagnosisReaction.None, false, false);
            Put(rows, DiagnosisId.SoftShortSelfDischarge, DiagnosisScope.Cell, Severity.Warning, EventKind.SoftShort, 2, 5, DiagnosisReaction.None, false, false);
            Put(rows, DiagnosisId.SoftShortEfficiencyDrop, DiagnosisScope.Module, Severity.Warning, EventKind.SoftShort, 2, 3, DiagnosisReaction.None, false, false);
            Put(rows, DiagnosisId.SoftShortConfirmed, DiagnosisScope.Cell, Severity.Fault, EventKind.SoftShort, 1, 1, DiagnosisReaction.IsolateModule, true, false);

            // Hard short: no debounce, the switch opens in the tick that shows it (safety rule 4).
            Put(rows, DiagnosisId.HardShort, DiagnosisScope.Cell, Severity.Fault, EventKind.HardShort, 1, 1, DiagnosisReaction.IsolateModule, true, true);

            // Safety envelope: two ticks so a single ADC glitch does not trip, still well inside
            // the cell's thermal time constants.
            Put(rows, DiagnosisId.CellOvervoltage, DiagnosisScope.Cell, Severity.Fault, EventKind.Overvoltage, 2, 1, DiagnosisReaction.IsolateModule, true, true);
            Put(rows, DiagnosisId.CellUndervoltage, DiagnosisScope.Cell, Severity.Fault, EventKind.Undervoltage, 2, 1, DiagnosisReaction.IsolateModule, true, true);
            Put(rows, DiagnosisId.ModuleOvercurrent, DiagnosisScope.Module, Severity.Fault, EventKind.Overcurrent, 2, 1, DiagnosisReaction.IsolateModule, true, true);
            Put(rows, DiagnosisId.CellOvertemperature, DiagnosisScope.Temperature, Severity.Fault, EventKind.Overtemperature, 3, 1, DiagnosisReaction.IsolatePack, true, true);

            // Plausibility: a channel that cannot be read leaves the module blind, so it is isolated.
            Put(rows, DiagnosisId.CellChannelInvalid, DiagnosisScope.Cell, Severity.Fault, EventKind.ChannelFault, 3, 1, DiagnosisReaction.IsolateModule, true, true);
            Put(rows, DiagnosisId.CellChannelSaturated, DiagnosisScope.Cell, Severity.Fault, EventKind.ChannelFault, 3, 1, DiagnosisReaction.IsolateModule, true, true);
            Put(rows, DiagnosisId.CellChannelStuck, DiagnosisScope.Cell, Severity.Fault, EventKind.ChannelFault, 3, 1, DiagnosisReaction.IsolateModule, true, true);
            Put(rows, DiagnosisId.CurrentChannelInvalid, DiagnosisScope.Module, Severity.Fault, EventKind.ChannelFault, 3, 1, DiagnosisReaction.IsolateModule, true, true);
            Put(rows, DiagnosisId.CurrentChannelSaturated, DiagnosisScope.Module, Severity.Fault, EventKind.ChannelFault, 3, 1, DiagnosisReaction.IsolateModule, true, true);
            Put(rows, DiagnosisId.TemperatureChannelInvalid, DiagnosisScope.Temperature, Severity.Warning, EventKind.ChannelFault, 10, 10, DiagnosisReaction.None, false, true);

            // Tick timing: a late tick is worth reporting; a gap beyond the control deadline means
            // pulses ran unsupervised, so everything stops.
            Put(rows, DiagnosisId.TickLate, DiagnosisScope.Pack, Severity.Info, EventKind.TickTiming, 1, 100, DiagnosisReaction.None, false, true);
            Put(rows, DiagnosisId.TickMissed, DiagnosisScope.Pack, Severity.Fault, EventKind.TickTiming, 1, 1, DiagnosisReaction.IsolatePack, true, true);

            return new DiagnosisTable(rows);
        }

        private static void Put(
            DiagnosisTableRow[] rows,
            DiagnosisId id,
            DiagnosisScope scope,
            Severity severity,
            EventKind eventKind,
            int debounceCount,
            int healCount,
            DiagnosisReaction reaction,
            bool latches,
            bool actsInObserveMode)
        {
            rows[(int)id] = new DiagnosisTableRow(id, scope, severity, eventKind, debounceCount, healCount, reaction, latches, actsInObserveMode);
        }
    }
}
