using Edge.Core.Text;
using Xunit;

namespace Edge.Core.Tests.Text;

public class DecimalTextTests
{
    [Theory]
    [InlineData(2540L, 3, "2.54")]
    [InlineData(3000L, 3, "3")]
    [InlineData(50L, 3, "0.05")]
    [InlineData(7850L, 4, "0.785")]
    [InlineData(0L, 2, "0")]
    [InlineData(12L, 0, "12")]
    [InlineData(-50L, 3, "-0.05")]
    [InlineData(-2540L, 3, "-2.54")]
    public void WritesTheValueWithoutTrailingZeros(long scaled, int decimals, string expected)
    {
        Assert.Equal(expected, DecimalText.Of(scaled, decimals));
    }
}
