// Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace Edge.HostSim.Replay;

/// <summary>
/// The unit a column's name states, as cyclers and spreadsheets write it: "Current(A)", "Strom [mA]", "time/s",
/// "Ewe/V", "time_ms", "Voltage_V". A table whose header says A must not be read as mA because the option's default is mA.
/// </summary>
public static partial class ColumnUnit
{
    /// <summary>
    /// The units an underscore may put after a name ("time_ms", "U_mV", "I_uA"), spelt as written, case and all: an
    /// underscore also joins words and numbers ("cell_1", "cell_a", "Step_Index"), so only a unit replay reads, in its own
    /// spelling, is taken for one.
    /// </summary>
    private static readonly string[] s_underscoreUnits = { "s", "ms", "min", "h", "V", "mV", "A", "mA", "uA", "\u00b5A", "\u03bcA" };

    /// <summary>The unit text at the end of <paramref name="columnName"/>, or null when it names none.</summary>
    public static string? Of(string columnName)
    {
        // A potential against a reference electrode names the reference after its unit ("E/V vs Li/Li+", "Ewe/V vs. SCE",
        // "E (mV vs Li/Li+)"): the reference is no unit, and its own slash read "Li+" as one and refused a volt column.
        columnName = ReferencePattern().Replace(columnName, string.Empty);
        Match match = UnitPattern().Match(columnName);
        if (!match.Success)
        {
            return UnderscoreUnit(columnName);
        }

        string unit = (match.Groups[1].Success ? match.Groups[1] : match.Groups[2].Success ? match.Groups[2] : match.Groups[3]).Value.Trim();
        return unit.Length > 0 ? unit : null;
    }

    /// <summary>
    /// The factor to read a column by: the option's unit when given, else the one the column's name states, else the
    /// default. An option that contradicts the name, or a name whose unit is not one of <paramref name="known"/>
    /// without an option, is refused: either way the file's own header would be read against its word.
    /// </summary>
    /// <param name="option">The command-line option, for the messages (e.g. "--current-unit").</param>
    /// <param name="given">The option's unit, or null when it was not given.</param>
    /// <param name="parse">Factor of a unit; throws <see cref="LabFileException"/> for one it does not know.</param>
    /// <returns>The factor and the unit it reads, with what chose it.</returns>
    internal static ColumnReading Resolve(string file, string columnName, string option, string? given, string defaultUnit, string known, Func<string, double> parse) =>
        Resolve(file, columnName, null, 0, option, given, defaultUnit, known, parse);

    /// <summary>
    /// As <see cref="Resolve(string, string, string, string?, string, string, Func{string, double})"/>, with the unit a
    /// units row under the header gives the column (<paramref name="rowUnit"/>, null when there is none or its cell is
    /// empty), which states the unit as the name does: a name and a row that disagree are refused naming both.
    /// </summary>
    /// <param name="rowLine">The units row's 1-based line, for the messages.</param>
    internal static ColumnReading Resolve(string file, string columnName, string? rowUnit, int rowLine, string option, string? given, string defaultUnit, string known, Func<string, double> parse)
    {
        string? named = Of(columnName);
        string? stated = named ?? rowUnit;
        ColumnUnitSource source = named != null ? ColumnUnitSource.Name : ColumnUnitSource.UnitsRow;
        string says = named != null ? "column '" + columnName + "' says " : "line " + rowLine + ", the units row under the header, says ";
        string where = named != null ? "column '" + columnName + "' is in '" : "line " + rowLine + ", the units row under the header, gives column '" + columnName + "' in '";
        double? statedFactor = null;
        if (stated != null)
        {
            try
            {
                statedFactor = parse(stated);
            }
            catch (LabFileException)
            {
                if (given == null)
                {
                    throw new LabFileException(file + ": " + where + stated + "', which replay does not read (" + known + "); give " + option);
                }
            }
        }

        if (named != null && rowUnit != null && statedFactor.HasValue)
        {
            double? rowFactor = null;
            try
            {
                rowFactor = parse(rowUnit);
            }
            catch (LabFileException)
            {
            }

            if (rowFactor != statedFactor)
            {
                throw new LabFileException(file + ": column '" + columnName + "' says " + named + ", but line " + rowLine + ", the units row under the header, says " + rowUnit + " for it; correct the one that is wrong");
            }
        }

        if (given != null)
        {
            double factor = parse(given);
            if (statedFactor.HasValue && statedFactor.Value != factor)
            {
                // A name's h:mm:ss form is no unit an option takes (its values read as such whatever the unit): only leaving the option out agrees.
                throw new LabFileException(file + ": " + option + " " + given + ", but " + says + stated + (named == null ? " for column '" + columnName + "'" : string.Empty)
                    + (ClockTime.IsUnit(stated!) ? "; leave " + option + " out" : "; give " + option + " " + stated + " or leave it out"));
            }

            // An option that agrees with the file changes nothing the file did not say: the file is what fixes the unit.
            return new ColumnReading(columnName, given, factor, statedFactor.HasValue ? source : ColumnUnitSource.Option);
        }

        return statedFactor is double factorStated
            ? new ColumnReading(columnName, stated!, factorStated, source)
            : new ColumnReading(columnName, defaultUnit, parse(defaultUnit), ColumnUnitSource.Default);
    }

    /// <summary>The unit after the name's last underscore ("Time_s", "I_uA"), where it is one of <see cref="s_underscoreUnits"/>; else null.</summary>
    private static string? UnderscoreUnit(string columnName)
    {
        string trimmed = columnName.TrimEnd();
        int underscore = trimmed.LastIndexOf('_');
        if (underscore < 0)
        {
            return null;
        }

        string unit = trimmed.Substring(underscore + 1);
        return Array.IndexOf(s_underscoreUnits, unit) >= 0 ? unit : null;
    }

    // "(A)", "[mA]" or "/s" closing the name (EC-Lab's "time/s", "<I>/mA"). A slash unit is whatever follows the slash:
    // taken for no unit, "I/μA" (a Greek mu) or a Windows-1252 file's "I/µA" (its micro sign then decoded as U+FFFD; such a
    // file is now read as Latin-1, see TextLines) was read in the default mA, a thousand times too large.
    [GeneratedRegex(@"(?:\(([^()]*)\)|\[([^\[\]]*)\]|/\s*([^\s/()\[\]]+))\s*$")]
    private static partial Regex UnitPattern();

    // " vs Li/Li+" or " vs. SCE" up to a closing bracket or the end of the name, with the reference's own bracketed
    // electrolyte (" vs Ag/AgCl (sat. KCl)", " vs. Hg/HgO [1 M NaOH]"): that is no unit either.
    [GeneratedRegex(@"\s+vs\.?\s+[^()\[\]]*(?:(?:\([^()]*\)|\[[^\[\]]*\])[^()\[\]]*)*", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();
}
