// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.HostSim.Studies;
using ScottPlot;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>The Pareto plot's labels, laid out at the size the plot is saved at.</summary>
public sealed class StudyPlotTests
{
    [Fact]
    public void LabelsOfFrontPointsCloseTogetherOverlapNeitherEachOtherNorTheFrontsLine()
    {
        // The example study's points (pulse length x rest on NaK50, its study.csv): 1 s / 0.5 s and 2 s / 1 s sit
        // 0.14 mAh/cm2 apart at nearly the same duty, 2 s / 0.5 s just to the right; their labels were printed over
        // each other. Two duties are moved up by 0.002 (the front compares duty to 0.001), so that these close points
        // are all on the front. The 1 s / 5 s row is not on the front and has no label.
        StudySpec spec = StudyLoader.Parse(StudyManifests.Small, ".");
        StudyRow[] rows =
        {
            Row(0, 0.25, 1, 18.756744, 0.2), Row(1, 0.5, 0.5, 7.608105, 0.500004), Row(2, 1, 1, 2.933718, 0.502021),
            Row(3, 1, 0.5, 0.983789, 0.666717), Row(4, 2, 1, 0.847426, 0.66875), Row(5, 2, 0.5, 0.540517, 0.80007),
            Row(6, 1, 5, 13.094858, 0.16667),
        };

        Plot plot = StudyPlot.Create(spec, rows, "simulated");
        plot.RenderInMemory(StudyPlot.Width, StudyPlot.Height);
        using Paint paint = Paint.NewDisposablePaint();
        var boxes = plot.GetPlottables<ScottPlot.Plottables.Text>().Select(t =>
        {
            Pixel at = plot.GetPixel(t.Location);
            PixelSize size = t.LabelStyle.Measure(paint).Size;
            return (Text: t.LabelText, Box: new PixelRect(at.X + t.OffsetX, at.X + t.OffsetX + size.Width, at.Y + t.OffsetY + size.Height, at.Y + t.OffsetY));
        }).ToList();

        Assert.Equal(6, boxes.Count);

        // No label lies on the front's line (sampled every pixel along each segment between front points).
        Pixel[] front = rows.Take(6).OrderBy(r => r.DutyCycle).Select(r => plot.GetPixel(new Coordinates(r.DutyCycle, r.CapacityMAhPerCm2))).ToArray();
        for (int k = 0; k + 1 < front.Length; k++)
        {
            float length = MathF.Max(1, MathF.Sqrt(MathF.Pow(front[k + 1].X - front[k].X, 2) + MathF.Pow(front[k + 1].Y - front[k].Y, 2)));
            for (float f = 0; f <= 1; f += 1 / length)
            {
                float x = front[k].X + (f * (front[k + 1].X - front[k].X));
                float y = front[k].Y + (f * (front[k + 1].Y - front[k].Y));
                Assert.DoesNotContain(boxes, b => x > b.Box.Left && x < b.Box.Right && y > b.Box.Top && y < b.Box.Bottom);
            }
        }

        for (int i = 0; i < boxes.Count; i++)
        {
            for (int j = i + 1; j < boxes.Count; j++)
            {
                PixelRect a = boxes[i].Box;
                PixelRect b = boxes[j].Box;
                bool overlap = a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
                Assert.False(overlap, $"'{boxes[i].Text}' {a} overlaps '{boxes[j].Text}' {b}");
            }
        }
    }

    [Fact]
    public void VariantsStillRunningAtTheTimeLimitAreDrawnApartAsLowerBounds()
    {
        // The example study's rows (its study.csv): 0.25 s / 2.5, 5 and 10 s and 0.5 s / 5 and 10 s were still running
        // at the 700,000 s limit (stopReason running, terminatedBy timeLimit); README: their capacity is a lower bound.
        // They were drawn as ordinary points under "capacity before the stop".
        StudySpec spec = StudyLoader.Parse(StudyManifests.Small, ".");
        StudyRow[] rows =
        {
            Row(0, 0.25, 1, 18.756744, 0.2), Row(1, 0.25, 2.5, 17.685993, 0.090909, "running", "timeLimit"),
            Row(2, 0.25, 5, 9.264118, 0.047619, "running", "timeLimit"), Row(3, 0.5, 2.5, 17.323277, 0.166668),
            Row(4, 0.5, 10, 9.264118, 0.047619, "running", "timeLimit"), Row(5, 1, 0.5, 0.983789, 0.666717),
        };

        Plot plot = StudyPlot.Create(spec, rows, "simulated");
        plot.RenderInMemory(StudyPlot.Width, StudyPlot.Height);
        var points = plot.GetPlottables<ScottPlot.Plottables.Scatter>().Where(s => s.LineWidth == 0 || s.LineStyle.Width == 0).ToList();

        ScottPlot.Plottables.Scatter bound = Assert.Single(points, s => s.LegendText == "time limit (capacity a lower bound)");
        ScottPlot.Plottables.Scatter stopped = Assert.Single(points, s => s.LegendText == "variant (stopped)");
        Assert.Equal(new[] { (0.090909, 17.685993), (0.047619, 9.264118), (0.047619, 9.264118) }, bound.Data.GetScatterPoints().Select(c => (c.X, c.Y)));
        Assert.Equal(new[] { (0.2, 18.756744), (0.166668, 17.323277), (0.666717, 0.983789) }, stopped.Data.GetScatterPoints().Select(c => (c.X, c.Y)));

        // Told apart by shape and colour, not by the legend alone.
        Assert.NotEqual(stopped.MarkerShape, bound.MarkerShape);
        Assert.NotEqual(stopped.MarkerStyle.LineColor, bound.MarkerStyle.LineColor);
        Assert.Contains(plot.Legend.GetItems(), i => i.LabelText == "time limit (capacity a lower bound)");

        // report.html names them.
        string report = StudyReport.Render(spec, rows.Length, rows, "<svg></svg>", "{}");
        Assert.Contains("capacity is a lower bound (open triangles): v1, v2, v4.", report, StringComparison.Ordinal);
    }

    [Fact]
    public void AStudyWhoseVariantsAllStoppedHasNoLowerBoundEntry()
    {
        StudySpec spec = StudyLoader.Parse(StudyManifests.Small, ".");
        Plot plot = StudyPlot.Create(spec, new[] { Row(0, 0.25, 1, 18.756744, 0.2), Row(1, 1, 0.5, 0.983789, 0.666717) }, "simulated");

        Assert.DoesNotContain(plot.Legend.GetItems(), i => i.LabelText.Contains("lower bound", StringComparison.Ordinal));
    }

    private static StudyRow Row(int index, double pulseS, double restS, double capacity, double duty, string stopReason = "cutoff", string terminatedBy = "allModulesStopped") => new()
    {
        Index = index,
        Variant = "v" + index,
        Parameters = new JsonObject { ["pulseS"] = pulseS, ["currentMAPerCm2"] = 1.0, ["tauS"] = restS },
        CapacityMAhPerCm2 = capacity,
        DutyCycle = duty,
        StopReason = stopReason,
        TerminatedBy = terminatedBy,
    };
}
