// Licensed under the MIT License.

using System;
using Edge.Core.Annotations;
using Edge.Core.Records;

namespace Edge.Core.Configuration.Diagnostics
{
    /// <summary>
    /// The diagnosis table: one row per <see cref="DiagnosisId"/>, indexed by the id's value.
    /// Defaults and their reasons are written next to each row.
    /// </summary>
    public sealed class DiagnosisTable
    {
        public const int RowCount = 36;

        private readonly DiagnosisTableRow[] _rows;

        private DiagnosisTable(DiagnosisTableRow[] rows)
        {
            _rows = rows;
        }

        [HotPath]
        public DiagnosisTableRow this[DiagnosisId id] => _rows[(int)id];

        [HotPath]
        public DiagnosisTableRow RowAt(int index) => _rows[index];

        /// <summary>Builds the default table from <see cref="DefaultRows"/>.</summary>
        public static DiagnosisTable CreateDefault()
        {
            DiagnosisTable table;
            string reason;
            if (!TryCreate(DefaultRows(), out table, out reason))
            {
                throw new InvalidOperationException("Default diagnosis table: " + reason);
            }

            return table;
        }

        /// <summary>
        /// A table from <paramref name="rows"/> in any order, which must hold exactly one row for every
        /// <see cref="DiagnosisId"/>; otherwise false, no table, and <paramref name="reason"/> names the
        /// id that has no row or two.
        /// </summary>
        public static bool TryCreate(DiagnosisTableRow[] rows, out DiagnosisTable table, out string reason)
        {
            table = null;
            DiagnosisTableRow[] byId = new DiagnosisTableRow[RowCount];
            for (int i = 0; i < rows.Length; i++)
            {
                DiagnosisTableRow row = rows[i];
                int index = (int)row.Id;
                if (index >= RowCount)
                {
                    reason = "row " + i + " has diagnosis id " + index + ", outside the " + RowCount + " ids";
                    return false;
                }

                if (byId[index] != null)
                {
                    reason = "diagnosis id " + index + " has two rows";
                    return false;
                }

                byId[index] = row;
            }

            for (int index = 0; index < RowCount; index++)
            {
                if (byId[index] == null)
                {
                    reason = "diagnosis id " + index + " has no row";
                    return false;
                }
            }

            reason = null;
            table = new DiagnosisTable(byId);
            return true;
        }

        /// <summary>
        /// The default rows, one per <see cref="DiagnosisId"/>; defaults and their reasons beside each. A row's debounce is
        /// counted as <see cref="DiagnosisTableRow.DebounceCount"/> says: leaky for a row that latches (an Ok reading takes
        /// one back), in a row for one that heals; the two agree at a debounce of 1 or 2.
        /// </summary>
        public static DiagnosisTableRow[] DefaultRows()
        {
            return new DiagnosisTableRow[]
            {
                // Depletion onset ([W]: the non-linear rise before the 3 V cut-off). Evaluated once per pulse,
                // so debounce counts are pulses. A warning asks for a longer rest. A fault lowers the pulse
                // current: a slow rise says the operating point is too hard for the alloy's composition now (its
                // limiting current falls as Na is stripped), and the same cell strips on at a lower current (the
                // [W] cell that fails at 1 mA/cm2 strips 20 mAh/cm2 at 0.25). Only a module already at its lowest
                // current stops. End of capacity is not a hazard, so none of these latch.
                Row(DiagnosisId.DepletionTrendInfo, DiagnosisScope.Cell, Severity.Info, EventKind.DepletionOnset, debounce: 1, heal: 3, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.DepletionTrendWarning, DiagnosisScope.Cell, Severity.Warning, EventKind.DepletionOnset, debounce: 1, heal: 3, DiagnosisReaction.ExtendRest, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.DepletionTrendFault, DiagnosisScope.Cell, Severity.Fault, EventKind.DepletionOnset, debounce: 2, heal: 3, DiagnosisReaction.ReduceCurrentOrStop, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.DepletionEdgeResistanceRise, DiagnosisScope.Cell, Severity.Warning, EventKind.DepletionOnset, debounce: 2, heal: 3, DiagnosisReaction.ExtendRest, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),

                // Evaluated every pulse sample; two consecutive convex windows so one noisy window cannot stop a pulse.
                // The rise to the cut-off takes about 0.1 s once it turns convex (cell-model.md), so the answer is
                // immediate: end this pulse, then rest longer at a lower current.
                Row(DiagnosisId.DepletionNonlinearRise, DiagnosisScope.Cell, Severity.Warning, EventKind.DepletionOnset, debounce: 2, heal: 20, DiagnosisReaction.AbortPulse, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),

                // Soft shorts ([W], [T]): each indicator alone is a warning; together they confirm a short,
                // which isolates the module before plating turns it into a hard short.
                Row(DiagnosisId.SoftShortSpike, DiagnosisScope.Cell, Severity.Warning, EventKind.SoftShort, debounce: 2, heal: 500, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.SoftShortResistanceDrop, DiagnosisScope.Cell, Severity.Warning, EventKind.SoftShort, debounce: 2, heal: 5, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.SoftShortSelfDischarge, DiagnosisScope.Cell, Severity.Warning, EventKind.SoftShort, debounce: 2, heal: 5, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                // The efficiency is judged once per stripping that ends at the cut-off (the plated metal used up), a
                // whole cycle's measurement as [T] reads it, not a noisy sample: one reading sets it, the next clears it.
                Row(DiagnosisId.SoftShortEfficiencyDrop, DiagnosisScope.Module, Severity.Warning, EventKind.SoftShort, debounce: 1, heal: 1, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.SoftShortConfirmed, DiagnosisScope.Cell, Severity.Fault, EventKind.SoftShort, debounce: 1, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.ReportsOnly),

                // Hard short: no debounce, the switch opens in the tick that shows it (safety rule 4).
                Row(DiagnosisId.HardShort, DiagnosisScope.Cell, Severity.Fault, EventKind.HardShort, debounce: 1, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                Row(DiagnosisId.HardShortShuntEdge, DiagnosisScope.Cell, Severity.Fault, EventKind.HardShort, debounce: 1, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),

                // Safety envelope (the maximum safety limits, MSL): two ticks so a single ADC glitch does not trip,
                // still well inside the cell's thermal time constants. Their graded levels are at the end of the table.
                Row(DiagnosisId.CellOvervoltage, DiagnosisScope.Cell, Severity.Fault, EventKind.Overvoltage, debounce: 2, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                Row(DiagnosisId.CellUndervoltage, DiagnosisScope.Cell, Severity.Fault, EventKind.Undervoltage, debounce: 2, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                Row(DiagnosisId.ModuleOvercurrent, DiagnosisScope.Module, Severity.Fault, EventKind.Overcurrent, debounce: 2, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                Row(DiagnosisId.CellOvertemperature, DiagnosisScope.Temperature, Severity.Fault, EventKind.Overtemperature, debounce: 3, heal: 1, DiagnosisReaction.IsolatePack, DiagnosisLatching.Latches, ObserveModeAction.Acts),

                // Plausibility: a channel that cannot be read leaves the module blind, so it is isolated.
                Row(DiagnosisId.CellChannelInvalid, DiagnosisScope.Cell, Severity.Fault, EventKind.ChannelFault, debounce: 3, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                Row(DiagnosisId.CellChannelSaturated, DiagnosisScope.Cell, Severity.Fault, EventKind.ChannelFault, debounce: 3, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                Row(DiagnosisId.CellChannelStuck, DiagnosisScope.Cell, Severity.Fault, EventKind.ChannelFault, debounce: 3, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                Row(DiagnosisId.CurrentChannelInvalid, DiagnosisScope.Module, Severity.Fault, EventKind.ChannelFault, debounce: 3, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                Row(DiagnosisId.CurrentChannelSaturated, DiagnosisScope.Module, Severity.Fault, EventKind.ChannelFault, debounce: 3, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                // A current reading that cannot be true against the setpoint that flowed (sign, or magnitude beyond the
                // tolerance): the hard-short test, the overcurrent limit and the charge count would all trust it. Three
                // readings with the switch closed, as the other channel rows (a plausible one between takes one back): one
                // transitional reading (a stage settling after a setpoint change) does not latch; until it latches the hard-short test takes the setpoint.
                Row(DiagnosisId.CurrentChannelImplausible, DiagnosisScope.Module, Severity.Fault, EventKind.ChannelFault, debounce: 3, heal: 1, DiagnosisReaction.IsolateModule, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                // A temperature sensor that cannot be read leaves the overtemperature limit blind: isolated as that limit
                // would isolate (its module, or the pack for a pack-wide sensor). Ten readings first: a thermistor behind
                // a multiplexer may miss one, and the cells' thermal time constants are minutes, not 100 ms. Counted leaky,
                // as every latching row: a sensor missing one reading in two never gets there, one missing two in three does.
                Row(DiagnosisId.TemperatureChannelInvalid, DiagnosisScope.Temperature, Severity.Fault, EventKind.ChannelFault, debounce: 10, heal: 1, DiagnosisReaction.IsolatePack, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                // The multiplexer's address check (the reference input read through it, far from its calibrated reading):
                // any input may then carry another's signal, so no multiplexed cell or sensor can be trusted and the
                // whole pack opens. Three readings, as the channel rows whose verdict it replaces in that case (every cell and
                // current marked implausible by the same reading), a passed check between taking one back: one glitch does
                // not trip it.
                Row(DiagnosisId.MuxAddressFault, DiagnosisScope.Pack, Severity.Fault, EventKind.ChannelFault, debounce: 3, heal: 1, DiagnosisReaction.IsolatePack, DiagnosisLatching.Latches, ObserveModeAction.Acts),
                // A channel bad on a share of its readings its leaky latching rows drain as fast as it fills (every other
                // reading, one in three: IntermittentChannelMonitor, judged once a window of plausibility.intermittentWindowReadings):
                // a warning, not a fault, since the valid readings still protect. One window sets it (the window is the
                // debounce: 20 bad readings of 100 by default). It heals after three windows in a row under the clear limit
                // (3 s at 10 ms ticks), so a channel hovering at the limit reports once, not once a window, and says so with
                // a channelRecovered event.
                Row(DiagnosisId.CellChannelIntermittent, DiagnosisScope.Cell, Severity.Warning, EventKind.ChannelFault, debounce: 1, heal: 3, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.CurrentChannelIntermittent, DiagnosisScope.Module, Severity.Warning, EventKind.ChannelFault, debounce: 1, heal: 3, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),

                // Tick timing: a late tick is worth reporting; a gap beyond the control deadline means
                // pulses ran unsupervised, so everything stops.
                Row(DiagnosisId.TickLate, DiagnosisScope.Pack, Severity.Info, EventKind.TickTiming, debounce: 1, heal: 100, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.Acts),
                Row(DiagnosisId.TickMissed, DiagnosisScope.Pack, Severity.Fault, EventKind.TickTiming, debounce: 1, heal: 1, DiagnosisReaction.IsolatePack, DiagnosisLatching.Latches, ObserveModeAction.Acts),

                // Graded protection (foxBMS 2's MOL / RSL below the MSL rows above): a warning at the maximum operating
                // limit, a lower current at the recommended safety limit. Set after the MSL rows' two ticks, so one ADC
                // glitch does not trip them either and a rising reading passes them in the limits' order; they heal
                // after 50 ticks (0.5 s at 10 ms) inside the level, so a reading that hovers at a level reports once per
                // excursion, not once per noisy crossing. They only report in observe mode; the MSL rows act in both.
                Row(DiagnosisId.CellOvervoltageWarning, DiagnosisScope.Cell, Severity.Warning, EventKind.Overvoltage, debounce: 2, heal: 50, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.CellOvervoltageDerate, DiagnosisScope.Cell, Severity.Warning, EventKind.Overvoltage, debounce: 2, heal: 50, DiagnosisReaction.ReduceCurrent, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.CellUndervoltageWarning, DiagnosisScope.Cell, Severity.Warning, EventKind.Undervoltage, debounce: 2, heal: 50, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.CellUndervoltageDerate, DiagnosisScope.Cell, Severity.Warning, EventKind.Undervoltage, debounce: 2, heal: 50, DiagnosisReaction.ReduceCurrent, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.ModuleOvercurrentWarning, DiagnosisScope.Module, Severity.Warning, EventKind.Overcurrent, debounce: 2, heal: 50, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.ModuleOvercurrentDerate, DiagnosisScope.Module, Severity.Warning, EventKind.Overcurrent, debounce: 2, heal: 50, DiagnosisReaction.ReduceCurrent, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),

                // Temperature: three samples, as the MSL row (a thermal time constant is seconds, a tick 10-20 ms);
                // healed after 100 ticks (1 s) so sensor noise at a level gives one event. The derate lowers the
                // current of the module a sensor is placed on, or of every module for a pack-wide sensor.
                Row(DiagnosisId.CellOvertemperatureWarning, DiagnosisScope.Temperature, Severity.Warning, EventKind.Overtemperature, debounce: 3, heal: 100, DiagnosisReaction.None, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly),
                Row(DiagnosisId.CellOvertemperatureDerate, DiagnosisScope.Temperature, Severity.Warning, EventKind.Overtemperature, debounce: 3, heal: 100, DiagnosisReaction.ReduceCurrent, DiagnosisLatching.Heals, ObserveModeAction.ReportsOnly)
            };
        }

        private static DiagnosisTableRow Row(
            DiagnosisId id,
            DiagnosisScope scope,
            Severity severity,
            EventKind eventKind,
            int debounce,
            int heal,
            DiagnosisReaction reaction,
            DiagnosisLatching latching,
            ObserveModeAction observeMode)
        {
            return new DiagnosisTableRow(id, scope, severity, eventKind, debounce, heal, reaction, latching, observeMode);
        }
    }
}
