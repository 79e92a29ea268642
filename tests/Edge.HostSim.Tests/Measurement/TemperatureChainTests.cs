using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;
using Edge.HostSim.Measurement;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>The simulated temperature sensor is the mux board's NTC calibration inverted.</summary>
public class TemperatureChainTests
{
    [Theory]
    // Calibration points of the file: 2175:250 (25.0 degC), 879:0; 15.0 degC lies halfway between 1368:100 and 1906:200 = 1637.
    [InlineData(25.0, 2175)]
    [InlineData(0.0, 879)]
    [InlineData(15.0, 1637)]
    public void Reads_the_calibrated_counts(double celsius, int expectedCounts)
    {
        BoardDefinition board = TestBoards.Parse("esp32-mux-6s.board");
        var chain = new MeasurementChain(board, GaussianNoise.None);
        int counts = chain.TemperatureCounts(0, celsius);
        Assert.Equal(expectedCounts, counts);
        Assert.True(new BoardAdcChannels(board).TemperatureAt(0).TryConvertToDeciC(counts, out int deciC, out _));
        Assert.Equal((int)Math.Round(celsius * 10), deciC);
    }

    [Fact]
    public void Beyond_the_calibration_the_reading_clips()
    {
        BoardDefinition board = TestBoards.Parse("esp32-mux-6s.board");
        var chain = new MeasurementChain(board, GaussianNoise.None);
        Assert.Equal(4095, chain.TemperatureCounts(0, 150.0));
        Assert.Equal(0, chain.TemperatureCounts(0, -60.0));
    }
}
