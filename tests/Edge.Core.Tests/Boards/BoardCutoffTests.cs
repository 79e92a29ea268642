using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// The configuration a device boots with for a board keeps the protocol's cut-offs inside the board's cell limits
/// (firmware/Edge.Core/README.md: the stripping cut-off is at most the limit), so a board with limits tighter than the
/// controller's default +-3000 mV cut-offs boots.
/// </summary>
public class BoardCutoffTests
{
    [Fact]
    public void A_board_with_limits_inside_3_V_boots_with_its_limits_as_cut_offs()
    {
        string text = BoardText.With(MinimalBoard.With("[safety]", "cell_voltage_max_mv", "2500"), "[safety]", "cell_voltage_min_mv", "-2000");
        BoardDefinition board = BoardRuleAssert.Parsed(text);
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out string reason), reason);

        ControllerConfiguration configuration = BoardConfiguration.Create(board);

        // The tighter of the controller's +-3000 mV and the board's limits: 2500 and -2000 mV.
        Assert.Equal(2500, configuration.Protocol.StripCutoffMv);
        Assert.Equal(-2000, configuration.Protocol.PlateCutoffMv);
        ConfigurationError error = ConfigurationValidator.Validate(configuration, layout);
        Assert.True(error == null, error?.ToString());
    }

    [Fact]
    public void A_board_at_3_V_keeps_the_default_cut_offs()
    {
        // The shipped boards: limits +-3000 mV, the seed stripping cut-off +3 V (boards/README.md).
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);

        ControllerConfiguration configuration = BoardConfiguration.Create(board);

        Assert.Equal(3000, configuration.Protocol.StripCutoffMv);
        Assert.Equal(-3000, configuration.Protocol.PlateCutoffMv);
    }
}
