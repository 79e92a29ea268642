using Edge.Core.Measurement.AdcConversion;
using Xunit;

namespace Edge.Core.Tests.Measurement.AdcConversion;

/// <summary>
/// <see cref="AdcReadingMean"/> on a 12-bit ADC (full scale 4095): the mean to the nearest count (halves to even), and
/// readings the converter would refuse are never averaged away.
/// </summary>
public class AdcReadingMeanTests
{
    private static int Mean(params int[] readings)
    {
        var mean = new AdcReadingMean(4095);
        mean.Begin();
        foreach (int r in readings)
        {
            mean.Add(r);
        }

        return mean.Counts;
    }

    [Theory]
    [InlineData(new[] { 2000 }, 2000)]
    [InlineData(new[] { 100, 101, 101, 102 }, 101)]       // 404 / 4
    [InlineData(new[] { 100, 101 }, 100)]                 // 100.5, a half: to even, down
    [InlineData(new[] { 101, 102 }, 102)]                 // 101.5: to even, up
    [InlineData(new[] { 10, 10, 11, 11 }, 10)]            // 10.5
    [InlineData(new[] { 10, 11, 11, 11 }, 11)]            // 10.75
    [InlineData(new[] { 100, 100, 101 }, 100)]            // 100.33
    [InlineData(new[] { 1, 1, 2, 2, 2, 2, 2, 2 }, 2)]     // 14 / 8 = 1.75
    [InlineData(new[] { 4094, 4094, 4094, 4094 }, 4094)]  // inside the scale stays inside
    public void Accepted_readings_give_their_mean_to_the_nearest_count(int[] readings, int expected)
    {
        Assert.Equal(expected, Mean(readings));
    }

    [Theory]
    [InlineData(new[] { 4094, 4095, 4094, 4094 }, 4095)]  // one at full scale: saturated high
    [InlineData(new[] { 3, 0, 2, 5 }, 0)]                  // one at zero: saturated low
    [InlineData(new[] { 0, 4095 }, 0)]                     // both ends: the first
    [InlineData(new[] { 2000, -1, 2000 }, -1)]            // a failed read: impossible
    [InlineData(new[] { 4095, -1 }, -1)]                   // impossible outranks saturated
    [InlineData(new[] { -1, 0 }, -1)]
    [InlineData(new[] { 2000, 5000 }, 5000)]               // beyond the scale: impossible
    public void A_reading_the_converter_refuses_decides_the_sample(int[] readings, int expected)
    {
        Assert.Equal(expected, Mean(readings));
    }

    [Fact]
    public void Each_sample_starts_afresh()
    {
        var mean = new AdcReadingMean(4095);
        mean.Begin();
        Assert.Equal(-1, mean.Counts);
        mean.Add(4095);
        mean.Add(10);
        Assert.Equal(4095, mean.Counts);

        mean.Begin();
        mean.Add(10);
        mean.Add(12);
        Assert.Equal(11, mean.Counts);
    }
}
