// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Output;

/// <summary>Writes a sweep's sweep.csv, sweep.json, sweep.md, capacity-versus-rest plot (sweep.svg, sweep.png) and report.html.</summary>
public static class SweepOutputWriter
{
    public const string CsvFile = "sweep.csv";

    /// <summary>Where sweep.csv's figures come from (a CSV has no room for it that every reader skips).</summary>
    public const string JsonFile = "sweep.json";

    /// <summary>sweep.json's <c>provenance</c>, as a run's summary.json states its own.</summary>
    public const string ProvenanceText = "simulated: one closed-loop run of the control core with the cell model per rest, not a bench measurement";
    public const string MarkdownFile = "sweep.md";
    public const string PlotFile = "sweep.svg";
    public const string PlotPngFile = "sweep.png";
    public const string ReportFile = Report.ReportPage.FileName;

    /// <param name="warnings">The simulator's warnings of the sweep's variants (<see cref="Scenarios.SimulatorWarnings.Across"/>); null: none.</param>
    public static void WriteAll(string directory, string title, IReadOnlyList<SweepPoint> points, IReadOnlyList<string>? warnings = null)
    {
        Directory.CreateDirectory(directory);
        CultureInfo inv = CultureInfo.InvariantCulture;
        StringBuilder csv = new StringBuilder("restS,capacityMAhPerCm2,dutyCycle,stopReason,holdDiagnosis,simulatedS,wallS,events,capacityIsLowerBound\n");
        StringBuilder md = new StringBuilder();
        md.Append(Provenance(title, points)).Append("\n\n");
        md.Append("| rest (s) | capacity (mAh/cm2) | duty cycle | stop reason | simulated (s) | wall (s) |\n|---:|---:|---:|---|---:|---:|\n");
        foreach (SweepPoint p in points)
        {
            csv.Append(p.RestS.ToString("0.###", inv)).Append(',')
                .Append(p.CapacityMAhPerCm2.ToString("0.####", inv)).Append(',')
                .Append(p.DutyCycle.ToString("0.####", inv)).Append(',')
                .Append(p.StopReason).Append(',')
                .Append(p.HoldDiagnosis).Append(',')
                .Append(SimulatedTime.Seconds(p.Result.SimulatedS)).Append(',')
                .Append(p.Result.WallS.ToString("0.###", inv)).Append(',')
                .Append(p.EventCount).Append(',')
                .Append(p.CapacityIsLowerBound ? "true" : "false").Append('\n');
            md.Append("| ").Append(p.RestS.ToString("0.###", inv))
                .Append(" | ").Append(LowerBoundCapacity.Text(p.CapacityMAhPerCm2, p.CapacityIsLowerBound, "0.###"))
                .Append(" | ").Append(p.DutyCycle.ToString("0.###", inv))
                .Append(" | ").Append(p.StopText)
                .Append(" | ").Append(SimulatedTime.Seconds(p.Result.SimulatedS))
                .Append(" | ").Append(p.Result.WallS.ToString("0.##", inv)).Append(" |\n");
        }

        if (points.Any(p => p.CapacityIsLowerBound))
        {
            md.Append('\n').Append(LowerBoundCapacity.Note).Append('\n');
        }

        if (warnings != null && warnings.Count > 0)
        {
            md.Append("\nScenario warnings in this sweep (the simulator's: fields without effect, board channels too coarse at the run's noise):\n\n");
            foreach (string warning in warnings)
            {
                md.Append("- warning: ").Append(warning).Append('\n');
            }
        }

        File.WriteAllText(Path.Combine(directory, CsvFile), csv.ToString());
        File.WriteAllText(Path.Combine(directory, JsonFile), Json(title, points));
        File.WriteAllText(Path.Combine(directory, MarkdownFile), md.ToString());
        Plotting.StackedFigure figure = Plotting.SweepFigure.Build(title, points);
        figure.SaveSvg(Path.Combine(directory, PlotFile));
        figure.SavePng(Path.Combine(directory, PlotPngFile));
        Report.SweepReport.Write(Path.Combine(directory, ReportFile), title, points, warnings);
    }

    /// <summary>
    /// sweep.json: the run summary's provenance fields for the sweep (scenario, seed, provenance, preset, mode, sample
    /// period) and the rests, so that sweep.csv, which has none, is never without them in its folder.
    /// </summary>
    private static string Json(string title, IReadOnlyList<SweepPoint> points)
    {
        Scenarios.Scenario? scenario = points.Count > 0 ? points[0].Scenario : null;
        var document = new
        {
            scenario = title,
            seed = scenario?.Seed,
            provenance = ProvenanceText,
            preset = scenario?.Pack.Preset,
            mode = scenario == null ? null : scenario.Controller.Act ? "act" : "observe",
            samplePeriodMs = scenario?.SamplePeriodMs,
            restsS = points.Select(p => p.RestS),
            table = CsvFile,
        };
        return JsonSerializer.Serialize(document, OutputJson.Readable) + "\n";
    }

    /// <summary>
    /// sweep.md's first line: what was swept and that every figure is simulated, as score.md's title and a run's
    /// summary.json say it. The variants share the scenario's seed and sample period; only their rests differ.
    /// </summary>
    public static string Provenance(string title, IReadOnlyList<SweepPoint> points)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        string run = points.Count > 0
            ? string.Format(inv, ", seed {0}, {1} ms samples", points[0].Scenario.Seed, points[0].Scenario.SamplePeriodMs)
            : string.Empty;
        return "# Rest sweep of scenario " + title + run + " (simulated by edge-sim in closed loop, not a bench measurement)";
    }
}
