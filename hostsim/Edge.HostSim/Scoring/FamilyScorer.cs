// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Scoring.Corpus;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Scoring;

/// <summary>
/// Turns a family's run outcomes into its scorecard. Definitions (also in hostsim/README.md):
/// <list type="bullet">
/// <item>Warning recall: cut-offs with a depletion warning or fault on the module at most the warning horizon
/// before, over all cut-offs (and separately in act and observe mode).</item>
/// <item>Lead time: from the first warning of the episode that ends in the cut-off (warnings no further apart
/// than the horizon) to the cut-off.</item>
/// <item>Soft before hard: modules with a hard short, with a soft-short warning or fault before it. The hard short is
/// the earlier of the controller's hardShort report and the cell's own latched short (the simulator's ground truth,
/// <see cref="ModuleResult.CellHardShortS"/>), so a short the controller missed still counts. Isolation before hard
/// (act mode): modules held for a confirmed soft short before any hard short, over those plus the modules whose
/// hard short came first. Reported without a cell short: hardShort reports on modules whose cell never latched one
/// (a soft-short spike deep and long enough to read as a hard short).</item>
/// <item>False alarms (healthy families): warnings and faults of the diagnosis per 1000 cell-hours of running.</item>
/// <item>Ratios and Pareto comparisons: mean module capacity and duty, draw by draw.</item>
/// </list>
/// </summary>
public static class FamilyScorer
{
    public const string Warning = "warning";
    public const string Fault = "fault";

    /// <summary>
    /// Slack on "at most the horizon apart", s. Event and stop times are whole milliseconds over 1000, so a warning exactly
    /// the horizon before a cut-off can differ from it by a rounding error above (64.01 - 4.01 = 60.00000000000001);
    /// a microsecond is far below the 1 ms time step and covers that.
    /// </summary>
    public const double TimeToleranceS = 1e-6;

    public static FamilyScore Score(FamilySpec family, IReadOnlyList<RunOutcome> runs)
    {
        List<RunOutcome> own = runs.Where(r => r.Family == family.Name).ToList();
        List<VariantScore> variants = family.Variants.Select(v => ScoreVariant(v.Name, own.Where(r => r.Variant == v.Name).ToList())).ToList();
        DepletionScore depletion = ScoreDepletion(own, family.WarningHorizonS);
        ShortScore shorts = ScoreShorts(own);
        FalseAlarmScore? falseAlarms = family.Healthy ? ScoreFalseAlarms(own) : null;
        List<RatioScore> ratios = family.Ratios.Select(r => ScoreRatio(r, own)).ToList();
        List<ParetoScore> pareto = family.Pareto.Select(p => ScorePareto(p, own)).ToList();

        SortedDictionary<string, double?> metrics = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        foreach (VariantScore v in variants)
        {
            string prefix = "variant." + v.Variant + ".";
            metrics[prefix + "runs"] = v.Runs;
            Put(metrics, prefix + "capacity", v.Capacity);
            Put(metrics, prefix + "duty", v.Duty);
            Put(metrics, prefix + "meanRestS", v.MeanRestS);
            metrics[prefix + "runsWithDepletionWarning"] = v.RunsWithDepletionWarning;
            metrics[prefix + "cutoffs"] = v.StopReasons.TryGetValue("cutoff", out int cutoffs) ? cutoffs : 0;
            // Every kind the diagnosis can alarm with, 0 where none came: "no soft-short alarm" is a target too.
            foreach (string kind in AlarmKinds)
            {
                metrics[prefix + "alarms." + kind] = v.Alarms.GetValueOrDefault(kind);
            }

            foreach (KeyValuePair<string, int> alarm in v.Alarms)
            {
                metrics[prefix + "alarms." + alarm.Key] = alarm.Value;
            }

            if (v.PackDeliveredFraction != null)
            {
                Put(metrics, prefix + "pack.deliveredFraction", v.PackDeliveredFraction);
                Put(metrics, prefix + "pack.moduleCapacityMin", v.PackModuleCapacityMin!);
            }
        }

        metrics["depletion.cutoffs"] = depletion.Cutoffs;
        metrics["depletion.warnedCutoffs"] = depletion.WarnedCutoffs;
        metrics["depletion.warningRecall"] = depletion.Recall;
        metrics["depletion.act.warningRecall"] = depletion.ActRecall;
        metrics["depletion.observe.warningRecall"] = depletion.ObserveRecall;
        Put(metrics, "depletion.leadS", depletion.LeadS);
        metrics["shorts.hardShorts"] = shorts.HardShorts;
        metrics["shorts.softBeforeHard"] = shorts.SoftBeforeHard;
        metrics["shorts.softBeforeHardRate"] = shorts.SoftBeforeHardRate;
        metrics["shorts.act.isolatedBeforeHard"] = shorts.ActIsolatedBeforeHard;
        metrics["shorts.act.hardFirst"] = shorts.ActHardFirst;
        metrics["shorts.act.isolationBeforeHardRate"] = shorts.ActIsolationBeforeHardRate;
        metrics["shorts.reportedWithoutCellShort"] = shorts.ReportedWithoutCellShort.Count;
        Put(metrics, "shorts.softLeadS", shorts.SoftLeadS);
        if (falseAlarms != null)
        {
            metrics["falseAlarms.count"] = falseAlarms.Alarms;
            metrics["falseAlarms.cellHours"] = falseAlarms.CellHours;
            metrics["falseAlarms.per1000CellHours"] = falseAlarms.Per1000CellHours;
        }

        foreach (RatioScore ratio in ratios)
        {
            Put(metrics, "ratio." + ratio.Name, ratio.Ratio);
        }

        foreach (ParetoScore p in pareto)
        {
            string prefix = "pareto." + p.Candidate + ".";
            metrics[prefix + "draws"] = p.Draws;
            metrics[prefix + "dominatedDraws"] = p.DominatedDraws;
            Put(metrics, prefix + "bestReferenceCapacityRatio", p.BestReferenceCapacityRatio);
            foreach (ParetoReferenceScore reference in p.References)
            {
                Put(metrics, prefix + "vs." + reference.Reference + ".capacityRatio", reference.CapacityRatio);
                Put(metrics, prefix + "vs." + reference.Reference + ".dutyRatio", reference.DutyRatio);
            }
        }

        List<TargetResult> targets = family.Targets.Select(t => Check(t, metrics)).ToList();
        return new FamilyScore
        {
            Family = family.Name,
            Description = family.Description,
            Draws = own.Select(r => r.Draw).Distinct().Count(),
            Runs = own.Count,
            Variants = variants,
            Depletion = depletion,
            Shorts = shorts,
            FalseAlarms = falseAlarms,
            Ratios = ratios,
            Pareto = pareto,
            Metrics = metrics,
            Targets = targets,
        };
    }

    /// <summary>Warning and fault events from the diagnosis (info events and protocol events are not alarms).</summary>
    /// <summary>The event kinds the core's diagnosis table raises as a warning or a fault (the kinds an alarm can have).</summary>
    public static readonly IReadOnlyList<string> AlarmKinds = Edge.Core.Configuration.Diagnostics.DiagnosisTable.DefaultRows()
        .Where(r => r.Severity == Edge.Core.Records.Severity.Warning || r.Severity == Edge.Core.Records.Severity.Fault)
        .Select(r => Edge.Core.Configuration.ContractNames.Of(r.EventKind))
        .Distinct()
        .OrderBy(k => k, StringComparer.Ordinal)
        .ToList();

    public static bool IsAlarm(SimulationEvent e) => e.Diagnosis != null && (e.Severity == Warning || e.Severity == Fault);

    private static bool IsDepletionWarning(SimulationEvent e) => e.Kind == "depletionOnset" && (e.Severity == Warning || e.Severity == Fault);

    private static bool IsSoftShortAlarm(SimulationEvent e) => e.Kind == "softShort" && (e.Severity == Warning || e.Severity == Fault);

    private static VariantScore ScoreVariant(string name, List<RunOutcome> runs)
    {
        Dictionary<string, int> stops = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<string, int> alarms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (RunOutcome run in runs)
        {
            foreach (ModuleResult module in run.Modules)
            {
                stops[module.StopReason] = stops.GetValueOrDefault(module.StopReason) + 1;
            }

            foreach (SimulationEvent e in run.Events.Where(IsAlarm))
            {
                alarms[e.Kind] = alarms.GetValueOrDefault(e.Kind) + 1;
            }
        }

        List<RunOutcome> packRuns = runs.Where(r => r.Pack != null).ToList();
        return new VariantScore
        {
            Variant = name,
            Runs = runs.Count,
            Capacity = Summary.Of(runs.Select(r => r.CapacityMAhPerCm2)),
            Duty = Summary.Of(runs.Select(r => r.DutyCycle)),
            MeanRestS = Summary.Of(runs.Select(r => r.Modules.Count == 0 ? 0 : r.Modules.Average(m => m.MeanRestS))),
            StopReasons = stops,
            Alarms = alarms,
            RunsWithDepletionWarning = runs.Count(r => r.Events.Any(IsDepletionWarning)),
            PackDeliveredFraction = packRuns.Count > 0 ? Summary.Of(packRuns.Select(r => r.Pack!.DeliveredFraction)) : null,
            PackModuleCapacityMin = packRuns.Count > 0 ? Summary.Of(packRuns.Select(r => r.Modules.Min(m => m.CapacityMAhPerCm2))) : null,
        };
    }

    private static DepletionScore ScoreDepletion(List<RunOutcome> runs, double horizonS)
    {
        int cutoffs = 0, warned = 0, actCutoffs = 0, actWarned = 0;
        List<double> leads = new List<double>();
        List<string> silent = new List<string>();
        foreach (RunOutcome run in runs)
        {
            foreach (ModuleResult module in run.Modules)
            {
                if (module.StopReason != "cutoff" || module.StoppedAtS == null)
                {
                    continue;
                }

                double cutoffS = module.StoppedAtS.Value;
                // Before the cut-off's own sample: a warning that comes with it leaves nothing to act on (the module stops in
                // that tick).
                List<double> warnings = run.Events.Where(e => e.Module == module.Index && IsDepletionWarning(e) && e.TS < cutoffS).Select(e => e.TS).OrderBy(t => t).ToList();
                bool isWarned = warnings.Count > 0 && cutoffS - warnings[^1] <= horizonS + TimeToleranceS;
                cutoffs++;
                if (run.Act)
                {
                    actCutoffs++;
                }

                if (!isWarned)
                {
                    silent.Add(string.Format(CultureInfo.InvariantCulture, "{0} (module {1})", run.File, module.Index));
                    continue;
                }

                warned++;
                if (run.Act)
                {
                    actWarned++;
                }

                leads.Add(cutoffS - EpisodeStart(warnings, horizonS));
            }
        }

        return new DepletionScore
        {
            Cutoffs = cutoffs,
            WarnedCutoffs = warned,
            ActCutoffs = actCutoffs,
            ActWarnedCutoffs = actWarned,
            ObserveCutoffs = cutoffs - actCutoffs,
            ObserveWarnedCutoffs = warned - actWarned,
            LeadS = Summary.Of(leads),
            Silent = silent,
        };
    }

    /// <summary>Start of the last run of times no further apart than <paramref name="gapS"/> (times ascending).</summary>
    public static double EpisodeStart(IReadOnlyList<double> times, double gapS)
    {
        int i = times.Count - 1;
        while (i > 0 && times[i] - times[i - 1] <= gapS + TimeToleranceS)
        {
            i--;
        }

        return times[i];
    }

    private static ShortScore ScoreShorts(List<RunOutcome> runs)
    {
        int hard = 0, softFirst = 0, isolated = 0, hardFirst = 0;
        List<double> leads = new List<double>();
        List<string> unwarned = new List<string>();
        List<string> reportedOnly = new List<string>();
        foreach (RunOutcome run in runs)
        {
            foreach (ModuleResult module in run.Modules)
            {
                double? reportedS = run.Events.Where(e => e.Module == module.Index && e.Kind == "hardShort").Select(e => (double?)e.TS).Min();
                double? cellS = run.CellGroundTruth ? module.CellHardShortS : null;
                double? hardS = reportedS == null ? cellS : (cellS == null ? reportedS : Math.Min(reportedS.Value, cellS.Value));
                double? softS = run.Events.Where(e => e.Module == module.Index && IsSoftShortAlarm(e)).Select(e => (double?)e.TS).Min();
                double? isolatedS = run.Events.Where(e => e.Module == module.Index && e.Kind == "softShort" && e.Severity == Fault).Select(e => (double?)e.TS).Min();
                string where = string.Format(CultureInfo.InvariantCulture, "{0} (module {1})", run.File, module.Index);
                if (reportedS != null && run.CellGroundTruth && cellS == null)
                {
                    reportedOnly.Add(where);
                }

                if (hardS != null)
                {
                    hard++;
                    if (softS != null && softS < hardS)
                    {
                        softFirst++;
                        leads.Add(hardS.Value - softS.Value);
                    }
                    else
                    {
                        unwarned.Add(where);
                    }
                }

                if (run.Act)
                {
                    if (isolatedS != null && (hardS == null || isolatedS < hardS))
                    {
                        isolated++;
                    }
                    else if (hardS != null)
                    {
                        hardFirst++;
                    }
                }
            }
        }

        return new ShortScore
        {
            HardShorts = hard,
            SoftBeforeHard = softFirst,
            ActIsolatedBeforeHard = isolated,
            ActHardFirst = hardFirst,
            SoftLeadS = Summary.Of(leads),
            Unwarned = unwarned,
            ReportedWithoutCellShort = reportedOnly,
        };
    }

    private static FalseAlarmScore ScoreFalseAlarms(List<RunOutcome> runs)
    {
        Dictionary<string, int> byDiagnosis = new Dictionary<string, int>(StringComparer.Ordinal);
        int alarms = 0;
        double cellHours = 0;
        foreach (RunOutcome run in runs)
        {
            foreach (ModuleResult module in run.Modules)
            {
                cellHours += run.CellsPerModule * run.RunningS(module) / 3600.0;
            }

            foreach (SimulationEvent e in run.Events.Where(IsAlarm))
            {
                alarms++;
                byDiagnosis[e.Diagnosis!] = byDiagnosis.GetValueOrDefault(e.Diagnosis!) + 1;
            }
        }

        return new FalseAlarmScore { Alarms = alarms, CellHours = cellHours, ByDiagnosis = byDiagnosis };
    }

    private static RatioScore ScoreRatio(RatioSpec spec, List<RunOutcome> runs)
    {
        List<double> ratios = new List<double>();
        foreach (IGrouping<int, RunOutcome> draw in runs.GroupBy(r => r.Draw))
        {
            RunOutcome? numerator = draw.FirstOrDefault(r => r.Variant == spec.Numerator);
            RunOutcome? denominator = draw.FirstOrDefault(r => r.Variant == spec.Denominator);
            if (numerator != null && denominator != null && denominator.CapacityMAhPerCm2 > 0)
            {
                ratios.Add(numerator.CapacityMAhPerCm2 / denominator.CapacityMAhPerCm2);
            }
        }

        return new RatioScore { Name = spec.Name, Ratio = Summary.Of(ratios) };
    }

    private static ParetoScore ScorePareto(ParetoSpec spec, List<RunOutcome> runs)
    {
        List<ParetoDraw> points = new List<ParetoDraw>();
        List<double> best = new List<double>();
        Dictionary<string, List<double>> capacityRatios = spec.References.ToDictionary(r => r, _ => new List<double>());
        Dictionary<string, List<double>> dutyRatios = spec.References.ToDictionary(r => r, _ => new List<double>());
        int dominated = 0;
        foreach (IGrouping<int, RunOutcome> draw in runs.GroupBy(r => r.Draw).OrderBy(g => g.Key))
        {
            RunOutcome? candidate = draw.FirstOrDefault(r => r.Variant == spec.Candidate);
            List<RunOutcome> references = spec.References.Select(name => draw.FirstOrDefault(r => r.Variant == name)).Where(r => r != null).Select(r => r!).ToList();
            if (candidate == null || references.Count == 0)
            {
                continue;
            }

            double capacity = candidate.CapacityMAhPerCm2;
            double duty = candidate.DutyCycle;
            bool isDominated = references.Any(r => Dominates(r.CapacityMAhPerCm2, r.DutyCycle, capacity, duty));
            if (isDominated)
            {
                dominated++;
            }

            double bestReference = references.Max(r => r.CapacityMAhPerCm2);
            if (bestReference > 0)
            {
                best.Add(capacity / bestReference);
            }

            foreach (RunOutcome reference in references)
            {
                if (reference.CapacityMAhPerCm2 > 0)
                {
                    capacityRatios[reference.Variant].Add(capacity / reference.CapacityMAhPerCm2);
                }

                if (reference.DutyCycle > 0)
                {
                    dutyRatios[reference.Variant].Add(duty / reference.DutyCycle);
                }
            }

            Dictionary<string, double[]> drawPoints = new Dictionary<string, double[]>(StringComparer.Ordinal) { [spec.Candidate] = new[] { capacity, duty } };
            foreach (RunOutcome reference in references)
            {
                drawPoints[reference.Variant] = new[] { reference.CapacityMAhPerCm2, reference.DutyCycle };
            }

            points.Add(new ParetoDraw { Draw = draw.Key, Dominated = isDominated, Points = drawPoints });
        }

        return new ParetoScore
        {
            Candidate = spec.Candidate,
            Draws = points.Count,
            DominatedDraws = dominated,
            BestReferenceCapacityRatio = Summary.Of(best),
            References = spec.References.Select(r => new ParetoReferenceScore
            {
                Reference = r,
                CapacityRatio = Summary.Of(capacityRatios[r]),
                DutyRatio = Summary.Of(dutyRatios[r]),
            }).ToList(),
            Points = points,
        };
    }

    /// <summary>(capacity a, duty a) has at least b's capacity and duty and more of one of them.</summary>
    /// <summary>The study's rule (<see cref="Studies.ParetoFront.Dominates"/>): duty cycles compared to 0.001.</summary>
    public static bool Dominates(double capacityA, double dutyA, double capacityB, double dutyB) =>
        Studies.ParetoFront.Dominates(capacityA, dutyA, capacityB, dutyB);

    private static TargetResult Check(TargetSpec target, SortedDictionary<string, double?> metrics)
    {
        if (!metrics.TryGetValue(target.Metric, out double? value))
        {
            // A misspelt metric must not pass silently.
            return new TargetResult { Metric = target.Metric, Minimum = target.Minimum, Maximum = target.Maximum, Status = TargetResult.Unknown };
        }

        string status = TargetResult.NoData;
        if (value != null)
        {
            bool ok = (target.Minimum == null || value >= target.Minimum) && (target.Maximum == null || value <= target.Maximum);
            status = ok ? TargetResult.Passed : TargetResult.Failed;
        }

        return new TargetResult { Metric = target.Metric, Minimum = target.Minimum, Maximum = target.Maximum, Value = value, Status = status };
    }

    private static void Put(SortedDictionary<string, double?> metrics, string name, Summary summary)
    {
        metrics[name + ".min"] = summary.Min;
        metrics[name + ".median"] = summary.Median;
        metrics[name + ".max"] = summary.Max;
    }
}
