// Licensed under the MIT License.

using ScottPlot;

namespace Edge.HostSim.Studies;

/// <summary>
/// The study's Pareto plot (ScottPlot): capacity against duty cycle for every finished variant, the front
/// joined and labelled with its axis values. Rendered headless to PNG and SVG; the same rows give the same bytes.
/// </summary>
public static class StudyPlot
{
    public const int Width = 900;
    public const int Height = 600;

    /// <summary>Legend of the variants that stopped (cut-off, capacity limit, a hold): their capacity is final.</summary>
    public const string StoppedLegend = "variant (stopped)";

    /// <summary>Legend of the variants still running at the time limit (<see cref="StudyRow.CapacityIsLowerBound"/>).</summary>
    public const string LowerBoundLegend = "time limit (capacity a lower bound)";

    public static Plot Create(StudySpec spec, IReadOnlyList<StudyRow> rows)
    {
        Plot plot = new Plot();
        double[] duty = rows.Select(r => r.DutyCycle).ToArray();
        double[] capacity = rows.Select(r => r.CapacityMAhPerCm2).ToArray();
        if (rows.Count > 0)
        {
            // A variant still running at the time limit has delivered its capacity so far, not to its stop: it is drawn
            // apart, as an open triangle pointing up (at least this much), so that it does not read as a final figure.
            int[] stopped = Enumerable.Range(0, rows.Count).Where(i => !rows[i].CapacityIsLowerBound).ToArray();
            int[] lowerBound = Enumerable.Range(0, rows.Count).Where(i => rows[i].CapacityIsLowerBound).ToArray();
            if (stopped.Length > 0)
            {
                ScottPlot.Plottables.Scatter all = plot.Add.ScatterPoints(stopped.Select(i => duty[i]).ToArray(), stopped.Select(i => capacity[i]).ToArray());
                all.LegendText = StoppedLegend;
                all.MarkerSize = 7;
                all.Color = Color.FromHex("#1f77b4");
            }

            if (lowerBound.Length > 0)
            {
                ScottPlot.Plottables.Scatter bound = plot.Add.ScatterPoints(lowerBound.Select(i => duty[i]).ToArray(), lowerBound.Select(i => capacity[i]).ToArray());
                bound.LegendText = LowerBoundLegend;
                bound.MarkerShape = MarkerShape.OpenTriangleUp;
                bound.MarkerSize = 10;
                bound.MarkerLineWidth = 1.5f;
                bound.Color = Color.FromHex("#ff7f0e");
            }

            IReadOnlyList<int> front = ParetoFront.Of(rows);
            ScottPlot.Plottables.Scatter line = plot.Add.Scatter(front.Select(i => duty[i]).ToArray(), front.Select(i => capacity[i]).ToArray());
            line.LegendText = "Pareto front";
            line.Color = Color.FromHex("#d62728");
            line.LineWidth = 2;
            line.MarkerSize = 9;
            // Variants at the same point (e.g. every rest after a pulse that reaches the cut-off) share one label.
            List<ScottPlot.Plottables.Text> labels = new List<ScottPlot.Plottables.Text>();
            foreach (IGrouping<(double, double), int> point in front.GroupBy(i => (duty[i], capacity[i])))
            {
                int first = point.First();
                int others = point.Count() - 1;
                string text = Label(spec, rows[first]) + (others > 0 ? " (+" + others + " more)" : string.Empty);
                ScottPlot.Plottables.Text label = plot.Add.Text(text, duty[first], capacity[first]);
                label.LabelFontSize = 11;
                label.LabelFontColor = Color.FromHex("#d62728");
                label.OffsetX = 6;
                labels.Add(label);
            }

            // Room on the right for the labels of the last points.
            plot.Axes.AutoScale();
            AxisLimits limits = plot.Axes.GetLimits();
            plot.Axes.SetLimitsX(limits.Left, limits.Right + (0.25 * Math.Max(limits.Right - limits.Left, 1e-6)));
            SeparateLabels(plot, labels);
        }

        plot.Title(spec.Name + ": capacity versus duty cycle (" + rows.Count + " variants, simulated)");
        plot.XLabel("duty cycle (current-on time / (on + rest))");
        plot.YLabel("capacity at the stop or the time limit (mAh/cm2)");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    public static void Save(StudySpec spec, IReadOnlyList<StudyRow> rows, string pngPath, string svgPath)
    {
        Plot plot = Create(spec, rows);
        plot.SavePng(pngPath, Width, Height);
        plot.SaveSvg(svgPath, Width, Height);
    }

    /// <summary>
    /// Each label stands up and to the right of its point, where no variant lies (none has both more capacity and a
    /// higher duty) and the front's line does not pass. Front points close together (1 s / 0.5 s and 2 s / 1 s both
    /// near 0.67 duty and 1 mAh/cm2) would print their labels over each other: from the right, a label that would
    /// overlap one already placed moves up its height at a time. Positions come from a layout at the saved size.
    /// </summary>
    private static void SeparateLabels(Plot plot, List<ScottPlot.Plottables.Text> labels)
    {
        plot.RenderInMemory(Width, Height);
        using Paint paint = Paint.NewDisposablePaint();
        List<(float Left, float Top, float Right)> placed = new List<(float Left, float Top, float Right)>();
        foreach (ScottPlot.Plottables.Text label in labels.OrderByDescending(l => l.Location.X))
        {
            Pixel marker = plot.GetPixel(label.Location);
            float left = marker.X + label.OffsetX;
            PixelSize size = label.LabelStyle.Measure(paint).Size;
            float right = left + size.Width;

            // Wholly above the point: the front's line leaves it down and to the right (or straight down).
            float top = marker.Y - size.Height - 2;
            while (placed.Any(o => left < o.Right && o.Left < right && Math.Abs(top - o.Top) < size.Height))
            {
                top -= size.Height;
            }

            label.OffsetY = top - marker.Y;
            placed.Add((left, top, right));
        }
    }

    /// <summary>"pulseS=0.5 restS=2.5".</summary>
    public static string Label(StudySpec spec, StudyRow row) =>
        string.Join(" ", spec.Axes.Select(a => a.Name + "=" + (row.Parameters[a.Name] is { } v ? StudyPlan.Text(v) : "?")));
}
