// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// The first line's stop time and the held module's line under it name the same tick. The first line printed one
/// decimal: a run held 10 ms in said "allModulesStopped after 0 s" above "held since 0.01 s", and a replay held at
/// 3.01 s "after 3 s". Every sample period is whole milliseconds, so each time now prints to the millisecond.
/// </summary>
public sealed class StopTimeLineTests : IDisposable
{
    // One cell, 10 ms samples, a hard short injected at atS: the controller holds the module at a tick after it, and
    // nothing else runs, so the run ends (allModulesStopped) on the tick the module was held.
    private const string HeldScenario = """
        { "name": "held", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "act" }, "trace": { "periodMs": 10 },
          "faults": [ { "atS": AT, "module": 0, "cell": 0, "kind": "hardShort" } ] }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    public void A_run_held_early_says_the_tick_it_stopped_on_in_its_first_line(string atS)
    {
        string outDir = _scratch.Path2("run");

        using EdgeSimProcess run = EdgeSimProcess.Run("run", Scenario(atS), "--out", outDir, "--quiet");

        Assert.True(run.ExitCode == 0, run.Stderr);
        double stoppedS = Time(run.Stdout, @"^scenario held: allModulesStopped after ([\d.]+) s simulated");
        double heldS = Time(run.Stdout, @"^module 0 held since ([\d.]+) s: hardShort");
        Assert.True(heldS > 0, run.Stdout);
        Assert.Equal(heldS, stoppedS);
        Assert.Equal(SummarySeconds(outDir, "simulatedS"), stoppedS, 9);
    }

    [Fact]
    public void A_replay_held_between_whole_tenths_says_the_tick_it_stopped_on_in_its_first_line()
    {
        string runDir = _scratch.Path2("run");
        using EdgeSimProcess run = EdgeSimProcess.Run("run", Scenario("1.5"), "--out", runDir, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);
        string outDir = _scratch.Path2("replay");

        using EdgeSimProcess replay = EdgeSimProcess.Run("replay", Path.Combine(runDir, "trace.csv"), "--out", outDir, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        double stoppedS = Time(replay.Stdout, @"^replay trace\.csv .*: allModulesStopped after ([\d.]+) s$");
        double heldS = Time(replay.Stdout, @"^module 0 held since ([\d.]+) s: hardShort");
        Assert.Equal(heldS, stoppedS);
        Assert.Equal(SummarySeconds(outDir, "replayedS"), stoppedS, 9);

        // Held on a 10 ms tick that is no whole tenth, which one decimal could not print.
        Assert.NotEqual(Math.Round(stoppedS, 1), stoppedS, 9);
    }

    [Fact]
    public void A_sweep_variant_held_on_its_first_ticks_shows_that_time_in_sweep_md_and_sweep_csv()
    {
        string scenario = Scenario("0");
        string runDir = _scratch.Path2("run");
        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", runDir, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);
        string heldS = Regex.Match(run.Stdout, @"held since ([\d.]+) s").Groups[1].Value;
        string outDir = _scratch.Path2("sweep");

        // The rest the scenario has: the variant runs the run's protocol, so it is held on the same tick.
        using EdgeSimProcess sweep = EdgeSimProcess.Run("sweep", scenario, "--rest", "2", "--out", outDir, "--quiet");

        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        Assert.NotEqual("0", heldS);
        Assert.Contains("| hardShort (hardShort) | " + heldS + " |", File.ReadAllText(Path.Combine(outDir, "sweep.md")), StringComparison.Ordinal);
        string[] csv = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        Assert.Equal(heldS, csv[1].Split(',')[Array.IndexOf(csv[0].Split(','), "simulatedS")]);
    }

    private string Scenario(string atS) => _scratch.Write("held-" + atS + ".json", HeldScenario.Replace("AT", atS, StringComparison.Ordinal));

    private static double Time(string stdout, string pattern)
    {
        Match match = Regex.Match(stdout, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, pattern + " not in: " + stdout);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The run's own record of its length (a replay's summary.json names it replayedS).</summary>
    private static double SummarySeconds(string outDir, string property)
    {
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        return summary.RootElement.GetProperty(property).GetDouble();
    }
}
