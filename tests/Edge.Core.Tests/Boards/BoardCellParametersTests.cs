using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// The optional [cells] section: electrode area and nominal cell resistance are parsed, bad values are
/// rejected with their line and key, and <see cref="BoardCellParameters"/> copies what is given into the
/// controller configuration. The section sits after line 28 of <see cref="MinimalBoard"/>: header on
/// line 30, area on 31, resistance on 32.
/// </summary>
public class BoardCellParametersTests
{
    private static string WithCells(string areaLine, string resistanceLine)
        => MinimalBoard.WithLinesAtEnd("", "[cells]", areaLine, resistanceLine);

    [Fact]
    public void Cells_section_values_are_parsed()
    {
        Assert.True(BoardParser.TryParse(WithCells("electrode_area_cm2 = 1.25", "nominal_resistance_ohm_cm2 = 21"), out BoardDefinition board, out BoardParseError error), error?.ToString());

        Assert.True(board.CellParameters.HasElectrodeArea);
        Assert.True(board.CellParameters.HasNominalResistance);
        Assert.Equal(1.25, board.CellParameters.ElectrodeAreaCm2);
        Assert.Equal(21, board.CellParameters.NominalResistanceOhmCm2);
    }

    [Fact]
    public void Area_keeps_its_five_decimals()
    {
        // 0.19635 cm2 plates at most 78.5 uA, 48.7 counts at 500 V/A: the shunt goes up to 2 ohm (1 kV/A), where 1 mA
        // swings the ADC input by 1 V, inside what it reads.
        string text = WithCells("electrode_area_cm2 = 0.19635", "# pi x 0.25^2").Replace("shunt_milliohm = 1000", "shunt_milliohm = 2000").Replace("max_module_current_ma = 2", "max_module_current_ma = 1");
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());

        Assert.Equal(0.19635, board.CellParameters.ElectrodeAreaCm2, 12);
        Assert.False(board.CellParameters.HasNominalResistance);
    }

    [Theory]
    [InlineData("electrode_area_cm2 = 0.004", 0.004)]
    [InlineData("electrode_area_cm2 = 10000", 10000.0)]
    public void Area_range_ends_are_accepted(string line, double expectedCm2)
    {
        // A 0.004 cm2 micro-electrode plates at most 1.6 uA, 50 counts of the typical chip (1241 counts/V) from
        // 25.2 kV/A: a 52 ohm shunt x 500 (26 kV/A, 51.6 counts) resolves it, and the module limit sits at the
        // controller's open-switch current, 50 uA, which swings the ADC input by 1.3 V around 1.65 V, inside what it reads.
        string text = WithCells(line, "").Replace("shunt_milliohm = 1000", "shunt_milliohm = 52000").Replace("max_module_current_ma = 2", "max_module_current_ma = 0.05").Replace("max_plating_current_ma = 0.5", "max_plating_current_ma = 0.001");
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(expectedCm2, board.CellParameters.ElectrodeAreaCm2, 12);
    }

    [Fact]
    public void A_micro_electrode_whose_plating_cap_needs_more_gain_than_any_module_limit_fits_is_refused()
    {
        // 0.001 cm2 plates at most 0.4 uA: 50 counts need 500 kV/A (1 kohm x 500), where the ADC holds at most
        // 1409 mV / 500 kV/A = 2.818 uA around 1.65 V, below the controller's 50 uA open-switch current. A module limit of
        // 2 uA parsed before and was refused only at boot, naming protection.openSwitchCurrentUa.
        string text = WithCells("electrode_area_cm2 = 0.001", "").Replace("shunt_milliohm = 1000", "shunt_milliohm = 1000000").Replace("max_module_current_ma = 2", "max_module_current_ma = 0.002").Replace("max_plating_current_ma = 0.5", "max_plating_current_ma = 0.001");
        Assert.False(BoardParser.TryParse(text, out _, out BoardParseError error));
        Assert.Equal("max_module_current_ma", error.Key);
        Assert.Contains("no limit fits the current channels: [module 0] needs at least 0.05 mA and the narrowest channel holds at most 0.002 mA inside the ADC", error.Message);
    }

    [Theory]
    [InlineData("nominal_resistance_ohm_cm2 = 1", 1)]
    [InlineData("nominal_resistance_ohm_cm2 = 1000000", 1000000)]
    public void Resistance_range_ends_are_accepted(string line, int expectedOhmCm2)
    {
        Assert.True(BoardParser.TryParse(WithCells("", line), out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(expectedOhmCm2, board.CellParameters.NominalResistanceOhmCm2);
        Assert.False(board.CellParameters.HasElectrodeArea);
    }

    [Fact]
    public void Empty_cells_section_gives_nothing()
    {
        Assert.True(BoardParser.TryParse(WithCells("", ""), out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.False(board.CellParameters.HasElectrodeArea);
        Assert.False(board.CellParameters.HasNominalResistance);
    }

    [Theory]
    [InlineData(31, "electrode_area_cm2 = 0", BoardParseErrorKind.OutOfRange, "[cells] electrode_area_cm2: value 0 out of range 0.001 to 10000")]
    [InlineData(31, "electrode_area_cm2 = 0.0009", BoardParseErrorKind.OutOfRange, "[cells] electrode_area_cm2: value 0.0009 out of range")]
    [InlineData(31, "electrode_area_cm2 = 10000.5", BoardParseErrorKind.OutOfRange, "[cells] electrode_area_cm2: value 10000.5 out of range")]
    [InlineData(31, "electrode_area_cm2 = -0.3848", BoardParseErrorKind.OutOfRange, "[cells] electrode_area_cm2: value -0.3848 out of range")]
    [InlineData(31, "electrode_area_cm2 = 0,3848", BoardParseErrorKind.BadNumber, "[cells] electrode_area_cm2: '0,3848' is not a number with at most 5 decimals")]
    [InlineData(31, "electrode_area_cm2 = 0.384845", BoardParseErrorKind.BadNumber, "[cells] electrode_area_cm2: '0.384845' is not a number with at most 5 decimals")]
    [InlineData(31, "electrode_area_cm2 = 7mm", BoardParseErrorKind.BadNumber, "[cells] electrode_area_cm2: '7mm' is not a number")]
    [InlineData(32, "nominal_resistance_ohm_cm2 = 0", BoardParseErrorKind.OutOfRange, "[cells] nominal_resistance_ohm_cm2: value 0 out of range 1 to 1000000")]
    [InlineData(32, "nominal_resistance_ohm_cm2 = 1000001", BoardParseErrorKind.OutOfRange, "[cells] nominal_resistance_ohm_cm2: value 1000001 out of range 1 to 1000000")]
    [InlineData(32, "nominal_resistance_ohm_cm2 = 21.5", BoardParseErrorKind.BadNumber, "[cells] nominal_resistance_ohm_cm2: '21.5' is not a whole number")]
    [InlineData(32, "nominal_resistance_ohm_cm2 = high", BoardParseErrorKind.BadNumber, "[cells] nominal_resistance_ohm_cm2: 'high' is not a whole number")]
    [InlineData(32, "area_cm2 = 0.3848", BoardParseErrorKind.UnknownKey, "[cells]: unknown key 'area_cm2'; allowed: electrode_area_cm2, nominal_resistance_ohm_cm2")]
    [InlineData(32, "electrode_area_cm2 = 0.5", BoardParseErrorKind.DuplicateKey, "[cells] electrode_area_cm2: duplicate key, first set on line 31")]
    [InlineData(32, "nominal_resistance_ohm_cm2 =", BoardParseErrorKind.Syntax, "[cells] nominal_resistance_ohm_cm2: empty value")]
    public void Bad_cells_line_is_rejected(int line, string text, BoardParseErrorKind expectedKind, string phrase)
    {
        string board = line == 31
            ? WithCells(text, "nominal_resistance_ohm_cm2 = 170")
            : WithCells("electrode_area_cm2 = 0.3848", text);

        AssertRejected(board, line, expectedKind, phrase);
    }

    [Fact]
    public void Rejection_names_section_and_key()
    {
        Assert.False(BoardParser.TryParse(WithCells("electrode_area_cm2 = 0.3848", "nominal_resistance_ohm_cm2 = -21"), out _, out BoardParseError error));

        Assert.Equal("[cells]", error.Section);
        Assert.Equal("nominal_resistance_ohm_cm2", error.Key);
        Assert.StartsWith("line 32: [cells] nominal_resistance_ohm_cm2: ", error.ToString());
    }

    [Fact]
    public void Second_cells_section_is_rejected()
    {
        string text = WithCells("electrode_area_cm2 = 0.3848", "") + "\n[cells]\nnominal_resistance_ohm_cm2 = 21";

        AssertRejected(text, 33, BoardParseErrorKind.DuplicateSection, "duplicate section [cells], first on line 30");
    }

    [Fact]
    public void Cells_section_takes_no_number()
    {
        string text = MinimalBoard.WithLinesAtEnd("", "[cells 0]", "electrode_area_cm2 = 0.3848");

        AssertRejected(text, BoardText.LineOf(text, "[cells 0]", null), BoardParseErrorKind.Syntax, "section [cells] takes no number");
    }

    [Fact]
    public void Cells_section_may_stand_first()
    {
        string text = MinimalBoard.WithLinesBefore("[board]", null, "[cells]", "nominal_resistance_ohm_cm2 = 21", "");

        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(21, board.CellParameters.NominalResistanceOhmCm2);
    }

    [Fact]
    public void Board_without_cells_section_leaves_the_defaults()
    {
        Assert.True(BoardParser.TryParse(MinimalBoard.Text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.NotNull(board.CellParameters);
        Assert.False(board.CellParameters.HasElectrodeArea);
        Assert.False(board.CellParameters.HasNominalResistance);

        var configuration = new ControllerConfiguration();
        BoardCellParameters.Apply(board.CellParameters, configuration);

        // The controller's defaults: [W] 7 mm O-ring, 150 ohm cm2 NASICON.
        Assert.Equal(0.3848, configuration.Protocol.ElectrodeAreaCm2);
        Assert.Equal(150, configuration.HardShort.NominalResistanceOhmCm2);
    }

    [Fact]
    public void Apply_copies_the_given_values_and_the_configuration_stays_valid()
    {
        Assert.True(BoardParser.TryParse(WithCells("electrode_area_cm2 = 2.5", "nominal_resistance_ohm_cm2 = 21"), out BoardDefinition board, out BoardParseError error), error?.ToString());
        var configuration = new ControllerConfiguration();

        BoardCellParameters.Apply(board.CellParameters, configuration);

        Assert.Equal(2.5, configuration.Protocol.ElectrodeAreaCm2);
        Assert.Equal(21, configuration.HardShort.NominalResistanceOhmCm2);
        Assert.Null(ConfigurationValidator.Validate(configuration, new PackLayout(1, 1, 0)));
    }

    [Fact]
    public void A_smaller_electrode_keeps_the_current_densities_not_the_microamps()
    {
        // The defaults mean 1 mA/cm2 pulses, a 0.4 mA/cm2 plating cap and 5 mA/cm2 per module ([W], cell-model.md).
        // On 0.1 cm2 those are 100 uA, 40 uA and 500 uA; keeping 154 uA would plate at 1.54 mA/cm2, where the seed
        // cells short within minutes.
        var configuration = new ControllerConfiguration();
        configuration.Protocol.CapacityLimitUc = 27700000;   // 20 mAh/cm2 on 0.3848 cm2

        BoardCellParameters.Apply(new CellParametersDefinition(0.1, CellParametersDefinition.NotGiven), configuration);

        Assert.Equal(100, configuration.Protocol.Steps[0].CurrentUa);
        Assert.Equal(0, configuration.Protocol.Steps[1].CurrentUa);
        Assert.Equal(1000, configuration.Protocol.Steps[0].DurationMs);
        Assert.Equal(40, configuration.Protocol.PlatingCriticalCurrentUa);
        Assert.Equal(500, configuration.Protection.ModuleMaximumCurrentUa);
        Assert.InRange(configuration.Protocol.CapacityLimitUc, 7198000, 7202000);   // 20 mAh/cm2 x 0.1 cm2 x 3.6e6 uC/mAh
        Assert.Null(ConfigurationValidator.Validate(configuration, new PackLayout(1, 1, 0)));
    }

    [Fact]
    public void Apply_leaves_a_value_the_board_does_not_give()
    {
        var configuration = new ControllerConfiguration();
        configuration.HardShort.NominalResistanceOhmCm2 = 60;

        BoardCellParameters.Apply(new CellParametersDefinition(1.5, CellParametersDefinition.NotGiven), configuration);

        Assert.Equal(1.5, configuration.Protocol.ElectrodeAreaCm2);
        Assert.Equal(60, configuration.HardShort.NominalResistanceOhmCm2);
    }

    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m)]
    [InlineData(BoardFiles.Mux6s)]
    public void Shipped_boards_carry_the_seed_cells(string fileName)
    {
        BoardDefinition board = BoardFiles.Parse(fileName);

        // NaK on NASICON: [W] 7 mm O-ring (0.3848 cm2), 150 ohm cm2 electrolyte + 20 interface.
        Assert.Equal(0.3848, board.CellParameters.ElectrodeAreaCm2);
        Assert.Equal(170, board.CellParameters.NominalResistanceOhmCm2);
    }

    private static void AssertRejected(string text, int expectedLine, BoardParseErrorKind expectedKind, string phrase)
    {
        bool ok = BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error);
        Assert.False(ok, "expected a rejection, text:\n" + text);
        Assert.Null(board);
        Assert.Contains(phrase, error.Message);
        Assert.Equal(expectedKind, error.Kind);
        Assert.Equal(expectedLine, error.LineNumber);
    }
}
