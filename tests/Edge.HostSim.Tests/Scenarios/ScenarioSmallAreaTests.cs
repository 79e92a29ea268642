// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// The controller's module current limit keeps its 5 mA/cm2 on the pack's area, but its 50 uA open-switch threshold is a
/// current: below 50 uA / 5 mA/cm2 = 0.01 cm2 the limit would sit under the threshold. Such an area is refused at
/// pack.areaCm2, the scenario's field, not at a core field the scenario cannot set.
/// </summary>
public sealed class ScenarioSmallAreaTests
{
    private static string Json(double areaCm2) => ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "pack.areaCm2=" + areaCm2.ToString(CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(0.005)]
    [InlineData(0.001)]
    public void AnAreaWhoseModuleLimitIsBelowTheOpenSwitchCurrentIsNamed(double areaCm2)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Json(areaCm2)));

        Assert.Equal("pack.areaCm2", e.Path);
        Assert.Contains("open switch", e.Message, StringComparison.Ordinal);
        Assert.Contains("give at least 0.01 cm2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSmallestAreaTheMessageGivesCompiles()
    {
        // 0.01 cm2 x 5 mA/cm2 = 50 uA, the open-switch threshold itself; a 1 mA/cm2 pulse is 10 uA.
        Edge.Core.Configuration.ControllerConfiguration c = ScenarioCompiler.Compile(ScenarioLoader.Parse(Json(0.01)));

        Assert.Equal(50, c.Protection.ModuleMaximumCurrentUa);
        Assert.Equal(10, c.Protocol.Steps[0].CurrentUa);
    }
}
