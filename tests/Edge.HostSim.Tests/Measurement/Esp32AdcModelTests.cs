using Edge.Core.Boards;
using Edge.HostSim.Measurement;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>The simulated ESP32 transfer curve against hand-computed points of its definition.</summary>
public class Esp32AdcModelTests
{
    private readonly Esp32AdcModel _adc = Esp32AdcModel.Default;

    [Theory]
    // Straight part: 1450 counts/V x (V - 0.15 V); 1.00 V -> 1232.5 -> 1233 (half away from zero).
    [InlineData(1.00, 1233)]
    [InlineData(1.65, 2175)]
    // Top bend: 1450 x 2.85 - 730 x 0.4^2 = 4132.5 - 116.8 = 4015.7 at 3.0 V.
    [InlineData(3.00, 4016)]
    // 4095 exactly at 3.10 V (4277.5 - 182.5), clipped above.
    [InlineData(3.10, 4095)]
    [InlineData(3.30, 4095)]
    // Low bend: 1450 x 0.1 - 1716 x 0.05^2 = 145 - 4.29 = 140.7 at 0.25 V; zero from about 0.17 V down.
    [InlineData(0.25, 141)]
    [InlineData(0.16, 0)]
    [InlineData(-0.5, 0)]
    public void Reads_hand_computed_counts(double volts, int expected)
    {
        Assert.Equal(expected, _adc.ToCounts(volts, 0.0));
    }

    [Fact]
    public void Curve_never_falls_with_rising_input()
    {
        double previous = double.MinValue;
        for (double v = -0.2; v <= 3.6; v += 0.0005)
        {
            double counts = _adc.ContinuousCounts(v);
            Assert.True(counts >= previous, $"falls at {v:F4} V");
            previous = counts;
        }
    }

    [Fact]
    public void Resolution_and_attenuation_scale_the_axes()
    {
        Assert.Equal(1023, new Esp32AdcModel(AdcAttenuation.Db11, 10).ToCounts(3.10, 0.0));
        Assert.Equal(4095, new Esp32AdcModel(AdcAttenuation.Db6, 12).ToCounts(2.20, 0.0));
        Assert.True(new Esp32AdcModel(AdcAttenuation.Db6, 12).ToCounts(2.10, 0.0) < 4095);
    }

    [Fact]
    public void Inverse_recovers_the_input()
    {
        Assert.Equal(1.65, _adc.VoltsAtCounts(2175.0), 9);
        Assert.Equal(3.10, _adc.VoltsAtCounts(4095.0), 9);
    }
}
