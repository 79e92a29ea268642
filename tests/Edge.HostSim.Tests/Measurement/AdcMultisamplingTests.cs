using Edge.Core.Boards;
using Edge.HostSim.Measurement;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>
/// The virtual ADC with the DevKitC board at <c>adc_readings_per_sample</c> 1 and 4, 2 counts of reading noise, a cell
/// held at 0.5 V. Each reading is whole counts (variance 2^2 + 1/12); four of them averaged and rounded again give
/// (4 + 1/12) / 4 + 1/12 = 1.10, so the spread falls from 2.02 to 1.05 counts: a ratio of 0.52, where independent
/// noise alone would give 1 / sqrt(4) = 0.5. The mean reading does not move: rounding a mean of four halves up would
/// raise it by 1/8 count (its fraction is 0, 1/4, 1/2 or 3/4 alike), which the 0.05-count bound catches.
/// </summary>
public class AdcMultisamplingTests
{
    private static BoardDefinition DevKitC(int readings)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"))
            .Replace("adc_attenuation_db = 11", "adc_attenuation_db = 11\nadc_readings_per_sample = " + readings, StringComparison.Ordinal);
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(readings, board.AdcReadingsPerSample);
        return board;
    }

    private static (double Mean, double Sd) Spread(int readings)
    {
        // 40000 samples: the standard deviation is known to about 0.4 %.
        var chain = new MeasurementChain(DevKitC(readings), new GaussianNoise(2.0, 5));
        double[] counts = Enumerable.Range(0, 40_000).Select(_ => (double)chain.CellCounts(0, 0.5)).ToArray();
        double mean = counts.Average();
        return (mean, Math.Sqrt(counts.Sum(x => (x - mean) * (x - mean)) / (counts.Length - 1)));
    }

    [Fact]
    public void Four_readings_per_sample_halve_the_reading_noise_and_leave_the_mean()
    {
        var one = Spread(1);
        var four = Spread(4);

        Assert.InRange(one.Sd, 1.97, 2.07);
        Assert.InRange(four.Sd, 1.01, 1.09);
        Assert.InRange(four.Sd / one.Sd, 0.49, 0.55);
        Assert.InRange(four.Mean - one.Mean, -0.05, 0.05);
    }
}
