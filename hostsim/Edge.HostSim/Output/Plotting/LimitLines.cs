// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Configuration;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using ScottPlot;

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// The run plot's horizontal limit lines: the protocol's cut-offs and the protection's cell limits, each drawn
/// where the data come near it and otherwise named in a note, so a far limit does not squash the voltages.
/// </summary>
internal static class LimitLines
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static void Draw(Plot plot, TraceBuffer trace, ControllerConfiguration configuration, Scenario scenario, List<string>? notes)
    {
        double highest = double.MinValue;
        double lowest = double.MaxValue;
        for (int i = 0; i < trace.Count * trace.Cells; i++)
        {
            highest = Math.Max(highest, trace.VoltageMaxV[i]);
            lowest = Math.Min(lowest, trace.VoltageMinV[i]);
        }

        bool plates = configuration.Protocol.Steps.Any(s => s.CurrentUa < 0);
        Limit(plot, configuration.Protocol.StripCutoffMv / 1000.0, "cut-off", PlotPalette.Limit, LinePattern.Dashed, highest, lowest, notes);
        if (plates)
        {
            Limit(plot, configuration.Protocol.PlateCutoffMv / 1000.0, "plating cut-off", PlotPalette.Limit, LinePattern.Dashed, highest, lowest, notes);
        }

        Limit(plot, configuration.Protection.CellMaximumMv / 1000.0, "safety max", PlotPalette.SafetyLimit, LinePattern.Dotted, highest, lowest, notes);
        if (plates || lowest < 0)
        {
            Limit(plot, configuration.Protection.CellMinimumMv / 1000.0, "safety min", PlotPalette.SafetyLimit, LinePattern.Dotted, highest, lowest, notes);
        }
    }

    /// <summary>Draws a limit line when the data come within half its distance from 0; otherwise says on the plot where it is.</summary>
    private static void Limit(Plot plot, double valueV, string name, Color color, LinePattern pattern, double highest, double lowest, List<string>? notes)
    {
        string text = name + " " + valueV.ToString("0.00", s_inv) + " V";
        bool near = valueV > 0 ? highest >= valueV * 0.5 : lowest <= valueV * 0.5;
        if (!near)
        {
            notes?.Add(text + (valueV > 0 ? " (above the plotted range)" : " (below the plotted range)"));
            return;
        }

        var line = plot.Add.HorizontalLine(valueV, 1.5f, color, pattern);
        line.ExcludeFromLegend = true;

        // The label sits on the line at the left edge of the data area (an axis-edge label would be clipped).
        var label = plot.Add.Text(text, 0, valueV);
        label.LabelFontSize = 10;
        label.LabelFontColor = color;
        label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        label.Alignment = valueV > 0 ? Alignment.LowerLeft : Alignment.UpperLeft;
        label.OffsetX = 4;
    }
}
