// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Scoring.Corpus;
using Xunit;

namespace Edge.HostSim.Tests.Scoring;

/// <summary>Corpus specs and generation: draws inside their ranges, paired variants, reproducible, strict errors.</summary>
public sealed class CorpusGeneratorTests
{
    private const string Spec = """
        { "families": [ {
            "name": "pairs", "runs": 5,
            "parameters": { "current": { "min": 0.8, "max": 1.2, "decimals": 2 }, "tau": { "values": [ 2, 3.5 ] } },
            "scenario": { "timeLimitS": 10,
                          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "overrides": { "tauS": "${tau}" } },
                          "protocol": { "steps": [ "Strip at ${current} mA/cm2 for 1 s", "Rest for 2 s" ] } },
            "variants": [ { "name": "act", "set": { "controller.mode": "act" } }, { "name": "observe", "set": { "controller.mode": "observe" } } ],
            "ratios": [ { "numerator": "act", "denominator": "observe" } ] } ] }
        """;

    [Fact]
    public void DrawsStayInTheirRangesAndVariantsOfADrawShareCellsAndSeed()
    {
        var runs = CorpusGenerator.Build(CorpusSpecLoader.Parse(Spec), seed: 3);

        Assert.Equal(10, runs.Count);
        foreach (var draw in runs.GroupBy(r => r.Run.Draw))
        {
            var act = draw.Single(r => r.Run.Variant == "act");
            var observe = draw.Single(r => r.Run.Variant == "observe");
            Assert.Equal(act.Run.Seed, observe.Run.Seed);
            Assert.Equal(act.Run.Parameters, observe.Run.Parameters);
            Assert.InRange(act.Run.Parameters["current"], 0.8, 1.2);
            Assert.Contains(act.Run.Parameters["tau"], new[] { 2.0, 3.5 });

            Scenario a = ScenarioLoader.Parse(act.Json);
            Scenario o = ScenarioLoader.Parse(observe.Json);
            Assert.True(a.Controller.Act);
            Assert.False(o.Controller.Act);
            Assert.Equal(act.Run.Parameters["tau"], a.Pack.Overrides["tauS"]);
            Assert.Equal("Strip at " + TemplateFiller.Format(act.Run.Parameters["current"]) + " mA/cm2 for 1 s", a.Protocol.Steps[0]);
            Assert.Equal((ulong)act.Run.Seed, a.Seed);
            Assert.Equal("pairs-" + act.Run.Draw.ToString("000") + "-act", a.Name);
        }

        // Five draws, five scenario seeds.
        Assert.Equal(5, runs.Select(r => r.Run.Seed).Distinct().Count());
    }

    [Fact]
    public void RoundedDrawsStayInsideTheRangeTheSpecGives()
    {
        // 1.4 to 3.6 in whole numbers: the values of 0 decimals inside are 2 and 3. Rounded as drawn, a draw below 1.5
        // was 1 and one above 3.5 was 4, outside the range the spec states (and a rest of 0 s from 0.02 to 0.04).
        string spec = """
            { "families": [ { "name": "r", "runs": 300,
                "parameters": { "rest": { "min": 1.4, "max": 3.6, "decimals": 0 } },
                "scenario": { "timeLimitS": 10, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                              "protocol": { "steps": [ "Strip at 0.2 mA/cm2 for 1 s", "Rest for ${rest} s" ] } } } ] }
            """;

        var runs = CorpusGenerator.Build(CorpusSpecLoader.Parse(spec), seed: 1);

        Assert.All(runs, r => Assert.InRange(r.Run.Parameters["rest"], 1.4, 3.6));
        Assert.Equal(new[] { 2.0, 3.0 }, runs.Select(r => r.Run.Parameters["rest"]).Distinct().OrderBy(v => v));
    }

    [Fact]
    public void ARangeWithNoValueOfItsDecimalsIsRefused()
    {
        // No whole number lies between 1.4 and 1.45: every draw would have been 1, below the range.
        string spec = """
            { "families": [ { "name": "r", "parameters": { "rest": { "min": 1.4, "max": 1.45, "decimals": 0 } }, "scenario": {} } ] }
            """;

        CorpusException e = Assert.Throws<CorpusException>(() => CorpusSpecLoader.Parse(spec));

        Assert.Equal("families[0].parameters.rest.decimals", e.Path);
        Assert.Contains("no value with 0 decimals lies between min 1.4 and max 1.45", e.Problem);
    }

    [Fact]
    public void TheSameSeedGivesTheSameCorpusAndAnotherFamilyDoesNotMoveTheDraws()
    {
        var first = CorpusGenerator.Build(CorpusSpecLoader.Parse(Spec), seed: 3);
        var again = CorpusGenerator.Build(CorpusSpecLoader.Parse(Spec), seed: 3);
        var other = CorpusGenerator.Build(CorpusSpecLoader.Parse(Spec), seed: 4);
        Assert.Equal(first.Select(r => r.Json), again.Select(r => r.Json));
        Assert.NotEqual(first.Select(r => r.Run.Parameters["current"]), other.Select(r => r.Run.Parameters["current"]));

        JsonObject root = JsonNode.Parse(Spec)!.AsObject();
        JsonObject extra = root["families"]![0]!.DeepClone().AsObject();
        extra["name"] = "another";
        root["families"]!.AsArray().Insert(0, extra);
        var withAnother = CorpusGenerator.Build(CorpusSpecLoader.Parse(root.ToJsonString()), seed: 3);
        Assert.Equal(first.Select(r => r.Json), withAnother.Where(r => r.Run.Family == "pairs").Select(r => r.Json));
    }

    [Fact]
    public void EveryBuiltInFamilyGeneratesValidScenariosWithTargets()
    {
        var families = BuiltInFamilies.Load();
        Assert.Equal(new[] { "depletion", "slow-rest", "fast-rest", "w-protocol", "low-current", "plating", "healthy", "pack7-act" }, families.Select(f => f.Name));
        Assert.All(families, f => Assert.NotEmpty(f.Targets));
        Assert.All(families, f => Assert.True(f.Runs >= 12, f.Name + " has fewer than 12 draws"));

        // Build parses every scenario with the scenario loader.
        var runs = CorpusGenerator.Build(families, seed: 1, runsOverride: 1);
        Assert.Equal(families.Sum(f => f.Variants.Count), runs.Count);
    }

    [Theory]
    [InlineData("""{ "families": [ { "name": "x", "scenario": { "timeLimitS": "${nope}" } } ] }""", "families[0].scenario", "${nope}")]
    [InlineData("""{ "families": [ { "name": "x", "scenario": {}, "colour": 1 } ] }""", "families[0].colour", "unknown field")]
    [InlineData("""{ "families": [ { "name": "x", "scenario": {}, "ratios": [ { "numerator": "a", "denominator": "run" } ] } ] }""", "families[0].ratios[0].numerator", "not a variant")]
    [InlineData("""{ "families": [ { "name": "x", "parameters": { "p": { "min": 2, "max": 1 } }, "scenario": {} } ] }""", "families[0].parameters.p.max", "below min")]
    [InlineData("""{ "families": [ { "name": "x", "scenario": { "seed": 4 } } ] }""", "families[0].scenario.seed", "set by the corpus")]
    [InlineData("""{ "families": [ { "name": "a b", "scenario": {} } ] }""", "families[0].name", "letters")]
    [InlineData("""{ "families": [ { "name": "x", "scenario": {}, "targets": [ { "metric": "m" } ] } ] }""", "families[0].targets[0].min", "min, max or both")]
    [InlineData("""{ "families": [ { "name": "x", "scenario": {}, "variants": [ { "name": "a" }, { "name": "b" } ], "pareto": [ { "candidate": "a", "references": [ "b", "b" ] } ] } ] }""", "families[0].pareto[0].references[1]", "named twice")]
    [InlineData("""{ "families": [ { "name": "x", "scenario": {}, "variants": [ { "name": "a" }, { "name": "b" } ], "pareto": [ { "candidate": "a", "references": [ "b", "a" ] } ] } ] }""", "families[0].pareto[0].references[1]", "the candidate itself")]
    [InlineData("""{ "families": [ { "name": "x", "scenario": {}, "variants": [ { "name": "a" }, { "name": "b" }, { "name": "c" } ], "pareto": [ { "candidate": "a", "references": [ "b" ] }, { "candidate": "a", "references": [ "c" ] } ] } ] }""", "families[0].pareto[1].candidate", "candidate of an earlier entry")]
    [InlineData("""{ "families": [ { "name": "x", "parameters": { "tauS": { "min": 1, "max": 2 }, "taus": { "values": [ 1 ] } }, "scenario": { "timeLimitS": "${tauS}" } } ] }""", "families[0].parameters.taus", "never used")]
    public void BadSpecsAreRejectedNamingTheField(string json, string path, string problem)
    {
        CorpusException e = Assert.Throws<CorpusException>(() => CorpusSpecLoader.Parse(json));
        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Problem);
    }

    [Theory]
    [InlineData("""{ "families": [ { "name": "x", "name": "y", "scenario": {} } ] }""", "families[0].name")]
    [InlineData("""{ "families": [ { "name": "x", "runs": 1, "runs": 3, "scenario": {} } ] }""", "families[0].runs")]
    [InlineData("""{ "families": [ { "name": "x", "scenario": { "timeLimitS": 5, "timeLimitS": 7 } } ] }""", "families[0].scenario.timeLimitS")]
    [InlineData("""{ "families": [ { "name": "x", "scenario": {}, "variants": [ { "name": "v", "set": { "controller.mode": "act", "controller.mode": "observe" } } ] } ] }""", "families[0].variants[0].set.controller.mode")]
    public void AKeyGivenTwiceInASpecIsRejectedNamingItNotTheLastOneTaken(string json, string path)
    {
        // A scenario file refuses a key given twice; a spec is scenarios too. The parser alone keeps the last one (a
        // family of another name or draw count than the first line says) or, inside the scenario, throws no CorpusException.
        CorpusException e = Assert.Throws<CorpusException>(() => CorpusSpecLoader.Parse(json));
        Assert.Equal(path, e.Path);
        Assert.Contains("is given twice", e.Problem);
    }

    [Fact]
    public void ASpecThatIsNotJsonSaysTheLineAndColumnAnEditorShows()
    {
        // NaN is no JSON number; it stands on the second line, in column 26 (counting from 1, as an editor does).
        string json = "{ \"families\": [\n  { \"name\": \"x\", \"runs\": NaN, \"scenario\": {} } ] }";

        CorpusException e = Assert.Throws<CorpusException>(() => CorpusSpecLoader.Parse(json));

        Assert.StartsWith("not valid JSON at line 2, column 26:", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidGeneratedScenarioNamesFamilyDrawVariantAndField()
    {
        string spec = """
            { "families": [ { "name": "bad", "runs": 1,
                "scenario": { "timeLimitS": 10, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s" ] } },
                "variants": [ { "name": "v", "set": { "protocol.cutoffV": 9 } } ] } ] }
            """;
        CorpusException e = Assert.Throws<CorpusException>(() => CorpusGenerator.Build(CorpusSpecLoader.Parse(spec), 1));
        Assert.Equal("family bad, draw 0, variant v", e.Path);
        Assert.Contains("protocol.cutoffV", e.Problem);
    }

    [Fact]
    public void ATargetThatNoValueCouldMeetIsRefused()
    {
        string spec = Spec.Replace("\"ratios\":", "\"targets\": [ { \"metric\": \"ratio.act/observe.min\", \"min\": 5, \"max\": 1 } ], \"ratios\":", StringComparison.Ordinal);

        CorpusException e = Assert.Throws<CorpusException>(() => CorpusSpecLoader.Parse(spec));

        Assert.Contains("targets[0].max", e.Message, StringComparison.Ordinal);
        Assert.Contains("must not be below min", e.Message, StringComparison.Ordinal);
    }
}
