// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// Recordings that plate, through the real CLI. The core caps its plating current at the critical current (0.4 mA/cm2
/// of the area by default, ProtocolConfiguration) and infers one direction's pulses; a recording that plates above the
/// cap, or strips and plates by turns (a symmetric cell's usual cycling), was replayed, exit 0, with an implausible
/// current reading latched at its first plating pulse: a fault the cell never had. Such files are refused in the
/// recording's terms, exit 2, nothing written; a recording plating below the cap replays without an event.
/// </summary>
public sealed class ReplayPlatingTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void StrippingAndPlatingByTurnsIsRefusedNamingBothDirections()
    {
        // Ten cycles of rest 1 s, strip 1 mA/cm2 for 1 s, rest 2 s, plate 1 mA/cm2 for 1 s, rest 1 s: the first plating
        // pulse at 4 s of the recording.
        string file = _scratch.Write("cycling.csv", Table(new[] { (0.0, 1.0), (1.0, 1.0), (0.0, 2.0), (-1.0, 1.0), (0.0, 1.0) }, 10));

        using EdgeSimProcess replay = Replay(file);

        CliArgumentTests.AssertRejected(replay, "cycling.csv: the current flows both ways, 10 stripping and 10 plating pulses (the first plating one at t = 4 s of the recording)",
            "give --scenario with the Strip and Plate steps the recording followed");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void PlatingAboveTheCriticalCurrentIsRefusedNamingBoth()
    {
        // Plating at 1 mA/cm2: 0.3848 mA, where the core plates at most 0.4 mA/cm2 x 0.3848 cm2 = 0.154 mA (154 uA).
        string file = _scratch.Write("plating.csv", Table(new[] { (0.0, 1.0), (-1.0, 1.0), (0.0, 2.0) }, 10));

        using EdgeSimProcess replay = Replay(file);

        CliArgumentTests.AssertRejected(replay, "plating.csv: its plating pulses read 0.385 mA (median), 1 mA/cm2 of 0.3848 cm2, above the 0.154 mA the core plates at most",
            "controller.platingCriticalMAPerCm2");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void PlatingAboveTheCriticalCurrentReplaysWithAScenarioThatRaisesIt()
    {
        // The same recording with the cap raised to 1.1 mA/cm2 (0.423 mA): the core plates what the recording holds.
        string file = _scratch.Write("plating.csv", Table(new[] { (0.0, 1.0), (-1.0, 1.0), (0.0, 2.0) }, 10));
        string scenario = _scratch.Write("scenario.json", """
            { "name": "plating", "samplePeriodMs": 10, "timeLimitS": 60,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Plate at 1 mA/cm2 for 1 s", "Rest for 3 s" ], "rest": "fixed" },
              "controller": { "mode": "observe", "platingCriticalMAPerCm2": 1.1 } }
            """);

        using EdgeSimProcess replay = Replay(file, "--scenario", scenario);

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.DoesNotContain("\"severity\":\"fault\"", File.ReadAllText(Path.Combine(_scratch.Path2("out"), "events.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public void PlatingBelowTheCriticalCurrentReplaysWithoutAnEvent()
    {
        // 0.3 mA/cm2: 0.115 mA, under the core's 0.154 mA cap.
        string file = _scratch.Write("plating.csv", Table(new[] { (0.0, 1.0), (-0.3, 1.0), (0.0, 2.0) }, 10));

        using EdgeSimProcess replay = Replay(file);

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Single(File.ReadAllLines(Path.Combine(_scratch.Path2("out"), "events.jsonl")));
    }

    /// <summary>The symmetric cell's table of <paramref name="cycles"/> repeats of the steps (current density mA/cm2, length s).</summary>
    private static string Table((double DensityMAPerCm2, double LengthS)[] steps, int cycles) =>
        SymmetricCellTable.Of(SymmetricCellTable.Repeated(steps, cycles));

    private EdgeSimProcess Replay(string file, params string[] more) => SymmetricCellTable.Replay(_scratch, file, more);
}
