// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// protocol.capacityLimitMAhPerCm2 reaches the core as whole microcoulombs on the pack's area (1 mAh = 3.6 C), where 0
/// means no limit: a limit given above 0 must not compile to none.
/// </summary>
public sealed class ScenarioCapacityLimitTests
{
    private static string Json(double areaCm2, double limit) => ScenarioLoaderTests.Mutate(
        ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "pack.areaCm2=" + areaCm2.ToString(CultureInfo.InvariantCulture)),
        "protocol.capacityLimitMAhPerCm2=" + limit.ToString(CultureInfo.InvariantCulture));

    [Theory]
    // 20 mAh/cm2 x 0.3848 cm2 x 3.6e6 uC/mAh = 27,705,600 uC.
    [InlineData(0.3848, 20.0, 27705600L)]
    // 1e-6 mAh/cm2 x 0.3848 x 3.6e6 = 1.385 uC: 1.
    [InlineData(0.3848, 1e-6, 1L)]
    // The largest: 10,000 mAh/cm2 on 10,000 cm2 = 3.6e14 uC, far inside a long.
    [InlineData(10000.0, 10000.0, 360000000000000L)]
    public void TheLimitIsWholeMicrocoulombsOnThePacksArea(double areaCm2, double limit, long expectedUc)
    {
        Assert.Equal(expectedUc, ScenarioCompiler.Compile(ScenarioLoader.Parse(Json(areaCm2, limit))).Protocol.CapacityLimitUc);
    }

    [Theory]
    // 1e-7 mAh/cm2 x 0.3848 x 3.6e6 = 0.14 uC; 1e-5 mAh/cm2 on 0.01 cm2 = 0.36 uC: both would round to 0, no limit.
    [InlineData(0.3848, 1e-7)]
    [InlineData(0.01, 1e-5)]
    public void ALimitBelowOneMicrocoulombIsRefusedNotDropped(double areaCm2, double limit)
    {
        string json = Json(areaCm2, limit);

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("protocol.capacityLimitMAhPerCm2", e.Path);
        Assert.Contains("0 for no limit", e.Message, StringComparison.Ordinal);
    }
}
