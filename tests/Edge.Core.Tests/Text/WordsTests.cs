using Xunit;
using Edge.Core.Text;

namespace Edge.Core.Tests.Text;

public class WordsTests
{
    [Theory]
    [InlineData("Strip at 1 mA/cm2", new[] { "Strip", "at", "1", "mA/cm2" })]
    [InlineData("  calibrate\t\tbegin   unit=7 ", new[] { "calibrate", "begin", "unit=7" })]
    [InlineData("", new string[0])]
    [InlineData(" \t  ", new string[0])]
    public void RunsOfBlanksSeparateWordsAndNoWordIsEmpty(string line, string[] expected)
    {
        Assert.Equal(expected, Words.Of(line));
    }
}
