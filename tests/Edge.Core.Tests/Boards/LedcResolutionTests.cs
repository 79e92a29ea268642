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
}
