// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Simulation;

/// <summary>
/// The controller's hardShort reports against the cell model's own latched hard shorts (<see cref="ModuleResult.CellHardShortS"/>).
/// A reading near 0 V under current is all the controller's voltage test sees; a deep soft-short contact can give
/// one (NaK50 plated at 0.62 mA/cm2, a contact of some 12 ohm cm2 lasting 20 ms reads 8 mV true, 5 mV through 2 mV of
/// noise) while the filament has not bridged yet. The outputs say so beside the diagnosis instead of showing a
/// hardShort stop as if the cell had one.
/// </summary>
public static class HardShortTruth
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Time of the controller's first hardShort report on <paramref name="module"/> when no simulated cell of the module
    /// latched a hard short by then; null otherwise, and always for a replay (no cell model: no ground truth).
    /// </summary>
    public static double? ReportedWithoutCellShortS(SimulationResult result, ModuleResult module)
    {
        if (result.RecordedFrom != null)
        {
            return null;
        }

        SimulationEvent? reported = result.Events.FirstOrDefault(e => e.Module == module.Index && e.Kind == "hardShort");
        if (reported == null)
        {
            return null;
        }

        return module.CellHardShortS == null || module.CellHardShortS > reported.TS ? reported.TS : null;
    }

    /// <summary>One line per module whose hardShort report has no latched cell short behind it (none when every report has one).</summary>
    public static IEnumerable<string> Notes(SimulationResult result)
    {
        foreach (ModuleResult module in result.Modules)
        {
            double? reportedS = ReportedWithoutCellShortS(result, module);
            if (reportedS == null)
            {
                continue;
            }

            yield return string.Format(
                s_inv,
                "module {0}: the controller reported a hard short at {1:0.##} s, {2}: its diagnosis from a reading near 0 V, not the cell's state (a deep soft-short contact reads so too)",
                module.Index,
                reportedS.Value,
                module.CellHardShortS == null
                    ? "but no simulated cell of the module latched one"
                    : "before any simulated cell of the module latched one (at " + module.CellHardShortS.Value.ToString("0.##", s_inv) + " s)");
        }
    }

    /// <summary>The cell model's hard-short time as a table shows it: seconds, "none", or "-" for a replay (no cell model).</summary>
    public static string CellText(SimulationResult result, ModuleResult module) =>
        result.RecordedFrom != null ? "-" : module.CellHardShortS?.ToString("0.##", s_inv) ?? "none";
}
