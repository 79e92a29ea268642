using Edge.Core.Boards;
using Edge.Core.Configuration;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// The optional graded levels of <c>[safety]</c> (warning and derate inside each limit): parsed in their units,
/// refused with the key named when malformed or out of order, and brought into the configuration by
/// <see cref="BoardSafetyLimits"/>. The minimal board's limits are -3000..3000 mV and 2 mA, so its default levels
/// are 2700 / 2850 mV, -2700 / -2850 mV and 1800 / 1900 uA.
/// </summary>
public class BoardGradedSafetyTests
{
    private static string WithLevels(params string[] lines) => MinimalBoard.WithLinesAtEnd(lines);

    [Fact]
    public void Given_levels_are_parsed_in_their_units()
    {
        BoardDefinition board = BoardRuleAssert.Parsed(WithLevels(
            "cell_voltage_max_warning_mv = 2500",
            "cell_voltage_max_derate_mv = 2800",
            "cell_voltage_min_warning_mv = -2400",
            "cell_voltage_min_derate_mv = -2900",
            "module_current_warning_ma = 1.6",
            "module_current_derate_ma = 1.85"));

        SafetyEnvelope s = board.Safety;
        Assert.Equal((2500, 2800, -2400, -2900), (s.CellVoltageMaxWarningMv, s.CellVoltageMaxDerateMv, s.CellVoltageMinWarningMv, s.CellVoltageMinDerateMv));
        Assert.Equal((1600, 1850), (s.ModuleCurrentWarningUa, s.ModuleCurrentDerateUa));
        Assert.Equal(SafetyEnvelope.NotGiven, s.TemperatureWarningDeciC);
    }

    [Fact]
    public void A_board_without_levels_gives_none()
    {
        SafetyEnvelope s = BoardRuleAssert.Parsed(MinimalBoard.Text).Safety;
        Assert.Equal(SafetyEnvelope.NotGiven, s.CellVoltageMaxWarningMv);
        Assert.Equal(SafetyEnvelope.NotGiven, s.ModuleCurrentDerateUa);
    }

    [Fact]
    public void Temperature_levels_are_parsed_in_tenths_of_a_degree()
    {
        string text = BoardFiles.Read(BoardFiles.Mux6s).Replace("temperature_max_c = 45.0", "temperature_max_c = 45.0\ntemperature_warning_c = 38.5\ntemperature_derate_c = 42");
        SafetyEnvelope s = BoardRuleAssert.Parsed(text).Safety;
        Assert.Equal((385, 420), (s.TemperatureWarningDeciC, s.TemperatureDerateDeciC));
    }

    [Fact]
    public void A_malformed_level_is_refused_naming_its_key()
    {
        string text = WithLevels("cell_voltage_max_derate_mv = 2.8");
        BoardRuleAssert.Rejected(text, NFUnitTest.Boards.BoardText.LineOf(text, "[safety]", "cell_voltage_max_derate_mv"), BoardParseErrorKind.BadNumber, "cell_voltage_max_derate_mv");
    }

    [Fact]
    public void A_level_outside_its_range_is_refused_naming_its_key()
    {
        string text = WithLevels("module_current_warning_ma = 0");
        BoardRuleAssert.Rejected(text, NFUnitTest.Boards.BoardText.LineOf(text, "[safety]", "module_current_warning_ma"), BoardParseErrorKind.OutOfRange, "module_current_warning_ma");
    }

    [Fact]
    public void A_derate_level_at_the_limit_is_refused_at_its_key()
    {
        string text = WithLevels("cell_voltage_max_derate_mv = 3000");
        BoardRuleAssert.Rejected(text, NFUnitTest.Boards.BoardText.LineOf(text, "[safety]", "cell_voltage_max_derate_mv"), BoardParseErrorKind.Inconsistent, "cell_voltage_max_derate_mv at 3000 mV must lie below cell_voltage_max_mv at 3000 mV");
    }

    [Fact]
    public void A_warning_level_above_the_default_derate_level_is_refused_naming_that_default()
    {
        // Derate not given: its default is 95 % of 3000 mV, 2850 mV.
        string text = WithLevels("cell_voltage_max_warning_mv = 2900");
        BoardRuleAssert.Rejected(text, NFUnitTest.Boards.BoardText.LineOf(text, "[safety]", "cell_voltage_max_warning_mv"), BoardParseErrorKind.Inconsistent, "must lie below cell_voltage_max_derate_mv at 2850 mV (its default)");
    }

    [Fact]
    public void Lower_levels_must_lie_above_the_lower_limit_in_order()
    {
        string text = WithLevels("cell_voltage_min_warning_mv = -2950", "cell_voltage_min_derate_mv = -2900");
        BoardRuleAssert.Rejected(text, NFUnitTest.Boards.BoardText.LineOf(text, "[safety]", "cell_voltage_min_warning_mv"), BoardParseErrorKind.Inconsistent, "must lie above cell_voltage_min_derate_mv at -2900 mV");
    }

    [Fact]
    public void Current_levels_must_lie_below_the_module_limit()
    {
        string text = WithLevels("module_current_derate_ma = 2.001");
        BoardRuleAssert.Rejected(text, NFUnitTest.Boards.BoardText.LineOf(text, "[safety]", "module_current_derate_ma"), BoardParseErrorKind.Inconsistent, "must lie below max_module_current_ma at 2000 uA");
    }

    [Fact]
    public void A_temperature_level_needs_a_temperature_limit()
    {
        string text = WithLevels("temperature_derate_c = 40");
        BoardRuleAssert.Rejected(text, NFUnitTest.Boards.BoardText.LineOf(text, "[safety]", "temperature_derate_c"), BoardParseErrorKind.Inconsistent, "needs temperature_max_c");
    }

    [Fact]
    public void A_board_level_replaces_a_default_level_and_the_others_follow_the_boards_limit()
    {
        BoardDefinition board = BoardRuleAssert.Parsed(WithLevels("cell_voltage_max_warning_mv = 2500", "module_current_warning_ma = 1.5", "module_current_derate_ma = 1.9"));
        var configuration = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(board, configuration);

        BoardSafetyLimits.Apply(board.Safety, configuration);

        ProtectionConfiguration p = configuration.Protection;
        Assert.Equal(3000, p.CellMaximumMv);
        Assert.Equal(2500, p.CellMaximumWarningMv);
        Assert.Equal(2850, p.CellMaximumDerateMv);      // 95 % of the board's 3000 mV
        Assert.Equal(-2700, p.CellMinimumWarningMv);
        Assert.Equal(1925, p.ModuleMaximumCurrentUa);   // the controller's 1925 uA is tighter than the board's 2 mA
        Assert.Equal(1500, p.ModuleCurrentWarningUa);
        Assert.Equal(1900, p.ModuleCurrentDerateUa);
        Assert.Null(ConfigurationValidator.Validate(configuration, new Edge.Core.Sampling.PackLayout(1, 1, 0)));
    }

    [Fact]
    public void A_board_level_past_a_tighter_controller_limit_is_named_by_its_board_key()
    {
        // The board allows 2 mA with a derate level at 1.95 mA (inside its own limit: it parses); the controller's
        // default limit, 1925 uA, is tighter, so that level would be past the limit in effect.
        string text = NFUnitTest.Boards.BoardText.With(NFUnitTest.Boards.BoardText.With(WithLevels("module_current_derate_ma = 1.95"), "[safety]", "max_module_current_ma", "2"), "[safety]", "max_plating_current_ma", "1");
        BoardDefinition board = BoardRuleAssert.Parsed(text);
        var configuration = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(board, configuration);
        BoardSafetyLimits.Apply(board.Safety, configuration);

        string conflict = BoardSafetyLimits.LevelConflict(board.Safety, configuration.Protection);
        Assert.NotNull(conflict);
        Assert.StartsWith("[safety] module_current_derate_ma: 1950 uA is not inside the limit in effect, 1925 uA", conflict);
        Assert.Contains("max_module_current_ma (2000 uA)", conflict);

        // Levels inside the limit in effect raise nothing (the board's 1.5 / 1.9 mA under 1925 uA).
        BoardDefinition inside = BoardRuleAssert.Parsed(WithLevels("module_current_warning_ma = 1.5", "module_current_derate_ma = 1.9"));
        var fits = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(inside, fits);
        BoardSafetyLimits.Apply(inside.Safety, fits);
        Assert.Null(BoardSafetyLimits.LevelConflict(inside.Safety, fits.Protection));
    }

    [Fact]
    public void A_board_current_level_alone_is_checked_against_the_default_of_the_other()
    {
        // Warning not given: its default is 90 % of 2 mA, 1800 uA, above the 1.7 mA derate level.
        string text = WithLevels("module_current_derate_ma = 1.7");
        BoardRuleAssert.Rejected(text, NFUnitTest.Boards.BoardText.LineOf(text, "[safety]", "module_current_derate_ma"), BoardParseErrorKind.Inconsistent, "module_current_warning_ma at 1800 uA (its default) must lie below module_current_derate_ma at 1700 uA");
    }

    [Fact]
    public void A_level_set_by_hand_keeps_the_tighter_of_its_value_and_the_boards()
    {
        BoardDefinition board = BoardRuleAssert.Parsed(WithLevels("cell_voltage_max_warning_mv = 2500", "cell_voltage_max_derate_mv = 2800"));
        var configuration = new ControllerConfiguration();
        configuration.Protection.CellMaximumWarningMv = 2400;
        configuration.Protection.CellMaximumDerateMv = 2900;

        BoardSafetyLimits.Apply(board.Safety, configuration);

        Assert.Equal(2400, configuration.Protection.CellMaximumWarningMv);
        Assert.Equal(2800, configuration.Protection.CellMaximumDerateMv);
    }

    [Fact]
    public void Without_a_setpoint_output_the_derate_levels_only_warn()
    {
        // The minimal board's module has setpoint = none: nothing can lower its current.
        var configuration = new ControllerConfiguration();
        BoardDefinition board = BoardRuleAssert.Parsed(MinimalBoard.Text);
        BoardCurrentSetpoints.ApplyDefaults(board, configuration);
        BoardSafetyLimits.Apply(board.Safety, configuration);

        Assert.Equal(Edge.Core.Configuration.Diagnostics.DiagnosisReaction.None, configuration.Diagnosis[Edge.Core.Records.DiagnosisId.CellOvertemperatureDerate].Reaction);
        Assert.Equal(Edge.Core.Configuration.Diagnostics.DiagnosisReaction.IsolateModule, configuration.Diagnosis[Edge.Core.Records.DiagnosisId.CellOvervoltage].Reaction);
        Assert.Null(ConfigurationValidator.Validate(configuration, new Edge.Core.Sampling.PackLayout(1, 1, 0)));
    }
}
