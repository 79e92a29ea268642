// Licensed under the MIT License.

using Edge.HostSim.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// The sweep plot's title and report.html's "every variant" name the current steps the variants share: the scenario's
/// own, all of them. They named the first step of the first variant alone, so `--rest 0,1` on a strip and plate protocol
/// read "Strip at 385 uA", the continuous variant's step, for variants that pulse 1 s at 1 mA/cm2 and plate between.
/// </summary>
public sealed class SweepSharedSettingTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    private const string StripPlate = """
        { "name": "strip-plate", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 20,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s", "Plate at 0.2 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """;

    private const string Shared = "nak50-nasicon, Strip at 1 mA/cm2 for 1 s, Plate at 0.2 mA/cm2 for 1 s (continuous at rest 0), observe mode, seed 1, 10 ms samples";

    [Fact]
    public void The_title_and_the_report_name_every_current_step_of_the_scenario()
    {
        string scenario = _scratch.Write("strip-plate.json", StripPlate);
        string outDir = _scratch.Path2("sweep");
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "0,1", "--out", outDir, "--quiet" }, new StringWriter(), stderr);

        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("[\"every variant\",\"" + Shared + "\"]", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
        string svg = File.ReadAllText(Path.Combine(outDir, "sweep.svg"));
        Assert.Equal("strip-plate: capacity versus rest, simulated (" + Shared + ")", Output.PlotTitleTests.TitleText(svg));
    }

    [Fact]
    public void A_sweep_without_rest_zero_says_nothing_of_continuous_current()
    {
        string scenario = _scratch.Write("strip-plate.json", StripPlate);
        string outDir = _scratch.Path2("sweep");

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "1,2", "--out", outDir, "--quiet" }, new StringWriter(), new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("[\"every variant\",\"nak50-nasicon, Strip at 1 mA/cm2 for 1 s, Plate at 0.2 mA/cm2 for 1 s, observe mode, seed 1, 10 ms samples\"]", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }
}
