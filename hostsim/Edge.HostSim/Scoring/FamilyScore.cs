// Licensed under the MIT License.

namespace Edge.HostSim.Scoring;

/// <summary>The scorecard of one family: per-variant summaries, the detection scores, the comparisons and targets.</summary>
public sealed class FamilyScore
{
    public string Family { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public int Draws { get; init; }

    public int Runs { get; init; }

    public IReadOnlyList<VariantScore> Variants { get; init; } = Array.Empty<VariantScore>();

    public DepletionScore Depletion { get; init; } = new DepletionScore();

    public ShortScore Shorts { get; init; } = new ShortScore();

    /// <summary>Null unless the family is marked healthy.</summary>
    public FalseAlarmScore? FalseAlarms { get; init; }

    public IReadOnlyList<RatioScore> Ratios { get; init; } = Array.Empty<RatioScore>();

    public IReadOnlyList<ParetoScore> Pareto { get; init; } = Array.Empty<ParetoScore>();

    /// <summary>Every scalar above under a dotted name (null: no data, e.g. a recall without cut-offs).</summary>
    public SortedDictionary<string, double?> Metrics { get; init; } = new SortedDictionary<string, double?>(StringComparer.Ordinal);

    public IReadOnlyList<TargetResult> Targets { get; init; } = Array.Empty<TargetResult>();

    /// <summary>True when no target failed or named an unknown metric (targets without data do not fail).</summary>
    public bool TargetsMet => Targets.All(t => t.Status != TargetResult.Failed && t.Status != TargetResult.Unknown);
}

/// <summary>One variant's runs in numbers.</summary>
public sealed class VariantScore
{
    public string Variant { get; init; } = string.Empty;

    public int Runs { get; init; }

    public Summary Capacity { get; init; } = Summary.Of(Array.Empty<double>());

    public Summary Duty { get; init; } = Summary.Of(Array.Empty<double>());

    public Summary MeanRestS { get; init; } = Summary.Of(Array.Empty<double>());

    /// <summary>Module stop reasons and how often they occurred.</summary>
    public IReadOnlyDictionary<string, int> StopReasons { get; init; } = new Dictionary<string, int>();

    /// <summary>Warning and fault events by kind (depletionOnset, softShort, hardShort, ...).</summary>
    public IReadOnlyDictionary<string, int> Alarms { get; init; } = new Dictionary<string, int>();

    /// <summary>Runs in which some module raised a depletion warning (or fault).</summary>
    public int RunsWithDepletionWarning { get; init; }

    /// <summary>Pack runs: delivered fraction of the demand over the pack window.</summary>
    public Summary? PackDeliveredFraction { get; init; }

    /// <summary>Pack runs: each run's smallest module capacity (mAh/cm2).</summary>
    public Summary? PackModuleCapacityMin { get; init; }
}

/// <summary>Cut-offs and the depletion warnings before them.</summary>
public sealed class DepletionScore
{
    public int Cutoffs { get; init; }

    /// <summary>Cut-offs with a depletion warning (or fault) on the module within the warning horizon before.</summary>
    public int WarnedCutoffs { get; init; }

    public double? Recall => Cutoffs > 0 ? (double)WarnedCutoffs / Cutoffs : null;

    public int ActCutoffs { get; init; }

    public int ActWarnedCutoffs { get; init; }

    public double? ActRecall => ActCutoffs > 0 ? (double)ActWarnedCutoffs / ActCutoffs : null;

    public int ObserveCutoffs { get; init; }

    public int ObserveWarnedCutoffs { get; init; }

    public double? ObserveRecall => ObserveCutoffs > 0 ? (double)ObserveWarnedCutoffs / ObserveCutoffs : null;

    /// <summary>
    /// Per warned cut-off: from the first warning of the episode that ended in the cut-off (warnings no
    /// further apart than the horizon) to the cut-off, s.
    /// </summary>
    public Summary LeadS { get; init; } = Summary.Of(Array.Empty<double>());

    /// <summary>Runs whose cut-off came without a warning ("file (module m)").</summary>
    public IReadOnlyList<string> Silent { get; init; } = Array.Empty<string>();
}

/// <summary>Hard shorts and the soft-short warnings and isolations before them.</summary>
public sealed class ShortScore
{
    /// <summary>Modules whose cell latched a hard short (ground truth; the reported hardShort without it).</summary>
    public int HardShorts { get; init; }

    /// <summary>Of those, modules with a soft-short warning or fault before the hard short.</summary>
    public int SoftBeforeHard { get; init; }

    public double? SoftBeforeHardRate => HardShorts > 0 ? (double)SoftBeforeHard / HardShorts : null;

    /// <summary>Act mode: modules isolated for a confirmed soft short before any hard short.</summary>
    public int ActIsolatedBeforeHard { get; init; }

    /// <summary>Act mode: modules whose hard short came before any soft-short isolation.</summary>
    public int ActHardFirst { get; init; }

    public double? ActIsolationBeforeHardRate => ActIsolatedBeforeHard + ActHardFirst > 0 ? (double)ActIsolatedBeforeHard / (ActIsolatedBeforeHard + ActHardFirst) : null;

    /// <summary>From the first soft-short warning to the hard short, s.</summary>
    public Summary SoftLeadS { get; init; } = Summary.Of(Array.Empty<double>());

    /// <summary>Hard shorts without a soft-short warning before ("file (module m)").</summary>
    public IReadOnlyList<string> Unwarned { get; init; } = Array.Empty<string>();

    /// <summary>Modules the controller reported a hard short on while their cell had not latched one ("file (module m)").</summary>
    public IReadOnlyList<string> ReportedWithoutCellShort { get; init; } = Array.Empty<string>();
}

/// <summary>Healthy families: every warning or fault from the diagnosis is a false alarm.</summary>
public sealed class FalseAlarmScore
{
    public int Alarms { get; init; }

    /// <summary>Cells times the time their module ran, h.</summary>
    public double CellHours { get; init; }

    public double? Per1000CellHours => CellHours > 0 ? Alarms * 1000.0 / CellHours : null;

    public IReadOnlyDictionary<string, int> ByDiagnosis { get; init; } = new Dictionary<string, int>();
}

/// <summary>Capacity of one variant over another, draw by draw.</summary>
public sealed class RatioScore
{
    public string Name { get; init; } = string.Empty;

    public Summary Ratio { get; init; } = Summary.Of(Array.Empty<double>());
}

/// <summary>A candidate variant against reference variants on capacity and duty, draw by draw.</summary>
public sealed class ParetoScore
{
    public string Candidate { get; init; } = string.Empty;

    public int Draws { get; init; }

    /// <summary>Draws in which some reference had at least the candidate's capacity and duty, and more of one.</summary>
    public int DominatedDraws { get; init; }

    /// <summary>Candidate capacity over the best reference capacity of the draw.</summary>
    public Summary BestReferenceCapacityRatio { get; init; } = Summary.Of(Array.Empty<double>());

    public IReadOnlyList<ParetoReferenceScore> References { get; init; } = Array.Empty<ParetoReferenceScore>();

    /// <summary>Draw by draw: candidate and reference points, for the plot and the report.</summary>
    public IReadOnlyList<ParetoDraw> Points { get; init; } = Array.Empty<ParetoDraw>();
}

/// <summary>Candidate over one reference: capacity and duty ratios.</summary>
public sealed class ParetoReferenceScore
{
    public string Reference { get; init; } = string.Empty;

    public Summary CapacityRatio { get; init; } = Summary.Of(Array.Empty<double>());

    public Summary DutyRatio { get; init; } = Summary.Of(Array.Empty<double>());
}

/// <summary>One draw of a Pareto comparison.</summary>
public sealed class ParetoDraw
{
    public int Draw { get; init; }

    public bool Dominated { get; init; }

    /// <summary>Variant name to (capacity mAh/cm2, duty).</summary>
    public IReadOnlyDictionary<string, double[]> Points { get; init; } = new Dictionary<string, double[]>();
}

/// <summary>A target and how the family did.</summary>
public sealed class TargetResult
{
    public const string Passed = "pass";
    public const string Failed = "fail";
    public const string NoData = "n/a";
    public const string Unknown = "unknown metric";

    public string Metric { get; init; } = string.Empty;

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public double? Value { get; init; }

    /// <summary>pass, fail, n/a (the metric had no data, e.g. no cut-off to warn of), or unknown metric.</summary>
    public string Status { get; init; } = NoData;
}
