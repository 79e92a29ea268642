// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json.Nodes;

namespace Edge.HostSim.Studies;

/// <summary>
/// Where a study's figures come from, as study.json states it beside study.csv and the Pareto plot's title repeats it:
/// simulated, with the cell presets and scenario seeds the variants ran (a run's summary.json gives its one preset and
/// seed). These fields follow from the base scenario and the axes, so they are left out when two study.json are
/// compared: a folder written before they were recorded still resumes and merges.
/// </summary>
public static class StudyProvenance
{
    public const string Text = "simulated: every variant is the control core in closed loop with the cell model, not a bench measurement";

    public const string ProvenanceKey = "provenance";
    public const string PresetsKey = "presets";
    public const string ScenarioSeedsKey = "scenarioSeeds";

    /// <summary>The study.json keys written from the variants, not read from the manifest.</summary>
    public static readonly IReadOnlyList<string> DerivedKeys = new[] { ProvenanceKey, PresetsKey, ScenarioSeedsKey };

    /// <summary>The variants' cell presets, each once, in ordinal order.</summary>
    public static IReadOnlyList<string> Presets(IReadOnlyList<StudyVariant> variants) =>
        variants.Select(v => v.Scenario.Pack.Preset).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The variants' scenario seeds (noise, spread, probabilistic faults), each once, rising.</summary>
    public static IReadOnlyList<ulong> ScenarioSeeds(IReadOnlyList<StudyVariant> variants) =>
        variants.Select(v => v.Scenario.Seed).Distinct().Order().ToList();

    /// <summary>
    /// "simulated, preset nak50-nasicon, seed 1" (plural with a list when an axis varies them), and the draws' seed
    /// when the study has random axes: for the plot's title, which travels without study.json.
    /// </summary>
    public static string Setting(StudySpec spec, IReadOnlyList<StudyVariant> variants)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        IReadOnlyList<string> presets = Presets(variants);
        IReadOnlyList<ulong> seeds = ScenarioSeeds(variants);
        return "simulated, " + (presets.Count == 1 ? "preset " : "presets ") + string.Join(", ", presets)
            + (seeds.Count == 1 ? ", seed " : ", seeds ") + string.Join(", ", seeds.Select(s => s.ToString(inv)))
            + (spec.Draws > 0 ? ", draws from seed " + spec.Seed.ToString(inv) : string.Empty);
    }

    /// <summary>study.json's <c>presets</c>.</summary>
    public static JsonArray PresetsJson(IReadOnlyList<StudyVariant> variants) =>
        new JsonArray(Presets(variants).Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());

    /// <summary>study.json's <c>scenarioSeeds</c>.</summary>
    public static JsonArray ScenarioSeedsJson(IReadOnlyList<StudyVariant> variants) =>
        new JsonArray(ScenarioSeeds(variants).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());

    /// <summary>Removes the derived fields from a parsed study.json, for comparing two of them.</summary>
    public static void RemoveFrom(JsonObject manifest)
    {
        foreach (string key in DerivedKeys)
        {
            manifest.Remove(key);
        }
    }
}
