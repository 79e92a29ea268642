using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;
using Edge.HostSim.Measurement;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>On the typical chip the simulated temperature sensor reads the mux board's (synthetic) NTC calibration back.</summary>
public class TemperatureChainTests
{
    [Theory]
    // Calibration points of the file: 1872:250 (25.0 degC), 763:0; 15.0 degC lies halfway between 1181:100 and 1641:200 = 1411.
    [InlineData(25.0, 1872)]
    [InlineData(0.0, 763)]
    [InlineData(15.0, 1411)]
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
