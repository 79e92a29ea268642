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
    private static readonly Regex s_range = new Regex(@"use (-?[0-9.]+) to (-?[0-9.]+) (ms|mA)", RegexOptions.CultureInvariant);

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
