// Licensed under the MIT License.

using Edge.HostSim.Cli;
using Edge.HostSim.Tests.Cli;
using Edge.HostSim.Tests.Output;
using Xunit;

namespace Edge.HostSim.Tests.Scoring;

/// <summary>
/// A family's capacity-against-duty plot shows every run. The legend stood inside the data area's upper right, where
/// the best runs land: the low-current family (seed 3, two draws) drew its observe runs (duty 0.667, 0.76 mAh/cm2)
/// under it.
/// </summary>
public sealed class ScorePlotLegendTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void NoRunOfTheLowCurrentFamilyIsDrawnUnderTheLegend()
    {
        string corpus = _scratch.Path2("corpus");
        Assert.Equal(0, Program.Execute(new[] { "corpus", "--out", corpus, "--seed", "3", "--family", "low-current", "--runs", "2" }, new StringWriter(), new StringWriter()));
        StringWriter errors = new StringWriter();

        Assert.True(Program.Execute(new[] { "score", corpus, "--quiet" }, new StringWriter(), errors) == 0, errors.ToString());

        SvgLayout svg = SvgLayout.Read(Path.Combine(corpus, "score", "low-current.svg"));

        // Two draws of two variants: four runs, each drawn as a marker.
        Assert.True(svg.Points.Count >= 4, svg.Points.Count + " points");
        svg.AssertNothingUnderTheLegendAndEveryLabelWhole();
    }
}
