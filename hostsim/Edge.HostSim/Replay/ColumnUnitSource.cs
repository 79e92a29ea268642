// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>What chose the unit a column was read in: only a unit the column's name did not state can be changed by an option.</summary>
public enum ColumnUnitSource
{
    /// <summary>The unit option (--time-unit, --current-unit) gave it.</summary>
    Option,

    /// <summary>The column's name states it ("Current(A)", "time/s").</summary>
    Name,

    /// <summary>A units row under the header states it ("s,V,mA" under "time,voltage,current").</summary>
    UnitsRow,

    /// <summary>Neither: the option's default.</summary>
    Default,
}
