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
    [InlineData("Rest for 1\u00A0s", new[] { "Rest", "for", "1", "s" })]
    [InlineData("Rest for 1\u202Fs", new[] { "Rest", "for", "1", "s" })]
    public void RunsOfBlanksSeparateWordsAndNoWordIsEmpty(string line, string[] expected)
    {
        Assert.Equal(expected, Words.Of(line));
    }
}
