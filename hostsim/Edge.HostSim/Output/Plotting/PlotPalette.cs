// Licensed under the MIT License.

using ScottPlot;

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// The colours every run plot and report shares: one hue per module on every panel (voltage, current,
/// per-module panels), the cells of a module as lighter and darker shades of it with their own line
/// pattern, and markers coloured by what they mark.
/// </summary>
public static class PlotPalette
{
    /// <summary>Sixteen hues far enough apart to tell modules of a 16-module pack apart; larger packs repeat them (the legend names each line).</summary>
    public static readonly string[] ModuleHex =
    {
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
        "#393b79", "#bcbd22", "#006d2c", "#ad494a", "#637939", "#3182bd", "#7b4173", "#e6550d",
    };

    private static readonly LinePattern[] s_cellPatterns = { LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed };

    public static Color Module(int module) => Color.FromHex(ModuleHex[module % ModuleHex.Length]);

    /// <summary>Cell <paramref name="cell"/> of a module: the module's hue, from darker (first cell) to lighter (last).</summary>
    public static Color Cell(int module, int cell, int cellsPerModule)
    {
        Color hue = Module(module);
        if (cellsPerModule <= 1)
        {
            return hue;
        }

        double position = (double)cell / (cellsPerModule - 1);
        return position < 0.5 ? hue.Darken(0.45 * (0.5 - position) * 2) : hue.Lighten(0.5 * (position - 0.5) * 2);
    }

    /// <summary>Hex form of <see cref="Cell"/> for the HTML report.</summary>
    public static string CellHex(int module, int cell, int cellsPerModule) => "#" + Cell(module, cell, cellsPerModule).ToHex().Substring(1, 6);

    public static LinePattern CellPattern(int cell) => s_cellPatterns[cell % s_cellPatterns.Length];

    public static Color Marker(MarkerKind kind) => Color.FromHex(MarkerHex(kind));

    public static string MarkerHex(MarkerKind kind) => kind switch
    {
        MarkerKind.Fault => "#dc2626",
        MarkerKind.Warning => "#d97706",
        MarkerKind.Injected => "#7c3aed",
        MarkerKind.Stop => "#15803d",
        _ => "#2563eb",
    };

    /// <summary>Background band of cells drawn only as a range (large packs).</summary>
    public static readonly Color OmittedBand = Color.FromHex("#94a3b8").WithAlpha(0.35);

    public static readonly Color Limit = Color.FromHex("#b91c1c");

    public static readonly Color SafetyLimit = Color.FromHex("#475569");
}
