// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>What a temperatureRise fault makes a sensor read: 25.0 degC plus rate x time since it started, held at its end.</summary>
public sealed class TemperatureRiseFaultTests
{
    [Fact]
    public void A_sensor_reads_the_ambient_until_the_rise_starts_then_rises_and_holds_at_its_end()
    {
        var rise = new FaultSpec { Kind = FaultKind.TemperatureRise, AtS = 10, Sensor = 1, RateCPerS = 0.5, DurationS = 20 };
        var injector = new FaultInjector(new[] { rise }, 1, null!, null!, 1);

        Assert.Equal(250, injector.TemperatureDeciCelsius(1, 9.99));
        Assert.Equal(250, injector.TemperatureDeciCelsius(1, 10));
        Assert.Equal(300, injector.TemperatureDeciCelsius(1, 20));   // 25.0 + 0.5 x 10
        Assert.Equal(350, injector.TemperatureDeciCelsius(1, 30));   // 25.0 + 0.5 x 20, the end
        Assert.Equal(350, injector.TemperatureDeciCelsius(1, 100));  // held
        Assert.Equal(250, injector.TemperatureDeciCelsius(0, 30));   // another sensor
    }

    [Fact]
    public void Two_rises_on_one_sensor_add_up()
    {
        var first = new FaultSpec { Kind = FaultKind.TemperatureRise, AtS = 0, RateCPerS = 1 };
        var second = new FaultSpec { Kind = FaultKind.TemperatureRise, AtS = 5, RateCPerS = -0.5 };
        var injector = new FaultInjector(new[] { first, second }, 1, null!, null!, 1);

        Assert.Equal(325, injector.TemperatureDeciCelsius(0, 10));   // 25.0 + 10 - 2.5
    }
}
