// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// Overrides that each pass their own range but break a pair that must agree (the liquidus below the alloy's Na
/// fraction, a soft short's largest shunt and longest spike not below the smallest) are rejected at the override the
/// scenario gave, in one line, as every other scenario error is (the CLI prints the message as its one line on stderr).
/// </summary>
public sealed class OverrideConstraintLoaderTests
{
    [Theory]
    // NaK50 is 0.50 Na: a liquidus of 0.5 leaves no Na to strip.
    [InlineData("{\"liquidusNaMassFraction\": 0.5}", "pack.overrides.liquidusNaMassFraction", "LiquidusNaMassFraction")]
    // The preset's largest soft-short shunt is 1000 ohm cm2: a smallest of 5000 is above it, and only the smallest was given.
    [InlineData("{\"softShortMinOhmCm2\": 5000}", "pack.overrides.softShortMinOhmCm2", "SoftShortMaxOhmCm2")]
    // The preset's shortest spike is 0.01 s; the override's own spelling is kept in the path.
    [InlineData("{\"SoftShortMaxDurationS\": 0.001}", "pack.overrides.SoftShortMaxDurationS", "SoftShortMinDurationS")]
    public void ABrokenPairIsNamedAtTheGivenOverrideInOneLine(string overrides, string path, string words)
    {
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "pack.overrides=" + overrides);

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal(path, e.Path);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(words, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void BothOverridesGivenNamesTheOneTheRuleIsAbout()
    {
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "pack.overrides={\"softShortMinOhmCm2\": 50, \"softShortMaxOhmCm2\": 20}");

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("pack.overrides.softShortMaxOhmCm2", e.Path);
        Assert.Contains("(20)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(50)", e.Message, StringComparison.Ordinal);
    }
}
