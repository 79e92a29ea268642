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

    private static int LineOf(string text, string start)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        return Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal)) + 1;
    }
}
