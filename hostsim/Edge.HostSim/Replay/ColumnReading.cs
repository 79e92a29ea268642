// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// The unit a column of a recording was read in (its text, and its factor to s, V or mA) and what chose it, for a
/// message that suspects a unit mistake: such a message names the column, the unit and, where the column's name did
/// not state the unit, the option that changes it.
/// </summary>
public sealed record ColumnReading(string Column, string Unit, double Factor, ColumnUnitSource Source)
{
    /// <summary>How the unit came to be read, in the user's terms ("the default", "as --time-unit gives").</summary>
    public string Why(string option) => Source switch
    {
        ColumnUnitSource.Option => "as " + option + " gives",
        ColumnUnitSource.Name => "as its name says",
        ColumnUnitSource.UnitsRow => "as the units row under the header says",
        _ => "the default",
    };
}
