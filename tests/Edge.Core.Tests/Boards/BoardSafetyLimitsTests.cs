using Edge.Core.Boards;
using Edge.Core.Configuration;
using Xunit;

namespace Edge.Core.Tests.Boards;

public class BoardSafetyLimitsTests
{
    [Fact]
    public void TighterLimitWinsOnEachSide()
    {
        var configuration = new ControllerConfiguration();
        // Defaults: 1925 uA, -3300..3300 mV, 60.0 degC, plating 154 uA.
        var envelope = new SafetyEnvelope(maxModuleCurrentUa: 1000, maxPlatingCurrentUa: 500, cellVoltageMinMv: -3500, cellVoltageMaxMv: 3100, temperatureMaxDeciC: 450);
        BoardSafetyLimits.Apply(envelope, configuration);
        Assert.Equal(1000, configuration.Protection.ModuleMaximumCurrentUa);
        Assert.Equal(3100, configuration.Protection.CellMaximumMv);
        Assert.Equal(-3300, configuration.Protection.CellMinimumMv);
        Assert.Equal(450, configuration.Protection.MaximumTemperatureDeciCelsius);
        Assert.Equal(154, configuration.Protocol.PlatingCriticalCurrentUa);
    }
}
