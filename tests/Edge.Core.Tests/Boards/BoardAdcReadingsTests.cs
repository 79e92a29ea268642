using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary><c>[board] adc_readings_per_sample</c>: how many ADC readings make one channel's sample (1 when not given, at most 64).</summary>
public class BoardAdcReadingsTests
{
    [Fact]
    public void A_board_that_does_not_say_takes_one_reading_per_sample()
    {
        Assert.True(BoardParser.TryParse(MinimalBoard.Text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(1, board.AdcReadingsPerSample);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(64)]
    public void A_count_from_one_to_sixty_four_is_taken(int readings)
    {
        string text = MinimalBoard.With("[board]", "adc_readings_per_sample", readings.ToString());

        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(readings, board.AdcReadingsPerSample);
    }

    [Theory]
    [InlineData("0", BoardParseErrorKind.OutOfRange, "[board] adc_readings_per_sample: value 0 out of range 1 to 64")]
    [InlineData("65", BoardParseErrorKind.OutOfRange, "value 65 out of range 1 to 64")]
    [InlineData("4.5", BoardParseErrorKind.BadNumber, "adc_readings_per_sample: '4.5' is not a whole number")]
    public void Any_other_count_is_refused_on_its_line(string value, BoardParseErrorKind kind, string phrase)
    {
        string text = MinimalBoard.With("[board]", "adc_readings_per_sample", value);

        Assert.False(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error));
        Assert.Null(board);
        Assert.Equal(kind, error.Kind);
        Assert.Contains(phrase, error.ToString());
        Assert.Equal(NFUnitTest.Boards.BoardText.LineOf(text, "[board]", "adc_readings_per_sample"), error.LineNumber);
    }
}
