// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Cli;
using Edge.HostSim.Scoring;
using Xunit;

namespace Edge.HostSim.Tests.Scoring;

/// <summary>The corpus and score verbs end to end on a tiny spec (seconds of simulated time).</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-score-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void CorpusThenScoreWritesReportScoresAndPlots()
    {
        // Two currents well below NaK50's limiting current, with the same pulse timing: charge is current times
        // time, so the capacity ratio is the current ratio, 2.
        string spec = WriteSpec("""
            { "families": [ {
                "name": "tiny", "runs": 2,
                "parameters": { "current": { "values": [ 0.25 ] } },
                "scenario": { "timeLimitS": 20, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                              "protocol": { "steps": [ "Strip at ${current} mA/cm2 for 1 s", "Rest for 0.1 s" ] },
                              "controller": { "mode": "observe" } },
                "variants": [ { "name": "low" },
                              { "name": "half", "set": { "protocol.steps": [ "Strip at 0.125 mA/cm2 for 1 s", "Rest for 0.1 s" ] } } ],
                "ratios": [ { "numerator": "low", "denominator": "half" } ],
                "targets": [ { "metric": "variant.low.capacity.min", "min": 0.001 } ] } ] }
            """);
        string corpus = Path.Combine(_directory, "corpus");
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();

        Assert.Equal(0, Program.Execute(new[] { "corpus", "--spec", spec, "--out", corpus, "--seed", "5" }, output, errors));
        Assert.True(File.Exists(Path.Combine(corpus, "corpus.json")));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(corpus, "tiny"), "*.json").Length);

        Assert.Equal(0, Program.Execute(new[] { "score", corpus, "--quiet" }, output, errors));
        string scoreDir = Path.Combine(corpus, "score");
        foreach (string file in new[] { "score.json", "score.md", "runs.csv", "tiny.png", "tiny.svg" })
        {
            Assert.True(File.Exists(Path.Combine(scoreDir, file)), file + " missing");
        }

        using JsonDocument score = JsonDocument.Parse(File.ReadAllText(Path.Combine(scoreDir, "score.json")));
        Assert.Equal(5, score.RootElement.GetProperty("seed").GetInt64());
        JsonElement family = score.RootElement.GetProperty("families")[0];
        Assert.Equal("tiny", family.GetProperty("family").GetString());
        Assert.Equal(4, family.GetProperty("runs").GetInt32());
        Assert.Equal("pass", family.GetProperty("targets")[0].GetProperty("status").GetString());
        Assert.Equal(4, score.RootElement.GetProperty("runs").GetArrayLength());

        double ratioMin = family.GetProperty("metrics").GetProperty("ratio.low/half.min").GetDouble();
        Assert.InRange(ratioMin, 1.95, 2.05);
        Assert.Contains("tiny: 4 runs", output.ToString());
    }

    [Fact]
    public void SilentCutOffsAreListedOncePerRunWithTheirModules()
    {
        // Two modules stripped continuously far above NaK50's limiting current cut off within seconds, their
        // depletion warnings some 7 s before, outside a 1 s horizon: each run's two silent cut-offs are one entry.
        string spec = WriteSpec("""
            { "families": [ {
                "name": "abrupt", "runs": 2,
                "scenario": { "timeLimitS": 60, "pack": { "modules": 2, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                              "protocol": { "steps": [ "Strip at 3 mA/cm2" ] },
                              "controller": { "mode": "observe" } },
                "warningHorizonS": 1 } ] }
            """);
        string corpus = Path.Combine(_directory, "corpus");
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        Assert.Equal(0, Program.Execute(new[] { "corpus", "--spec", spec, "--out", corpus }, output, errors));
        Assert.Equal(0, Program.Execute(new[] { "score", corpus, "--quiet" }, output, errors));

        string report = File.ReadAllText(Path.Combine(corpus, "score", "score.md"));
        Assert.True(report.Contains("- Silent cut-offs: abrupt/000-run.json (modules 0, 1), abrupt/001-run.json (modules 0, 1)\n", StringComparison.Ordinal), report);
    }

    /// <summary>Draws the corpus of <paramref name="spec"/> into the test's folder <paramref name="name"/>; returns its path.</summary>
    private string WriteCorpus(string spec, string name, params string[] options)
    {
        string corpus = Path.Combine(_directory, name);
        Assert.Equal(0, Program.Execute(new[] { "corpus", "--spec", spec, "--out", corpus }.Concat(options).ToArray(), new StringWriter(), new StringWriter()));
        return corpus;
    }

    /// <summary>A one-run corpus whose corpus.json <paramref name="edit"/> changes by hand, then scored; returns its folder.</summary>
    private string ScoreEditedTinyCorpus(StringWriter errors, Action<System.Text.Json.Nodes.JsonObject> edit, out int exitCode)
    {
        string spec = WriteSpec("""
            { "families": [ {
                "name": "tiny", "runs": 1,
                "scenario": { "timeLimitS": 1, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                              "protocol": { "steps": [ "Strip at 0.2 mA/cm2 for 1 s", "Rest for 0.1 s" ] },
                              "controller": { "mode": "observe" } } } ] }
            """);
        string corpus = WriteCorpus(spec, "c");
        string manifestPath = Path.Combine(corpus, "corpus.json");
        System.Text.Json.Nodes.JsonObject manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        edit(manifest);
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        exitCode = Program.Execute(new[] { "score", corpus, "--quiet" }, new StringWriter(), errors);
        return corpus;
    }

    /// <summary>Writes a corpus spec into the test's folder; returns its path.</summary>
    private string WriteSpec(string json)
    {
        Directory.CreateDirectory(_directory);
        string spec = Path.Combine(_directory, "spec.json");
        File.WriteAllText(spec, json);
        return spec;
    }

    [Fact]
    public void ScoreOfADirectoryWithoutCorpusIsABadInput()
    {
        Directory.CreateDirectory(_directory);
        StringWriter errors = new StringWriter();
        Assert.Equal(2, Program.Execute(new[] { "score", _directory }, new StringWriter(), errors));
        Assert.Contains("no corpus here", errors.ToString());
        Assert.False(Directory.Exists(Path.Combine(_directory, "score")));
    }

    [Theory]
    [InlineData("runs", "not a corpus manifest of format 1 with runs")]
    [InlineData("specFile", "specFile: missing")]
    [InlineData("families", "families: missing")]
    [InlineData("runs[0]", "runs[0]: missing")]
    [InlineData("runs[0].file", "runs[0].file: missing")]
    [InlineData("runs[0].family", "runs[0].family: missing")]
    public void AManifestWithANullWhereANameOrListBelongsIsABadInputAndWritesNothing(string field, string expected)
    {
        // A hand-edited corpus.json: the project's rule for bad input is one line naming the problem, exit 2, nothing written.
        StringWriter errors = new StringWriter();
        string corpus = ScoreEditedTinyCorpus(errors, manifest =>
        {
            System.Text.Json.Nodes.JsonArray runs = manifest["runs"]!.AsArray();
            switch (field)
            {
                case "runs[0]":
                    runs[0] = null;
                    break;
                case "runs[0].file":
                    runs[0]!["file"] = null;
                    break;
                case "runs[0].family":
                    runs[0]!["family"] = null;
                    break;
                default:
                    manifest[field] = null;
                    break;
            }
        }, out int exitCode);

        Assert.Equal(2, exitCode);

        string message = errors.ToString();
        Assert.Contains("corpus.json: " + expected, message);
        Assert.Single(message.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(corpus, "score")));
    }

    [Fact]
    public void ACorpusMeasuredThroughABoardFileKeepsItsBoardWhenMoved()
    {
        // The spec names its board relative to itself. The corpus is then moved (as to another machine) and the
        // spec's folder loses the board: the corpus must still score, through its own copy of the board.
        Directory.CreateDirectory(_directory);
        string board = Path.Combine(_directory, "bench.board");
        File.Copy(Path.Combine(Cli.CliReadmeTests.RepositoryRoot(), "boards", "esp32-mux-6s.board"), board);
        string spec = WriteSpec("""
            { "families": [ {
                "name": "boarded", "runs": 1,
                "scenario": { "timeLimitS": 2, "pack": { "modules": 3, "cellsPerModule": 2, "preset": "nak50-nasicon" },
                              "protocol": { "steps": [ "Strip at 0.2 mA/cm2 for 1 s", "Rest for 0.5 s" ] },
                              "measurement": { "board": "bench.board" },
                              "controller": { "mode": "observe" } } } ] }
            """);
        string corpus = WriteCorpus(spec, "c");
        string moved = Path.Combine(_directory, "moved");
        Directory.Move(corpus, moved);
        File.Delete(board);

        StringWriter errors = new StringWriter();
        Assert.Equal(0, Program.Execute(new[] { "score", moved, "--quiet" }, new StringWriter(), errors));
        Assert.Equal(string.Empty, errors.ToString());
        using JsonDocument scenario = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(moved, "boarded"), "*.json").Single()));
        Assert.Equal("../boards/bench.board", scenario.RootElement.GetProperty("measurement").GetProperty("board").GetString());
        Assert.Equal(File.ReadAllText(Path.Combine(Cli.CliReadmeTests.RepositoryRoot(), "boards", "esp32-mux-6s.board")), File.ReadAllText(Path.Combine(moved, "boards", "bench.board")));
    }

    [Fact]
    public void TheCapacityOfARunOfSecondsIsWrittenInSignificantDigitsNotAsZero()
    {
        // The tiny corpus strips 0.2 mA/cm2 for at most its 1 s time limit: 0.2 x 1 / 3600 = 5.56e-5 mAh/cm2, which
        // two decimals would write as 0, the same as a run that delivered nothing.
        StringWriter errors = new StringWriter();
        string corpus = ScoreEditedTinyCorpus(errors, _ => { }, out int exitCode);
        Assert.Equal(0, exitCode);

        string row = File.ReadAllLines(Path.Combine(corpus, "score", "score.md")).Single(l => l.StartsWith("| run | 1 | ", StringComparison.Ordinal));
        string[] capacities = row.Split('|')[3].Split('/');
        Assert.Equal(3, capacities.Length);
        foreach (string text in capacities)
        {
            double capacity = double.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(capacity, 0.9 * 0.2 / 3600, 0.2 / 3600 * 1.005);
            Assert.Equal(3, text.Trim().TrimStart('0', '.').Length);
        }
    }

    [Fact]
    public void AManifestThatGivesAKeyTwiceIsABadInputAndWritesNothing()
    {
        // A hand-edited corpus.json with "specFile" given twice: the parser would keep the last one silently, as it
        // would in a scenario or a spec, where a key given twice is refused.
        StringWriter errors = new StringWriter();
        string corpus = ScoreEditedTinyCorpus(errors, _ => { }, out int firstExit);
        Assert.Equal(0, firstExit);
        Directory.Delete(Path.Combine(corpus, "score"), recursive: true);
        string manifestPath = Path.Combine(corpus, "corpus.json");
        string text = File.ReadAllText(manifestPath);
        File.WriteAllText(manifestPath, "{ \"specFile\": \"elsewhere.json\", " + text.TrimStart().Substring(1));

        Assert.Equal(2, Program.Execute(new[] { "score", corpus, "--quiet" }, new StringWriter(), errors));
        string message = errors.ToString();
        Assert.Contains("corpus.json: specFile: is given twice", message);
        Assert.Single(message.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(corpus, "score")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARunListedTwiceInTheManifestIsABadInputNotScoredTwice(bool asAnotherDraw)
    {
        // A corpus.json edited or merged by hand with one run in it twice (as the same draw, or the same file under
        // another draw number): scored, the one cut-off would be two, the run's alarms and cell-hours doubled.
        StringWriter errors = new StringWriter();
        string corpus = ScoreEditedTinyCorpus(errors, manifest =>
        {
            System.Text.Json.Nodes.JsonArray runs = manifest["runs"]!.AsArray();
            System.Text.Json.Nodes.JsonNode copy = runs[0]!.DeepClone();
            if (asAnotherDraw)
            {
                copy["draw"] = 1;
            }

            runs.Add(copy);
        }, out int exitCode);

        Assert.Equal(2, exitCode);

        Assert.Contains("corpus.json: runs[1]: ", errors.ToString());
        Assert.Contains("is listed already as runs[0]", errors.ToString());
        Assert.False(Directory.Exists(Path.Combine(corpus, "score")));
    }

    [Fact]
    public void APairingThatNamesAReferenceTwiceIsRefusedBeforeAnyRun()
    {
        // The corpus's families.json edited after it was drawn: a reference named twice. Scored, every run ran and the
        // scoring then failed (exit 1, nothing written); it is a bad spec, refused up front naming the field.
        string spec = WriteSpec("""
            { "families": [ {
                "name": "tiny", "runs": 1,
                "scenario": { "timeLimitS": 1, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                              "protocol": { "steps": [ "Strip at 0.2 mA/cm2 for 1 s", "Rest for 0.1 s" ] },
                              "controller": { "mode": "observe" } },
                "variants": [ { "name": "a" }, { "name": "b" } ],
                "pareto": [ { "candidate": "a", "references": [ "b" ] } ] } ] }
            """);
        string corpus = WriteCorpus(spec, "c");
        string families = Path.Combine(corpus, "families.json");
        File.WriteAllText(families, File.ReadAllText(families).Replace("\"references\": [ \"b\" ]", "\"references\": [ \"b\", \"b\" ]", StringComparison.Ordinal));
        StringWriter errors = new StringWriter();

        Assert.Equal(2, Program.Execute(new[] { "score", corpus, "--quiet" }, new StringWriter(), errors));

        Assert.Contains("families[0].pareto[0].references[1]: 'b' is named twice", errors.ToString());
        Assert.False(Directory.Exists(Path.Combine(corpus, "score")));
    }

    [Fact]
    public void ARunThatWroteMoreEventsThanItKeepsSaysHowManyWereDropped()
    {
        // The valid test scenario's soft short and broker outage write events in its first minute; capped at one, the run
        // keeps the first and counts the others, as many as the same run writes uncapped.
        Edge.HostSim.Scenarios.Scenario scenario = Edge.HostSim.Scenarios.ScenarioLoader.Parse(Tests.Scenarios.ScenarioLoaderTests.Mutate(Tests.Scenarios.ScenarioLoaderTests.Valid, "timeLimitS=60"));
        var run = new Edge.HostSim.Scoring.Corpus.CorpusRun { Family = "f", Variant = "v", File = "f/v.json" };
        RunOutcome whole = ScoreRunner.RunOne(run, scenario);
        RunOutcome capped = ScoreRunner.RunOne(run, scenario, maximumEvents: 1);

        Assert.True(whole.Events.Count >= 2, "the scenario wrote " + whole.Events.Count + " events");
        Assert.Equal(0, whole.EventsDropped);
        Assert.Single(capped.Events);
        Assert.Equal(whole.Events.Count - 1, capped.EventsDropped);

        // The report says so where the figures are read: its missing warnings would read as silent cut-offs.
        string folder = Path.Combine(_directory, "score");
        ScoreResult result = new ScoreResult { Seed = 3, Runs = new[] { capped } };
        ScoreReportWriter.WriteAll(folder, result);
        string warning = "WARNING: 1 run(s) kept only their first events (" + (whole.Events.Count - 1) + " dropped, first in f/v.json)";
        Assert.Contains(warning, File.ReadAllText(Path.Combine(folder, "score.md")), StringComparison.Ordinal);
        Assert.StartsWith(warning, ScoreReportWriter.ConsoleSummary(result), StringComparison.Ordinal);
        using JsonDocument score = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "score.json")));
        Assert.Equal(1, score.RootElement.GetProperty("runsWithEventsDropped").GetInt32());
    }

    [Fact]
    public void TheConsoleSummarySaysItsNumbersAreSimulatedAndFromWhichCorpusSeed()
    {
        // The lines score prints are forwarded without score.md: they gave each family's capacity and duty medians with
        // no word saying they were simulated, nor of which corpus.
        string printed = ScoreReportWriter.ConsoleSummary(new ScoreResult { Seed = 3 });

        Assert.StartsWith("Scorecard of corpus seed 3 (closed-loop simulation, not bench measurements)\n", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreJsonSaysItsNumbersAreSimulated()
    {
        // The README: everything in the score folder is simulated. score.json is read without score.md's title (by
        // scripts, dashboards), so it has to say so itself, as a run's summary.json does with its provenance.
        string folder = Path.Combine(_directory, "score");

        ScoreReportWriter.WriteAll(folder, new ScoreResult { Seed = 3 });

        using JsonDocument score = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "score.json")));
        Assert.True(score.RootElement.TryGetProperty("provenance", out JsonElement provenance), "score.json has no provenance");
        Assert.StartsWith("simulated:", provenance.GetString());
        Assert.Contains("not a bench measurement", provenance.GetString());
    }

    [Fact]
    public void AnUnknownFamilyIsABadInputAndWritesNothing()
    {
        StringWriter errors = new StringWriter();
        string corpus = Path.Combine(_directory, "c");
        Assert.Equal(2, Program.Execute(new[] { "corpus", "--out", corpus, "--family", "nope" }, new StringWriter(), errors));
        Assert.Contains("no family 'nope'", errors.ToString());
        Assert.False(Directory.Exists(corpus));
    }

    [Theory]
    [InlineData("--family", "", "--family: names no family")]
    [InlineData("--family", " , ", "--family: names no family")]
    public void AFamilyListThatNamesNoneIsABadInput(string option, string value, string expected)
    {
        StringWriter errors = new StringWriter();
        string corpus = Path.Combine(_directory, "c");
        Assert.Equal(2, Program.Execute(new[] { "corpus", "--out", corpus, option, value }, new StringWriter(), errors));
        Assert.Contains(expected, errors.ToString());
        Assert.False(Directory.Exists(corpus));
    }

    [Fact]
    public void ACorpusIsNotWrittenIntoAFolderThatHoldsFiles()
    {
        // An older corpus's scenarios (or its score) would have mixed with the new one's.
        string corpus = Path.Combine(_directory, "c");
        Directory.CreateDirectory(corpus);
        File.WriteAllText(Path.Combine(corpus, "corpus.json"), "{}");
        StringWriter errors = new StringWriter();

        Assert.Equal(2, Program.Execute(new[] { "corpus", "--out", corpus, "--family", "healthy" }, new StringWriter(), errors));

        Assert.Contains("is not empty; a corpus goes into a new or empty folder", errors.ToString());
        Assert.Equal("{}", File.ReadAllText(Path.Combine(corpus, "corpus.json")));
    }

    [Fact]
    public void AScenarioFromAnotherCorpusIsRefusedNotScoredUnderThisOnesDraw()
    {
        // Two corpora of one spec, seeds 7 and 8; one of seed 8's files copied into seed 7's: scored as it was, it ran
        // under seed 7's draw in runs.csv and score.json, with another draw's cells and current.
        string spec = WriteSpec("""
            { "families": [ {
                "name": "tiny", "runs": 1,
                "parameters": { "current": { "min": 0.2, "max": 0.3, "decimals": 3 } },
                "scenario": { "timeLimitS": 5, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                              "protocol": { "steps": [ "Strip at ${current} mA/cm2 for 1 s", "Rest for 0.1 s" ] },
                              "controller": { "mode": "observe" } },
                "variants": [ { "name": "run" } ] } ] }
            """);
        string seven = WriteCorpus(spec, "seven", "--seed", "7");
        string eight = WriteCorpus(spec, "eight", "--seed", "8");
        string file = Directory.GetFiles(Path.Combine(eight, "tiny"), "*.json").Single();
        File.Copy(file, Path.Combine(seven, "tiny", Path.GetFileName(file)), overwrite: true);
        StringWriter errors = new StringWriter();

        Assert.Equal(2, Program.Execute(new[] { "score", seven, "--quiet" }, new StringWriter(), errors));

        Assert.Contains("lists seed", errors.ToString());
        Assert.Contains("the file is another corpus's", errors.ToString());
        Assert.False(Directory.Exists(Path.Combine(seven, "score")));
    }

    [Fact]
    public void AScoreWrittenOverAnEarlierOneRemovesThatOnesPlotsOfOtherFamiliesOnly()
    {
        string spec = WriteSpec("""
            { "families": [ {
                "name": "tiny", "runs": 1,
                "scenario": { "timeLimitS": 5, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                              "protocol": { "steps": [ "Strip at 0.25 mA/cm2 for 1 s", "Rest for 0.1 s" ] },
                              "controller": { "mode": "observe" } },
                "variants": [ { "name": "run" } ] } ] }
            """);
        string corpus = WriteCorpus(spec, "corpus");

        // An earlier score in the folder covered a family "gone"; a file of the user's own sits beside it.
        string scoreDir = Path.Combine(corpus, "score");
        Directory.CreateDirectory(scoreDir);
        File.WriteAllText(Path.Combine(scoreDir, "score.json"), """{ "families": [ { "family": "gone" }, { "family": "tiny" } ] }""");
        foreach (string file in new[] { "gone.png", "gone.svg", "gone-lead.png", "tiny-lead.svg", "mine.png" })
        {
            File.WriteAllText(Path.Combine(scoreDir, file), "old");
        }

        Assert.Equal(0, Program.Execute(new[] { "score", corpus, "--quiet" }, new StringWriter(), new StringWriter()));

        Assert.False(File.Exists(Path.Combine(scoreDir, "gone.png")));
        Assert.False(File.Exists(Path.Combine(scoreDir, "gone.svg")));
        Assert.False(File.Exists(Path.Combine(scoreDir, "gone-lead.png")));
        Assert.True(File.Exists(Path.Combine(scoreDir, "tiny.png")));
        Assert.True(File.Exists(Path.Combine(scoreDir, "mine.png")));

        // This score has no lead times for "tiny" (nothing was warned): the earlier one's lead plot of it goes too.
        Assert.False(File.Exists(Path.Combine(scoreDir, "tiny-lead.svg")));
    }

    /// <summary>Two runs of up to 500,000 simulated seconds each: far longer than the half second the cancel tests give them.</summary>
    private const string TwoLongRunsSpec = """
        { "families": [ {
            "name": "long", "runs": 2,
            "scenario": { "timeLimitS": 500000, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                          "protocol": { "steps": [ "Strip at 0.25 mA/cm2 for 1 s", "Rest for 0.1 s" ] },
                          "controller": { "mode": "observe" } },
            "variants": [ { "name": "run" } ] } ] }
        """;

    [Fact]
    public void RunsACancelCutShortAreLeftOutOfTheScoreAndCounted()
    {
        // Two long runs on one worker, cancelled half a second in: the first is cut short, the second never starts.
        // Counted, the first entered capacities and targets as if its cell had still been running at a time limit.
        string corpus = WriteCorpus(WriteSpec(TwoLongRunsSpec), "corpus");
        using CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        ScoreResult result = ScoreRunner.Run(ScoreRunner.Load(corpus), maximumParallelism: 1, cancellation: cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Empty(result.Runs);
        Assert.Equal(1, result.RunsCutShort);
        Assert.Equal(0, result.Families[0].Variants[0].Runs);
    }

    [Fact]
    public void ACancelledScoreSaysHowManyRunsOfTheCorpusItCovers()
    {
        // Two long runs on one worker, cancelled soon after the start: at most one ran, and none to its end. The header
        // and score.json count the corpus's runs three ways (scored, cut short, never started), adding up to its 2;
        // without the never-started ones a partial score read as the whole of a smaller corpus.
        string corpus = WriteCorpus(WriteSpec(TwoLongRunsSpec), "corpus");
        using CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        StringWriter output = new StringWriter();

        Assert.Equal(130, Program.Execute(new[] { "score", corpus, "--quiet", "-j", "1" }, output, new StringWriter(), cancel.Token));

        using JsonDocument score = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "score", "score.json")));
        int scored = score.RootElement.GetProperty("runs").GetArrayLength();
        int cutShort = score.RootElement.GetProperty("runsCutShort").GetInt32();
        Assert.True(score.RootElement.TryGetProperty("runsNotStarted", out JsonElement notStartedElement), "score.json does not count the runs never started");
        int notStarted = notStartedElement.GetInt32();
        Assert.Equal(0, scored);
        Assert.True(notStarted >= 1, notStarted + " never started");
        Assert.Equal(2, scored + cutShort + notStarted);
        string report = File.ReadAllText(Path.Combine(corpus, "score", "score.md"));
        Assert.Contains("CANCELLED, partial: 0 of 2 runs (" + cutShort + " cut short by it and " + notStarted + " never started are left out)", report, StringComparison.Ordinal);
        Assert.Contains("(cancelled: partial score of 0 of 2 runs)", output.ToString(), StringComparison.Ordinal);
    }
}
