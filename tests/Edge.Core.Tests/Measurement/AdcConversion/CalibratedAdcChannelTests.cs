using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Tests.Boards;
using Xunit;

namespace Edge.Core.Tests.Measurement.AdcConversion;

/// <summary>Saturation and validity of readings, and the per-board channel set.</summary>
public class CalibratedAdcChannelTests
{
    private static readonly CalibrationCurve s_curve = new(new[] { 1, 4094 }, new[] { -3700, 3600 });

    [Theory]
    [InlineData(0, AdcReadingStatus.SaturatedLow)]
    [InlineData(4095, AdcReadingStatus.SaturatedHigh)]
    [InlineData(-1, AdcReadingStatus.Impossible)]
    [InlineData(4096, AdcReadingStatus.Impossible)]
    [InlineData(1, AdcReadingStatus.Valid)]
    [InlineData(4094, AdcReadingStatus.Valid)]
    public void Readings_at_the_ends_of_a_12_bit_adc_are_saturated(int counts, AdcReadingStatus expected)
    {
        var channel = new CalibratedAdcChannel(s_curve, 4095);
        Assert.Equal(expected, channel.Classify(counts));
        bool ok = channel.TryConvert(counts, out int value, out AdcReadingStatus status);
        Assert.Equal(expected == AdcReadingStatus.Valid, ok);
        Assert.Equal(expected, status);
        if (!ok)
        {
            Assert.Equal(0, value);
        }
    }

    [Fact]
    public void Full_scale_follows_the_resolution()
    {
        var channel = new CalibratedAdcChannel(new CalibrationCurve(new[] { 1, 1022 }, new[] { 0, 1021 }), 1023);
        Assert.Equal(AdcReadingStatus.SaturatedHigh, channel.Classify(1023));
        Assert.Equal(AdcReadingStatus.Valid, channel.Classify(1022));
        Assert.Equal(AdcReadingStatus.Impossible, channel.Classify(4095));
    }

    [Fact]
    public void Valid_reading_converts_through_the_calibration()
    {
        var channel = new CalibratedAdcChannel(s_curve, 4095);

        // -3700 + (2048 - 1) * 7300 / 4093 = -3700 + 3650.92 = -49.08 -> -49.
        Assert.True(channel.TryConvert(2048, out int mv, out AdcReadingStatus status));
        Assert.Equal(AdcReadingStatus.Valid, status);
        Assert.Equal(-49, mv);
    }

    [Fact]
    public void Board_channels_convert_with_their_own_calibration()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        var channels = new BoardAdcChannels(board);
        Assert.Equal(4, channels.CellCount);
        Assert.Equal(2, channels.ModuleCount);

        // Cell 0's points 4:-3272 and 2875:3737 (file): on them exactly their values, saturation at 0.
        Assert.Equal(-3272, channels.CellAt(0).ConvertToMv(4));
        Assert.Equal(3737, channels.CellAt(0).ConvertToMv(2875));
        Assert.False(channels.CellAt(0).TryConvertToMv(0, out _, out AdcReadingStatus low));
        Assert.Equal(AdcReadingStatus.SaturatedLow, low);

        // Module 1's points 5:-2156 and 2876:2470: at 1440, -2156 + 1435 x 4626 / 2871 = 156.19 -> 156.
        Assert.True(channels.ModuleAt(1).TryConvertToUa(1440, out int ua, out _));
        Assert.Equal(156, ua);
        Assert.False(channels.ModuleAt(1).TryConvertToUa(4095, out _, out AdcReadingStatus high));
        Assert.Equal(AdcReadingStatus.SaturatedHigh, high);
    }

    [Fact]
    public void Temperature_channel_converts_to_tenths_of_a_degree()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.Mux6s);
        var channels = new BoardAdcChannels(board);

        // Points 763:0 and 1181:100 (0 and 10 degC): 972 counts is 5 degC; 973 -> 50.24 -> 50.
        Assert.True(channels.TemperatureAt(0).TryConvertToDeciC(973, out int deciC, out _));
        Assert.Equal(50, deciC);
    }
}
