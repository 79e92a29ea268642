// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>Which columns of a delimited file hold time, the cells' voltages and the modules' currents, and in which units.</summary>
public sealed class ColumnSpec
{
    public string TimeColumn { get; init; } = "time";

    /// <summary>
    /// The cell voltage columns, in module order and within a module in cell order: for M current columns, a multiple N of
    /// M, read as M modules of N/M cells in series.
    /// </summary>
    public IReadOnlyList<string> VoltageColumns { get; init; } = new[] { "voltage" };

    /// <summary>The module current columns, one per module, each module's current the same through each of its cells.</summary>
    public IReadOnlyList<string> CurrentColumns { get; init; } = new[] { "current" };

    /// <summary>The one voltage column of a table of one cell.</summary>
    public string VoltageColumn
    {
        init => VoltageColumns = new[] { value };
    }

    /// <summary>The one current column of a table of one module.</summary>
    public string CurrentColumn
    {
        init => CurrentColumns = new[] { value };
    }

    /// <summary>
    /// Cells per module of the columns' layout: the voltage columns over the current columns. A count that does not
    /// divide, no column at all, or a name given twice (in any case, as columns are found) is refused.
    /// </summary>
    public int CellsPerModule()
    {
        if (VoltageColumns.Count == 0 || CurrentColumns.Count == 0 || VoltageColumns.Count % CurrentColumns.Count != 0)
        {
            throw new LabFileException(VoltageColumns.Count + " voltage columns for " + CurrentColumns.Count + " current columns: give N voltage columns for M current columns, N a multiple of M"
                + " (M modules of N/M cells in series, voltage columns in module order: 'I1,I2' with 'V1,V2,V3,V4' is module 0 of cells V1, V2 and module 1 of V3, V4)");
        }

        string? twice = Wanted().GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (twice != null)
        {
            throw new LabFileException("column '" + twice + "' is named twice; each column is read once, as one quantity of one cell or module");
        }

        return VoltageColumns.Count / CurrentColumns.Count;
    }

    /// <summary>The columns read: time, the voltages, the currents, in that order.</summary>
    internal string[] Wanted() => new[] { TimeColumn }.Concat(VoltageColumns).Concat(CurrentColumns).ToArray();

    /// <summary>The time column's unit (s, ms, min, h); null: the one its name states ("time/s", "Zeit [ms]"), else s.</summary>
    public string? TimeUnitName { get; init; }

    /// <summary>The voltage column's unit (V, mV); null: the one its name states, else V.</summary>
    public string? VoltageUnitName { get; init; }

    /// <summary>The current column's unit (A, mA, uA); null: the one its name states ("Current(A)"), else mA.</summary>
    public string? CurrentUnitName { get; init; }

    /// <summary>Null = detect (tab, semicolon or comma).</summary>
    public char? Delimiter { get; init; }

    /// <summary>Decimal comma ("0,25") instead of a point; null = detect.</summary>
    public bool? DecimalComma { get; init; }

    /// <summary>
    /// Factor to s. A name's h:mm:ss form (Neware's "(h:min:s.ms)") reads its values as <see cref="ClockTime"/> does, and a
    /// plain number in such a column as seconds.
    /// </summary>
    public static double TimeUnit(string unit) => ClockTime.IsUnit(unit) ? 1 : unit.ToLowerInvariant() switch
    {
        "s" => 1,
        "ms" => 0.001,
        "min" => 60,
        "h" => 3600,
        _ => throw new LabFileException("time unit '" + unit + "' is not one of s, ms, min, h"),
    };

    /// <summary>
    /// Factor to s of a unit given with --time-unit: s, ms, min or h. The h:mm:ss forms a column's name may state are no
    /// such unit: a time written h:mm:ss(.fff) is read as such in any time column, whatever the unit, so none is needed
    /// for it (accepted here, "h:min:s.ms" read plain numbers as seconds, a unit neither the help nor the README listed).
    /// </summary>
    public static double OptionTimeUnit(string unit) => ClockTime.IsUnit(unit)
        ? throw new LabFileException("time unit '" + unit + "' is not one of s, ms, min, h; a time written " + ClockTime.Form + " is read as such in any time column without it")
        : TimeUnit(unit);

    public static double VoltageUnit(string unit) => unit.ToLowerInvariant() switch
    {
        "v" => 1,
        "mv" => 0.001,
        _ => throw new LabFileException("voltage unit '" + unit + "' is not one of V, mV"),
    };

    public static double CurrentUnit(string unit) => unit.ToLowerInvariant() switch
    {
        "a" => 1000,
        "ma" => 1,
        // The micro sign (U+00B5) and the Greek mu (U+03BC) both write micro.
        "ua" or "\u00b5a" or "\u03bca" => 0.001,
        _ => throw new LabFileException("current unit '" + unit + "' is not one of A, mA, uA"),
    };
}
