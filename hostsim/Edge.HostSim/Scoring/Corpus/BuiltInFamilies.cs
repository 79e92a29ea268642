// Licensed under the MIT License.

using System.Reflection;

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>
/// The scorecard's own families (Scoring/Corpus/families.json, embedded): depletion act/observe pairs,
/// slow- and fast-cell rest families with fixed-rest comparisons, the [W] protocol, low current, plating
/// above a raised cap, healthy low-current packs and a seven-module act-mode pack, each with its targets.
/// </summary>
public static class BuiltInFamilies
{
    public static string Json()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Edge.HostSim.Scoring.Corpus.families.json")
            ?? throw new InvalidOperationException("The built-in scorecard families are missing from the assembly.");
        using StreamReader reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<FamilySpec> Load() => CorpusSpecLoader.Parse(Json());
}
