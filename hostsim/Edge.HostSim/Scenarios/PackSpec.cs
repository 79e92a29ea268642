// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>Scenario section "pack": shape, cell preset, spread, preset and per-module overrides, load demand.</summary>
public sealed class PackSpec
{
    public int Modules { get; set; } = 1;

    public int CellsPerModule { get; set; } = 1;

    public string Preset { get; set; } = "nak50-nasicon";

    /// <summary>Electrode area; default the [W] 7 mm O-ring, pi * 0.35^2 cm2.</summary>
    public double AreaCm2 { get; set; } = 0.3848;

    /// <summary>
    /// True when the scenario writes pack.areaCm2. Otherwise a board's [cells] electrode area replaces the
    /// default (<see cref="ScenarioBoardCells"/>); a written area must agree with the board's instead.
    /// </summary>
    public bool AreaCm2Given { get; set; }

    /// <summary>Standard deviation of the cell-to-cell spread of i_lim0, percent.</summary>
    public double ILimSpreadPct { get; set; }

    /// <summary>Standard deviation of the cell-to-cell spread of tau, percent.</summary>
    public double TauSpreadPct { get; set; }

    /// <summary>Preset parameter name to value.</summary>
    public Dictionary<string, double> Overrides { get; set; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per-module multipliers on the preset (slow or weak modules).</summary>
    public List<ModuleOverrideSpec> ModuleOverrides { get; set; } = new List<ModuleOverrideSpec>();

    /// <summary>
    /// Temperature sensors on the pack (0-4), read in 0.1 degC: the ambient 25.0 degC unless a temperatureRise
    /// fault heats one. With a board, 0 or the board's count: its temperature channels then read them.
    /// </summary>
    public int TemperatureSensors { get; set; }

    /// <summary>
    /// The module each temperature sensor sits on, -1 for one that watches the whole pack; null: every sensor watches
    /// the pack (the core's protection.temperatureSensorModules).
    /// </summary>
    public int[]? TemperatureSensorModules { get; set; }

    /// <summary>Pack-level load demand; null: every module runs its own protocol.</summary>
    public DemandSpec? Demand { get; set; }

    public PackSpec Clone()
    {
        PackSpec copy = (PackSpec)MemberwiseClone();
        copy.Overrides = new Dictionary<string, double>(Overrides, StringComparer.OrdinalIgnoreCase);
        copy.ModuleOverrides = new List<ModuleOverrideSpec>(ModuleOverrides);
        copy.Demand = Demand?.Clone();
        return copy;
    }
}
