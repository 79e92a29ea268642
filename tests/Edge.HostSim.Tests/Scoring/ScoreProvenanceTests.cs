// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Scoring;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Scoring;

/// <summary>
/// A scorecard's plots travel without score.json: their titles say simulated with the family's preset and the corpus
/// seed (they said simulated alone); score.json names each run's preset beside its seed.
/// </summary>
public sealed class ScoreProvenanceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-score-provenance-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void Plot_titles_and_score_json_name_the_preset_and_the_corpus_seed()
    {
        RunOutcome run = new RunOutcome
        {
            Family = "fam",
            Variant = "act",
            Seed = 1234,
            Preset = "nak50-nasicon",
            Modules = new[] { new ModuleResult { CapacityMAhPerCm2 = 10, DutyCycle = 0.2 } },
        };
        FamilyScore family = new FamilyScore
        {
            Family = "fam",
            Variants = new[] { new VariantScore { Variant = "act", Runs = 1 } },
            Shorts = new ShortScore { SoftLeadS = Summary.Of(new[] { 4.0 }) },
        };

        ScoreReportWriter.WriteAll(_directory, new ScoreResult { Seed = 11, Families = new[] { family }, Runs = new[] { run } });

        const string Setting = "(simulated, preset nak50-nasicon, corpus seed 11)";
        Assert.Equal("fam: capacity against duty cycle, one point per run " + Setting, Title(Path.Combine(_directory, "fam.svg")));
        Assert.Equal("fam: lead time of the warnings " + Setting, Title(Path.Combine(_directory, "fam-lead.svg")));
        using JsonDocument score = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "score.json")));
        JsonElement written = Assert.Single(score.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal("nak50-nasicon", written.GetProperty("preset").GetString());
        Assert.Equal(1234, written.GetProperty("seed").GetInt64());
    }

    private static string Title(string svg) =>
        Regex.Match(File.ReadAllText(svg), @"<text[^>]*>\s*(fam: [^<]*?)\s*</text>").Groups[1].Value;
}
