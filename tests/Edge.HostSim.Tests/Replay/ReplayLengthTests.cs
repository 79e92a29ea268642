// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A replay runs to the recording's end, bounded by the 2^31 ticks it counts (about 248 days at 10 ms), not by a
/// scenario's 30-day timeLimitS. A recording of 2,600,000 s was refused because the protocol inferred for it carried
/// a timeLimitS of its length, a field the user never wrote ("timeLimitS: 2600150 is out of range"); with --scenario
/// the same recording ran past the scenario's timeLimitS without a word.
/// </summary>
public sealed class ReplayLengthTests : IDisposable
{
    // A healthy NaK50 cell, 1 s pulses at 1 mA/cm2 and 2 s rests from t = 0, for 300 s.
    private const string Healthy = """
        { "name": "month", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 300,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "measurement": { "voltageNoiseMv": 0, "voltageLsbMv": 0, "currentNoiseUa": 0 } }
        """;

    // The protocol the recording followed, with the longest timeLimitS a scenario may give (30 days).
    private const string ThirtyDays = """
        { "name": "thirty-days", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 2592000,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ARecordingLongerThanThirtyDaysReplaysWithoutAScenario()
    {
        string file = WriteMonthLongRecording();
        string outDir = _scratch.Path2("inferred");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", outDir, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("protocol (inferred): Strip at 385 uA for 1000 ms, Rest for 2000 ms", replay.Stdout, StringComparison.Ordinal);

        // The pause runs from the rest sample at 149.99 s to the pulse at 150 + 2,600,000 s; that pulse's own step ends
        // the pause, so the core restarts at the next one, 3 s later.
        Assert.Contains("gap: no samples from 149.99 s to 2600150 s (2600000.01 s); the core restarted at 2600153 s", replay.Stdout, StringComparison.Ordinal);
        AssertReplayedToTheEnd(outDir);
    }

    [Fact]
    public void AScenariosTimeLimitDoesNotEndAReplayAndTheReplaySaysSo()
    {
        // The recording outlasts the scenario's 2,592,000 s; the replay still runs to the recording's end, as one
        // without --scenario does, and says the time limit was not applied.
        string file = WriteMonthLongRecording();
        string scenario = _scratch.Write("thirty-days.json", ThirtyDays);
        string outDir = _scratch.Path2("scenario");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--scenario", scenario, "--out", outDir, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("time limit: the scenario's timeLimitS (2592000 s) does not end a replay; the recording's end does", replay.Stdout, StringComparison.Ordinal);
        AssertReplayedToTheEnd(outDir);
    }

    /// <summary>
    /// The healthy run logged every 10 ms, paused after the rest sample at 149.99 s and resumed 2,600,000 s later: the
    /// recording ends at 300 + 2,600,000 s, past a scenario's 30 days (2,592,000 s).
    /// </summary>
    private string WriteMonthLongRecording()
    {
        RecordedRun run = new RecordedRun(Healthy);
        List<RecordedRun.Row> rows = run.Rows.Select(r => r.TimeS < 149.995 ? r : r with { TimeS = r.TimeS + 2_600_000 }).ToList();
        Assert.Equal(300, run.Rows[^1].TimeS, 6);
        string written = run.WriteBioLogic("month.mpt", rows, false);
        string file = _scratch.Path2("month.mpt");
        File.Copy(written, file);
        run.Dispose();
        return file;
    }

    /// <summary>The replay reached the recording's last sample, 2,600,300 s, with a healthy cell's events only.</summary>
    private static void AssertReplayedToTheEnd(string outDir)
    {
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("endOfData", summary.RootElement.GetProperty("terminatedBy").GetString());
        Assert.Equal(2_600_300, summary.RootElement.GetProperty("replayedS").GetDouble(), 3);
        string[] kinds = File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()!).ToArray();
        Assert.All(kinds, k => Assert.Equal("started", k));
    }
}
