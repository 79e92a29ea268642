using System.Globalization;
using System.Text.RegularExpressions;
using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// A refused value is answered with the range that passes on this board, never a range that holds refused values:
/// <c>sample_period_ms = 0</c> got "out of range 1 to 60000" though 1 is refused too ("use 2 to 250 ms"), and
/// <c>timeout_ms = 0</c> "out of range 1 to 10000" though anything under 2 periods + 40 ms is refused. Each case here
/// takes the range from the message and boots the board at both of its ends and refuses it one step outside.
/// The expected ranges are computed by hand from the rules (boards/README.md, "Whole-board rules").
/// </summary>
public class BoardRangeMessageTests
{
    private static readonly Regex s_range = new Regex(@"use (?:an? [a-z_]+ of )?(-?[0-9.]+) to (-?[0-9.]+)( (ms|mA|mV|us))?(;|,| \(|$)", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("99999999999")]
    public void A_refused_sample_period_names_the_range_the_minimal_board_boots_with(string periodMs)
    {
        // The controller's 500 ms slope window keeps at most 256 samples (500 / 257 + 1 = 2 ms) and its shortest tuned
        // pulse is 250 ms; the minimal board samples two channels in 0.1 ms.
        string text = MinimalBoard.With("[board]", "sample_period_ms", periodMs);

        string message = Refused(text, "[board] sample_period_ms: " + periodMs + " ms");

        Assert.Equal(("2", "250"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(end => MinimalBoard.With("[board]", "sample_period_ms", end), "2", "1", "250", "251");
    }

    [Fact]
    public void A_refused_sample_period_on_a_slow_multiplexer_names_the_range_its_sampling_leaves()
    {
        // 8 inputs x settle_us 10000 us + 8 channels x 1 reading x 50 us = 80400 us: 81 ms is the shortest period.
        string Board(string period) => MuxBoard(period, "10000");

        string message = Refused(Board("2"), "sampling one tick takes 80400 us");

        Assert.Equal(("81", "250"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "81", "80", "250", "251");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("59")]
    [InlineData("10001")]
    public void A_refused_enable_timeout_names_the_range_that_passes_at_the_board_period(string timeoutMs)
    {
        // 2 x 10 ms + 40 ms = 60 ms at the least; a monostable holds at most 10000 ms.
        string Board(string timeout) => MinimalBoard.WithLinesAtEnd("[enable]", "feed_pin = 22", "timeout_ms = " + timeout);

        string message = Refused(Board(timeoutMs), "[enable] timeout_ms: " + timeoutMs + " ms");

        Assert.Equal(("60", "10000"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "60", "59", "10000", "10001");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.001")]
    [InlineData("0.049")]
    [InlineData("2000")]
    public void A_refused_module_current_limit_names_the_range_the_channel_and_the_controller_take(string limitMa)
    {
        // The minimal board's channel: 1 ohm x 500 = 500 V/A around 1650 mV. Least: the controller's 50 uA open-switch
        // current (10 counts on a Vref-1200 chip take only 18 uA: 1137.8 counts/V x 0.5 mV/uA = 0.569 counts/uA).
        // Most: min(1650 - 143, 3059 - 1650) = 1409 mV / 500 V/A = 2818 uA inside what every chip reads.
        string Board(string limit) => MinimalBoard.With("[safety]", "max_module_current_ma", limit).Replace("max_plating_current_ma = 0.5", "max_plating_current_ma = 0.04");

        string message = Refused(Board(limitMa), "[safety] max_module_current_ma: " + limitMa + " mA");

        Assert.Equal(("0.05", "2.818"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "0.05", "0.049", "2.818", "2.819");
    }

    [Fact]
    public void A_module_limit_fewer_than_ten_counts_from_zero_is_refused_with_the_least_the_calibration_can_plan()
    {
        // 10 ohm x 5 = 50 V/A: 0.0569 counts/uA on a Vref-1200 chip, so 10 counts take 176 uA (175 uA is 9.96 counts).
        // 0.1 mA is 5.7 counts: the per-unit calibration's 0 and +-0.1 mA could not be told apart. Cells of 3.848 cm2
        // (plating cap 1539 uA, 95 counts at 50 V/A) let so coarse a channel pass the plating-cap rule; on the default
        // 0.3848 cm2 that rule asks for 262 V/A, where 10 counts are 34 uA and the 50 uA open-switch current binds.
        string Board(string limit) => MinimalBoard.WithLinesAtEnd("[cells]", "electrode_area_cm2 = 3.848").Replace("max_module_current_ma = 2", "max_module_current_ma = " + limit)
            .Replace("shunt_milliohm = 1000", "shunt_milliohm = 10000").Replace("amplifier_gain = 500", "amplifier_gain = 5")
            .Replace("max_plating_current_ma = 0.5", "max_plating_current_ma = 0.04").Replace("calibration = 1:-14000, 4094:14000", "calibration = 1:-30000, 4094:30000");
        string text = Board("0.1");

        string message = Refused(text, "[safety] max_module_current_ma: 0.1 mA is 5.7 counts from 0 uA through [module 0] shunt x gain 50 V/A on a Vref-1200 chip");

        Assert.Equal(BoardParseErrorKind.Inconsistent, Error(text).Kind);
        Assert.Equal(BoardText.LineOf(text, "[safety]", "max_module_current_ma"), Error(text).LineNumber);
        Assert.Equal("0.176", RangeIn(message).Low);
        Assert.Null(Error(Board("0.176")));
        Assert.NotNull(Error(Board("0.175")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.000001")]
    [InlineData("0.17")]
    [InlineData("0.47")]
    [InlineData("1")]
    [InlineData("1.5")]
    public void A_refused_divider_ratio_names_the_range_the_cell_limits_and_the_offset_leave(string ratio)
    {
        // Least: a count at most the 5 mV hard-short band on a Vref-1200 chip, 1e6 / (4096 x 65536 x 1000 / (1200 x
        // 196602) = 1137.81 counts/V) / 5 mV = 0.175776 (rounded up). Most: 1650 mV + ratio x 3000 mV whole mV at most
        // 3059, 1409.997 / 3000 = 0.469999; 0.47 puts the +3000 mV limit at 3060 mV. "0.000001 to 1" before.
        string Board(string r) => MinimalBoard.With("[cell 0]", "divider_ratio", r);

        string message = Refused(Board(ratio), "[cell 0] divider_ratio: ");

        Assert.Equal(("0.175776", "0.469999"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "0.175776", "0.175775", "0.469999", "0.47");
    }

    [Fact]
    public void A_refused_divider_ratio_with_limits_near_zero_names_the_least_that_keeps_them_ten_counts_off()
    {
        // Cell limits +-30 mV: 10 counts at 1.1378 counts/mV (Vref 1200) need 30 mV x ratio x 1.1378 >= 10, a ratio of
        // 0.29296 (0.292959 falls a hair short); the most is 1, the ADC's room around 1650 mV being far wider.
        string Board(string r) => MinimalBoard.With("[cell 0]", "divider_ratio", r).Replace("cell_voltage_min_mv = -3000", "cell_voltage_min_mv = -30").Replace("cell_voltage_max_mv = 3000", "cell_voltage_max_mv = 30");

        string message = Refused(Board("0.17"), "[cell 0] divider_ratio: 0.17 gives");

        Assert.Equal(("0.29296", "1"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "0.29296", "0.292959", "1", "1.000001");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("143")]
    [InlineData("3059")]
    [InlineData("3300")]
    public void A_refused_cell_offset_names_the_range_that_keeps_the_cell_limits_readable(string offsetMv)
    {
        // 0.4 x 3000 mV = 1200 mV either side of REF: 143 + 1200 = 1343 to 3059 - 1200 = 1859 mV. "0 to 3300" before.
        // Around these offsets no divider_ratio of at least 0.175776 fits (527 mV either side), so the offset is named;
        // just outside the range (1342, 1860) a smaller ratio would still fit, and the ratio is named.
        string Board(string offset) => MinimalBoard.With("[cell 0]", "offset_mv", offset);
        string text = Board(offsetMv);

        string message = Refused(text, "[cell 0] offset_mv: the cell range -3000 to 3000 mV ([safety]) maps to");

        Assert.Equal(BoardText.LineOf(text, "[cell 0]", "offset_mv"), Error(text).LineNumber);
        Assert.Equal(("1343", "1859"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "1343", "1342", "1859", "1860");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("89")]
    [InlineData("10001")]
    public void A_refused_settle_time_names_the_range_from_nine_time_constants_up(string settleUs)
    {
        // 1 kohm x 10 nF = 10 us, 9 time constants 90 us; no channel is multiplexed here, so 10000 us, the key's own
        // ceiling, is the most. "use at least 90 us" (and "0 to 10000" at the key) before.
        string Board(string settle) => MinimalBoard.WithLinesBefore("[cell 0]", null, "[mux]", "select_pins = 18, 19", "adc_pin = 39", "filter_ohm = 1000", "filter_pf = 10000", "settle_us = " + settle, "");

        string message = Refused(Board(settleUs), "[mux] settle_us: " + settleUs + " us");

        Assert.Equal(("90", "10000"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "90", "89", "10000", "10001");
    }

    [Fact]
    public void A_refused_settle_time_on_a_multiplexed_board_ends_where_the_sample_period_does()
    {
        // 8 multiplexed inputs and 8 conversions of 50 us in a 50 ms period: (50000 - 400) / 8 = 6200 us each at most.
        string Board(string settle) => MuxBoard("50", settle);

        string message = Refused(Board("-1"), "[mux] settle_us: -1 us");

        Assert.Equal(("0", "6200"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "0", "-1", "6200", "6201");
    }

    [Theory]
    [InlineData("0", "[module 0] amplifier_gain: 0 is below 0.001")]
    [InlineData("-1", "[module 0] amplifier_gain: -1 is below 0.001")]
    [InlineData("100", "[module 0] amplifier_gain: shunt x gain = 100 V/A resolves")]
    [InlineData("10001", "[module 0] amplifier_gain: 10001 is above 10000")]
    public void A_refused_amplifier_gain_names_the_range_the_plating_cap_and_the_adc_leave(string gain, string phrase)
    {
        // Through the 1 ohm shunt, least: the plating cap, 400 uA/cm2 x 0.3848 cm2 = 153.92 uA, spans 50 counts of the
        // typical chip (1241.25 counts/V) at 50 / (153.92 uA x 1241.25 counts/V) = 261.707 V/A, a gain of 261.708.
        // Most: the 2 mA limit's swing inside 1650 mV +- 1409 mV (3059 - 1650), 704.5 V/A. "0.001 to 10000" before.
        string Board(string g) => MinimalBoard.With("[module 0]", "amplifier_gain", g);

        string message = Refused(Board(gain), phrase);

        Assert.Equal(("261.708", "704.5"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "261.708", "261.707", "704.5", "704.501");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("100000001")]
    public void A_refused_shunt_names_the_range_at_the_board_gain(string shuntMilliohm)
    {
        // At a gain of 500: 261.707 V/A / 500 = 0.5234 ohm (524 mOhm) up to 704.5 V/A / 500 = 1.409 ohm. "1 to 100000000" before.
        string Board(string shunt) => MinimalBoard.With("[module 0]", "shunt_milliohm", shunt);

        string message = Refused(Board(shuntMilliohm), "[module 0] shunt_milliohm: " + shuntMilliohm + " mOhm is ");

        Assert.Equal(("524", "1409"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "524", "523", "1409", "1410");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("142")]
    [InlineData("3300")]
    public void A_refused_current_offset_names_the_range_the_limit_swing_leaves(string offsetMv)
    {
        // 500 V/A x 2 mA = 1000 mV either side of REF: 143 + 1000 = 1143 to 3059 - 1000 = 2059 mV. "0 to 3300" before.
        string Board(string offset) => MinimalBoard.With("[module 0]", "offset_mv", offset);

        string message = Refused(Board(offsetMv), "[module 0] offset_mv: " + offsetMv + " mV lies outside 143-3059 mV");

        Assert.Equal(("1143", "2059"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "1143", "1142", "2059", "2060");
    }

    [Fact]
    public void A_temperature_channel_without_a_temperature_limit_is_refused()
    {
        // The controller's own 60.0 degC applied unchecked against the sensor's curve, and edge-sim board said "no
        // temperature limit". This NTC curve ends at 50.0 degC: 60.0 degC could never have been read.
        string text = MinimalBoard.WithLinesAtEnd("[temperature 0]", "adc_pin = 39", "calibration = 100:-200, 4000:500");

        BoardRuleAssert.Rejected(
            text, BoardText.LineOf(text, "[safety]", null), BoardParseErrorKind.MissingKey,
            "[safety]: missing required key 'temperature_max_c' (needed with [temperature 0]");
        BoardRuleAssert.Parsed(BoardText.WithLinesAtEnd(MinimalBoard.With("[safety]", "temperature_max_c", "45.0"), "[temperature 0]", "adc_pin = 39", "calibration = 100:-200, 4000:500"));
    }

    private static string MuxBoard(string periodMs, string settleUs)
    {
        string text = "[board]\nname = test\nsample_period_ms = " + periodMs + "\nadc_resolution_bits = 12\nadc_attenuation_db = 11\nmodule = wroom\n"
            + "[mux]\nselect_pins = 18, 19, 21\nadc_pin = 39\nfilter_ohm = 0\nfilter_pf = 0\nsettle_us = " + settleUs + "\n";
        string cells = string.Empty;
        for (int i = 0; i < 7; i++)
        {
            text += "[cell " + i + "]\nmux_input = " + i + "\ndivider_ratio = 0.4\noffset_mv = 1650\ncalibration = 1:-3700, 4094:3600\n";
            cells += (i == 0 ? string.Empty : ", ") + i;
        }

        text += "[module 0]\ncells = " + cells + "\nmux_input = 7\nshunt_milliohm = 1000\namplifier_gain = 500\noffset_mv = 1650\ncalibration = 1:-14000, 4094:14000\n"
            + "switch_pin = 16\nswitch_active = high\nswitch_driver = gpio\n"
            + "[safety]\nmax_module_current_ma = 2\nmax_plating_current_ma = 0.5\ncell_voltage_min_mv = -3000\ncell_voltage_max_mv = 3000\n";
        return text;
    }

    private static BoardParseError Error(string text)
    {
        BoardParser.TryParse(text, out _, out BoardParseError error);
        return error;
    }

    [Theory]
    [InlineData("500")]
    [InlineData("2.001")]
    public void A_plating_cap_above_the_module_limit_names_both_currents_and_the_range_that_passes(string platingMa)
    {
        // "must not exceed max_module_current_ma" named neither current: 500 (uA written in the mA key) and 2.001 got the
        // same words. The plating cap is one direction of the module current: 0.001 mA (its key's least) to the module's
        // 2 mA on the minimal board.
        string Board(string cap) => MinimalBoard.With("[safety]", "max_plating_current_ma", cap);

        string message = Refused(Board(platingMa), "[safety] max_plating_current_ma: " + platingMa + " mA is more than max_module_current_ma, 2 mA");

        Assert.Equal(("0.001", "2"), RangeIn(message));
        AssertEndsBootAndNeighboursDoNot(Board, "0.001", "0", "2", "2.001");
    }

    private static string Refused(string text, string phrase)
    {
        BoardParseError error = Error(text);
        Assert.True(error != null, "expected a refusal");
        Assert.Contains(phrase, error.Message);
        return error.Message;
    }

    private static (string Low, string High) RangeIn(string message)
    {
        Match match = s_range.Match(message);
        Assert.True(match.Success, "no range in: " + message);
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    /// <summary>Both ends of a range parse and boot (the configuration the device builds passes its check); one step past each is refused.</summary>
    private static void AssertEndsBootAndNeighboursDoNot(Func<string, string> board, string low, string belowLow, string high, string aboveHigh)
    {
        foreach (string end in new[] { low, high })
        {
            BoardDefinition parsed = BoardRuleAssert.Parsed(board(end));
            Assert.True(BoardPackLayout.TryCreate(parsed, out PackLayout layout, out string reason), reason);
            ConfigurationError error = ConfigurationValidator.Validate(BoardConfiguration.Create(parsed), layout);
            Assert.True(error == null, end + ": " + error);
        }

        Assert.NotNull(Error(board(belowLow)));
        Assert.NotNull(Error(board(aboveHigh)));
    }
}
