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
        // The parser refuses such a file (CellOrder); a definition built in code can still list its cells top first,
        // and the layout cannot index it.
        string text = MinimalBoard.WithLinesBefore("[module 0]", null, "[cell 1]", "adc_pin = 39", "divider_ratio = 0.4", "offset_mv = 1650", "calibration = 1:-3700, 4094:3600", "")
            .Replace("cells = 0", "cells = 0, 1");
        Assert.True(BoardParser.TryParse(text, out BoardDefinition parsed, out BoardParseError error), error?.ToString());
        ModuleDefinition m = parsed.ModuleAt(0);
        var reversed = new ModuleDefinition(
            0, new[] { 1, 0 }, m.CurrentInput, m.ShuntMilliohm, m.AmplifierGainMilli, m.OffsetMv, m.CurrentCalibration,
            m.SwitchPin, m.SwitchPolarity, m.SwitchDriver, m.SwitchPwmFrequencyHz, m.SetpointKind, m.SetpointPin, m.SetpointPwmFrequencyHz,
            m.CurrentStage, m.SwitchPwmChannel, m.SetpointPwmChannel, m.SetpointFullScaleUa);
        var board = new BoardDefinition(
            parsed.Name, parsed.SamplePeriodMs, parsed.AdcResolutionBits, parsed.AdcAttenuation, parsed.StatusLedPin, parsed.StatusLedPolarity,
            parsed.Mux, new[] { parsed.CellAt(0), parsed.CellAt(1) }, new[] { reversed }, Array.Empty<TemperatureChannelDefinition>(), parsed.Safety,
            parsed.CellParameters, parsed.ModuleVariant, parsed.HardwareEnable, parsed.Reference, null, parsed.AdcReadingsPerSample);

        Assert.False(BoardPackLayout.TryCreate(board, out PackLayout layout, out string reason));
        Assert.Null(layout);
        Assert.Equal("module 0 position 0 is cell 1, the pack layout needs cell 0", reason);
    }
}
