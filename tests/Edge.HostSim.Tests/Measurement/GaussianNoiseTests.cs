using Edge.HostSim.Measurement;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>Seeded noise is reproducible and has the requested spread.</summary>
public class GaussianNoiseTests
{
    [Fact]
    public void Same_seed_gives_the_same_sequence()
    {
        var a = new GaussianNoise(2.0, 42);
        var b = new GaussianNoise(2.0, 42);
        var c = new GaussianNoise(2.0, 43);
        var first = Enumerable.Range(0, 100).Select(_ => a.NextCounts()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 100).Select(_ => b.NextCounts()).ToArray());
        Assert.NotEqual(first, Enumerable.Range(0, 100).Select(_ => c.NextCounts()).ToArray());
    }

    [Fact]
    public void Spread_matches_sigma()
    {
        // 40000 draws: the sample mean's standard error is 2 / 200 = 0.01, the sd's about 0.007.
        var noise = new GaussianNoise(2.0, 7);
        double[] draws = Enumerable.Range(0, 40_000).Select(_ => noise.NextCounts()).ToArray();
        double mean = draws.Average();
        double sd = Math.Sqrt(draws.Sum(x => (x - mean) * (x - mean)) / (draws.Length - 1));
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(sd, 1.96, 2.04);
    }

    [Fact]
    public void Noise_on_the_chain_averages_out_to_the_noise_free_reading()
    {
        var board = VirtualBoard.Create(1, 1);
        var noisy = new MeasurementChain(board, new GaussianNoise(3.0, 11));
        var clean = new MeasurementChain(board, GaussianNoise.None);
        double continuous = clean.Adc.ContinuousCounts(FrontEndModel.CellAdcVolts(board.CellAt(0), 0.25));
        int[] readings = Enumerable.Range(0, 20_000).Select(_ => noisy.CellCounts(0, 0.25)).ToArray();

        Assert.InRange(readings.Average(), continuous - 0.1, continuous + 0.1);
        Assert.True(readings.Distinct().Count() > 10, "3 LSB of noise must spread the readings");
    }

    [Fact]
    public void Zero_sigma_is_silent()
    {
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(0.0, GaussianNoise.None.NextCounts()));
    }
}
