// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// Without <c>controller.platingCriticalMAPerCm2</c> the plating cap is the core's 0.4 mA/cm2 on the pack's own
/// electrode area (hostsim/README.md, scenario table), as the device's board [cells] area scales it: a cap kept
/// in microamps would let a smaller cell plate above the density at which it shorts.
/// </summary>
public sealed class ScenarioPlatingCapTests
{
    [Theory]
    [InlineData(0.3848, 154)]
    [InlineData(1.0, 400)]
    [InlineData(0.1, 40)]
    [InlineData(2.0, 800)]
    public void DefaultPlatingCapIsPointFourMilliampsPerSquareCentimetreOfThePacksArea(double areaCm2, int capUa)
    {
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "pack.areaCm2=" + areaCm2.ToString(System.Globalization.CultureInfo.InvariantCulture));

        ControllerConfiguration c = ScenarioCompiler.Compile(ScenarioLoader.Parse(json));

        Assert.Equal(areaCm2, c.Protocol.ElectrodeAreaCm2);
        Assert.Equal(capUa, c.Protocol.PlatingCriticalCurrentUa);
    }

    [Fact]
    public void AGivenPlatingCapIsTakenOnThePacksArea()
    {
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "pack.areaCm2=1"), "controller={\"platingCriticalMAPerCm2\":0.25}");

        Assert.Equal(250, ScenarioCompiler.Compile(ScenarioLoader.Parse(json)).Protocol.PlatingCriticalCurrentUa);
    }
}
