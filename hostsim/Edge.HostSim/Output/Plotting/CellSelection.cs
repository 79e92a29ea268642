// Licensed under the MIT License.

using Edge.HostSim.Simulation;

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// Which cells and modules a run plot draws as lines, so that no series is ever dropped silently: up to
/// <see cref="MaximumLines"/> cells all on one panel; up to <see cref="MaximumModulePanels"/> modules one
/// small panel per module with every cell; beyond that the cells named by events (faults first) and the
/// most extreme cells, with the range of every other cell as a grey band and the omitted count written
/// on the plot.
/// </summary>
public sealed class CellSelection
{
    public const int MaximumLines = 16;

    public const int MaximumModulePanels = 16;

    private CellSelection(SelectionMode mode, int[] cells, int[] modules, int totalCells, int totalModules)
    {
        Mode = mode;
        Cells = cells;
        Modules = modules;
        TotalCells = totalCells;
        TotalModules = totalModules;
    }

    public SelectionMode Mode { get; }

    /// <summary>Pack-wide indices of the cells drawn as lines (every cell unless <see cref="SelectionMode.WorstCells"/>).</summary>
    public int[] Cells { get; }

    /// <summary>Modules whose current is drawn as a line.</summary>
    public int[] Modules { get; }

    public int TotalCells { get; }

    public int TotalModules { get; }

    public int OmittedCells => TotalCells - Cells.Length;

    public int OmittedModules => TotalModules - Modules.Length;

    public static CellSelection Choose(TraceBuffer trace, SimulationResult result)
    {
        int modules = trace.Modules;
        int cells = trace.Cells;
        int cellsPerModule = cells / modules;
        int[] allModules = Enumerable.Range(0, modules).ToArray();
        if (cells <= MaximumLines)
        {
            return new CellSelection(SelectionMode.AllCells, Enumerable.Range(0, cells).ToArray(), allModules, cells, modules);
        }

        if (modules <= MaximumModulePanels)
        {
            return new CellSelection(SelectionMode.PanelPerModule, Enumerable.Range(0, cells).ToArray(), allModules, cells, modules);
        }

        // Cells the controller spoke about, most severe first; then the lowest troughs and highest peaks.
        List<int> chosen = new List<int>();
        foreach (SimulationEvent e in result.Events.OrderBy(e => e.Severity == "fault" ? 0 : e.Severity == "warning" ? 1 : 2).ThenBy(e => e.TS))
        {
            if (e.Module >= 0 && e.Cell >= 0)
            {
                Add(chosen, (e.Module * cellsPerModule) + e.Cell);
            }
        }

        float[] lowest = new float[cells];
        float[] highest = new float[cells];
        Array.Fill(lowest, float.MaxValue);
        Array.Fill(highest, float.MinValue);
        for (int r = 0; r < trace.Count; r++)
        {
            for (int c = 0; c < cells; c++)
            {
                lowest[c] = Math.Min(lowest[c], trace.VoltageMinV[(r * cells) + c]);
                highest[c] = Math.Max(highest[c], trace.VoltageMaxV[(r * cells) + c]);
            }
        }

        int[] byLow = Enumerable.Range(0, cells).OrderBy(c => lowest[c]).ToArray();
        int[] byHigh = Enumerable.Range(0, cells).OrderByDescending(c => highest[c]).ToArray();
        for (int i = 0; i < cells && chosen.Count < MaximumLines; i++)
        {
            Add(chosen, byHigh[i]);
            Add(chosen, byLow[i]);
        }

        List<int> chosenModules = new List<int>();
        foreach (int c in chosen)
        {
            Add(chosenModules, c / cellsPerModule);
        }

        foreach (ModuleResult m in result.Modules.OrderBy(m => m.State == "hold" ? 0 : 1).ThenBy(m => m.StoppedAtS ?? double.MaxValue))
        {
            Add(chosenModules, m.Index);
        }

        return new CellSelection(SelectionMode.WorstCells, chosen.Take(MaximumLines).OrderBy(c => c).ToArray(), chosenModules.Take(MaximumLines).OrderBy(m => m).ToArray(), cells, modules);
    }

    private static void Add(List<int> list, int value)
    {
        if (list.Count < MaximumLines && !list.Contains(value))
        {
            list.Add(value);
        }
    }
}

/// <summary>How a run plot lays out a pack's cells.</summary>
public enum SelectionMode
{
    /// <summary>Every cell as a line on one voltage panel.</summary>
    AllCells,

    /// <summary>One small voltage panel per module, every cell on it.</summary>
    PanelPerModule,

    /// <summary>Selected cells as lines, every other cell within a grey range band, the omitted count written on the plot.</summary>
    WorstCells,
}
