// Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>
/// One variant of every draw of a family (e.g. "act" and "observe", or "adaptive" and "fixed-5s"): the same
/// drawn cells, seed and noise, with the scenario fields in <see cref="Set"/> replaced. Keys are dotted paths
/// into the scenario ("controller.mode", "protocol.steps"); values may use the family's parameters.
/// </summary>
public sealed class VariantSpec
{
    public string Name { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, JsonNode?> Set { get; init; } = new Dictionary<string, JsonNode?>();
}
