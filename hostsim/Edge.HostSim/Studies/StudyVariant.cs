// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Studies;

/// <summary>One point of a study: its number, the axis values it takes and the validated scenario they make.</summary>
public sealed class StudyVariant
{
    public int Index { get; init; }

    /// <summary>"v0007": the folder name of its result and the first study.csv column.</summary>
    public string Id => "v" + (Index + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Axis values in the manifest's axis order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Parameters { get; init; } = Array.Empty<KeyValuePair<string, JsonNode>>();

    public Scenario Scenario { get; init; } = new Scenario();

    /// <summary>
    /// SHA-256 of the scenario the variant runs (its JSON with the axis values filled in, and the text of the board
    /// file it reads): recorded in its result.json, so a result taken on resume or merge is known to be this variant's.
    /// </summary>
    public string ScenarioSha256 { get; init; } = string.Empty;
}
