// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// replay's own arguments through the real executable: a recording is never written over, and an option that
/// cannot be used is refused up front, named, with exit 2 and nothing written.
/// </summary>
public sealed class CliReplayArgumentTests : IDisposable
{
    private const string Recorded = """
        { "name": "recorded", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" }, "trace": { "periodMs": 10 } }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ReplayIntoTheRecordingsOwnFolderIsRefusedAndTheRecordingKept()
    {
        // A run's trace.csv replayed with --out its own folder: the replay's trace.csv would take its place.
        string runDir = RecordRun();
        string trace = Path.Combine(runDir, "trace.csv");
        byte[] before = File.ReadAllBytes(trace);

        using EdgeSimProcess replay = EdgeSimProcess.Run("replay", trace, "--out", runDir, "--quiet");

        CliArgumentTests.AssertRejected(replay, "--out", "would write over the recording");
        Assert.Equal(before, File.ReadAllBytes(trace));
        Assert.False(File.Exists(Path.Combine(runDir, "replay.json")));
    }

    private string RecordRun()
    {
        string scenario = _scratch.Write("recorded.json", Recorded);
        string runDir = _scratch.Path2("run folder");
        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", runDir, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return runDir;
    }
}
