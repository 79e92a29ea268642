// Licensed under the MIT License.

using Edge.HostSim.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// `sweep --rest 0` runs the scenario's current steps without rests and without their lengths (continuous current),
/// which a scenario with pack.demand cannot run: its scheduler hands out timed strip pulses. The sweep refused it with
/// `invalid scenario: protocol.steps[0]: pack scheduling needs a timed strip pulse`, blaming a step that is timed in the
/// user's file; now the message names the rest value that made the variant, what that variant does and what to change.
/// </summary>
public sealed class SweepContinuousDemandTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    private const string DemandScenario = """
        { "name": "pack-demand", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 20,
          "pack": { "modules": 2, "cellsPerModule": 1, "preset": "nak50-nasicon", "demand": { "currentDensityMAPerCm2": 1 } },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "act" } }
        """;

    [Fact]
    public void Rest_zero_on_a_scenario_with_a_pack_demand_is_refused_naming_the_rest_and_the_demand()
    {
        string scenario = _scratch.Write("demand.json", DemandScenario);
        string outDir = _scratch.Path2("sweep");
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "0,2", "--out", outDir, "--quiet" }, new StringWriter(), stderr);

        Assert.Equal(2, code);
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(lines);
        Assert.StartsWith("edge-sim sweep: --rest: 0 s (continuous current", line, StringComparison.Ordinal);
        Assert.Contains("scenario 'pack-demand'", line, StringComparison.Ordinal);
        Assert.Contains("pack scheduling needs a timed strip pulse", line, StringComparison.Ordinal);
        Assert.Contains("pack.demand", line, StringComparison.Ordinal);
        Assert.Contains("leave 0 out of --rest", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "nothing is written");
    }

    [Fact]
    public void The_same_scenario_sweeps_its_timed_rests()
    {
        string scenario = _scratch.Write("demand.json", DemandScenario);
        string outDir = _scratch.Path2("sweep");
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "1,2", "--out", outDir, "--quiet" }, new StringWriter(), stderr);

        Assert.True(code == 0, stderr.ToString());
        Assert.Equal(3, File.ReadAllLines(Path.Combine(outDir, "sweep.csv")).Length);
    }
}
