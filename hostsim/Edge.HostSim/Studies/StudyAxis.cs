// Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Edge.HostSim.Studies;

/// <summary>
/// One parameter a study varies. Its values either replace a scenario field (<see cref="Field"/>, a path
/// such as "pack.overrides.tauS" or "protocol.steps[1]") or fill "{name}" placeholders in the base
/// scenario's strings ("Strip at 1 mA/cm2 for {pulseS} s"), or both.
/// </summary>
public sealed class StudyAxis
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Scenario field set to each value; null when the axis only fills placeholders.</summary>
    public string? Field { get; init; }

    /// <summary>The values of a list or range axis, in order; empty for a random axis.</summary>
    public IReadOnlyList<JsonNode> Values { get; init; } = Array.Empty<JsonNode>();

    /// <summary>True for an axis drawn at random (one value per draw, see <see cref="StudySpec.Draws"/>).</summary>
    public bool IsRandom { get; init; }

    public double RandomMinimum { get; init; }

    public double RandomMaximum { get; init; }

    /// <summary>Draw uniformly in the logarithm (scale "log") rather than linearly.</summary>
    public bool RandomLogarithmic { get; init; }
}
