// Licensed under the MIT License.

namespace Edge.HostSim.Studies;

/// <summary>Writes the study-level files from the finished variants in a study folder (run, resume and merge alike).</summary>
public static class StudyOutputWriter
{
    /// <summary>Returns the rows written (the variants whose result passes the check, in variant order).</summary>
    public static IReadOnlyList<StudyRow> WriteAll(StudyFolder folder, StudySpec spec, IReadOnlyList<StudyVariant> variants, string manifest)
    {
        List<StudyRow> rows = folder.ReadRows(variants).Values.ToList();
        File.WriteAllText(Path.Combine(folder.Path, StudyFolder.CsvFile), StudyTable.Csv(spec, rows));
        string png = Path.Combine(folder.Path, StudyFolder.PlotPngFile);
        string svg = Path.Combine(folder.Path, StudyFolder.PlotSvgFile);
        StudyPlot.Save(spec, rows, StudyProvenance.Setting(spec, variants), png, svg);
        // From the variants' scenarios, all of them, so that every shard, the merge and a single run write the same.
        IReadOnlyList<string> warnings = Warnings(variants);
        File.WriteAllText(Path.Combine(folder.Path, StudyFolder.WarningsFile), string.Concat(warnings.Select(w => w + "\n")));
        File.WriteAllText(Path.Combine(folder.Path, StudyFolder.ReportFile), StudyReport.Render(spec, variants.Count, rows, File.ReadAllText(svg), manifest, warnings));
        folder.WriteTimings(rows.Select(r => r.Variant));
        return rows;
    }

    /// <summary>Each distinct simulator warning of the study's variants once (<see cref="Scenarios.SimulatorWarnings.Across"/>).</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<StudyVariant> variants) =>
        Scenarios.SimulatorWarnings.Across(variants.Select(v => v.Scenario).ToList(), Scenarios.ScenarioUse.Study);
}
