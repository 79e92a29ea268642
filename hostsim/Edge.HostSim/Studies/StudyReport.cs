// Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Text;

namespace Edge.HostSim.Studies;

/// <summary>
/// report.html: one self-contained page (no scripts, no links out; opens offline) with the Pareto plot
/// inlined as SVG, the front, the stop reasons and every variant's row.
/// </summary>
public static class StudyReport
{
    /// <param name="warnings">The variants' simulator warnings (<see cref="Scenarios.SimulatorWarnings.Across"/>).</param>
    /// <summary>
    /// The line study prints above its Pareto front, which is forwarded without the report: where the figures come from,
    /// and where the scenario and seed they were simulated with are written.
    /// </summary>
    public const string PrintedProvenance = "figures simulated by edge-sim in closed loop (the control core against the cell model), not bench measurements; the base scenario with its seed and the axes are in " + StudyFolder.ManifestFile;

    public static string Render(StudySpec spec, int variantCount, IReadOnlyList<StudyRow> rows, string plotSvg, string manifest, IReadOnlyList<string>? warnings = null)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        HashSet<int> front = new HashSet<int>(ParetoFront.Of(rows));
        StringBuilder html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(spec.Name)).Append(" - parameter study</title>\n");
        html.Append("<style>\nbody{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}\ntable{border-collapse:collapse;font-size:13px}\n");
        html.Append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\nth{background:#f3f3f3}\ntd.t{text-align:left}\ntr.front{background:#fde8e8;font-weight:bold}\n");
        html.Append(".plot svg{max-width:100%;height:auto}\npre{background:#f7f7f7;padding:1em;overflow:auto;font-size:12px}\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(spec.Name)).Append("</h1>\n");
        html.Append("<p>Simulated with edge-sim (the Edge control core in closed loop against the cell model): model output, not bench measurements. ");
        html.Append(rows.Count.ToString(inv)).Append(" of ").Append(variantCount.ToString(inv)).Append(" variants finished.");
        if (rows.Count < variantCount)
        {
            html.Append(" <strong>Incomplete:</strong> a rerun of the same study into the same folder runs the rest.");
        }

        html.Append("</p>\n<h2>Axes</h2>\n<ul>\n");
        foreach (StudyAxis axis in spec.Axes)
        {
            html.Append("<li><code>").Append(E(axis.Name)).Append("</code>");
            if (axis.Field != null)
            {
                html.Append(" sets <code>").Append(E(axis.Field)).Append("</code>");
            }
            else
            {
                html.Append(" fills <code>{").Append(E(axis.Name)).Append("}</code> in the base scenario");
            }

            html.Append(axis.IsRandom
                ? ": " + spec.Draws.ToString(inv) + " draws from " + axis.RandomMinimum.ToString("R", inv) + " to " + axis.RandomMaximum.ToString("R", inv) + (axis.RandomLogarithmic ? " (log scale)" : string.Empty) + ", seed " + spec.Seed.ToString(inv)
                : ": " + E(string.Join(", ", axis.Values.Select(StudyPlan.Text))));
            html.Append("</li>\n");
        }

        html.Append("</ul>\n");
        if (warnings != null && warnings.Count > 0)
        {
            html.Append("<h2>Scenario warnings</h2>\n<p>The simulator's, not the device's: well-formed fields the variants do not act on in the configuration they chose, and board cell channels too coarse for the detectors at the variants' noise; each says what would change it (also in ").Append(E(StudyFolder.WarningsFile)).Append(").</p>\n<ul>\n");
            foreach (string warning in warnings)
            {
                html.Append("<li>").Append(E(warning)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<h2>Capacity versus duty cycle</h2>\n<div class=\"plot\">\n").Append(StripXmlDeclaration(plotSvg)).Append("\n</div>\n");
        html.Append("<p>The front: no other variant gives both more capacity and a higher duty cycle. Stop reasons: ");
        html.Append(E(string.Join(", ", rows.GroupBy(r => r.StopReason).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " " + g.Count().ToString(inv)))));
        html.Append(".");
        string[] lowerBound = rows.Where(r => r.CapacityIsLowerBound).Select(r => r.Variant).ToArray();
        if (lowerBound.Length > 0)
        {
            html.Append(" Still running at the time limit, so their capacity is a lower bound (open triangles): ").Append(E(string.Join(", ", lowerBound))).Append('.');
        }

        html.Append("</p>\n<h2>Variants</h2>\n<table>\n<tr><th>variant</th>");
        foreach (StudyAxis axis in spec.Axes)
        {
            html.Append("<th>").Append(E(axis.Name)).Append("</th>");
        }

        html.Append("<th>mAh/cm2</th><th>duty cycle</th><th>mean rest (s)</th><th>stop</th><th>simulated (s)</th><th>events</th><th>warnings</th><th>faults</th><th>switch closes</th></tr>\n");
        for (int i = 0; i < rows.Count; i++)
        {
            StudyRow row = rows[i];
            html.Append(front.Contains(i) ? "<tr class=\"front\">" : "<tr>").Append("<td class=\"t\">").Append(E(row.Variant)).Append("</td>");
            foreach (StudyAxis axis in spec.Axes)
            {
                html.Append("<td>").Append(E(row.Parameters[axis.Name] is { } v ? StudyPlan.Text(v) : string.Empty)).Append("</td>");
            }

            html.Append("<td>").Append(row.CapacityMAhPerCm2.ToString("0.###", inv)).Append("</td><td>").Append(row.DutyCycle.ToString("0.###", inv))
                .Append("</td><td>").Append(row.MeanRestS.ToString("0.##", inv)).Append("</td><td class=\"t\">").Append(E(row.StopText))
                .Append("</td><td>").Append(Output.SimulatedTime.Seconds(row.SimulatedS)).Append("</td><td>").Append(row.Events.ToString(inv))
                .Append("</td><td>").Append(row.Warnings.ToString(inv)).Append("</td><td>").Append(row.Faults.ToString(inv))
                .Append("</td><td>").Append(row.SwitchCloses.ToString(inv)).Append("</td></tr>\n");
        }

        html.Append("</table>\n<h2>Study</h2>\n<pre>").Append(E(manifest)).Append("</pre>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string StripXmlDeclaration(string svg)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg.Substring(start) : svg;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
