using Edge.HostSim.Measurement;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>
/// The simulated ESP32 ADC against Espressif's characterisation at 11 dB (esp-idf
/// adc_cali_line_fitting.c), numbers worked by hand from its constants: the line is
/// Vref x 196602 / 4096 / 65536 mV per count + 142 mV (0.80564 mV per count at Vref 1100 mV,
/// 0.73240 at 1000, 0.87888 at 1200); above 2880 counts the Vref-1000 and Vref-1200 tables,
/// interpolated halfway for 1100.
/// </summary>
public class Esp32AdcModelTests
{
    private readonly Esp32AdcModel _typical = Esp32AdcModel.Default;

    [Theory]
    // (1000 - 142) / 0.80564 = 1064.99; (1650 - 142) / 0.80564 = 1871.80.
    [InlineData(1100, 1.000, 1065)]
    [InlineData(1100, 1.650, 1872)]
    // The same 1.65 V on the chips at the ends of the Vref spread: 1508 / 0.73240 = 2058.99, 1508 / 0.87888 = 1715.82.
    [InlineData(1000, 1.650, 2059)]
    [InlineData(1200, 1.650, 1716)]
    // Table region: 3000 counts is 2944 + 56, so (2297 + 55 x 56/64 + 2706 + 39 x 56/64) / 2 = 2542.625 mV at Vref 1100.
    [InlineData(1100, 2.542625, 3000)]
    // At Vref 1000 the low table holds exactly: 3000 mV is its point at 2880 + 17 x 64 = 3968 counts.
    [InlineData(1000, 3.000, 3968)]
    // Clipped: below the 142 mV of 0 counts, and above the input of 4095 counts (3134.07 mV at Vref 1100).
    [InlineData(1100, 0.100, 0)]
    [InlineData(1100, 3.200, 4095)]
    public void Reads_the_characterised_counts(double vrefMv, double volts, int expected)
    {
        Assert.Equal(expected, new Esp32AdcModel(vrefMv).ToCounts(volts, 0.0));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1100)]
    [InlineData(1200)]
    public void Readable_span_the_board_parser_uses_reads_unsaturated_on_every_chip(double vrefMv)
    {
        // Esp32AdcCharacteristics.ReadableLowMv / ReadableHighMv, which cell front ends must map their limits inside:
        // 143 mV reads at least 1 count on every chip, 3059 mV at most 4094 (the Vref-1000 chip reaches 4095 at 3059.3 mV).
        var adc = new Esp32AdcModel(vrefMv);
        Assert.InRange(adc.ToCounts(Edge.Core.Boards.Esp32AdcCharacteristics.ReadableLowMv / 1000.0, 0.0), 1, 4094);
        Assert.InRange(adc.ToCounts(Edge.Core.Boards.Esp32AdcCharacteristics.ReadableHighMv / 1000.0, 0.0), 1, 4094);
    }

    [Fact]
    public void Readable_span_ends_where_the_low_vref_chip_saturates()
    {
        var lowest = new Esp32AdcModel(1000);
        Assert.Equal(0, lowest.ToCounts((Edge.Core.Boards.Esp32AdcCharacteristics.ReadableLowMv - 1) / 1000.0, 0.0));
        Assert.Equal(4095, lowest.ToCounts((Edge.Core.Boards.Esp32AdcCharacteristics.ReadableHighMv + 1) / 1000.0, 0.0));
    }

    [Fact]
    public void Counts_per_volt_follow_the_vref_spread()
    {
        // 4096 x 65536 x 1000 / (Vref x 196602): about 1241 typical, 1138-1365 across chips (the figures).
        Assert.Equal(1241.25, _typical.CountsPerVolt, 2);
        Assert.Equal(1365.38, new Esp32AdcModel(1000).CountsPerVolt, 2);
        Assert.Equal(1137.81, new Esp32AdcModel(1200).CountsPerVolt, 2);
    }

    [Fact]
    public void Curve_is_steeper_above_2880_counts()
    {
        // Below the table: 50 mV is 62 counts (the line). Between 2.60 and 2.65 V (3083-3158 counts, where the tables
        // rise (2405 + 2780) / 2 -> (2457 + 2813) / 2 = 42.5 mV and then 31 mV per 64 counts) the same 50 mV is 75 counts.
        double below = _typical.ContinuousCounts(2.45) - _typical.ContinuousCounts(2.40);
        double above = _typical.ContinuousCounts(2.65) - _typical.ContinuousCounts(2.60);
        Assert.Equal(62.06, below, 1);
        Assert.Equal(75.03, above, 1);
        Assert.Equal(2462.24, _typical.LinearHighVolts * 1000, 1);
    }

    [Fact]
    public void Curve_never_falls_with_rising_input()
    {
        foreach (double vref in new[] { 1000.0, 1100.0, 1200.0 })
        {
            var adc = new Esp32AdcModel(vref);
            double previous = double.MinValue;
            for (double v = -0.2; v <= 3.6; v += 0.0005)
            {
                double counts = adc.ContinuousCounts(v);
                Assert.True(counts > previous, $"Vref {vref}: flat or falling at {v:F4} V");
                previous = counts;
            }
        }
    }

    [Fact]
    public void Inverse_recovers_the_input()
    {
        foreach (double volts in new[] { 0.5, 1.65, 2.3, 2.5, 2.9, 3.1 })
        {
            // Exact on the line and in the tables; to a microvolt in the 64-count blend, which the model tabulates per count.
            Assert.Equal(volts, _typical.VoltsAtCounts(_typical.ContinuousCounts(volts)), 6);
        }
    }

    [Fact]
    public void Units_draw_their_vref_from_the_seed_inside_the_spread()
    {
        double[] vrefs = Enumerable.Range(1, 50).Select(seed => Esp32AdcModel.ForUnit((ulong)seed).VrefMv).ToArray();
        Assert.All(vrefs, v => Assert.InRange(v, 1000.0, 1200.0));
        Assert.True(vrefs.Max() - vrefs.Min() > 150, "50 units should span most of the 200 mV spread");
        Assert.Equal(Esp32AdcModel.ForUnit(7).VrefMv, Esp32AdcModel.ForUnit(7).VrefMv);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Esp32AdcModel(950));
    }
}
