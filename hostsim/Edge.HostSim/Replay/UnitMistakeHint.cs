// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// What to say when a quantity read from a recording is implausible by a unit's step (amperes read as milliamperes,
/// seconds as milliseconds): the column and the unit it was read in, and the option that reads it in the unit one step
/// the other way. Without it the refusal named a scenario field and suggested --scenario, which cannot change how a
/// column is read.
/// </summary>
public static class UnitMistakeHint
{
    /// <summary>Time units, smallest first, with their factors to s.</summary>
    public static readonly (string Unit, double Factor)[] TimeUnits = { ("ms", 0.001), ("s", 1), ("min", 60), ("h", 3600) };

    /// <summary>Voltage units, smallest first, with their factors to V.</summary>
    public static readonly (string Unit, double Factor)[] VoltageUnits = { ("mV", 0.001), ("V", 1) };

    /// <summary>Current units, smallest first, with their factors to mA.</summary>
    public static readonly (string Unit, double Factor)[] CurrentUnits = { ("uA", 0.001), ("mA", 1), ("A", 1000) };

    /// <summary>
    /// "column 'current' read in mA, the default: the column's unit may be wrong; if it is in A, give --current-unit A".
    /// <paramref name="larger"/>: the values read are too small, so the file's unit is the next larger one. Null for a
    /// recording whose format fixes its columns' units (an edge-sim trace).
    /// </summary>
    public static string? For(ColumnReading? reading, string option, (string Unit, double Factor)[] units, bool larger)
    {
        if (reading == null)
        {
            return null;
        }

        string read = "column '" + reading.Column + "' read in " + reading.Unit + ", " + reading.Why(option);
        if (reading.Source is ColumnUnitSource.Name or ColumnUnitSource.UnitsRow)
        {
            // An option that contradicts the file is refused: only the file can be wrong here.
            return read + (reading.Source == ColumnUnitSource.Name ? ": the file's values may not be in the unit its column's name states" : ": the file's values may not be in the unit its units row states");
        }

        int index = Array.FindIndex(units, u => u.Factor == reading.Factor);
        int next = index + (larger ? 1 : -1);
        return index < 0 || next < 0 || next >= units.Length
            ? read + ": the column's unit may be wrong; give " + option + " with the unit it is in"
            : read + ": the column's unit may be wrong; if it is in " + units[next].Unit + ", give " + option + " " + units[next].Unit;
    }
}
