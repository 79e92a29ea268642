using Edge.Core.Boards;
using Edge.Core.Configuration.Protocol;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// An electrode area the board's module current limit cannot pulse at the controller's 1 mA/cm2 is warned about at its
/// line, naming the density the limit reaches: <c>electrode_area_cm2 = 38.48</c> (mm2 typed for cm2; the shipped 0.3848)
/// parsed without a word, and the boot pulse was quietly cut to the limit's derate level, about 0.05 mA/cm2. A large
/// cell is a real board (the pulse cut to the limit is what BoardPulseCurrents is for), so it is a warning, not a refusal.
/// Densities computed by hand: 2 mA / 38.48 cm2 = 0.052 mA/cm2; 2 mA / 5 cm2 = 0.4 mA/cm2.
/// </summary>
public class BoardElectrodeAreaReachTests
{
    [Fact]
    public void An_area_typed_in_mm2_is_warned_at_its_line_with_the_density_the_limit_reaches_and_its_cm2_reading()
    {
        string text = WithArea("38.48");

        BoardDefinition board = BoardRuleAssert.Parsed(text);

        BoardWarning warning = BoardRuleAssert.SingleWarning(board, BoardWarningKind.AreaBeyondModuleCurrent);
        Assert.Equal(LineOf(text, "electrode_area_cm2"), warning.LineNumber);
        Assert.Equal(
            "[cells] electrode_area_cm2: at 38.48 cm2, max_module_current_ma = 2 reaches 0.052 mA/cm2, under the 1 mA/cm2 the controller pulses at, so its pulses are cut to the limit; in mm2? 0.3848 cm2",
            warning.Message);
    }

    [Fact]
    public void A_large_cell_the_limit_cannot_pulse_at_1_mA_per_cm2_is_warned_without_the_mm2_reading()
    {
        // 0.4 mA/cm2 is a real large-cell board, not a factor of 100 off: no mm2 reading offered.
        BoardWarning warning = BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(WithArea("5")), BoardWarningKind.AreaBeyondModuleCurrent);

        Assert.Equal(
            "[cells] electrode_area_cm2: at 5 cm2, max_module_current_ma = 2 reaches 0.4 mA/cm2, under the 1 mA/cm2 the controller pulses at, so its pulses are cut to the limit",
            warning.Message);
    }

    [Theory]
    [InlineData("0.3848")]
    [InlineData("2")]
    public void An_area_the_limit_pulses_at_1_mA_per_cm2_is_not_warned(string areaCm2)
    {
        // 2 cm2 on 2 mA: exactly 1 mA/cm2.
        Assert.Equal(0, BoardRuleAssert.Count(BoardRuleAssert.Parsed(WithArea(areaCm2)), BoardWarningKind.AreaBeyondModuleCurrent));
    }

    [Fact]
    public void A_board_without_an_area_whose_limit_cannot_pulse_the_default_area_is_warned_at_its_limit()
    {
        // No [cells]: the cells are taken as 0.3848 cm2, and 0.3 mA / 0.3848 cm2 = 0.780 mA/cm2, under 1 mA/cm2.
        string text = WithoutCells("0.3");

        BoardWarning warning = BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(text), BoardWarningKind.AreaBeyondModuleCurrent);

        Assert.Equal(LineOf(text, "max_module_current_ma"), warning.LineNumber);
        Assert.Equal(
            "[safety] max_module_current_ma: without [cells] electrode_area_cm2 the cells are taken as 0.3848 cm2, where max_module_current_ma = 0.3 reaches 0.78 mA/cm2, under the 1 mA/cm2 the controller pulses at, so its pulses are cut to the limit; give the cells' area",
            warning.Message);
    }

    [Fact]
    public void A_board_without_an_area_one_microampere_short_of_the_default_pulse_is_warned()
    {
        // 384 uA x 10^5 / 38480 (0.3848 cm2 in 0.00001 cm2) = 997.9, 0.998 mA/cm2.
        Assert.Contains("reaches 0.998 mA/cm2", BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(WithoutCells("0.384")), BoardWarningKind.AreaBeyondModuleCurrent).Message);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0.385")]
    public void A_board_without_an_area_whose_limit_pulses_the_default_area_is_not_warned(string limitMa)
    {
        // 0.385 mA on 0.3848 cm2: 1.0005 mA/cm2, the default pulse's own 385 uA.
        Assert.Equal(0, BoardRuleAssert.Count(BoardRuleAssert.Parsed(WithoutCells(limitMa)), BoardWarningKind.AreaBeyondModuleCurrent));
    }

    [Fact]
    public void The_warned_density_is_the_default_protocols()
    {
        // The warning's 1 mA/cm2 is the default protocol's strip pulse on its area: 385 uA on 0.3848 cm2.
        ProtocolConfiguration defaults = new ProtocolConfiguration();
        Assert.Equal(1.0, defaults.Steps[0].CurrentUa / 1000.0 / defaults.ElectrodeAreaCm2, 2);
    }

    private static string WithArea(string areaCm2)
    {
        string text = BoardFiles.Read(BoardFiles.DevKitC4s2m);
        Assert.Contains("electrode_area_cm2 = 0.3848 ", text);
        return text.Replace("electrode_area_cm2 = 0.3848 ", "electrode_area_cm2 = " + areaCm2 + " ");
    }

    private static string WithoutCells(string limitMa)
    {
        string text = NFUnitTest.Boards.BoardText.WithoutSection(BoardFiles.Read(BoardFiles.DevKitC4s2m), "[cells]");
        Assert.DoesNotContain("[cells]", text);
        text = NFUnitTest.Boards.BoardText.With(text, "[safety]", "max_plating_current_ma", "0.3");
        return NFUnitTest.Boards.BoardText.With(text, "[safety]", "max_module_current_ma", limitMa);
    }

    private static int LineOf(string text, string start)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        return Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal)) + 1;
    }
}
