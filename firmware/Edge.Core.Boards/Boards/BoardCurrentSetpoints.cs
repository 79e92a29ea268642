// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Diagnostics;

namespace Edge.Core.Boards
{
    /// <summary>
    /// The default a board's setpoint outputs give a configuration: with a module that has none
    /// (<c>setpoint = none</c>), its current is the load hardware's, so act mode's default answer to depletion
    /// drops the current reduction and keeps the shorter pulse (pulse tuning) and the longer rest, and the protection
    /// levels that would derate it (reaction <c>ReduceCurrent</c>) only report, and the current plausibility judges only
    /// the reading's sign; every board's coarsest setpoint code widens that row's tolerance. Applied where a
    /// configuration is created for a board, before any explicit setting; an explicit reduction on such a board is
    /// then refused by <see cref="ConfigurationValidator"/>, not silently dropped.
    /// </summary>
    public static class BoardCurrentSetpoints
    {
        public static void ApplyDefaults(BoardDefinition board, ControllerConfiguration configuration)
        {
            // A setpoint runs as its whole code, up to one code below the request: the current plausibility's
            // tolerance takes the board's coarsest code on top (10 uA on the DevKitC's DAC, 2 uA on the mux board's PWM).
            // Codes as Actuation's CurrentSetpointTransfer counts them: a DAC's top code, a PWM's 2^bits at its frequency.
            int largestCodeUa = 0;
            for (int m = 0; m < board.ModuleCount; m++)
            {
                ModuleDefinition module = board.ModuleAt(m);
                int fullScaleUa = module.SetpointFullScaleUa;
                int topCode = module.SetpointKind == SetpointKind.Dac ? Esp32Pins.DacTopCode
                    : module.SetpointKind == SetpointKind.Pwm ? 1 << LedcResolution.BitsAt(module.SetpointPwmFrequencyHz) : 0;
                if (topCode > 0 && fullScaleUa > 0)
                {
                    int codeUa = (fullScaleUa + topCode - 1) / topCode;
                    if (codeUa > largestCodeUa)
                    {
                        largestCodeUa = codeUa;
                    }
                }
            }

            // The default plus that code, never less than a tolerance already set (applied twice, it stays).
            int toleranceUa = new PlausibilityConfiguration().CurrentToleranceUa + largestCodeUa;
            if (configuration.Plausibility.CurrentToleranceUa < toleranceUa)
            {
                configuration.Plausibility.CurrentToleranceUa = toleranceUa;
            }

            if (!board.Safety.CurrentSetpointOnEveryModule)
            {
                // The load hardware sets the current, not the setpoint (a scheduler's share, for one): only the
                // reading's sign is judged against it.
                configuration.Plausibility.CurrentMagnitudeJudged = false;

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
