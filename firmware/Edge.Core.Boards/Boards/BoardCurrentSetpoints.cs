// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Diagnostics;

namespace Edge.Core.Boards
{
    /// <summary>
    /// The default a board's setpoint outputs give a configuration: with a module that has none
    /// (<c>setpoint = none</c>), its current is the load hardware's, so act mode's default answer to depletion
    /// drops the current reduction and keeps the shorter pulse (pulse tuning) and the longer rest, and the protection
    /// levels that would derate it (reaction <c>ReduceCurrent</c>) only report. Applied where a
    /// configuration is created for a board, before any explicit setting; an explicit reduction on such a board is
    /// then refused by <see cref="ConfigurationValidator"/>, not silently dropped.
    /// </summary>
    public static class BoardCurrentSetpoints
    {
        public static void ApplyDefaults(BoardDefinition board, ControllerConfiguration configuration)
        {
            if (!board.Safety.CurrentSetpointOnEveryModule)
            {
                configuration.Depletion.CurrentReductionPercent = 0;

                // Nor can a protection level derate it: the recommended safety limits only warn there, and the
                // safety limits still isolate.
                DiagnosisTable table = configuration.Diagnosis;
                for (int i = 0; i < DiagnosisTable.RowCount; i++)
                {
                    DiagnosisTableRow row = table.RowAt(i);
                    if (row.Reaction == DiagnosisReaction.ReduceCurrent)
                    {
                        row.Reaction = DiagnosisReaction.None;
                    }
                }
            }
        }
    }
}
