using Edge.Core.Boards;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>Boards map onto the controller's pack layout when their modules are uniform and consecutive.</summary>
public class BoardPackLayoutTests
{
    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m, 2, 2, 0)]
    [InlineData(BoardFiles.Mux6s, 3, 2, 1)]
    public void Shipped_boards_have_a_layout(string fileName, int modules, int cellsPerModule, int temperatures)
    {
        Assert.True(BoardPackLayout.TryCreate(BoardFiles.Parse(fileName), out PackLayout layout, out string reason), reason);
        Assert.Equal(modules, layout.ModuleCount);
        Assert.Equal(cellsPerModule, layout.CellsPerModule);
        Assert.Equal(temperatures, layout.TemperatureCount);
    }

    [Fact]
    public void Reversed_cell_order_has_no_layout()
    {
        // A valid board whose module lists its cells top first: the parser accepts it, the layout cannot index it.
        string text = MinimalBoard.WithLinesBefore("[module 0]", null, "[cell 1]", "adc_pin = 39", "divider_ratio = 0.4", "offset_mv = 1650", "calibration = 1:-3700, 4094:3600", "")
            .Replace("cells = 0", "cells = 1, 0");
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());

        Assert.False(BoardPackLayout.TryCreate(board, out PackLayout layout, out string reason));
        Assert.Null(layout);
        Assert.Equal("module 0 position 0 is cell 1, the pack layout needs cell 0", reason);
    }
}
