// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Edge.HostSim.Scoring;
using Xunit;

namespace Edge.HostSim.Tests.Scoring;

/// <summary>
/// The lead-time plot's x axis is labelled in seconds, the unit score.md gives the lead times in. It showed their
/// logarithm ("log10 lead time (s)", ticks 2.615 ... 2.655 for soft-short leads of 410 and 450 s in the plating family),
/// which a reader had to raise to a power to read.
/// </summary>
public sealed class ScoreLeadAxisTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-lead-axis-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Theory]
    [InlineData(new[] { 410.3, 449.88 }, new[] { "420", "430", "440" })]
    [InlineData(new[] { 0.05, 3, 600, 4000 }, new[] { "0.1", "1", "10", "100", "1000" })]
    [InlineData(new[] { 5.49, 7.12 }, new[] { "6", "7" })]
    public void LeadTimeTicksAreSecondsOnTheLogAxis(double[] leadsS, string[] expectedTicks)
    {
        FamilyScore score = new FamilyScore
        {
            Family = "f",
            Shorts = new ShortScore { SoftLeadS = Summary.Of(leadsS) },
        };

        ScorePlot.WriteFamily(_directory, score, Array.Empty<RunOutcome>(), 1);

        string svg = File.ReadAllText(Path.Combine(_directory, "f-lead.svg"));
        Assert.Contains("lead time (s, log scale)", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("log10", svg, StringComparison.Ordinal);
        string[] texts = Regex.Matches(svg, @"<text[^>]*>\s*([^<]*?)\s*</text>").Select(m => m.Groups[1].Value).ToArray();
        foreach (string tick in expectedTicks)
        {
            Assert.Contains(tick, texts);
        }

        // The decades stand equally far apart, as on a log axis (on seconds drawn linearly 0.1, 1 and 10 would share
        // one pixel): the labels' centres, from their left edges and the glyph offsets of their x lists.
        if (expectedTicks.Length == 5)
        {
            double[] centres = expectedTicks.Select(t => Centre(svg, t)).ToArray();
            double decade = centres[1] - centres[0];
            Assert.True(decade > 50, "decade " + decade + " px");
            for (int i = 2; i < centres.Length; i++)
            {
                Assert.InRange(centres[i] - centres[i - 1], decade - 2, decade + 2);
            }
        }
    }

    private static double Centre(string svg, string label)
    {
        Match text = Regex.Match(svg, @"<text[^>]*transform=""translate\(([-0-9.]+) [-0-9.]+\)""[^>]*font-size=""([0-9.]+)""[^>]*\bx=""([^""]*)""[^>]*>\s*" + Regex.Escape(label) + @"\s*</text>");
        Assert.True(text.Success, label);
        double left = double.Parse(text.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double[] glyphs = text.Groups[3].Value.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double advance = glyphs.Length > 1 ? (glyphs[^1] - glyphs[0]) / (glyphs.Length - 1) : double.Parse(text.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) * 0.6;
        return left + glyphs[0] + ((glyphs[^1] - glyphs[0] + advance) / 2);
    }

    [Fact]
    public void TickValuesOnALogAxisAreRoundSeconds()
    {
        Assert.Equal(new double[] { 10, 100, 1000 }, ScorePlot.TicksS(5, 2000));
        Assert.Equal(new double[] { 10, 20, 50, 100 }, ScorePlot.TicksS(9, 110));
        Assert.Equal(new double[] { 410, 420, 430, 440, 450 }, ScorePlot.TicksS(405, 455));
        Assert.Equal(new double[] { 5.5, 6, 6.5, 7 }, ScorePlot.TicksS(5.4, 7.3));
    }
}
