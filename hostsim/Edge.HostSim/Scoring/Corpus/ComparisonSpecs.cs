// Licensed under the MIT License.

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>Capacity of one variant over another, draw by draw (e.g. act over observe).</summary>
public sealed class RatioSpec
{
    public string Numerator { get; init; } = string.Empty;

    public string Denominator { get; init; } = string.Empty;

    /// <summary>"numerator/denominator": the name the metrics use.</summary>
    public string Name => Numerator + "/" + Denominator;
}

/// <summary>
/// A capacity-versus-duty comparison, draw by draw: the candidate (an adaptive rest) against reference
/// variants (fixed rests). Dominated: some reference has at least the candidate's capacity and duty, and
/// more of one of them.
/// </summary>
public sealed class ParetoSpec
{
    public string Candidate { get; init; } = string.Empty;

    public IReadOnlyList<string> References { get; init; } = Array.Empty<string>();
}

/// <summary>An acceptance bound on one named metric of a family's score; the report says pass or fail.</summary>
public sealed class TargetSpec
{
    public string Metric { get; init; } = string.Empty;

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }
}
