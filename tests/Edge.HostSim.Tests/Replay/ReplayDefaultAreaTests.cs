// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// Where the electrode area comes from on replay's standard output. The table's mAh/cm2 and the current densities the
/// core judges are per that area; a table or an Arbin file states none, and the replay took 0.3848 cm2 without a word on
/// stdout (only report.html named it), so a 1.13 cm2 cell's charge read 2.9 times too large per cm2. A defaulted area is
/// said under the first line; one the user gave is not repeated.
/// </summary>
public sealed class ReplayDefaultAreaTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ADefaultedAreaIsSaidWithTheOptionThatGivesIt()
    {
        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, _scratch.Write("cell.csv", Table()), "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Contains("area: 0.3848 cm2, the default, as no --area was given and the recording states none: the mAh/cm2 below and the current densities the core judged are per this area; if the cell's differs, give it with --area",
            replay.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAreaGivenWithTheOptionIsNotCalledTheDefault()
    {
        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, _scratch.Write("cell.csv", Table()), "--quiet", "--area", "0.5");

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.DoesNotContain("area: ", replay.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AScenarioThatLeavesTheAreaOutIsNamed()
    {
        string scenario = _scratch.Write("scenario.json", """
            { "name": "replayed", "samplePeriodMs": 10, "timeLimitS": 60,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);

        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, _scratch.Write("cell.csv", Table()), "--quiet", "--scenario", scenario);

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Contains("area: 0.3848 cm2, the default, as the --scenario file leaves out pack.areaCm2", replay.Stdout, StringComparison.Ordinal);
        Assert.Contains("give it as pack.areaCm2", replay.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Ten cycles of a 1 s rest, a 1 s stripping pulse at 1 mA/cm2 of 0.3848 cm2 and a 2 s rest.</summary>
    private static string Table() => SymmetricCellTable.Of(SymmetricCellTable.Repeated(new[] { (0.0, 1.0), (1.0, 1.0), (0.0, 2.0) }, 10));
}
