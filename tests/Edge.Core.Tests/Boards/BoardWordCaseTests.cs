using System.Globalization;
using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// Board words (module, driver, stage, polarity) match in any case, the same on every host: string.ToLower follows the
/// current culture on .NET, and Turkish lowers 'I' to a dotless i, so "WROOM" would still match but "HIGH",
/// "BIDIRECTIONAL" and "TWO_SINKS" would not, and the simulator would refuse a board file the device accepts.
/// </summary>
public class BoardWordCaseTests
{
    [Fact]
    public void CapitalWordsMeanTheSameUnderATurkishCulture()
    {
        string text = MinimalBoard.Text
            .Replace("module = wroom", "module = WROOM")
            .Replace("switch_active = high", "switch_active = HIGH")
            .Replace("switch_driver = gpio", "switch_driver = GPIO\ncurrent_stage = BIDIRECTIONAL");
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
        try
        {
            Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
            Assert.Equal(Esp32ModuleVariant.Wroom, board.ModuleVariant);
            Assert.Equal(PinPolarity.ActiveHigh, board.ModuleAt(0).SwitchPolarity);
            Assert.Equal(SwitchDriver.Gpio, board.ModuleAt(0).SwitchDriver);
            Assert.Equal(CurrentStage.Bidirectional, board.ModuleAt(0).CurrentStage);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
