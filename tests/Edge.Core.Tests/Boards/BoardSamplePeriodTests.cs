using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// A board's <c>sample_period_ms</c> is the controller's tick: a period the controller's configuration check would
/// refuse at boot is refused when the board is read, at its line, and every period the parser takes boots. The bounds
/// come from the controller's defaults: a 500 ms slope window of at most 256 samples (2 ms) and a 250 ms shortest
/// tuned pulse.
/// </summary>
public class BoardSamplePeriodTests
{
    [Theory]
    [InlineData(1, "1 ms is shorter than the controller can run: its 500 ms relaxation slope window would span more than the 256 samples it keeps; use 2 to 250 ms")]
    [InlineData(251, "251 ms is longer than the controller can time: its shortest tuned pulse is 250 ms and its relaxation slope window 500 ms, each at least one sample period; use 2 to 250 ms")]
    [InlineData(60000, "60000 ms is longer than the controller can time")]
    public void A_period_the_controller_cannot_run_is_refused_at_its_line(int periodMs, string phrase)
    {
        string text = MinimalBoard.With("[board]", "sample_period_ms", periodMs.ToString());

        BoardRuleAssert.Rejected(text, MinimalBoard.LineOf("[board]", "sample_period_ms"), BoardParseErrorKind.Inconsistent, "[board] sample_period_ms: " + phrase);

        // The controller's own check of the configuration such a board would boot with refuses it too.
        ControllerConfiguration configuration = new ControllerConfiguration { SamplePeriodMs = periodMs };
        Assert.NotNull(ConfigurationValidator.Validate(configuration, new PackLayout(1, 1, 0)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(250)]
    public void Every_period_the_parser_takes_boots(int periodMs)
    {
        BoardDefinition board = BoardRuleAssert.Parsed(MinimalBoard.With("[board]", "sample_period_ms", periodMs.ToString()));
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out string reason), reason);

        ConfigurationError error = ConfigurationValidator.Validate(BoardConfiguration.Create(board), layout);

        Assert.True(error == null, error?.ToString());
    }
}
