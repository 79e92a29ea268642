// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using Edge.HostSim.Output;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Scoring;

/// <summary>
/// Writes a score run: score.json (machine-readable: every family's scores, metrics and targets, and a line per
/// run), score.md (the report), runs.csv (one row per module of every run) and the plots of every family.
/// </summary>
public static class ScoreReportWriter
{
    public const string JsonFile = "score.json";
    public const string MarkdownFile = "score.md";
    public const string CsvFile = "runs.csv";

    /// <summary>Where every number of a score comes from, as score.json states it.</summary>
    public const string Provenance = "simulated: every run is the control core in closed loop with the cell model (corpus scenarios drawn by edge-sim corpus), not a bench measurement";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes everything; returns the plot files.</summary>
    public static IReadOnlyList<string> WriteAll(string directory, ScoreResult result)
    {
        Directory.CreateDirectory(directory);
        IReadOnlyList<string> earlierFamilies = FamiliesOf(Path.Combine(directory, JsonFile));
        List<string> plots = new List<string>();
        foreach (FamilyScore family in result.Families)
        {
            plots.AddRange(ScorePlot.WriteFamily(directory, family, result.Runs, result.Seed));
        }

        // A score written over an earlier one: that one's plots of families (or lead times) this one has not would stand
        // beside a report that no longer names them.
        foreach (string family in earlierFamilies)
        {
            foreach (string stem in new[] { family, family + "-lead" })
            {
                foreach (string extension in new[] { ".png", ".svg" })
                {
                    string stale = Path.Combine(directory, stem + extension);
                    if (!plots.Any(p => string.Equals(Path.GetFullPath(p), Path.GetFullPath(stale), StringComparison.Ordinal)) && File.Exists(stale))
                    {
                        File.Delete(stale);
                    }
                }
            }
        }

        var document = new
        {
            // The numbers travel without score.md's title: say here where they come from, as a run's summary.json does.
            provenance = Provenance,
            seed = result.Seed,
            wallS = result.WallS,
            cancelled = result.Cancelled,
            runsCutShort = result.RunsCutShort,
            runsNotStarted = result.RunsNotStarted,
            runsWithEventsDropped = result.Runs.Count(r => r.EventsDropped > 0),
            families = result.Families,
            runs = result.Runs.Select(r => new
            {
                r.Family,
                r.Draw,
                r.Variant,
                r.Seed,
                r.File,
                r.Preset,
                mode = r.Act ? "act" : "observe",
                r.Parameters,
                r.SimulatedS,
                r.WallS,
                r.TerminatedBy,
                capacityMAhPerCm2 = r.CapacityMAhPerCm2,
                dutyCycle = r.DutyCycle,
                modules = r.Modules,
                packDeliveredFraction = r.Pack?.DeliveredFraction,
                alarms = r.Events.Count(FamilyScorer.IsAlarm),
                eventsDropped = r.EventsDropped,
            }),
        };
        File.WriteAllText(Path.Combine(directory, JsonFile), JsonSerializer.Serialize(document, OutputJson.Indented) + "\n");
        File.WriteAllText(Path.Combine(directory, MarkdownFile), Markdown(result, plots.Select(Path.GetFileName).ToList()!));
        File.WriteAllText(Path.Combine(directory, CsvFile), Csv(result));
        return plots;
    }

    /// <summary>A few lines per family for the terminal.</summary>
    /// <summary>The families an earlier score.json in the folder covered; none when there is none or it is unreadable.</summary>
    private static IReadOnlyList<string> FamiliesOf(string scoreJson)
    {
        try
        {
            using JsonDocument earlier = JsonDocument.Parse(File.ReadAllText(scoreJson));
            return earlier.RootElement.GetProperty("families").EnumerateArray()
                .Select(f => f.GetProperty("family").GetString())
                .Where(name => !string.IsNullOrEmpty(name) && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !name.Contains("..", StringComparison.Ordinal))
                .Select(name => name!)
                .ToList();
        }
        catch (Exception e) when (e is IOException || e is JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    public static string ConsoleSummary(ScoreResult result)
    {
        StringBuilder text = new StringBuilder(EventsDroppedWarning(result));

        // The printed medians travel without score.md: say, as its title does, what they are and which corpus they scored.
        text.Append(string.Format(Inv, "Scorecard of corpus seed {0} (closed-loop simulation, not bench measurements)\n", result.Seed));
        foreach (FamilyScore f in result.Families)
        {
            text.Append(f.Family).Append(": ").Append(f.Runs).Append(" runs");
            foreach (VariantScore v in f.Variants)
            {
                text.Append(string.Format(Inv, "; {0} capacity median {1} mAh/cm2, duty median {2}", v.Variant, Capacity(v.Capacity.Median), N(v.Duty.Median, "0.###")));
            }

            text.Append('\n');
            if (f.Depletion.Cutoffs > 0)
            {
                text.Append(string.Format(Inv, "  cut-offs warned: {0} of {1}", f.Depletion.WarnedCutoffs, f.Depletion.Cutoffs)).Append('\n');
            }

            if (f.Shorts.HardShorts > 0 || f.Shorts.ActIsolatedBeforeHard > 0)
            {
                text.Append(string.Format(Inv, "  soft before hard: {0} of {1}; act isolated before hard: {2} of {3}", f.Shorts.SoftBeforeHard, f.Shorts.HardShorts, f.Shorts.ActIsolatedBeforeHard, f.Shorts.ActIsolatedBeforeHard + f.Shorts.ActHardFirst)).Append('\n');
            }

            if (f.FalseAlarms != null)
            {
                text.Append(string.Format(Inv, "  false alarms: {0} in {1:0} cell-hours ({2} per 1000)", f.FalseAlarms.Alarms, f.FalseAlarms.CellHours, N(f.FalseAlarms.Per1000CellHours, "0.##"))).Append('\n');
            }

            foreach (RatioScore r in f.Ratios)
            {
                text.Append(string.Format(Inv, "  {0} capacity: min {1}, median {2}", r.Name, N(r.Ratio.Min, "0.##"), N(r.Ratio.Median, "0.##"))).Append('\n');
            }

            foreach (ParetoScore p in f.Pareto)
            {
                text.Append(string.Format(Inv, "  {0}: dominated in {1} of {2} draws; capacity / best reference min {3}, median {4}", p.Candidate, p.DominatedDraws, p.Draws, N(p.BestReferenceCapacityRatio.Min, "0.###"), N(p.BestReferenceCapacityRatio.Median, "0.###"))).Append('\n');
            }

            foreach (TargetResult t in f.Targets)
            {
                text.Append("  target ").Append(t.Metric).Append(' ').Append(Bound(t)).Append(": ").Append(N(t.Value, "0.####")).Append(' ').Append(t.Status).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A run that wrote more events than it keeps is scored on its first ones only: its later warnings and alarms are
    /// missing, which reads as silent cut-offs and fewer false alarms. Said wherever the figures are read.
    /// </summary>
    private static string EventsDroppedWarning(ScoreResult result)
    {
        List<RunOutcome> capped = result.Runs.Where(r => r.EventsDropped > 0).ToList();
        if (capped.Count == 0)
        {
            return string.Empty;
        }

        return string.Format(Inv, "WARNING: {0} run(s) kept only their first events ({1} dropped, first in {2}): their later warnings and alarms are not scored.\n", capped.Count, capped.Sum(r => r.EventsDropped), capped[0].File);
    }

    private static string Markdown(ScoreResult result, IReadOnlyList<string> plots)
    {
        StringBuilder md = new StringBuilder();
        md.Append("# Scorecard (closed-loop simulation, not bench measurements)\n\n");
        md.Append(string.Format(Inv, "Corpus seed {0}; {1} runs in {2:0.#} s of wall time{3}.\n", result.Seed, result.Runs.Count, result.WallS, result.Cancelled ? PartialNote(result) : string.Empty));
        md.Append(EventsDroppedWarning(result));
        foreach (FamilyScore f in result.Families)
        {
            md.Append("\n## ").Append(f.Family).Append(string.Format(Inv, " ({0} draws, {1} runs)\n\n", f.Draws, f.Runs));
            if (f.Description.Length > 0)
            {
                md.Append(f.Description).Append("\n\n");
            }

            md.Append("| variant | runs | capacity mAh/cm2 min / median / max | duty min / median / max | mean rest s (median) | stops | alarms |\n|---|---:|---|---|---:|---|---|\n");
            foreach (VariantScore v in f.Variants)
            {
                md.Append("| ").Append(v.Variant).Append(" | ").Append(v.Runs)
                    .Append(" | ").Append(CapacityTriple(v.Capacity))
                    .Append(" | ").Append(Triple(v.Duty, "0.###"))
                    .Append(" | ").Append(N(v.MeanRestS.Median, "0.##"))
                    .Append(" | ").Append(Counts(v.StopReasons))
                    .Append(" | ").Append(Counts(v.Alarms)).Append(" |\n");
                if (v.PackDeliveredFraction != null)
                {
                    md.Append(string.Format(Inv, "| {0}: pack | | delivered fraction {1} | smallest module capacity {2} | | | |\n", v.Variant, Triple(v.PackDeliveredFraction, "0.0000"), CapacityTriple(v.PackModuleCapacityMin!)));
                }
            }

            md.Append('\n');
            DepletionScore d = f.Depletion;
            md.Append(string.Format(Inv, "- Cut-offs warned (depletion warning within the horizon before): {0} of {1} (recall {2}; act {3} of {4}, observe {5} of {6}).\n", d.WarnedCutoffs, d.Cutoffs, N(d.Recall, "0.###"), d.ActWarnedCutoffs, d.ActCutoffs, d.ObserveWarnedCutoffs, d.ObserveCutoffs));
            if (d.LeadS.Count > 0)
            {
                md.Append("- Depletion lead time, s: ").Append(Five(d.LeadS)).Append('\n');
            }

            if (d.Silent.Count > 0)
            {
                md.Append("- Silent cut-offs: ").Append(PerRun(d.Silent)).Append('\n');
            }

            ShortScore s = f.Shorts;
            md.Append(string.Format(Inv, "- Hard shorts with a soft-short warning before: {0} of {1} (rate {2}); act mode isolated before the hard short: {3} of {4} (rate {5}).\n", s.SoftBeforeHard, s.HardShorts, N(s.SoftBeforeHardRate, "0.###"), s.ActIsolatedBeforeHard, s.ActIsolatedBeforeHard + s.ActHardFirst, N(s.ActIsolationBeforeHardRate, "0.###")));
            if (s.SoftLeadS.Count > 0)
            {
                md.Append("- Soft-short lead time, s: ").Append(Five(s.SoftLeadS)).Append('\n');
            }

            if (s.Unwarned.Count > 0)
            {
                md.Append("- Hard shorts without warning: ").Append(PerRun(s.Unwarned)).Append('\n');
            }

            if (s.ReportedWithoutCellShort.Count > 0)
            {
                md.Append("- Hard shorts reported while the simulated cell had not shorted (isolated early): ").Append(string.Join(", ", s.ReportedWithoutCellShort)).Append('\n');
            }

            if (f.FalseAlarms != null)
            {
                md.Append(string.Format(Inv, "- False alarms (healthy cells): {0} in {1:0.#} cell-hours = {2} per 1000 cell-hours ({3}).\n", f.FalseAlarms.Alarms, f.FalseAlarms.CellHours, N(f.FalseAlarms.Per1000CellHours, "0.##"), Counts(f.FalseAlarms.ByDiagnosis)));
            }

            foreach (RatioScore r in f.Ratios)
            {
                md.Append("- Capacity ratio ").Append(r.Name).Append(": ").Append(Five(r.Ratio)).Append('\n');
            }

            foreach (ParetoScore p in f.Pareto)
            {
                md.Append(string.Format(Inv, "- {0} against {1}: dominated in {2} of {3} draws; capacity over the best reference: {4}\n", p.Candidate, string.Join(", ", p.References.Select(r => r.Reference)), p.DominatedDraws, p.Draws, Five(p.BestReferenceCapacityRatio)));
                foreach (ParetoReferenceScore r in p.References)
                {
                    md.Append(string.Format(Inv, "  - over {0}: capacity ratio min {1} / median {2}, duty ratio min {3} / median {4}\n", r.Reference, N(r.CapacityRatio.Min, "0.###"), N(r.CapacityRatio.Median, "0.###"), N(r.DutyRatio.Min, "0.###"), N(r.DutyRatio.Median, "0.###")));
                }
            }

            if (f.Targets.Count > 0)
            {
                md.Append("\n| target | bound | value | status |\n|---|---|---:|---|\n");
                foreach (TargetResult t in f.Targets)
                {
                    md.Append("| ").Append(t.Metric).Append(" | ").Append(Bound(t)).Append(" | ").Append(N(t.Value, "0.####")).Append(" | ").Append(t.Status).Append(" |\n");
                }
            }

            List<string> own = plots.Where(p => p.StartsWith(f.Family + ".", StringComparison.Ordinal) || p.StartsWith(f.Family + "-lead.", StringComparison.Ordinal)).ToList();
            if (own.Count > 0)
            {
                md.Append("\nPlots: ").Append(string.Join(", ", own)).Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>
    /// What a cancelled score left out: the runs it cut short and those it never started. Without the second, a partial
    /// score of a few runs read as the whole of a smaller corpus.
    /// </summary>
    private static string PartialNote(ScoreResult result) =>
        string.Format(Inv, "; CANCELLED, partial: {0} of {1} runs ({2} cut short by it and {3} never started are left out)", result.Runs.Count, result.Runs.Count + result.RunsCutShort + result.RunsNotStarted, result.RunsCutShort, result.RunsNotStarted);

    private static string Csv(ScoreResult result)
    {
        StringBuilder csv = new StringBuilder("family,draw,variant,seed,mode,module,capacityMAhPerCm2,dutyCycle,meanRestS,stopReason,stoppedAtS,simulatedS,wallS,alarms,file\n");
        foreach (RunOutcome r in result.Runs.OrderBy(r => r.Family, StringComparer.Ordinal).ThenBy(r => r.Draw).ThenBy(r => r.Variant, StringComparer.Ordinal))
        {
            foreach (ModuleResult m in r.Modules)
            {
                csv.Append(string.Format(
                    Inv,
                    "{0},{1},{2},{3},{4},{5},{6:0.####},{7:0.####},{8:0.###},{9},{10},{11:0.##},{12:0.###},{13},{14}\n",
                    r.Family,
                    r.Draw,
                    r.Variant,
                    r.Seed,
                    r.Act ? "act" : "observe",
                    m.Index,
                    m.CapacityMAhPerCm2,
                    m.DutyCycle,
                    m.MeanRestS,
                    m.StopReason,
                    m.StoppedAtS?.ToString("0.##", Inv) ?? string.Empty,
                    r.SimulatedS,
                    r.WallS,
                    r.Events.Count(e => e.Module == m.Index && FamilyScorer.IsAlarm(e)),
                    r.File));
            }
        }

        return csv.ToString();
    }

    private static string N(double? value, string format) => value?.ToString(format, Inv) ?? "n/a";

    /// <summary>
    /// Capacity, mAh/cm2: two decimals from 1 up, three significant digits below. A run of seconds delivers
    /// microamp-hours: two decimals wrote every one of them as 0, the same as a run that delivered nothing.
    /// </summary>
    private static string Capacity(double? value)
    {
        if (value == null)
        {
            return "n/a";
        }

        double size = Math.Abs(value.Value);
        if (size >= 1 || size == 0)
        {
            return value.Value.ToString("0.##", Inv);
        }

        int decimals = Math.Min(15, 2 - (int)Math.Floor(Math.Log10(size)));
        return value.Value.ToString("0." + new string('#', decimals), Inv);
    }

    private static string CapacityTriple(Summary s) => Capacity(s.Min) + " / " + Capacity(s.Median) + " / " + Capacity(s.Max);

    /// <summary>
    /// "a.json (module 1), a.json (module 3), b.json (module 0)" as "a.json (modules 1, 3), b.json (module 0)": a
    /// seven-module family listed 63 cut-offs one by one.
    /// </summary>
    private static string PerRun(IReadOnlyList<string> entries)
    {
        List<(string Run, List<string> Modules)> runs = new List<(string Run, List<string> Modules)>();
        foreach (string entry in entries)
        {
            int open = entry.LastIndexOf(" (module ", StringComparison.Ordinal);
            string run = open < 0 ? entry : entry.Substring(0, open);
            string? module = open < 0 || !entry.EndsWith(')') ? null : entry.Substring(open + 9, entry.Length - open - 10);
            if (module == null || runs.Count == 0 || runs[^1].Run != run)
            {
                runs.Add((run, module == null ? new List<string>() : new List<string> { module }));
            }
            else
            {
                runs[^1].Modules.Add(module);
            }
        }

        return string.Join(", ", runs.Select(r => r.Modules.Count == 0 ? r.Run
            : r.Run + (r.Modules.Count == 1 ? " (module " : " (modules ") + string.Join(", ", r.Modules) + ")"));
    }

    private static string Triple(Summary s, string format) => N(s.Min, format) + " / " + N(s.Median, format) + " / " + N(s.Max, format);

    private static string Five(Summary s) =>
        string.Format(Inv, "n {0}, min {1}, p10 {2}, median {3}, p90 {4}, max {5}", s.Count, N(s.Min, "0.###"), N(s.P10, "0.###"), N(s.Median, "0.###"), N(s.P90, "0.###"), N(s.Max, "0.###"));

    private static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + " " + c.Value));

    private static string Bound(TargetResult t) =>
        (t.Minimum != null ? ">= " + t.Minimum.Value.ToString("0.####", Inv) : string.Empty)
        + (t.Minimum != null && t.Maximum != null ? ", " : string.Empty)
        + (t.Maximum != null ? "<= " + t.Maximum.Value.ToString("0.####", Inv) : string.Empty);
}
