using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Configuration;

/// <summary>
/// The capacity limit moved to another electrode area keeps its charge density, and stays a limit the validator takes:
/// at most 2^53 - 1 uC (CONTRACT.md, config: the largest integer its JSON consumers read exactly), which the tick then
/// counts in nanocoulombs below a long's end (9.007e18 of 9.223e18).
/// </summary>
public class ElectrodeAreaScalingTests
{
    [Fact]
    public void TheCapacityLimitKeepsItsDensityOnAnotherArea()
    {
        // 27,700,000 uC on 0.3848 cm2 (20 mAh/cm2) is 27.7e6 / 0.3848 = 71,985,446.99 uC on 1.0 cm2, rounded to 71,985,447.
        var configuration = new ControllerConfiguration();
        configuration.Protocol.CapacityLimitUc = 27700000;
        ElectrodeAreaScaling.Apply(configuration, 1.0);
        Assert.Equal(71985447L, configuration.Protocol.CapacityLimitUc);
    }

    [Fact]
    public void TheLargestCapacityLimitOnTheLargestAreaStaysTheLargestLegalOne()
    {
        // 2^53 - 1 uC on 0.3848 cm2 moved to 10000 cm2 (the largest electrode area) is 2.3e20 uC, past a long's end.
        var configuration = new ControllerConfiguration();
        configuration.Protocol.CapacityLimitUc = ContractNumbers.LargestExactInteger;
        ElectrodeAreaScaling.Apply(configuration, 10000.0);
        Assert.Equal(9007199254740991L, configuration.Protocol.CapacityLimitUc);
        Assert.Null(ConfigurationValidator.Validate(configuration, new PackLayout(1, 1, 0)));
    }
}
