// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// On resume a finished variant's result.json was taken unchecked: a truncated, hand-edited or foreign one (another
/// variant's, another study's) went into study.csv as the run's. Each is now checked; one that fails is named with
/// what is wrong, one line a variant, and the variant runs again.
/// </summary>
public sealed class StudyResultCheckTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void BadResultsAreNamedAndRunAgainAndTheTableIsTheRunsOwn()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");
        Assert.True(first.ExitCode == 0, first.Stderr);
        string csv = File.ReadAllText(Path.Combine(outDir, "study.csv"));

        // The same base with 3 s rests: its v0006 has v0006's id and axis values, and ran another scenario.
        string other = _scratch.Write("other.json", StudyManifests.Small.Replace("Rest for 2 s", "Rest for 3 s", StringComparison.Ordinal));
        using EdgeSimProcess foreign = EdgeSimProcess.Run(Patience, null, "study", other, "--out", _scratch.Path2("other"), "--quiet", "--shard", "6/12");
        Assert.True(foreign.ExitCode == 0, foreign.Stderr);

        string Result(string variant) => Path.Combine(outDir, "variants", variant, "result.json");
        string text2 = File.ReadAllText(Result("v0002"));
        File.WriteAllText(Result("v0002"), text2[..(text2.Length / 2)]);
        File.Copy(Result("v0005"), Result("v0003"), true);
        JsonObject four = (JsonObject)JsonNode.Parse(File.ReadAllText(Result("v0004")))!;
        four["capacityMAhPerCm2"] = four["capacityMAhPerCm2"]!.GetValue<double>() * 2;
        File.WriteAllText(Result("v0004"), four.ToJsonString());
        File.Copy(Path.Combine(_scratch.Path2("other"), "variants", "v0006", "result.json"), Result("v0006"), true);
        JsonObject seven = (JsonObject)JsonNode.Parse(File.ReadAllText(Result("v0007")))!;
        seven.Remove("scenarioSha256");
        seven.Remove(StudyResultCheck.DigestField);
        File.WriteAllText(Result("v0007"), seven.ToJsonString());

        using EdgeSimProcess second = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");

        Assert.True(second.ExitCode == 0, second.Stderr);
        string[] lines = second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        AssertLine(lines[0], Result("v0002"), "is not JSON", "v0002 runs again");
        AssertLine(lines[1], Result("v0003"), "is the result of variant v0005 (index 4), not of v0003", "v0003 runs again");
        AssertLine(lines[2], Result("v0004"), "no longer matches its resultSha256", "v0004 runs again");
        AssertLine(lines[3], Result("v0006"), "was run on another scenario than v0006's", "v0006 runs again");
        AssertLine(lines[4], Result("v0007"), "records no scenarioSha256", "v0007 runs again");
        Assert.Contains("5 variants ran, 7 were already finished, 0 left", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(csv, File.ReadAllText(Path.Combine(outDir, "study.csv")));

        // The results the rerun wrote are taken as they are: a third run runs nothing and says nothing.
        using EdgeSimProcess third = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");
        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.Equal(string.Empty, third.Stderr);
        Assert.Contains("0 variants ran, 12 were already finished, 0 left", third.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AMergeRefusesAShardWithABadResultAndNamesIt()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        for (int i = 1; i <= 2; i++)
        {
            using EdgeSimProcess shard = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", _scratch.Path2("shard" + i), "--shard", i + "/2", "--quiet");
            Assert.True(shard.ExitCode == 0, shard.Stderr);
        }

        // v0003 is shard 1's; a copy of v0001's result in its place (the id and values are v0001's).
        string bad = Path.Combine(_scratch.Path2("shard1"), "variants", "v0003", "result.json");
        File.Copy(Path.Combine(_scratch.Path2("shard1"), "variants", "v0001", "result.json"), bad, true);

        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", _scratch.Path2("shard1"), _scratch.Path2("shard2"), "--out", _scratch.Path2("merged"));

        CliArgumentTests.AssertRejected(merge, "'" + bad + "'", "is the result of variant v0001 (index 0), not of v0003");
        Assert.False(Directory.Exists(_scratch.Path2("merged")));
    }

    [Fact]
    public void AResultWithValuesNoRunGivesIsRefusedThoughItsDigestMatches()
    {
        // Written through the writer itself, so the digest is right: only the values tell it from a run's.
        StudySpec spec = StudyLoader.LoadFile(_scratch.Write("study.json", StudyManifests.Small));
        StudyVariant variant = StudyPlan.Expand(spec)[0];
        StudyRow Row(double duty, double simulatedS, int events, int warnings) => new StudyRow
        {
            Variant = variant.Id,
            Index = variant.Index,
            Parameters = new JsonObject(variant.Parameters.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value.DeepClone()))),
            CapacityMAhPerCm2 = 0.01,
            DutyCycle = duty,
            MeanRestS = 2,
            StopReason = "running",
            TerminatedBy = "timeLimit",
            SimulatedS = simulatedS,
            Events = events,
            Warnings = warnings,
            ScenarioSha256 = variant.ScenarioSha256,
        };

        Assert.NotNull(StudyResultCheck.Read(StudyResultCheck.Text(Row(0.2, 60, 3, 1)), variant, out string none));
        Assert.Equal(string.Empty, none);

        // A duty cycle is a fraction of the time; the base's timeLimitS is 60 s at 10 ms samples; warnings are events.
        Assert.Null(StudyResultCheck.Read(StudyResultCheck.Text(Row(1.2, 60, 3, 1)), variant, out string duty));
        Assert.Equal("dutyCycle 1.2 is not between 0 and 1", duty);
        Assert.Null(StudyResultCheck.Read(StudyResultCheck.Text(Row(0.2, 61, 3, 1)), variant, out string longer));
        Assert.StartsWith("simulatedS 61 is not between 0 and the run's 60.01 s", longer, StringComparison.Ordinal);
        Assert.Null(StudyResultCheck.Read(StudyResultCheck.Text(Row(0.2, 60, 3, 4)), variant, out string counts));
        Assert.Equal("counts more warnings, faults, depletion onsets or shorts than its 3 events", counts);

        // A field study.csv needs, missing or of another type.
        JsonObject node = (JsonObject)JsonNode.Parse(StudyResultCheck.Text(Row(0.2, 60, 3, 1)))!;
        node.Remove("dutyCycle");
        Assert.Null(StudyResultCheck.Read(node.ToJsonString(), variant, out string missing));
        Assert.Equal("has no dutyCycle", missing);
        node["dutyCycle"] = "0.2";
        Assert.Null(StudyResultCheck.Read(node.ToJsonString(), variant, out string text));
        Assert.Equal("dutyCycle is a string, not a number", text);
    }

    private static void AssertLine(string line, string file, string problem, string end)
    {
        Assert.StartsWith("study small: '" + file + "' ", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.EndsWith(end, line, StringComparison.Ordinal);
    }
}
