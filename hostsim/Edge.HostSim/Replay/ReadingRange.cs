// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Replay;

/// <summary>
/// The widest readings replay accepts from a file. Beyond them a value is no cell's reading but a corrupt row or a
/// column in other units than assumed (mV read as V), and the core, which holds voltages in whole mV and currents
/// in whole uA (32-bit), would clip it without a word (a 1e300 V row read as 2,147,483,647 mV).
/// </summary>
public static class ReadingRange
{
    /// <summary>No cell comes near it, nor a potentiostat's range (+/-10 V is usual); a 1,000-fold unit mistake passes it.</summary>
    public const double MaximumCellVoltageV = 100;

    /// <summary>1 kA: half the core's 32-bit microampere range (2,147 A).</summary>
    public const double MaximumCurrentMA = 1_000_000;

    /// <summary>Throws a <see cref="LabFileException"/> naming the line, column and value when a cell voltage is outside the range.</summary>
    /// <param name="line">1-based line of the file.</param>
    /// <param name="unitHint">The unit the column was read in and the option that changes it (<see cref="UnitMistakeHint"/>); null for none.</param>
    public static void CheckVoltage(string file, int line, string column, double voltageV, string? unitHint = null) =>
        Check(Math.Abs(voltageV) <= MaximumCellVoltageV, file, line, voltageV, "V", column, "any cell's voltage (+/-" + MaximumCellVoltageV + " V)", unitHint);

    /// <summary>Throws a <see cref="LabFileException"/> naming the line, column and value when a current is outside the range.</summary>
    /// <param name="line">1-based line of the file.</param>
    /// <param name="unitHint">The unit the column was read in and the option that changes it (<see cref="UnitMistakeHint"/>); null for none.</param>
    public static void CheckCurrent(string file, int line, string column, double currentMA, string? unitHint = null) =>
        Check(Math.Abs(currentMA) <= MaximumCurrentMA, file, line, currentMA, "mA", column, "the current replay takes (+/-" + (MaximumCurrentMA / 1000) + " A)", unitHint);

    private static void Check(bool inRange, string file, int line, double value, string unit, string column, string limit, string? unitHint)
    {
        if (!inRange)
        {
            throw new LabFileException(string.Format(
                CultureInfo.InvariantCulture,
                "{0}: line {1}: {2:G6} {3} in column '{4}' is beyond {5}: a corrupt row, or the column is in other units{6}",
                file,
                line,
                value,
                unit,
                column,
                limit,
                unitHint != null ? " (" + unitHint + ")" : string.Empty));
        }
    }
}
