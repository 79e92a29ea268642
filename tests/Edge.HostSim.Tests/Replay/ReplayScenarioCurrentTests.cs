// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A --scenario whose current steps do not command the current the recording carries, through the real CLI. The core
/// holds a reading more than 20 uA + 25 % from its setpoint for implausible (PlausibilityConfiguration's defaults): a
/// scenario written for another current density or electrode area was replayed, exit 0, with the module held for
/// currentChannelImplausible 30 ms in, a fault the cell never had. It is refused naming the recorded current and the
/// scenario's, exit 2, nothing written; a scenario within the tolerance replays.
/// </summary>
public sealed class ReplayScenarioCurrentTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ScenarioAtAnotherCurrentDensityIsRefusedNamingBothCurrents()
    {
        // Recorded: 1 mA/cm2 of 0.3848 cm2 = 0.3848 mA. The scenario's 1.5 mA/cm2 commands 0.5772 mA, 577 uA, which
        // allows 20 + 144 uA: the recorded 385 uA lies 192 uA short. The first pulse starts at 1 s.
        string file = _scratch.Write("cell.csv", Table());
        string scenario = Scenario("Strip at 1.5 mA/cm2 for 1 s", 0.3848);

        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, file, "--scenario", scenario);

        CliArgumentTests.AssertRejected(replay, "cell.csv: the recording's stripping pulse at t = 1 s carries 0.385 mA (its median), 1 mA/cm2 of 0.3848 cm2",
            "the --scenario file's Strip steps command 577 uA (1.5 mA/cm2)");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void ScenarioOfAnotherAreaIsRefusedNamingTheArea()
    {
        // The same 0.3848 mA under a scenario of 1.13 cm2 at 1 mA/cm2: 1130 uA commanded, 0.3848 / 1.13 = 0.34 mA/cm2 recorded.
        string file = _scratch.Write("cell.csv", Table());
        string scenario = Scenario("Strip at 1 mA/cm2 for 1 s", 1.13);

        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, file, "--scenario", scenario);

        CliArgumentTests.AssertRejected(replay, "0.34 mA/cm2 of 1.13 cm2", "command 1130 uA (1 mA/cm2)");
        Assert.Contains("pack.areaCm2", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void ScenarioWithinTheCoresToleranceReplays()
    {
        // 1.2 mA/cm2 commands 462 uA, which allows 20 + 115 uA: the recorded 385 uA, 77 uA short, is within it.
        string file = _scratch.Write("cell.csv", Table());
        string scenario = Scenario("Strip at 1.2 mA/cm2 for 1 s", 0.3848);

        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, file, "--scenario", scenario);

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.DoesNotContain("channelFault", File.ReadAllText(Path.Combine(_scratch.Path2("out"), "events.jsonl")), StringComparison.Ordinal);
    }

    /// <summary>Ten cycles of a 1 s rest, a 1 s stripping pulse at 1 mA/cm2 and a 2 s rest.</summary>
    private static string Table() => SymmetricCellTable.Of(SymmetricCellTable.Repeated(new[] { (0.0, 1.0), (1.0, 1.0), (0.0, 2.0) }, 10));

    private string Scenario(string strip, double areaCm2) => _scratch.Write("scenario.json", """
        { "name": "replayed", "samplePeriodMs": 10, "timeLimitS": 60,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "areaCm2": AREA },
          "protocol": { "steps": [ "STRIP", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """.Replace("AREA", areaCm2.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("STRIP", strip, StringComparison.Ordinal));
}
