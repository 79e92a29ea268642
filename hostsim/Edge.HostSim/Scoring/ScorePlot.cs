// Licensed under the MIT License.

using Edge.HostSim.Output.Plotting;
using ScottPlot;

namespace Edge.HostSim.Scoring;

/// <summary>
/// The scorecard's plots, per family, PNG and SVG: capacity against duty cycle for every run (one colour per
/// variant: act over observe and adaptive against fixed rests show as the gap between the point clouds), and
/// the lead-time distributions (fraction of warned events warned at least that early).
/// </summary>
public static class ScorePlot
{
    private const int Width = 900;
    private const int Height = 560;

    /// <summary>Writes the family's plots into <paramref name="directory"/>; returns the files written.</summary>
    /// <param name="corpusSeed">The seed the corpus was drawn from (score.json's <c>seed</c>), for the titles.</param>
    public static IReadOnlyList<string> WriteFamily(string directory, FamilyScore score, IReadOnlyList<RunOutcome> runs, long corpusSeed)
    {
        string setting = Setting(score, runs, corpusSeed);
        List<string> files = new List<string>();
        files.AddRange(Save(CapacityVersusDuty(score, runs, setting), directory, score.Family));
        Plot? lead = LeadTimes(score, setting);
        if (lead != null)
        {
            files.AddRange(Save(lead, directory, score.Family + "-lead"));
        }

        return files;
    }

    /// <summary>
    /// "simulated, preset nak50-nasicon, corpus seed 11": the plots travel without score.json, so their titles say where
    /// the figures come from and which corpus they scored (each run's own seed is in score.json).
    /// </summary>
    public static string Setting(FamilyScore score, IReadOnlyList<RunOutcome> runs, long corpusSeed)
    {
        string[] presets = runs.Where(r => r.Family == score.Family).Select(r => r.Preset).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return "simulated" + (presets.Length == 0 ? string.Empty : (presets.Length == 1 ? ", preset " : ", presets ") + string.Join(", ", presets))
            + ", corpus seed " + corpusSeed.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Plot CapacityVersusDuty(FamilyScore score, IReadOnlyList<RunOutcome> runs, string setting)
    {
        Plot plot = new Plot();
        // The run and sweep plots' font: without it the labels took the system's default typeface (a serif one here).
        plot.Font.Set(RunFigure.SansFont);
        int index = 0;
        foreach (VariantScore variant in score.Variants)
        {
            RunOutcome[] own = runs.Where(r => r.Family == score.Family && r.Variant == variant.Variant).ToArray();
            if (own.Length == 0)
            {
                continue;
            }

            var points = plot.Add.ScatterPoints(own.Select(r => r.DutyCycle).ToArray(), own.Select(r => r.CapacityMAhPerCm2).ToArray());
            points.LegendText = variant.Variant;
            points.Color = Colors.Category10[index % Colors.Category10.Length];
            points.MarkerSize = 8;
            points.MarkerShape = Markers[index % Markers.Length];
            index++;
        }

        plot.XLabel("duty cycle (current-on time / (on + rest))");
        plot.YLabel("net capacity (mAh/cm2)");

        // Below the axes, outside the data: the best runs (more capacity at a higher duty) lie in the upper right,
        // where a legend inside the data area covered them.
        plot.ShowLegend(ScottPlot.Edge.Bottom);

        // Wrapped: a family scored over several presets made a title wider than the figure, cut at both edges.
        PlotTitle.Set(plot, score.Family + ": capacity against duty cycle, one point per run (" + setting + ")", null, Width, Height);
        return plot;
    }

    private static Plot? LeadTimes(FamilyScore score, string setting)
    {
        if (score.Depletion.LeadS.Count == 0 && score.Shorts.SoftLeadS.Count == 0)
        {
            return null;
        }

        Plot plot = new Plot();
        // The run and sweep plots' font: without it the labels took the system's default typeface (a serif one here).
        plot.Font.Set(RunFigure.SansFont);
        AddEcdf(plot, score.Depletion.LeadS, "depletion warning to cut-off", 0);
        AddEcdf(plot, score.Shorts.SoftLeadS, "soft-short warning to hard short", 1);
        plot.XLabel(LeadAxisLabel);
        plot.YLabel("fraction warned at least this early");
        plot.Axes.SetLimitsY(0, 1.05);
        SecondsOnLogAxis(plot, score.Depletion.LeadS.Values.Concat(score.Shorts.SoftLeadS.Values));

        // Outside the data: the curves start at 1 on the left and the longest leads end on the right, at any height.
        plot.ShowLegend(ScottPlot.Edge.Bottom);
        PlotTitle.Set(plot, score.Family + ": lead time of the warnings (" + setting + ")", null, Width, Height);
        return plot;
    }

    /// <summary>The lead-time axis: logarithmic, its ticks labelled in seconds.</summary>
    public const string LeadAxisLabel = "lead time (s, log scale)";

    /// <summary>Lead times are drawn at log10 of their seconds; shorter ones at this floor.</summary>
    private const double ShortestLeadS = 1e-3;

    /// <summary>
    /// Labels the log10 x axis in seconds: ticks at each decade where the leads span three, else at 1, 2 and 5 per decade where that gives
    /// three, else at every whole multiple of the decade where that does, and otherwise at round steps of
    /// seconds (410 to 450 s: 410, 420, ... 450). The axis showed the logarithm itself, "2.615" for 412 s, which a
    /// reader had to raise to a power to find the seconds score.md gives.
    /// </summary>
    private static void SecondsOnLogAxis(Plot plot, IEnumerable<double> leadsS)
    {
        double[] logs = leadsS.Select(v => Math.Log10(Math.Max(v, ShortestLeadS))).ToArray();
        if (logs.Length == 0)
        {
            return;
        }

        double low = logs.Min();
        double high = logs.Max();
        double pad = Math.Max((high - low) * 0.06, 0.01);
        low -= pad;
        high += pad;
        plot.Axes.SetLimitsX(low, high);
        List<double> ticksS = TicksS(Math.Pow(10, low), Math.Pow(10, high));
        ScottPlot.TickGenerators.NumericManual ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double s in ticksS)
        {
            ticks.AddMajor(Math.Log10(s), SecondsLabel(s));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
    }

    /// <summary>Tick values in seconds within [<paramref name="fromS"/>, <paramref name="toS"/>], three or more where the span allows.</summary>
    public static List<double> TicksS(double fromS, double toS)
    {
        int firstDecade = (int)Math.Floor(Math.Log10(fromS)) - 1;
        int lastDecade = (int)Math.Ceiling(Math.Log10(toS)) + 1;
        foreach (double[] mantissas in new[] { new double[] { 1 }, new double[] { 1, 2, 5 }, new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 } })
        {
            List<double> found = new List<double>();
            for (int d = firstDecade; d <= lastDecade; d++)
            {
                foreach (double m in mantissas)
                {
                    double s = Round(m * Math.Pow(10, d));
                    if (s >= fromS && s <= toS)
                    {
                        found.Add(s);
                    }
                }
            }

            if (found.Count >= 3)
            {
                return found;
            }
        }

        // Within one step of the 1-9 ladder: round steps of seconds (1, 2 or 5 times a power of ten), about five of them.
        double rough = (toS - fromS) / 5;
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double step = rough / power < 1.5 ? power : rough / power < 3.5 ? 2 * power : rough / power < 7.5 ? 5 * power : 10 * power;
        List<double> linear = new List<double>();
        for (double s = Math.Ceiling(fromS / step) * step; s <= toS; s += step)
        {
            linear.Add(Round(s));
        }

        return linear;
    }

    private static double Round(double s) => double.Parse(s.ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static string SecondsLabel(double s) => s.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    private static void AddEcdf(Plot plot, Summary summary, string label, int colour)
    {
        if (summary.Count == 0)
        {
            return;
        }

        // Survival curve: the fraction of events whose lead time is at least x, a marker at each event.
        double[] x = summary.Values.Select(v => Math.Log10(Math.Max(v, ShortestLeadS))).ToArray();
        double[] y = Enumerable.Range(0, x.Length).Select(i => (double)(x.Length - i) / x.Length).ToArray();
        (double[] stepX, double[] stepY) = SurvivalSteps(x);
        var line = plot.Add.Scatter(stepX, stepY);
        line.LegendText = label + " (n = " + summary.Count + ")";
        line.Color = Colors.Category10[colour];
        line.MarkerSize = 0;
        var points = plot.Add.Scatter(x, y);
        points.Color = line.Color;
        points.LineWidth = 0;
        points.MarkerSize = 6;
    }

    /// <summary>
    /// The survival curve's corners for ascending lead times: at each lead the fraction drops from the share at least
    /// that early to the share beyond it, and holds until the next lead. Drawn with straight segments, so the curve
    /// does not depend on a plotting library's step convention (a "step horizontal" line held each level one lead too
    /// long, showing 3 of 3 warned at 0.03 s where 2 of 3 were).
    /// </summary>
    public static (double[] X, double[] Y) SurvivalSteps(IReadOnlyList<double> ascending)
    {
        int n = ascending.Count;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = ascending[i];
            y[2 * i] = (double)(n - i) / n;
            x[(2 * i) + 1] = ascending[i];
            y[(2 * i) + 1] = (double)(n - i - 1) / n;
        }

        return (x, y);
    }

    private static readonly MarkerShape[] Markers =
    {
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
    };

    private static IEnumerable<string> Save(Plot plot, string directory, string stem)
    {
        string png = Path.Combine(directory, stem + ".png");
        string svg = Path.Combine(directory, stem + ".svg");
        plot.SavePng(png, Width, Height);
        plot.SaveSvg(svg, Width, Height);
        return new[] { png, svg };
    }
}
