// Licensed under the MIT License.

using Edge.HostSim.Simulation;
using ScottPlot;

namespace Edge.HostSim.Output.Plotting;

/// <summary>A sweep's capacity versus rest (sweep.svg and sweep.png), every variant a marked point labelled with its stop reason.</summary>
public static class SweepFigure
{
    /// <summary>Legend of the variants whose capacity is a lower bound (<see cref="SweepPoint.CapacityIsLowerBound"/>), worded as the study plot's.</summary>
    public const string LowerBoundLegend = "still running at its end (capacity a lower bound)";

    public static StackedFigure Build(string title, IReadOnlyList<SweepPoint> points)
    {
        Plot plot = new Plot();
        plot.Font.Set(RunFigure.SansFont);
        double[] x = points.Select(p => p.RestS).ToArray();
        double[] y = points.Select(p => p.CapacityMAhPerCm2).ToArray();
        var line = plot.Add.Scatter(x, y, PlotPalette.Module(0));
        line.MarkerSize = 0;
        line.LineWidth = 1.5f;
        line.LegendText = "capacity (simulated)";

        // A variant still running when it ended has delivered its capacity so far, not to its stop: it is drawn as an
        // open triangle pointing up (at least this much), as the study plot draws one, so it does not read as final.
        int[] stopped = Enumerable.Range(0, points.Count).Where(i => !points[i].CapacityIsLowerBound).ToArray();
        int[] lowerBound = Enumerable.Range(0, points.Count).Where(i => points[i].CapacityIsLowerBound).ToArray();
        if (stopped.Length > 0)
        {
            var final = plot.Add.ScatterPoints(stopped.Select(i => x[i]).ToArray(), stopped.Select(i => y[i]).ToArray(), PlotPalette.Module(0));
            final.MarkerSize = 9;
        }

        if (lowerBound.Length > 0)
        {
            var bound = plot.Add.ScatterPoints(lowerBound.Select(i => x[i]).ToArray(), lowerBound.Select(i => y[i]).ToArray(), PlotPalette.Module(0));
            bound.MarkerShape = MarkerShape.OpenTriangleUp;
            bound.MarkerSize = 11;
            bound.MarkerLineWidth = 1.5f;
            bound.LegendText = LowerBoundLegend;
        }
        List<ScottPlot.Plottables.Text> labels = new List<ScottPlot.Plottables.Text>();
        foreach (SweepPoint p in points)
        {
            var label = plot.Add.Text(p.StopReason, p.RestS, p.CapacityMAhPerCm2);
            label.LabelFontSize = 10;
            label.LabelFontColor = Color.FromHex("#475569");
            label.OffsetY = -8;
            label.Alignment = Alignment.LowerCenter;
            labels.Add(label);
        }

        plot.XLabel("rest after each pulse (s)");
        plot.YLabel("capacity (mAh/cm2)");
        plot.Axes.Margins(horizontal: 0.06, vertical: 0.15);
        // Below the axes, as the study plot's: inside the lower right it covered the longest rest's point, the lowest.
        plot.ShowLegend(ScottPlot.Edge.Bottom);
        // The plot travels without sweep.md: its title says that the figures are simulated, as the legend did alone.
        PlotTitle.Set(plot, title + ": capacity versus rest, simulated" + (points.Count > 0 ? " (" + Setting(points) + ")" : string.Empty), 14, Width, Height);
        SeparateLabels(plot, labels);
        StackedFigure figure = new StackedFigure(Width);
        figure.AddRow(Height, plot);
        return figure;
    }

    /// <summary>
    /// What every variant shares: "nak50-nasicon, Strip at 1 mA/cm2 for 1 s, Plate at 0.2 mA/cm2 for 1 s, observe mode,
    /// seed 1, 10 ms samples". The current steps are the scenario's, all of them, as a variant with rests runs them; the
    /// rest-0 variant runs them without their lengths, which "(continuous at rest 0)" says. Read from the first variant
    /// alone, a sweep from rest 0 named that variant's "Strip at 385 uA", and a protocol's later steps were left out.
    /// </summary>
    public static string Setting(IReadOnlyList<SweepPoint> points)
    {
        System.Globalization.CultureInfo inv = System.Globalization.CultureInfo.InvariantCulture;
        Edge.HostSim.Scenarios.Scenario scenario = (points.FirstOrDefault(p => p.RestS > 0) ?? points[0]).Scenario;
        bool continuous = points.Any(p => p.RestS == 0) && points.Any(p => p.RestS > 0);
        string pulses = string.Join(", ", scenario.Protocol.Steps.Where(s => !s.TrimStart().StartsWith("Rest", StringComparison.OrdinalIgnoreCase)));
        return scenario.Pack.Preset + (pulses.Length > 0 ? ", " + pulses + (continuous ? " (continuous at rest 0)" : string.Empty) : string.Empty)
            + ", " + (scenario.Controller.Act ? "act" : "observe") + " mode, seed "
            + scenario.Seed.ToString(inv) + ", " + scenario.SamplePeriodMs.ToString(inv) + " ms samples";
    }

    private const int Width = 1000;
    private const int Height = 560;

    /// <summary>
    /// Points close together (rests of 0 and 0.1 s) printed their labels over each other: from the left, a label that
    /// would overlap one already placed is left out when it says the same (one "cutoff" for both) and otherwise moves
    /// up its height at a time. Positions come from a layout at the figure's size.
    /// </summary>
    private static void SeparateLabels(Plot plot, List<ScottPlot.Plottables.Text> labels)
    {
        plot.RenderInMemory(Width, Height);
        using Paint paint = Paint.NewDisposablePaint();
        List<(string Text, float Left, float Top, float Right)> placed = new List<(string Text, float Left, float Top, float Right)>();
        foreach (ScottPlot.Plottables.Text label in labels.OrderBy(l => l.Location.X))
        {
            Pixel point = plot.GetPixel(label.Location);
            PixelSize size = label.LabelStyle.Measure(paint).Size;
            float left = point.X - (size.Width / 2);
            float right = left + size.Width;
            float top = point.Y + label.OffsetY - size.Height;
            bool Overlaps((string Text, float Left, float Top, float Right) o) => left < o.Right && o.Left < right && Math.Abs(top - o.Top) < size.Height;
            if (placed.Any(o => o.Text == label.LabelText && Overlaps(o)))
            {
                plot.Remove(label);
                continue;
            }

            while (placed.Any(Overlaps))
            {
                top -= size.Height;
            }

            label.OffsetY = top + size.Height - point.Y;
            placed.Add((label.LabelText, left, top, right));
        }
    }
}
