// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Edge.HostSim.Tests.Output;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// pareto.svg shows every variant and every label of the front. On capacity against duty the front's best variant
/// lands in the upper right, where the legend stood inside the data area: a study of 0.25 mA/cm2 pulses with rests of
/// 0.5 to 5 s drew its front point (duty 0.667) and its label under the legend, and a front label of three axes ran
/// off the figure's right edge.
/// </summary>
public sealed class StudyPlotLegendTests : IDisposable
{
    // One NaK50 cell at a quarter of 1 mA/cm2: every variant runs to the 20,000 s limit, its capacity rising with its
    // duty. With the long labels act and observe give the same point here, so the front's label ends "(+1 more)".
    private const string Manifest = """
        { "name": "legend", "seed": 1,
          "base": { "name": "l", "seed": 1, "samplePeriodMs": 50, "timeLimitS": 20000,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 0.25 mA/cm2 for 1 s", "Rest for {restS} s" ], "rest": "fixed" },
            "controller": { "mode": "observe" } },
          "axes": [ {modeAxis}{ "name": "restS", "values": [0.5, 1, 2, 5] }{tauAxis} ] }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheFrontsBestVariantAndItsLabelAreNotUnderTheLegendAndLabelsFitTheFigure(bool longLabels)
    {
        string manifest = _scratch.Write("study.json", Manifest
            .Replace("{modeAxis}", longLabels ? "{ \"name\": \"mode\", \"field\": \"controller.mode\", \"values\": [\"observe\", \"act\"] }, " : string.Empty, StringComparison.Ordinal)
            .Replace("{tauAxis}", longLabels ? ", { \"name\": \"tauS\", \"field\": \"pack.overrides.tauS\", \"values\": [2.632] }" : string.Empty, StringComparison.Ordinal));
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = EdgeSimProcess.Run(TimeSpan.FromMinutes(3), null, "study", manifest, "--out", outDir, "--quiet");

        Assert.True(study.ExitCode == 0, study.Stderr);
        SvgLayout svg = SvgLayout.Read(Path.Combine(outDir, "pareto.svg"));

        // The shortest rest gives the highest duty (1 s of 1.5 s) and the most charge: the front's best point, labelled.
        string expected = longLabels ? "mode=observe restS=0.5 tauS=2.632 (+1 more)" : "restS=0.5";
        Assert.Contains(svg.Labels, l => l.Text == expected);
        svg.AssertNothingUnderTheLegendAndEveryLabelWhole();
    }
}
