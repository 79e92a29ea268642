// Licensed under the MIT License.

using Edge.HostSim.Simulation;
using ScottPlot;

namespace Edge.HostSim.Output.Plotting;

/// <summary>A sweep's capacity versus rest (sweep.svg and sweep.png), every variant a marked point labelled with its stop reason.</summary>
public static class SweepFigure
{
    public static StackedFigure Build(string title, IReadOnlyList<SweepPoint> points)
    {
        Plot plot = new Plot();
        plot.Font.Set(RunFigure.SansFont);
        double[] x = points.Select(p => p.RestS).ToArray();
        double[] y = points.Select(p => p.CapacityMAhPerCm2).ToArray();
        var line = plot.Add.Scatter(x, y, PlotPalette.Module(0));
        line.MarkerSize = 9;
        line.LineWidth = 1.5f;
        line.LegendText = "capacity (simulated)";
        foreach (SweepPoint p in points)
        {
            var label = plot.Add.Text(p.StopReason, p.RestS, p.CapacityMAhPerCm2);
            label.LabelFontSize = 10;
            label.LabelFontColor = Color.FromHex("#475569");
            label.OffsetY = -8;
            label.Alignment = Alignment.LowerCenter;
        }

        plot.Title(title + ": capacity versus rest", 14);
        plot.XLabel("rest after each pulse (s)");
        plot.YLabel("capacity (mAh/cm2)");
        plot.Axes.Margins(horizontal: 0.06, vertical: 0.15);
        plot.ShowLegend(Alignment.LowerRight);
        StackedFigure figure = new StackedFigure(1000);
        figure.AddRow(560, plot);
        return figure;
    }
}
