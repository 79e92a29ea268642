// Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>
/// A scenario family: a scenario template with drawn parameters, run <see cref="Runs"/> times (draws), each
/// draw in every variant, and what the scorecard compares and expects.
/// </summary>
public sealed class FamilySpec
{
    public string Name { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    /// <summary>Draws of the parameters; each draw is run in every variant.</summary>
    public int Runs { get; init; } = 12;

    public IReadOnlyList<ParameterSpec> Parameters { get; init; } = Array.Empty<ParameterSpec>();

    /// <summary>Scenario JSON as in a scenario file, without name and seed (the corpus sets them).</summary>
    public JsonObject Scenario { get; init; } = new JsonObject();

    /// <summary>At least one; a family without variants in its spec gets one named "run".</summary>
    public IReadOnlyList<VariantSpec> Variants { get; init; } = Array.Empty<VariantSpec>();

    public IReadOnlyList<RatioSpec> Ratios { get; init; } = Array.Empty<RatioSpec>();

    public IReadOnlyList<ParetoSpec> Pareto { get; init; } = Array.Empty<ParetoSpec>();

    /// <summary>Healthy cells: every detector warning or fault is a false alarm.</summary>
    public bool Healthy { get; init; }

    /// <summary>A depletion warning at most this long before a cut-off counts as warning it (s).</summary>
    public double WarningHorizonS { get; init; } = 60;

    public IReadOnlyList<TargetSpec> Targets { get; init; } = Array.Empty<TargetSpec>();
}
