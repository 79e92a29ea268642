// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Replay;

/// <summary>
/// Whether a table's cell voltages under current are of a size the preset's cells can have. The presets are symmetric
/// cells (open-circuit voltage 0: [W], [S], [T]), so under a pulse the voltage is the polarisation: about the pulse's
/// current density times the healthy resistance (NASICON 150 ohm cm2, K-beta''-alumina 21) and at most the model's
/// largest polarisation (5 V). Volts read as millivolts put a healthy NaK50 pulse at 0.2 mV, which the core holds for a
/// hard short at its first tick; millivolts read as volts put a K cell's 50 mV at 50 V, past any cut-off.
/// </summary>
public static class VoltageScaleCheck
{
    /// <summary>
    /// A voltage unit's step is 1000: a healthy cell read one step too small lies 1000 times under its expected
    /// polarisation, one read right within a factor of a few of it. The geometric middle, sqrt(1000), parts the two.
    /// </summary>
    public static readonly double UnitStepMiddle = Math.Sqrt(1000);

    /// <summary>
    /// The share of samples under current that may lie below the plausible range before the column is refused: a cell
    /// that shorts within the recording keeps its healthy pulses before the short, so only a recording whose samples
    /// under current are nearly all (nine in ten) that small is taken for a unit mistake.
    /// </summary>
    public const double HealthyQuantile = 0.9;

    /// <summary>
    /// The refusal of the first module's cell voltages under current (samples whose current is above a fifth of the
    /// largest, as <see cref="CurrentSign"/> counts pulses) when nine in ten of them lie under the expected polarisation
    /// over <see cref="UnitStepMiddle"/>, or their median above <paramref name="largestPolarisationV"/> (or above both the cut-off and
    /// the expected polarisation times <see cref="UnitStepMiddle"/>); null when they
    /// fit, or when the file's format fixes the column's unit (no <see cref="LabRecording.VoltageReading"/>).
    /// </summary>
    /// <param name="pulseCurrentDensityMAPerCm2">The median pulse current over the electrode's area.</param>
    /// <param name="nominalResistanceOhmCm2">The healthy cell's resistance the core's hard-short test expects.</param>
    /// <param name="cutoff">The stripping cut-off the core applies and the setting that gives it (--cutoff, or the --scenario file's protocol.cutoffV).</param>
    public static string? Refusal(LabRecording recording, string preset, double pulseCurrentDensityMAPerCm2, double nominalResistanceOhmCm2, double largestPolarisationV, (double V, string Setting) cutoff)
    {
        ColumnReading? reading = recording.VoltageReading;
        double[] current = recording.ModuleCurrentMA[0];
        double largest = current.Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (reading == null || !(largest > 0))
        {
            return null;
        }

        List<double> underCurrent = new List<double>();
        for (int k = 0; k < current.Length; k++)
        {
            if (Math.Abs(current[k]) >= largest / 5)
            {
                for (int c = 0; c < recording.CellsPerModule; c++)
                {
                    underCurrent.Add(Math.Abs(recording.CellVoltageV[c][k]));
                }
            }
        }

        underCurrent.Sort();
        double median = underCurrent[underCurrent.Count / 2];
        double high = underCurrent[(int)Math.Min(underCurrent.Count - 1, Math.Floor(underCurrent.Count * HealthyQuantile))];
        double expectedV = Math.Abs(pulseCurrentDensityMAPerCm2) * nominalResistanceOhmCm2 / 1000.0;
        int index = Array.FindIndex(UnitMistakeHint.VoltageUnits, u => u.Factor == reading.Factor);
        CultureInfo inv = CultureInfo.InvariantCulture;
        if (high < expectedV / UnitStepMiddle)
        {
            // Only a larger unit that makes them a healthy cell's: a cell shorted from its first sample reads a few mV
            // in the largest unit too (about 1 ohm cm2 times the current, cell-model.md), and replays as the short it is.
            if (index < 0 || index + 1 >= UnitMistakeHint.VoltageUnits.Length)
            {
                return null;
            }

            (string unit, double factor) = UnitMistakeHint.VoltageUnits[index + 1];
            double ratio = factor / reading.Factor;
            if (high * ratio < expectedV / UnitStepMiddle)
            {
                return null;
            }

            return string.Format(inv,
                "the cell voltage under current reads median {0:0.#####} V (nine in ten samples under {1:0.#####} V), where a healthy {2} cell polarises about {3:0.###} V at {4:0.##} mA/cm2 ({5:0.#} ohm cm2), and the core would hold it for a hard short at its first pulse; read in {6} it is median {7:0.###} V ({8})",
                median, high, preset, expectedV, Math.Abs(pulseCurrentDensityMAPerCm2), nominalResistanceOhmCm2, unit, median * ratio,
                UnitMistakeHint.For(reading, "--voltage-unit", UnitMistakeHint.VoltageUnits, larger: true));
        }

        // Read in the next smaller unit, where there is one: the values a healthy cell would have.
        string smaller = index > 0
            ? string.Format(inv, "; read in {0} it is median {1:0.####} V", UnitMistakeHint.VoltageUnits[index - 1].Unit, median * UnitMistakeHint.VoltageUnits[index - 1].Factor / reading.Factor)
            : string.Empty;
        string largerUnitHint = UnitMistakeHint.For(reading, "--voltage-unit", UnitMistakeHint.VoltageUnits, larger: false)!;
        if (median > largestPolarisationV)
        {
            return string.Format(inv,
                "the cell voltage under current reads median {0:0.###} V, above the {1:0.###} V any {2} cell polarises to{3} ({4})",
                median, largestPolarisationV, preset, smaller, largerUnitHint);
        }

        // A depleted cell polarises far past its healthy resistance (NaK65 reaches 3 V at 0.05 mA/cm2, [W]), but not for
        // most of its pulses past the cut-off that stopped it: past both, the pulses are a unit step too large.
        if (median > cutoff.V && median > expectedV * UnitStepMiddle)
        {
            return string.Format(inv,
                "the cell voltage under current reads median {0:0.###} V, above the {1:0.###} V cut-off ({2}) and over {3:0} times the {4:0.####} V a healthy {5} cell polarises at {6:0.##} mA/cm2 ({7:0.#} ohm cm2), so the core would stop it at its first pulse{8} ({9}; if the cell's cut-off is higher, give it as {2})",
                median, cutoff.V, cutoff.Setting, Math.Floor(UnitStepMiddle), expectedV, preset, Math.Abs(pulseCurrentDensityMAPerCm2), nominalResistanceOhmCm2, smaller, largerUnitHint);
        }

        return null;
    }
}
