using Edge.Core.Boards;
using Edge.Core.Configuration.Protocol;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// Cells whose default pulse (1 mA/cm2 of their area) the device cuts at boot are warned about, naming the pulse, the
/// level that cuts it and what is left: BoardPulseCurrents runs a pulse above the module current's derate level at that
/// level, 95 % of <c>max_module_current_ma</c> unless <c>module_current_derate_ma</c> is given. <c>electrode_area_cm2 =
/// 38.48</c> (mm2 typed for cm2; the shipped 0.3848) parsed without a word, and the boot pulse ran at about
/// 0.05 mA/cm2. A large cell is a real board, so it is a warning, not a refusal. Figures computed by hand: the pulse is
/// 385 uA x area / 0.3848 cm2, rounded (38.48 cm2: 38,500 uA; 5 cm2: 5002.6, 5003 uA; 2 cm2: 2001.0 uA); the derate
/// level of 2 mA is 2000 - 100 = 1900 uA, of 0.3 mA 300 - 15 = 285 uA, of 0.385 mA 385 - 19 = 366 uA.
/// </summary>
public class BoardElectrodeAreaReachTests
{
    [Fact]
    public void An_area_typed_in_mm2_is_warned_at_its_line_with_the_pulse_the_level_that_cuts_it_and_its_cm2_reading()
    {
        string text = WithArea("38.48");

        BoardDefinition board = BoardRuleAssert.Parsed(text);

        BoardWarning warning = BoardRuleAssert.SingleWarning(board, BoardWarningKind.AreaBeyondModuleCurrent);
        Assert.Equal(LineOf(text, "electrode_area_cm2"), warning.LineNumber);

        // 1900 uA / 38.48 cm2 = 49.4 uA/cm2.
        Assert.Equal(
            "[cells] electrode_area_cm2: at 38.48 cm2, the controller's 1 mA/cm2 pulse is 38.5 mA, above the derate level of max_module_current_ma = 2 (95 %, 1.9 mA), so its pulses are cut to 1.9 mA, 0.049 mA/cm2; in mm2? 0.3848 cm2",
            warning.Message);
    }

    [Fact]
    public void A_large_cell_the_limit_cannot_pulse_at_1_mA_per_cm2_is_warned_without_the_mm2_reading()
    {
        // 1900 uA / 5 cm2 = 0.38 mA/cm2 is a real large-cell board, not a factor of 100 off: no mm2 reading offered.
        BoardWarning warning = BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(WithArea("5")), BoardWarningKind.AreaBeyondModuleCurrent);

        Assert.Equal(
            "[cells] electrode_area_cm2: at 5 cm2, the controller's 1 mA/cm2 pulse is 5.003 mA, above the derate level of max_module_current_ma = 2 (95 %, 1.9 mA), so its pulses are cut to 1.9 mA, 0.38 mA/cm2",
            warning.Message);
    }

    [Fact]
    public void An_area_the_limit_carries_but_its_derate_level_does_not_is_warned()
    {
        // 2 cm2 on 2 mA: the 2001 uA pulse is at the limit, but above its 1900 uA derate level, which is what cuts it.
        // 1900 / 2 = 950 uA/cm2.
        Assert.EndsWith(
            "so its pulses are cut to 1.9 mA, 0.95 mA/cm2",
            BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(WithArea("2")), BoardWarningKind.AreaBeyondModuleCurrent).Message);
    }

    [Theory]
    [InlineData("0.3848")]
    [InlineData("1.8")]
    public void An_area_whose_pulse_the_derate_level_carries_is_not_warned(string areaCm2)
    {
        // 1.8 cm2: 385 x 1.8 / 0.3848 = 1801 uA, under 1900.
        Assert.Equal(0, BoardRuleAssert.Count(BoardRuleAssert.Parsed(WithArea(areaCm2)), BoardWarningKind.AreaBeyondModuleCurrent));
    }

    [Fact]
    public void A_board_without_an_area_whose_limit_cuts_the_default_pulse_is_warned_at_its_limit()
    {
        // No [cells]: the cells are taken as 0.3848 cm2. 285 uA / 0.3848 cm2 = 740.6 uA/cm2.
        string text = WithoutCells("0.3");

        BoardWarning warning = BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(text), BoardWarningKind.AreaBeyondModuleCurrent);

        Assert.Equal(LineOf(text, "max_module_current_ma"), warning.LineNumber);
        Assert.Equal(
            "[safety] max_module_current_ma: without [cells] electrode_area_cm2 the cells are taken as 0.3848 cm2, where the controller's 1 mA/cm2 pulse is 0.385 mA, above the derate level of max_module_current_ma = 0.3 (95 %, 0.285 mA), so its pulses are cut to 0.285 mA, 0.741 mA/cm2; give the cells' area",
            warning.Message);
    }

    [Fact]
    public void A_board_without_an_area_whose_limit_is_the_default_pulse_itself_is_warned()
    {
        // 0.385 mA carries the 385 uA pulse, but its derate level, 366 uA, cuts it: 366 / 0.3848 = 951.1 uA/cm2.
        Assert.Contains(
            "(95 %, 0.366 mA), so its pulses are cut to 0.366 mA, 0.951 mA/cm2",
            BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(WithoutCells("0.385")), BoardWarningKind.AreaBeyondModuleCurrent).Message);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0.405")]
    public void A_board_without_an_area_whose_derate_level_carries_the_default_pulse_is_not_warned(string limitMa)
    {
        // 0.405 mA: 405 - 20 (5 %, 20.25 rounded down) = 385 uA, the pulse itself.
        Assert.Equal(0, BoardRuleAssert.Count(BoardRuleAssert.Parsed(WithoutCells(limitMa)), BoardWarningKind.AreaBeyondModuleCurrent));
    }

    [Fact]
    public void A_derate_level_the_board_gives_is_the_one_named_and_the_warning_stands_at_its_line()
    {
        // The 2 mA limit carries the pulse; the board's own derate level of 0.3 mA cuts it: 300 / 0.3848 = 779.6 uA/cm2.
        string text = NFUnitTest.Boards.BoardText.With(WithoutCells("2"), "[safety]", "module_current_warning_ma", "0.25");
        text = NFUnitTest.Boards.BoardText.With(text, "[safety]", "module_current_derate_ma", "0.3");

        BoardWarning warning = BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(text), BoardWarningKind.AreaBeyondModuleCurrent);

        Assert.Equal(LineOf(text, "module_current_derate_ma"), warning.LineNumber);
        Assert.Equal(
            "[safety] module_current_derate_ma: without [cells] electrode_area_cm2 the cells are taken as 0.3848 cm2, where the controller's 1 mA/cm2 pulse is 0.385 mA, above module_current_derate_ma = 0.3, so its pulses are cut to 0.3 mA, 0.78 mA/cm2; give the cells' area",
            warning.Message);
    }

    [Theory]
    [InlineData("0.3848", "2")]
    [InlineData("2", "2")]
    [InlineData("1.8", "2")]
    [InlineData("1.9", "2")]
    [InlineData("5", "2")]
    [InlineData(null, "0.3")]
    [InlineData(null, "0.384")]
    [InlineData(null, "0.385")]
    [InlineData(null, "0.404")]
    [InlineData(null, "0.405")]
    [InlineData(null, "0.406")]
    public void A_board_is_warned_exactly_when_the_device_boots_with_its_pulse_cut(string areaCm2, string limitMa)
    {
        // The configuration the device boots with on the board, against the pulse the area asks for (ElectrodeAreaScaling
        // keeps 1 mA/cm2), whatever the check computes.
        string text = areaCm2 == null ? WithoutCells(limitMa) : NFUnitTest.Boards.BoardText.With(WithArea(areaCm2), "[safety]", "max_module_current_ma", limitMa);
        BoardDefinition board = BoardRuleAssert.Parsed(text);
        double area = areaCm2 == null ? 0.3848 : double.Parse(areaCm2, System.Globalization.CultureInfo.InvariantCulture);
        int asked = (int)Math.Round(new ProtocolConfiguration().Steps[0].CurrentUa * area / 0.3848, MidpointRounding.AwayFromZero);

        int booted = BoardConfiguration.Create(board).Protocol.Steps[0].CurrentUa;

        Assert.Equal(booted < asked, BoardRuleAssert.Count(board, BoardWarningKind.AreaBeyondModuleCurrent) == 1);
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
