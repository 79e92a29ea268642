// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// The cell model reads some parameters for one anode kind only: the alloy's composition (initial and liquidus Na mass
/// fraction, Na inventory, the limiting-current law's share, the crust's composition exponent) and the metal's reservoir
/// (initial metal, depletion knee, limit exponent, dead share of plating). An override of the other kind's parameter
/// changed nothing, while the scenario said the cell was changed: refused at the override, naming the anode kind.
/// </summary>
public sealed class OverrideAnodeKindLoaderTests
{
    private static string With(string preset, string name, double value)
    {
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "pack.preset=\"" + preset + "\"");
        return ScenarioLoaderTests.Mutate(json, "pack.overrides={\"" + name + "\":" + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}");
    }

    [Theory]
    [InlineData("k-betaalumina", "initialNaMassFraction", 0.4)]
    [InlineData("na-nasicon", "InitialNaMassFraction", 0.4)]
    [InlineData("k-betaalumina", "liquidusNaMassFraction", 0.1)]
    [InlineData("na-nasicon", "naCapacityMAhPerCm2", 10)]
    [InlineData("k-betaalumina", "limitShareHalfNaMassFraction", 0.3)]
    [InlineData("na-nasicon", "limitShareWidthNaMassFraction", 0.05)]
    [InlineData("k-betaalumina", "crustCompositionExponent", 2)]
    public void An_alloy_parameter_on_a_metal_preset_is_refused(string preset, string name, double value)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(With(preset, name, value)));

        Assert.Equal("pack.overrides." + name, e.Path);
        Assert.Contains("liquid Na-K alloy anodes", e.Problem, StringComparison.Ordinal);
        Assert.Contains("preset " + preset + " has a solid metal anode", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nak50-nasicon", "initialMetalMAhPerCm2", 5)]
    [InlineData("nak65-nasicon", "metalDepletionKneeMAhPerCm2", 0.05)]
    [InlineData("nak80-nasicon", "limitExponent", 2)]
    [InlineData("nak50-nasicon", "platingInactiveFraction", 0.1)]
    [InlineData("nak50-nasicon", "platingInactiveFractionConditioned", 0.05)]
    [InlineData("nak50-nasicon", "inactiveConditioningMAhPerCm2", 3)]
    public void A_metal_parameter_on_an_alloy_preset_is_refused(string preset, string name, double value)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(With(preset, name, value)));

        Assert.Equal("pack.overrides." + name, e.Path);
        Assert.Contains("solid metal anodes", e.Problem, StringComparison.Ordinal);
        Assert.Contains("preset " + preset + " has a liquid Na-K alloy anode", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nak50-nasicon", "initialNaMassFraction", 0.45)]
    [InlineData("k-betaalumina", "initialMetalMAhPerCm2", 5)]
    [InlineData("na-nasicon", "platingInactiveFraction", 0.1)]
    [InlineData("k-betaalumina", "tauS", 2)]
    [InlineData("nak50-nasicon", "tauS", 2)]
    public void A_parameter_the_presets_anode_reads_loads(string preset, string name, double value)
    {
        Scenario s = ScenarioLoader.Parse(With(preset, name, value));

        Assert.Equal(value, s.Pack.Overrides[name]);
    }
}
