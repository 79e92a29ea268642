// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>Which columns of a delimited file hold time, voltage and current, and in which units.</summary>
public sealed class ColumnSpec
{
    public string TimeColumn { get; init; } = "time";

    public string VoltageColumn { get; init; } = "voltage";

    public string CurrentColumn { get; init; } = "current";

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
