// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// The module current limit is the core's 5 mA/cm2 on the pack's own electrode area, as the device scales it to a
/// board's [cells] area: a limit kept in microamps would let a smaller cell carry several times that density.
/// </summary>
public sealed class ScenarioModuleCurrentLimitTests
{
    [Theory]
    [InlineData(0.1, 500)]
    [InlineData(0.2, 1001)]
    [InlineData(0.3848, 1925)]
    [InlineData(1.0, 5003)]
    [InlineData(2.0, 10005)]
    public void ModuleCurrentLimitMatchesTheDevicesOnThePacksArea(double areaCm2, int limitUa)
    {
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "pack.areaCm2=" + areaCm2.ToString(CultureInfo.InvariantCulture));
        var device = new ControllerConfiguration();
        BoardCellParameters.Apply(new CellParametersDefinition(areaCm2, CellParametersDefinition.NotGiven), device);

        ControllerConfiguration simulated = ScenarioCompiler.Compile(ScenarioLoader.Parse(json));

        Assert.Equal(limitUa, device.Protection.ModuleMaximumCurrentUa);
        Assert.Equal(device.Protection.ModuleMaximumCurrentUa, simulated.Protection.ModuleMaximumCurrentUa);
        Assert.Equal(device.Protocol.PlatingCriticalCurrentUa, simulated.Protocol.PlatingCriticalCurrentUa);
    }
}
