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

    [Theory]
    [InlineData("--cutoff", "NaN", "'NaN' is not a finite number")]
    [InlineData("--cutoff", "5", "out of range")]
    [InlineData("--area", "Infinity", "'Infinity' is not a finite number")]
    [InlineData("--area", "0", "must be above 0")]
    [InlineData("--preset", "nak99", "unknown preset")]
    [InlineData("--area", "abc", "'abc' is not a number")]
    [InlineData("--area", "1e400", "'1e400' is not a finite number")]

    // A decimal comma, which the parser's default read as a thousands separator: 1,2 cm2 replayed as 12 cm2 (exit 0),
    // 0,5 s as a 5 s gap threshold (exit 0), and 2,5 V refused as "25 is out of range".
    [InlineData("--area", "1,2", "'1,2' is not a number (use '.' for decimals)")]
    [InlineData("--gap-s", "0,5", "'0,5' is not a number (use '.' for decimals)")]
    [InlineData("--cutoff", "2,5", "'2,5' is not a number (use '.' for decimals)")]
    public void ABadValueForTheInferredScenarioNamesItsOption(string option, string value, string problem)
    {
        string trace = Path.Combine(RecordRun(), "trace.csv");
        string outDir = _scratch.Path2("replay");

        using EdgeSimProcess replay = EdgeSimProcess.Run("replay", trace, "--out", outDir, option, value);

        CliArgumentTests.AssertRejected(replay, option + ": ", problem);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("--area", "2")]
    [InlineData("--preset", "k-betaalumina")]
    [InlineData("--cutoff", "2.5")]
    [InlineData("--sample-period-ms", "50")]
    public void AnOptionTheScenarioWouldOverrideIsRefusedNotIgnored(string option, string value)
    {
        // With --scenario the pack, the protocol and the tick are the scenario's: the option would change nothing.
        string trace = Path.Combine(RecordRun(), "trace.csv");
        string scenario = _scratch.Path2("recorded.json");
        string outDir = _scratch.Path2("replay");

        using EdgeSimProcess replay = EdgeSimProcess.Run("replay", trace, "--scenario", scenario, "--out", outDir, option, value);

        CliArgumentTests.AssertRejected(replay, option + ": ", "--scenario");
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("h:min:s.ms")]
    [InlineData("hh:mm:ss")]
    [InlineData("h:mm:ss.fff")]
    [InlineData("fortnight")]
    public void ATimeUnitTheHelpDoesNotListIsRefused(string unit)
    {
        // The help and the README list s, ms, min and h. The h:mm:ss spellings were taken, and read plain numbers as
        // seconds; a time written h:mm:ss(.fff) is read as such without any unit.
        string table = _scratch.Write("table.csv", "time,voltage,current\n0,0.2,0\n1,0.2,0.385\n");
        string outDir = _scratch.Path2("replay");

        using EdgeSimProcess replay = EdgeSimProcess.Run("replay", table, "--out", outDir, "--time-column", "time", "--voltage-column", "voltage", "--current-column", "current", "--time-unit", unit);

        CliArgumentTests.AssertRejected(replay, "--time-unit: ", "time unit '" + unit + "' is not one of s, ms, min, h");
        Assert.False(Directory.Exists(outDir));
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
