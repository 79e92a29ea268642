using Edge.Core.Boards;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// Malformed boards are rejected with the right line number, the right kind and a message that
/// names the problem and the key. Edits name their section and key (<see cref="BoardText"/>) where a
/// line is replaced; the insertion tests still count lines of <see cref="MinimalBoard"/>.
/// </summary>
public class BoardParserErrorTests
{
    [Fact]
    public void Minimal_board_is_valid()
    {
        Assert.True(BoardParser.TryParse(MinimalBoard.Text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(1, board.CellCount);
        Assert.Null(error);
    }

    [Theory]
    // unknown key
    [InlineData("[cell 0]", "divider_ratio", "divider_ration = 0.4", null, BoardParseErrorKind.UnknownKey, "unknown key 'divider_ration'")]
    // bad numbers
    [InlineData("[board]", "sample_period_ms", "sample_period_ms = 10ms", null, BoardParseErrorKind.BadNumber, "sample_period_ms: '10ms' is not a whole number")]
    [InlineData("[cell 0]", "divider_ratio", "divider_ratio = 0,4", null, BoardParseErrorKind.BadNumber, "divider_ratio")]
    [InlineData("[cell 0]", "divider_ratio", "divider_ratio = 0.40000001", null, BoardParseErrorKind.BadNumber, "at most 6 decimals")]
    // values out of range
    [InlineData("[board]", "adc_resolution_bits", "adc_resolution_bits = 16", null, BoardParseErrorKind.OutOfRange, "adc_resolution_bits: value 16 out of range 9 to 12")]
    [InlineData("[board]", "adc_attenuation_db", "adc_attenuation_db = 9", null, BoardParseErrorKind.OutOfRange, "adc_attenuation_db")]
    [InlineData("[cell 0]", "divider_ratio", "divider_ratio = 1.5", null, BoardParseErrorKind.OutOfRange, "1.5 is above 1: the front end would amplify")]
    // ADC2 and non-ADC1 GPIOs as analog inputs
    [InlineData("[cell 0]", "adc_pin", "adc_pin = 25", null, BoardParseErrorKind.Adc2Channel, "GPIO 25 is ADC2 channel 8")]
    [InlineData("[module 0]", "adc_pin", "adc_pin = 4", null, BoardParseErrorKind.Adc2Channel, "Wi-Fi")]
    [InlineData("[cell 0]", "adc_pin", "adc_pin = 16", null, BoardParseErrorKind.NotAnAdc1Pin, "GPIO 16 has no ADC1 channel")]
    // outputs on pins that cannot drive
    [InlineData("[module 0]", "switch_pin", "switch_pin = 34", null, BoardParseErrorKind.NotAnOutputPin, "GPIO 34 cannot be an output: it is input-only")]
    [InlineData("[module 0]", "switch_pin", "switch_pin = 7", null, BoardParseErrorKind.NotAnOutputPin, "SPI flash")]
    [InlineData("[module 0]", "switch_pin", "switch_pin = 1", null, BoardParseErrorKind.NotAnOutputPin, "UART0")]
    // a pin used twice: the module's current input on the cell's pin, reported at the later line
    [InlineData("[module 0]", "adc_pin", "adc_pin = 36", null, BoardParseErrorKind.PinUsedTwice, "GPIO 36 used twice, also by [cell 0] adc_pin on line 8")]
    // module references an unknown cell
    [InlineData("[module 0]", "cells", "cells = 0, 1", null, BoardParseErrorKind.UnknownCell, "cell 1 has no [cell 1] section")]
    [InlineData("[module 0]", "cells", "cells = 0, 0", null, BoardParseErrorKind.CellInTwoModules, "cell 0 is already in this module")]
    // calibration points
    [InlineData("[cell 0]", "calibration", "calibration = 1:-3700", null, BoardParseErrorKind.CalibrationTooFewPoints, "at least two points")]
    [InlineData("[cell 0]", "calibration", "calibration = 1:-3700, 4094:3600, 2000:0", null, BoardParseErrorKind.CalibrationNotMonotonic, "counts must strictly increase (point 3)")]
    [InlineData("[cell 0]", "calibration", "calibration = 1:-3700, 2000:3700, 4094:3600", null, BoardParseErrorKind.CalibrationNotMonotonic, "values must be strictly monotonic (point 3)")]
    [InlineData("[cell 0]", "calibration", "calibration = 1:-3700, 4094:x", null, BoardParseErrorKind.BadNumber, "point '4094:x'")]
    [InlineData("[cell 0]", "calibration", "calibration = 1:-3700, 5000:3600", null, BoardParseErrorKind.OutOfRange, "point '5000:3600' out of range")]
    // section syntax and names
    [InlineData("[cell 0]", null, "[cell 0", null, BoardParseErrorKind.Syntax, "must look like [name] or [name N]")]
    [InlineData("[cell 0]", null, "[cell x]", null, BoardParseErrorKind.Syntax, "needs a number N")]
    [InlineData("[cell 0]", null, "[cell 99]", null, BoardParseErrorKind.OutOfRange, "number must be 0 to 15")]
    [InlineData("[cell 0]", null, "[cel 0]", null, BoardParseErrorKind.UnknownSection, "unknown section [cel 0]")]
    [InlineData("[safety]", null, "[safety 1]", null, BoardParseErrorKind.Syntax, "takes no number")]
    // line syntax
    [InlineData("[module 0]", "shunt_milliohm", "shunt_milliohm 1000", null, BoardParseErrorKind.Syntax, "expected 'key = value'")]
    [InlineData("[module 0]", "shunt_milliohm", "shunt_milliohm =", null, BoardParseErrorKind.Syntax, "shunt_milliohm: empty value")]
    // words
    [InlineData("[module 0]", "switch_active", "switch_active = up", null, BoardParseErrorKind.BadWord, "polarity 'up' is invalid")]
    [InlineData("[module 0]", "switch_driver", "switch_driver = relay", null, BoardParseErrorKind.BadWord, "driver 'relay' is invalid")]
    // missing required keys are reported at the section header
    [InlineData("[cell 0]", "offset_mv", "", "[cell 0]", BoardParseErrorKind.MissingKey, "[cell 0]: missing required key 'offset_mv'")]
    [InlineData("[module 0]", "switch_driver", "# no driver", "[module 0]", BoardParseErrorKind.MissingKey, "missing required key 'switch_driver'")]
    [InlineData("[cell 0]", "adc_pin", "", "[cell 0]", BoardParseErrorKind.AmbiguousInput, "give adc_pin (an ADC1 GPIO) or mux_input")]
    // whole-board consistency
    [InlineData("[cell 0]", "adc_pin", "mux_input = 2", null, BoardParseErrorKind.MuxMissing, "mux_input needs a [mux] section")]
    [InlineData("[safety]", "cell_voltage_max_mv", "cell_voltage_max_mv = -3000", null, BoardParseErrorKind.Inconsistent, "must be above cell_voltage_min_mv")]
    [InlineData("[safety]", "max_plating_current_ma", "max_plating_current_ma = 9", null, BoardParseErrorKind.Inconsistent, "9 mA is more than max_module_current_ma, 2 mA")]
    [InlineData("[cell 0]", "calibration", "calibration = 1:-2000, 4094:3600", "[safety] cell_voltage_min_mv", BoardParseErrorKind.Inconsistent, "outside the calibrated range of [cell 0]")]
    // settings nanoFramework's ESP32 ADC does not apply
    [InlineData("[board]", "adc_resolution_bits", "adc_resolution_bits = 10", null, BoardParseErrorKind.UnsupportedAdcSetting, "[board] adc_resolution_bits: 10 bits is not applied: nanoFramework's ESP32 ADC always converts at 12 bits")]
    [InlineData("[board]", "adc_attenuation_db", "adc_attenuation_db = 6", null, BoardParseErrorKind.UnsupportedAdcSetting, "[board] adc_attenuation_db: 6 dB is not applied: nanoFramework opens every ESP32 ADC channel at 11 dB")]
    [InlineData("[board]", "adc_attenuation_db", "adc_attenuation_db = 0", null, BoardParseErrorKind.UnsupportedAdcSetting, "use 11")]
    public void Single_line_change_is_rejected(string section, string key, string replacement, string reportedAt, BoardParseErrorKind expectedKind, string phrase)
    {
        // One line replaced by one: every line keeps its number, so the edited line and the line
        // the error must name are found in the same text. reportedAt: null for the edited line,
        // "[section]" for a header, "[section] key" for another key.
        string text = BoardText.ReplaceLine(MinimalBoard.Text, section, key, replacement);
        int expectedLine = reportedAt == null
            ? BoardText.LineOf(MinimalBoard.Text, section, key)
            : LineOf(MinimalBoard.Text, reportedAt);
        AssertRejected(text, expectedLine, expectedKind, phrase);
    }

    private static int LineOf(string text, string reportedAt)
    {
        int split = reportedAt.IndexOf("] ", StringComparison.Ordinal);
        return split < 0
            ? BoardText.LineOf(text, reportedAt, null)
            : BoardText.LineOf(text, reportedAt.Substring(0, split + 1), reportedAt.Substring(split + 2));
    }

    [Theory]
    // A file without line breaks (or saved in another encoding) is one long line: the message quotes its first 57
    // characters and says how long it is (the trailing blank of the first is trimmed: 999).
    [InlineData("shunt_milliohm 1000 ", BoardParseErrorKind.Syntax, "expected 'key = value' or '[section]', found 'shunt_milliohm 1000 shunt_milliohm 1000 shunt_milliohm 10...' (999 characters)")]
    [InlineData("shunt_milliohm x = ", BoardParseErrorKind.Syntax, "expected a single-word key before '=', found 'shunt_milliohm x = shunt_milliohm x = shunt_milliohm x = ...' (1000 characters)")]
    [InlineData("shunt_milliohm = 1", BoardParseErrorKind.BadNumber, "shunt_milliohm: '1shunt_milliohm = 1shunt_milliohm = 1shunt_milliohm = 1sh...' (983 characters) is not a whole number")]
    public void Long_line_is_quoted_by_its_start_and_length(string repeated, BoardParseErrorKind expectedKind, string expected)
    {
        string line = string.Concat(Enumerable.Repeat(repeated, 1000 / repeated.Length + 1)).Substring(0, 1000);
        string text = BoardText.ReplaceLine(MinimalBoard.Text, "[module 0]", "shunt_milliohm", line);

        AssertRejected(text, BoardText.LineOf(MinimalBoard.Text, "[module 0]", "shunt_milliohm"), expectedKind, expected);
    }

    [Fact]
    public void Duplicate_key_is_rejected_at_its_second_line()
    {
        int first = MinimalBoard.LineOf("[cell 0]", "offset_mv");
        string text = BoardText.WithLinesAfter(MinimalBoard.Text, "[cell 0]", "offset_mv", "offset_mv = 1600");
        AssertRejected(text, first + 1, BoardParseErrorKind.DuplicateKey, "[cell 0] offset_mv: duplicate key, first set on line " + first);
    }

    [Fact]
    public void Duplicate_section_is_rejected()
    {
        string text = MinimalBoard.WithLinesAtEnd("[board]");
        AssertRejected(text, text.Split('\n').Length, BoardParseErrorKind.DuplicateSection, "duplicate section [board], first on line " + MinimalBoard.LineOf("[board]", null));
    }

    [Fact]
    public void Key_before_any_section_is_rejected()
    {
        // The two lines stand first, so the key is on line 2.
        AssertRejected(MinimalBoard.WithLinesBefore("[board]", null, "# header comment", "name = early"), 2, BoardParseErrorKind.Syntax, "key 'name' stands before any [section]");
    }

    [Fact]
    public void Missing_safety_section_is_reported_at_line_zero()
    {
        AssertRejected(MinimalBoard.WithoutSection("[safety]"), 0, BoardParseErrorKind.MissingSection, "missing section [safety]");
    }

    [Fact]
    public void Missing_board_section_is_reported_at_line_zero()
    {
        AssertRejected(MinimalBoard.WithoutSection("[board]"), 0, BoardParseErrorKind.MissingSection, "missing section [board]");
    }

    [Fact]
    public void Mux_without_select_pins_is_rejected_at_its_header()
    {
        string text = MinimalBoard.WithLinesBefore("[cell 0]", null, "[mux]", "adc_pin = 39", "settle_us = 20", "");
        AssertRejected(text, BoardText.LineOf(text, "[mux]", null), BoardParseErrorKind.MissingKey, "[mux]: missing required key 'select_pins'");
    }

    [Fact]
    public void Mux_enable_pin_needs_its_polarity()
    {
        string text = MinimalBoard.WithLinesBefore("[cell 0]", null, "[mux]", "select_pins = 18, 19, 21", "enable_pin = 22", "adc_pin = 39", "settle_us = 20", "filter_ohm = 0", "filter_pf = 0", "");
        AssertRejected(text, BoardText.LineOf(text, "[mux]", null), BoardParseErrorKind.MissingKey, "missing required key 'enable_active' (needed with enable_pin)");
    }

    [Fact]
    public void Mux_input_beyond_the_select_pins_is_rejected()
    {
        string text = MinimalBoard.WithLinesBefore("[cell 0]", null, "[mux]", "select_pins = 18, 19", "adc_pin = 39", "settle_us = 20", "filter_ohm = 0", "filter_pf = 0", "")
            .Replace("adc_pin = 36", "mux_input = 4");
        AssertRejected(text, BoardText.LineOf(text, "[cell 0]", "mux_input"), BoardParseErrorKind.OutOfRange, "mux input 4 out of range 0 to 3 for 2 select pins");
    }

    [Fact]
    public void Two_channels_on_one_mux_input_are_rejected()
    {
        string text = MinimalBoard.WithLinesBefore("[cell 0]", null, "[mux]", "select_pins = 18, 19", "adc_pin = 39", "settle_us = 20", "filter_ohm = 0", "filter_pf = 0", "")
            .Replace("adc_pin = 36", "mux_input = 1")
            .Replace("adc_pin = 32", "mux_input = 1");
        AssertRejected(
            text,
            BoardText.LineOf(text, "[module 0]", "mux_input"),
            BoardParseErrorKind.MuxInputUsedTwice,
            "[module 0] mux_input: mux input 1 used twice, also by [cell 0] mux_input on line " + BoardText.LineOf(text, "[cell 0]", "mux_input"));
    }

    [Fact]
    public void Both_adc_pin_and_mux_input_is_ambiguous()
    {
        string text = MinimalBoard.With("[cell 0]", "mux_input", "0");
        AssertRejected(text, BoardText.LineOf(text, "[cell 0]", "mux_input"), BoardParseErrorKind.AmbiguousInput, "either adc_pin or mux_input, not both");
    }

    [Fact]
    public void Cell_and_current_curves_must_rise_with_the_counts_as_their_front_ends_do()
    {
        // Cell: ADC input = offset_mv + divider_ratio x V and current: offset_mv + shunt x gain x I, both gains above 0
        // (the parser refuses 0 and below), so a higher reading is a higher value. A falling curve would read every
        // cell voltage and every current with the wrong sign: a stripping current as plating, the +3 V cut-off at -3 V.
        string cell = MinimalBoard.With("[cell 0]", "calibration", "1:3600, 4094:-3700");
        AssertRejected(
            cell, BoardText.LineOf(cell, "[cell 0]", "calibration"), BoardParseErrorKind.Inconsistent,
            "[cell 0] calibration: the values fall as the counts rise, but the front end (offset_mv + divider_ratio x cell voltage) raises the reading with the cell voltage");

        string current = MinimalBoard.With("[module 0]", "calibration", "1:14000, 4094:-14000");
        AssertRejected(
            current, BoardText.LineOf(current, "[module 0]", "calibration"), BoardParseErrorKind.Inconsistent,
            "[module 0] calibration: the values fall as the counts rise, but the front end (offset_mv + shunt x gain x current) raises the reading with the current");

        // A temperature curve is the sensor's: an NTC divider may fall with the counts.
        BoardDefinition ntc = BoardRuleAssert.Parsed(BoardText.WithLinesAtEnd(MinimalBoard.With("[safety]", "temperature_max_c", "45.0"), "[temperature 0]", "adc_pin = 39", "calibration = 100:1000, 4000:-200"));
        Assert.Equal(1, ntc.TemperatureCount);
    }

    [Fact]
    public void Cell_in_no_module_is_rejected_at_its_header()
    {
        string text = MinimalBoard.WithLinesBefore("[module 0]", null, "[cell 1]", "adc_pin = 39", "divider_ratio = 0.4", "offset_mv = 1650", "calibration = 1:-3700, 4094:3600", "");
        AssertRejected(text, BoardText.LineOf(text, "[cell 1]", null), BoardParseErrorKind.CellInNoModule, "[cell 1] belongs to no module");
    }

    [Fact]
    public void Cell_in_two_modules_is_rejected_at_the_second_cells_key()
    {
        string text = MinimalBoard.WithLinesBefore("[safety]", null, "[module 1]", "cells = 0", "adc_pin = 33", "shunt_milliohm = 1000", "amplifier_gain = 100", "offset_mv = 1650",
            "calibration = 1:-14000, 4094:14000", "switch_pin = 17", "switch_active = low", "switch_driver = gpio", "");
        AssertRejected(text, BoardText.LineOf(text, "[module 1]", "cells"), BoardParseErrorKind.CellInTwoModules, "cell 0 is already in [module 0]");
    }

    [Theory]
    // A module's cells listed top first.
    [InlineData(2, new[] { "1, 0" }, "[module 0]", "[module 0] cells: cell 1 stands where cell 0 belongs")]
    // Interleaved modules: [module 0] skips cell 1, which [module 1] takes.
    [InlineData(4, new[] { "0, 2", "1, 3" }, "[module 0]", "[module 0] cells: cell 2 stands where cell 1 belongs")]
    // The modules' cells swapped: [module 0] must start at cell 0.
    [InlineData(2, new[] { "1", "0" }, "[module 0]", "[module 0] cells: cell 1 stands where cell 0 belongs")]
    // [module 1] does not go on from where [module 0] ends (cell 1).
    [InlineData(3, new[] { "0", "2, 1" }, "[module 1]", "[module 1] cells: cell 2 stands where cell 1 belongs")]
    public void Cells_out_of_order_are_rejected_at_the_cells_key(int cellCount, string[] moduleCells, string reportedAt, string phrase)
    {
        // The controller numbers cell p of module m as m x cells per module + p (BoardPackLayout): any other order would
        // be refused only at boot, without a line; the file names its line.
        string text = OrderedCellsBoard(cellCount, moduleCells);
        AssertRejected(text, BoardText.LineOf(text, reportedAt, "cells"), BoardParseErrorKind.CellOrder, phrase);
    }

    [Theory]
    // 3 cells: [module 0] holds two, [module 1] one.
    [InlineData(3, new[] { "0, 1", "2" }, "[module 1] cells: 1 cells, but [module 0] has 2")]
    // 3 cells: [module 0] holds one, [module 1] two.
    [InlineData(3, new[] { "0", "1, 2" }, "[module 1] cells: 2 cells, but [module 0] has 1")]
    public void Modules_of_different_sizes_are_rejected_at_the_cells_key(int cellCount, string[] moduleCells, string phrase)
    {
        // The controller numbers cell p of module m as m x cells per module + p (BoardPackLayout), one size for all
        // modules: a board whose modules differ would be refused only at boot, without a line.
        string text = OrderedCellsBoard(cellCount, moduleCells);
        AssertRejected(text, BoardText.LineOf(text, "[module 1]", "cells"), BoardParseErrorKind.Inconsistent, phrase);
    }

    [Fact]
    public void Cells_in_module_order_parse()
    {
        BoardDefinition board = BoardRuleAssert.Parsed(OrderedCellsBoard(4, "0, 1", "2, 3"));
        Assert.Equal(2, board.ModuleCount);
        Assert.Equal(3, board.ModuleAt(1).CellIndexAt(1));
    }

    /// <summary>A board of <paramref name="cellCount"/> direct cells (up to 4) and one module per cells list (up to 2).</summary>
    private static string OrderedCellsBoard(int cellCount, params string[] moduleCells)
    {
        int[] cellPins = { 36, 39, 34, 35 };
        int[] currentPins = { 32, 33 };
        int[] switchPins = { 16, 18 };
        string text = MinimalBoard.WithoutSection("[cell 0]");
        text = BoardText.WithoutSection(text, "[module 0]");
        var lines = new List<string>();
        for (int i = 0; i < cellCount; i++)
        {
            lines.AddRange(new[] { "[cell " + i + "]", "adc_pin = " + cellPins[i], "divider_ratio = 0.4", "offset_mv = 1650", "calibration = 1:-3700, 4094:3600", "" });
        }

        for (int m = 0; m < moduleCells.Length; m++)
        {
            lines.AddRange(new[]
            {
                "[module " + m + "]", "cells = " + moduleCells[m], "adc_pin = " + currentPins[m], "shunt_milliohm = 1000", "amplifier_gain = 500", "offset_mv = 1650",
                "calibration = 1:-14000, 4094:14000", "switch_pin = " + switchPins[m], "switch_active = high", "switch_driver = gpio", "",
            });
        }

        return BoardText.WithLinesBefore(text, "[safety]", null, lines.ToArray());
    }

    [Theory]
    // A cell at rest reads about 0 V, stripping raises it and plating lowers it (boards/README.md, signal conventions):
    // an upper limit at or below 0 V, or a lower one at or above it, puts a resting cell outside the envelope, and the
    // controller's stripping cut-off (1 mV up to the upper limit) or plating cut-off (the lower limit up to -1 mV) has no room.
    [InlineData("cell_voltage_max_mv", "0", "[safety] cell_voltage_max_mv: 0 mV is not above 0 V")]
    [InlineData("cell_voltage_max_mv", "-100", "[safety] cell_voltage_max_mv: -100 mV is not above 0 V")]
    [InlineData("cell_voltage_min_mv", "0", "[safety] cell_voltage_min_mv: 0 mV is not below 0 V")]
    [InlineData("cell_voltage_min_mv", "200", "[safety] cell_voltage_min_mv: 200 mV is not below 0 V")]
    public void Cell_limits_must_leave_a_resting_cell_inside(string key, string value, string phrase)
    {
        // The other limit stays at +-3000 mV, so the maximum stays above the minimum: only the side of 0 V is wrong.
        string text = MinimalBoard.With("[safety]", key, value);
        AssertRejected(text, BoardText.LineOf(text, "[safety]", key), BoardParseErrorKind.Inconsistent, phrase);
    }

    [Fact]
    public void Narrow_cell_limits_around_0_V_parse()
    {
        string text = BoardText.With(MinimalBoard.With("[safety]", "cell_voltage_min_mv", "-100"), "[safety]", "cell_voltage_max_mv", "100");
        BoardDefinition board = BoardRuleAssert.Parsed(text);
        Assert.Equal(-100, board.Safety.CellVoltageMinMv);
        Assert.Equal(100, board.Safety.CellVoltageMaxMv);
    }

    [Fact]
    public void Gap_in_cell_numbers_is_rejected()
    {
        string text = MinimalBoard.WithLinesBefore("[module 0]", null, "[cell 2]", "adc_pin = 39", "divider_ratio = 0.4", "offset_mv = 1650", "calibration = 1:-3700, 4094:3600", "");
        AssertRejected(text, BoardText.LineOf(text, "[cell 2]", null), BoardParseErrorKind.MissingSection, "[cell 2] without [cell 1]");
    }

    [Fact]
    public void Pwm_switch_driver_needs_a_frequency()
    {
        AssertRejected(MinimalBoard.With("[module 0]", "switch_driver", "pwm"), MinimalBoard.LineOf("[module 0]", null), BoardParseErrorKind.MissingKey, "switch_pwm_frequency_hz");
    }

    [Fact]
    public void Pwm_switch_slower_than_13_bits_is_rejected()
    {
        // Open is written as one duty step of 1/10000: 0 counts only while 2^bits < 10000. At 4000 Hz the runtime picks
        // 14 bits (80 MHz x 256 / 4000 Hz / 2^14 = 312 > 256), where one step is 16384 / 10000 = 1 count: never quite open.
        string text = MinimalBoard.With("[module 0]", "switch_driver", "pwm");
        text = BoardText.With(text, "[module 0]", "switch_pwm_frequency_hz", "4000");
        text = BoardText.With(text, "[module 0]", "switch_pwm_channel", "1");
        AssertRejected(text, BoardText.LineOf(text, "[module 0]", "switch_pwm_frequency_hz"), BoardParseErrorKind.OutOfRange, "[module 0] switch_pwm_frequency_hz: 4000 Hz runs the LEDC at 14 bits");
        AssertRejected(text, BoardText.LineOf(text, "[module 0]", "switch_pwm_frequency_hz"), BoardParseErrorKind.OutOfRange, "use at least 4864 Hz (13 bits)");
        Assert.True(BoardParser.TryParse(text.Replace("= 4000", "= 4864"), out _, out BoardParseError error), error?.ToString());
    }

    [Fact]
    public void Dac_setpoint_must_be_on_a_dac_pin()
    {
        string text = BoardText.With(MinimalBoard.With("[module 0]", "setpoint", "dac"), "[module 0]", "setpoint_pin", "27");
        AssertRejected(text, BoardText.LineOf(text, "[module 0]", "setpoint_pin"), BoardParseErrorKind.Inconsistent, "GPIO 27 has no DAC");
    }

    [Fact]
    public void Dac_setpoint_needs_its_full_scale_current()
    {
        string text = BoardText.With(MinimalBoard.With("[module 0]", "setpoint", "dac"), "[module 0]", "setpoint_pin", "25");
        AssertRejected(text, MinimalBoard.LineOf("[module 0]", null), BoardParseErrorKind.MissingKey, "setpoint_full_scale_ua");
    }

    [Fact]
    public void Setpoint_full_scale_without_setpoint_kind_is_rejected()
    {
        string text = MinimalBoard.With("[module 0]", "setpoint_full_scale_ua", "8000");
        AssertRejected(text, BoardText.LineOf(text, "[module 0]", "setpoint_full_scale_ua"), BoardParseErrorKind.Inconsistent, "[module 0] setpoint_full_scale_ua: needs setpoint = pwm or dac");
    }

    [Fact]
    public void Setpoint_full_scale_below_the_module_current_limit_is_rejected()
    {
        // max_module_current_ma = 2: a setpoint that tops out at 1999 uA could not command it.
        string text = BoardText.With(MinimalBoard.With("[module 0]", "setpoint", "dac"), "[module 0]", "setpoint_pin", "25");
        text = BoardText.With(text, "[module 0]", "setpoint_full_scale_ua", "1999");
        AssertRejected(text, BoardText.LineOf(text, "[module 0]", "setpoint_full_scale_ua"), BoardParseErrorKind.Inconsistent, "[module 0] setpoint_full_scale_ua: 1999 uA is below max_module_current_ma (2000 uA)");
        Assert.True(BoardParser.TryParse(text.Replace("1999", "2000"), out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(2000, board.ModuleAt(0).SetpointFullScaleUa);
    }

    [Fact]
    public void Pwm_setpoint_slower_than_13_bits_is_rejected()
    {
        // The runtime's divider: 80 MHz x 256 / 4000 Hz = 5120000, / 2^14 = 312 > 256, so 14 bits, whose counts a duty in
        // 1/10000 steps cannot all reach. At 4883 Hz: 4194142 / 2^14 = 255 (not above 256), / 2^13 = 511: 13 bits.
        string text = MinimalBoard.With("[module 0]", "setpoint", "pwm");
        text = BoardText.With(text, "[module 0]", "setpoint_pin", "4");
        text = BoardText.With(text, "[module 0]", "setpoint_pwm_frequency_hz", "4000");
        text = BoardText.With(text, "[module 0]", "setpoint_pwm_channel", "3");
        text = BoardText.With(text, "[module 0]", "setpoint_full_scale_ua", "8192");
        AssertRejected(text, BoardText.LineOf(text, "[module 0]", "setpoint_pwm_frequency_hz"), BoardParseErrorKind.OutOfRange, "[module 0] setpoint_pwm_frequency_hz: 4000 Hz runs the LEDC at 14 bits");
        AssertRejected(text, BoardText.LineOf(text, "[module 0]", "setpoint_pwm_frequency_hz"), BoardParseErrorKind.OutOfRange, "use at least 4864 Hz (13 bits)");
        Assert.True(BoardParser.TryParse(text.Replace("= 4000", "= 4883"), out _, out BoardParseError error), error?.ToString());
        Assert.True(BoardParser.TryParse(text.Replace("= 4000", "= 4864"), out _, out error), error?.ToString());
    }

    [Fact]
    public void Setpoint_pin_without_setpoint_kind_is_rejected()
    {
        string text = MinimalBoard.With("[module 0]", "setpoint_pin", "25");
        AssertRejected(text, BoardText.LineOf(text, "[module 0]", "setpoint_pin"), BoardParseErrorKind.Inconsistent, "needs setpoint = pwm or dac");
    }

    [Fact]
    public void Temperature_limit_needs_a_temperature_channel()
    {
        string text = MinimalBoard.With("[safety]", "temperature_max_c", "45.0");
        AssertRejected(text, BoardText.LineOf(text, "[safety]", "temperature_max_c"), BoardParseErrorKind.Inconsistent, "no [temperature N] channel");
    }

    [Fact]
    public void Temperature_limit_outside_the_sensor_calibration_is_rejected()
    {
        // The sensor is calibrated from 0 to 40.0 degC (0 to 400 in 0.1 degC); 45.0 degC could never be read.
        string text = MinimalBoard.With("[safety]", "temperature_max_c", "45.0") + "\n[temperature 0]\nadc_pin = 39\ncalibration = 100:0, 3000:400";
        AssertRejected(text, BoardText.LineOf(text, "[safety]", "temperature_max_c"), BoardParseErrorKind.Inconsistent, "outside the calibrated range of [temperature 0] (0 to 400 x 0.1 degC)");
    }

    [Fact]
    public void Error_text_carries_line_and_key()
    {
        string text = BoardText.With(MinimalBoard.Text, "[module 0]", "amplifier_gain", "-2");
        int line = BoardText.LineOf(text, "[module 0]", "amplifier_gain");

        Assert.False(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error));
        Assert.Null(board);
        Assert.Equal(line, error.LineNumber);
        Assert.Equal("amplifier_gain", error.Key);
        Assert.Equal("[module 0]", error.Section);
        Assert.StartsWith("line " + line + ": [module 0] amplifier_gain: ", error.ToString());
    }

    [Fact]
    public void Null_and_empty_text_are_rejected_without_throwing()
    {
        Assert.False(BoardParser.TryParse(null, out _, out BoardParseError nullError));
        Assert.Equal(0, nullError.LineNumber);
        Assert.False(BoardParser.TryParse(string.Empty, out _, out BoardParseError emptyError));
        Assert.Equal(BoardParseErrorKind.MissingSection, emptyError.Kind);
    }

    private static void AssertRejected(string text, int expectedLine, BoardParseErrorKind expectedKind, string phrase)
    {
        bool ok = BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error);
        Assert.False(ok, "expected a rejection, text:\n" + text);
        Assert.Null(board);
        Assert.NotNull(error);
        Assert.Contains(phrase, error.Message);
        Assert.Equal(expectedKind, error.Kind);
        Assert.Equal(expectedLine, error.LineNumber);
    }
}
