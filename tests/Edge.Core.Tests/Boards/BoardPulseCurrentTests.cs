using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// The default protocol's pulse is 1 mA/cm2 of the board's electrode area; on cells large enough for that to exceed
/// the board's <c>max_module_current_ma</c> the device boots with the pulse at the board's limit (boards/README.md).
/// </summary>
public class BoardPulseCurrentTests
{
    private static ControllerConfiguration Boot(string areaCm2, out PackLayout layout)
    {
        string text = MinimalBoard.WithLinesAtEnd("", "[cells]", "electrode_area_cm2 = " + areaCm2, "nominal_resistance_ohm_cm2 = 150");
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.True(BoardPackLayout.TryCreate(board, out layout, out string reason), reason);
        return BoardConfiguration.Create(board);
    }

    [Fact]
    public void A_pulse_of_1_mA_per_cm2_that_exceeds_the_boards_limit_runs_at_the_limits_derate_level()
    {
        // 5 cm2 at 1 mA/cm2 is 5 mA; the board carries 2 mA. At 2000 uA every pulse passed the derate level, 95 % of
        // it (ProtectionGrading.DeratePercent): 1900 uA, the most a pulse runs at without being derated.
        ControllerConfiguration configuration = Boot("5", out PackLayout layout);

        Assert.Equal(1900, configuration.Protocol.Steps[0].CurrentUa);
        Assert.True(configuration.Protocol.Steps[0].IsCurrentStep);
        Assert.Equal(1000, configuration.Protocol.Steps[0].DurationMs);
        ConfigurationError e = ConfigurationValidator.Validate(configuration, layout);
        Assert.True(e == null, e?.ToString());
    }

    [Fact]
    public void A_pulse_inside_the_boards_limit_keeps_its_1_mA_per_cm2()
    {
        // 1.25 cm2 at 1 mA/cm2: 1.25 mA, inside the board's 2 mA (the default's 385 uA on 0.3848 cm2, scaled: 1251 uA).
        ControllerConfiguration configuration = Boot("1.25", out PackLayout layout);

        Assert.InRange(configuration.Protocol.Steps[0].CurrentUa, 1249, 1252);
        Assert.Null(ConfigurationValidator.Validate(configuration, layout));
    }
}
