// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A replay's outputs tell time one way: from the replay's first tick, as its events, summary and trace do. The
/// recording's own clock is given once, as the recording time of that first tick. Gaps were reported in the
/// recording's time while the events beside them were not (a gap "at 1149.99 s" before a hard short "at 90.5 s"),
/// and the plot called the replay's time "recording time".
/// </summary>
public sealed class ReplayTimeBaseTests : IClassFixture<RecordedRun>, IDisposable
{
    private readonly RecordedRun _run;
    private readonly CliScratch _scratch = new CliScratch();

    public ReplayTimeBaseTests(RecordedRun run)
    {
        _run = run;
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void GapsEventsAndThePlotShareTheReplaysTimeAndTheRecordingsStartIsGivenOnce()
    {
        // The run (a hard short at 90.5 s, its first pulse at 0) logged by a cycler whose clock read 1000 s at the run's
        // start, with an outage from 45 to 47 s of the run.
        IEnumerable<RecordedRun.Row> rows = _run.Rows.Where(r => r.TimeS <= 45 || r.TimeS >= 47).Select(r => r with { TimeS = r.TimeS + 1000 });
        string file = _run.WriteBioLogic("clock-at-1000.mpt", rows, false);
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", outDir, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);

        // Everything else in the run's own time: the outage at 45-47 s, the hard short at 90.5 s.
        Assert.Contains("gap: no samples from 45 s to 47 s (2 s); the core restarted at 48 s", replay.Stdout, StringComparison.Ordinal);
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        JsonElement gap = Assert.Single(source.RootElement.GetProperty("gaps").EnumerateArray());
        Assert.Equal(45, gap.GetProperty("startS").GetDouble(), 6);
        Assert.Equal(47, gap.GetProperty("endS").GetDouble(), 6);
        Assert.Equal(48, gap.GetProperty("restartS").GetDouble(), 6);
        JsonElement hard = File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("kind").GetString() == "hardShort" && e.GetProperty("severity").GetString() == "fault");
        Assert.InRange(hard.GetProperty("tS").GetDouble(), 90.5, 90.55);
        Assert.StartsWith("tS,", File.ReadLines(Path.Combine(outDir, "trace.csv")).First(), StringComparison.Ordinal);
        Assert.StartsWith("0,", File.ReadLines(Path.Combine(outDir, "trace.csv")).Skip(1).First(), StringComparison.Ordinal);

        // The recording's clock, once: its time at the replay's t = 0.
        Assert.Contains("from t = 1000 s of the recording (the replay's t = 0)", replay.Stdout, StringComparison.Ordinal);
        Assert.Equal(1000, source.RootElement.GetProperty("startS").GetDouble(), 6);

        // The plot's time axis says which time it is.
        foreach (string output in new[] { "plot.svg", "report.html" })
        {
            string text = File.ReadAllText(Path.Combine(outDir, output));
            Assert.Contains("replay time (s) from recording time 1000 s", text, StringComparison.Ordinal);
            Assert.DoesNotContain("recording time (s)", text, StringComparison.Ordinal);
        }
    }
}
