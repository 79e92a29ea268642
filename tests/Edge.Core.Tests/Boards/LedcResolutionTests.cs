using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// nanoFramework's choice of LEDC duty resolution: the widest whose divider, 80 MHz x 256 / f / 2^bits in whole
/// numbers, stays above 256. Expected values worked by hand from that rule.
/// </summary>
public class LedcResolutionTests
{
    [Theory]
    [InlineData(40_000, 10)]      // 512000 / 1024 = 500; / 2048 = 250
    [InlineData(20_000, 11)]      // 1024000 / 2048 = 500; / 4096 = 250
    [InlineData(5_000, 13)]       // 4096000 / 8192 = 500; / 16384 = 250
    [InlineData(4_000, 14)]       // 5120000 / 16384 = 312
    [InlineData(1_000, 16)]       // 20480000 / 65536 = 312
    [InlineData(20_000_000, 1)]   // 1024 / 2 = 512 > 256
    public void Bits_follow_the_runtime_rule(int frequencyHz, int bits)
    {
        Assert.Equal(bits, LedcResolution.BitsAt(frequencyHz));
    }

    [Theory]
    [InlineData(8, 311_284)]    // 20480000000 / (257 x 256) = 311284.4
    [InlineData(10, 77_821)]    // 20480000000 / (257 x 1024) = 77821.1
    [InlineData(13, 9_727)]     // 20480000000 / (257 x 8192) = 9727.6
    [InlineData(14, 4_863)]     // 20480000000 / (257 x 16384) = 4863.8
    public void The_highest_frequency_of_a_resolution_gives_it_and_one_hertz_more_does_not(int bits, int frequencyHz)
    {
        Assert.Equal(frequencyHz, LedcResolution.HighestFrequencyHzFor(bits));
        Assert.Equal(bits, LedcResolution.BitsAt(frequencyHz));
        Assert.Equal(bits - 1, LedcResolution.BitsAt(frequencyHz + 1));
    }

    [Fact]
    public void Every_count_is_reachable_from_4864_hz_up()
    {
        // 20480000000 / 4864 = 4210526, / 16384 = 256: 13 bits; / 4863 = 4211392, / 16384 = 257: 14 bits.
        Assert.Equal(4864, LedcResolution.LowestReachableFrequencyHz());
        Assert.Equal(13, LedcResolution.BitsAt(4864));
        Assert.Equal(14, LedcResolution.BitsAt(4863));
    }
}
