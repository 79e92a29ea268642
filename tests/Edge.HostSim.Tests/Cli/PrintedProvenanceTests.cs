// Licensed under the MIT License.

using Edge.HostSim.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// The lines sweep and study print are forwarded as they are (pasted into a message or a log), so they say where their
/// figures come from, as run's first line ("... 60 s simulated ...") and replay's ("replay FILE ...") do. A sweep printed
/// its capacity table and "sweep wall time 0.88 s", a study its Pareto front, with no word saying the figures were
/// simulated, nor of which scenario and seed.
/// </summary>
public sealed class PrintedProvenanceTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    // 20 s of 1 s pulses: a few pulses per variant, nothing else to wait for.
    private const string Short = """
        { "name": "printed-short", "seed": 7, "samplePeriodMs": 10, "timeLimitS": 20,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """;

    private const string Study = """
        { "name": "printed-study", "seed": 1,
          "base": { "name": "printed-study", "seed": 7, "samplePeriodMs": 10, "timeLimitS": 20,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for {restS} s" ], "rest": "fixed" },
            "controller": { "mode": "observe" } },
          "axes": [ { "name": "restS", "values": [1, 2] } ] }
        """;

    [Fact]
    public void A_sweep_prints_that_its_figures_are_simulated_and_from_which_scenario_and_seed()
    {
        string scenario = _scratch.Write("short.json", Short);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "1,2", "--out", _scratch.Path2("sweep"), "--quiet" }, stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        string printed = stdout.ToString();
        Assert.Contains("Rest sweep of scenario printed-short, seed 7, 10 ms samples (simulated by edge-sim in closed loop, not a bench measurement)", printed, StringComparison.Ordinal);

        // Said before the figures, so a reader of the table has read it.
        Assert.True(printed.IndexOf("simulated by edge-sim", StringComparison.Ordinal) < printed.IndexOf("mAh/cm2", StringComparison.Ordinal), printed);
    }

    [Fact]
    public void A_study_prints_that_its_figures_are_simulated()
    {
        string study = _scratch.Write("study.json", Study);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "study", study, "--out", _scratch.Path2("study"), "--quiet" }, stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        string printed = stdout.ToString();
        Assert.Contains("simulated by edge-sim in closed loop (the control core against the cell model), not bench measurements", printed, StringComparison.Ordinal);
        Assert.True(printed.IndexOf("not bench measurements", StringComparison.Ordinal) < printed.IndexOf("mAh/cm2", StringComparison.Ordinal), printed);
    }
}
