// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// summary.json and replay.json are read by people: a quote inside a text is written \" as JSON allows, an apostrophe,
/// a plus and a letter outside ASCII as themselves, not \u0022, \u0027, \u002B and \u00B5 as the default escaping
/// (made for JSON embedded in HTML) wrote them. events.jsonl and the report's embedded data are not changed.
/// </summary>
public sealed class SummaryTextEscapingTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    // Adaptive rests after a rest step of 5 s: the step's length has no effect, and the warning quotes the step.
    private const string Scenario = """
        { "name": "quoted", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 3,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "adaptive", "minRestS": 0.5, "maxRestS": 10 },
          "controller": { "mode": "act" } }
        """;

    [Fact]
    public void AQuoteInAWarningIsWrittenAsAnEscapedQuote()
    {
        string scenario = _scratch.Write("quoted.json", Scenario);
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess run = EdgeSimProcess.Run(Patience, null, "run", scenario, "--out", outDir, "--quiet");

        Assert.True(run.ExitCode == 0, run.Stderr);
        string said = run.Stderr.Split('\n').Single(l => l.StartsWith("warning: protocol.steps[1]", StringComparison.Ordinal))["warning: ".Length..].TrimEnd('\r');
        Assert.StartsWith("protocol.steps[1] (\"Rest for 5 s\"): the length has no effect", said, StringComparison.Ordinal);

        string summary = File.ReadAllText(Path.Combine(outDir, "summary.json"));
        Assert.DoesNotContain("\\u00", summary, StringComparison.Ordinal);
        Assert.Contains("    \"protocol.steps[1] (\\\"Rest for 5 s\\\"): the length has no effect", summary, StringComparison.Ordinal);
        using JsonDocument parsed = JsonDocument.Parse(summary);
        Assert.Equal(said, parsed.RootElement.GetProperty("warnings")[0].GetString());

        // events.jsonl keeps the escaping it had: one compact object a line, as before.
        foreach (string line in File.ReadAllLines(Path.Combine(outDir, "events.jsonl")))
        {
            using JsonDocument e = JsonDocument.Parse(line);
            Assert.Equal(JsonSerializer.Serialize(e.RootElement), line);
        }
    }

    [Fact]
    public void AReplaysProvenanceAndFileNameAreWrittenAsTheyRead()
    {
        // The shipped recording under a name with a space, a letter outside ASCII and a plus; its header says in single
        // quotes that it is simulated, and summary.json's provenance quotes it.
        string recording = Path.Combine(_scratch.Root, "lab cell \u00b5+1.mpt");
        File.Copy(Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "recordings", "lab-cell.mpt"), recording);
        string outDir = _scratch.Path2("replay");

        using EdgeSimProcess replay = EdgeSimProcess.Run(Patience, _scratch.Root, "replay", Path.GetFileName(recording), "--out", outDir, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        string summary = File.ReadAllText(Path.Combine(outDir, "summary.json"));
        string source = File.ReadAllText(Path.Combine(outDir, "replay.json"));
        Assert.DoesNotContain("\\u00", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", source, StringComparison.Ordinal);
        Assert.Contains("\"provenance\": \"simulated recording: lab cell \u00b5+1.mpt, biologic-mpt, simulator output (its header says 'SIMULATED DATA, NOT A BENCH MEASUREMENT", summary, StringComparison.Ordinal);
        Assert.Contains("\"source\": \"lab cell \u00b5+1.mpt\"", source, StringComparison.Ordinal);
        using JsonDocument parsed = JsonDocument.Parse(source);
        Assert.Equal("lab cell \u00b5+1.mpt", parsed.RootElement.GetProperty("source").GetString());
    }
}
