// Licensed under the MIT License.

using Edge.HostSim.Output.Plotting;
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

    /// <summary>Pixels from a point to its label's left edge.</summary>
    private const float LabelOffsetPx = 6;

    /// <summary>Pixels kept between a label and the edge of the data area.</summary>
    private const float LabelMarginPx = 4;

    /// <summary>Legend of the variants that stopped (cut-off, capacity limit, a hold): their capacity is final.</summary>
    public const string StoppedLegend = "variant (stopped)";

    /// <summary>Legend of the variants still running at the time limit (<see cref="StudyRow.CapacityIsLowerBound"/>).</summary>
    public const string LowerBoundLegend = "time limit (capacity a lower bound)";

    /// <param name="setting">Where the figures come from and what the variants share (<see cref="StudyProvenance.Setting"/>), for the title.</param>
    public static Plot Create(StudySpec spec, IReadOnlyList<StudyRow> rows, string setting)
    {
        Plot plot = new Plot();
        // The run and sweep plots' font: without it the labels took the system's default typeface (a serif one here).
        plot.Font.Set(RunFigure.SansFont);
        List<ScottPlot.Plottables.Text> labels = new List<ScottPlot.Plottables.Text>();
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
            foreach (IGrouping<(double, double), int> point in front.GroupBy(i => (duty[i], capacity[i])))
            {
                int first = point.First();
                int others = point.Count() - 1;
                string text = Label(spec, rows[first]) + (others > 0 ? " (+" + others + " more)" : string.Empty);
                ScottPlot.Plottables.Text label = plot.Add.Text(text, duty[first], capacity[first]);
                label.LabelFontSize = 11;
                label.LabelFontColor = Color.FromHex("#d62728");
                label.OffsetX = LabelOffsetPx;
                labels.Add(label);
            }

        }

        plot.XLabel("duty cycle (current-on time / (on + rest))");
        plot.YLabel("capacity at the stop or the time limit (mAh/cm2)");

        // Below the axes, outside the data: the front's best variants lie up and to the right, where a legend inside
        // the data area (upper right) covered them and their labels.
        plot.ShowLegend(ScottPlot.Edge.Bottom);

        // The plot travels without study.json: its title says that the figures are simulated, and with which cells and seed.
        PlotTitle.Set(plot, spec.Name + ": capacity versus duty cycle (" + rows.Count + " variants, " + setting + ")", null, Width, Height);
        if (labels.Count > 0)
        {
            plot.Axes.AutoScale();
            MakeRoomForLabels(plot, labels);
        }

        return plot;
    }

    public static void Save(StudySpec spec, IReadOnlyList<StudyRow> rows, string setting, string pngPath, string svgPath)
    {
        Plot plot = Create(spec, rows, setting);
        plot.SavePng(pngPath, Width, Height);
        plot.SaveSvg(svgPath, Width, Height);
    }

    /// <summary>
    /// Widens the x axis to the right until every label fits beside its point inside the data area, then stacks the
    /// labels (<see cref="SeparateLabels"/>) and raises the y axis until the highest stands inside it too: a label past
    /// the data area is cut off there ("mode=observe restS=0.5 tauS=2.632 (+1 more)" ran off the figure's right edge
    /// under a fixed quarter of the span's room). A label wider than the data area allows ends at its right edge.
    /// </summary>
    private static void MakeRoomForLabels(Plot plot, List<ScottPlot.Plottables.Text> labels)
    {
        using Paint paint = Paint.NewDisposablePaint();
        plot.RenderInMemory(Width, Height);
        AxisLimits limits = plot.Axes.GetLimits();
        double span = Math.Max(limits.Right - limits.Left, 1e-6);
        float widthPx = DataArea(plot).Width;
        double right = limits.Left + (1.25 * span);
        foreach (ScottPlot.Plottables.Text label in labels)
        {
            // The label's left edge sits OffsetX right of its point; its point must stand this far from the right.
            float besidePx = label.OffsetX + label.LabelStyle.Measure(paint).Size.Width + LabelMarginPx;
            if (besidePx < 0.8f * widthPx)
            {
                right = Math.Max(right, limits.Left + ((label.Location.X - limits.Left) * widthPx / (widthPx - besidePx)));
            }
        }

        plot.Axes.SetLimitsX(limits.Left, right);
        for (int attempt = 0; attempt < 8; attempt++)
        {
            float highest = SeparateLabels(plot, labels);
            PixelRect area = DataArea(plot);
            if (highest >= area.Top + LabelMarginPx)
            {
                return;
            }

            // Raise the top by the pixels missing (and a margin), in the units of the current scale; the scale then
            // shrinks, so check again.
            AxisLimits now = plot.Axes.GetLimits();
            double unitsPerPx = (now.Top - now.Bottom) / area.Height;
            plot.Axes.SetLimitsY(now.Bottom, now.Top + ((area.Top + (2 * LabelMarginPx) - highest) * unitsPerPx));
        }
    }

    /// <summary>The data area of the last layout, in pixels.</summary>
    private static PixelRect DataArea(Plot plot)
    {
        AxisLimits limits = plot.Axes.GetLimits();
        Pixel lowerLeft = plot.GetPixel(new Coordinates(limits.Left, limits.Bottom));
        Pixel upperRight = plot.GetPixel(new Coordinates(limits.Right, limits.Top));
        return new PixelRect(lowerLeft.X, upperRight.X, lowerLeft.Y, upperRight.Y);
    }

    /// <summary>
    /// Each label stands up and to the right of its point, where no variant lies (none has both more capacity and a
    /// higher duty) and the front's line does not pass. Front points close together (1 s / 0.5 s and 2 s / 1 s both
    /// near 0.67 duty and 1 mAh/cm2) would print their labels over each other: from the right, a label that would
    /// overlap one already placed moves up its height at a time. Positions come from a layout at the saved size.
    /// </summary>
    /// <returns>The highest label's top, px.</returns>
    private static float SeparateLabels(Plot plot, List<ScottPlot.Plottables.Text> labels)
    {
        plot.RenderInMemory(Width, Height);
        float areaRight = DataArea(plot).Right - LabelMarginPx;
        float highest = float.MaxValue;
        using Paint paint = Paint.NewDisposablePaint();
        List<(float Left, float Top, float Right)> placed = new List<(float Left, float Top, float Right)>();
        foreach (ScottPlot.Plottables.Text label in labels.OrderByDescending(l => l.Location.X))
        {
            Pixel marker = plot.GetPixel(label.Location);
            PixelSize size = label.LabelStyle.Measure(paint).Size;
            float left = Math.Min(marker.X + LabelOffsetPx, areaRight - size.Width);
            float right = left + size.Width;
            label.OffsetX = left - marker.X;

            // Wholly above the point: the front's line leaves it down and to the right (or straight down).
            float top = marker.Y - size.Height - 2;
            while (placed.Any(o => left < o.Right && o.Left < right && Math.Abs(top - o.Top) < size.Height))
            {
                top -= size.Height;
            }

            label.OffsetY = top - marker.Y;
            placed.Add((left, top, right));
            highest = Math.Min(highest, top);
        }

        return highest;
    }

    /// <summary>"pulseS=0.5 restS=2.5".</summary>
    public static string Label(StudySpec spec, StudyRow row) =>
        string.Join(" ", spec.Axes.Select(a => a.Name + "=" + (row.Parameters[a.Name] is { } v ? StudyPlan.Text(v) : "?")));
}
