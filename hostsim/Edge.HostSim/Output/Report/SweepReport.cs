// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Output.Report;

/// <summary>report.html of a sweep: capacity versus rest as a zoomable chart and the table of variants.</summary>
public static class SweepReport
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static ReportData Build(string title, IReadOnlyList<SweepPoint> points, IReadOnlyList<string>? warnings = null)
    {
        ReportChart chart = new ReportChart { Title = "Capacity versus rest", XLabel = "rest after each pulse (s)", YLabel = "mAh/cm2", SharedX = false };
        chart.Series.Add(new ReportSeries
        {
            Name = "capacity",
            Color = "#1f77b4",
            X = points.Select(p => p.RestS).ToArray(),
            Y = points.Select(p => p.CapacityMAhPerCm2).ToArray(),
            Points = true,
        });
        return new ReportData
        {
            Title = title + ": simulated sweep",
            Provenance = "Simulated by the Edge host simulator, one closed-loop run per rest value; not a bench measurement.",
            Facts = new List<string[]>
            {
                new[] { "every variant", points.Count > 0 ? Plotting.SweepFigure.Setting(points) : "-" },
                new[] { "variants", points.Count.ToString(s_inv) },
                new[] { "wall time (sum)", points.Sum(p => p.Result.WallS).ToString("0.##", s_inv) + " s" },
                new[] { "capacity a lower bound", LowerBounds(points) },
                new[] { "scenario warnings", warnings == null || warnings.Count == 0 ? "none" : warnings.Count + " (the simulator's, listed below)" },
            },
            Charts = new List<ReportChart> { chart },
            Tables = new List<ReportTable>(warnings != null && warnings.Count > 0 ? new[] { RunReport.Warnings(warnings) } : Array.Empty<ReportTable>())
            {
                new ReportTable
                {
                    Title = "Variants",
                    Columns = new[] { "rest (s)", "capacity (mAh/cm2)", "duty cycle", "stop reason", "simulated (s)", "wall (s)", "events" },
                    Rows = points.Select(p => new[]
                    {
                        p.RestS.ToString("0.###", s_inv), LowerBoundCapacity.Text(p.CapacityMAhPerCm2, p.CapacityIsLowerBound, "0.###"), p.DutyCycle.ToString("0.###", s_inv), p.StopText,
                        SimulatedTime.Seconds(p.Result.SimulatedS), p.Result.WallS.ToString("0.##", s_inv), p.EventCount.ToString(s_inv),
                    }).ToList(),
                },
            },
        };
    }

    /// <summary>The rests whose capacity is a lower bound (marked "&gt;= " in the table), or "none".</summary>
    private static string LowerBounds(IReadOnlyList<SweepPoint> points)
    {
        string[] rests = points.Where(p => p.CapacityIsLowerBound).Select(p => p.RestS.ToString("0.###", s_inv) + " s").ToArray();
        return rests.Length == 0 ? "none" : "rest " + string.Join(", ", rests) + " (still running when the variant ended, marked >= in the table)";
    }

    /// <summary>What the page's fallback names: a sweep writes no summary.json, its variants are in its table.</summary>
    public const string DataFiles = "the variants are in " + SweepOutputWriter.CsvFile + " and " + SweepOutputWriter.MarkdownFile + ", the chart in " + SweepOutputWriter.PlotFile;

    public static void Write(string path, string title, IReadOnlyList<SweepPoint> points, IReadOnlyList<string>? warnings = null) => ReportPage.Write(path, Build(title, points, warnings), DataFiles);
}
