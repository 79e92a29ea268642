using Edge.Core.Boards;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// The ADC as it is: front ends judged against Espressif's characterisation at 11 dB (accurate span
/// 150-2450 mV, 1241 counts per volt on the typical chip), multiplexer settling against 9 time
/// constants, current resolution at the plating cap, and the reference input. Line numbers are
/// those of <see cref="MinimalBoard"/>.
/// </summary>
public class BoardFrontEndRuleTests
{
    /// <summary>A [mux] block after line 6 (lines 7-13) with the given filter and settle time.</summary>
    /// <summary>The line of the [mux] section's settle_us in <see cref="WithMux"/>'s board.</summary>
    private static int SettleLine => BoardText.LineOf(WithMux(0, 0, 0), "[mux]", "settle_us");

    private static string WithMux(int filterOhm, int filterPf, int settleUs)
        => MinimalBoard.WithLinesBefore("[cell 0]", null, "[mux]", "select_pins = 18, 19", "adc_pin = 39", "filter_ohm = " + filterOhm, "filter_pf = " + filterPf, "settle_us = " + settleUs, "");

    [Fact]
    public void Settle_shorter_than_nine_time_constants_is_rejected()
    {
        // 1 kohm x 10 nF = 10 us; 50 us is 5 time constants, a 12-bit step needs 9 (ln 4096 = 8.3): 90 us.
        BoardRuleAssert.Rejected(
            WithMux(1000, 10000, 50), SettleLine, BoardParseErrorKind.SettleTooShort,
            "[mux] settle_us: 50 us is 5 time constants of the 1000 ohm / 10000 pF filter (10 us); a 12-bit reading needs 9 (ln 4096 = 8.3); use 90 to 10000 us");
        Assert.Equal(90, BoardRuleAssert.Parsed(WithMux(1000, 10000, 90)).Mux.SettleUs);

        // 4.7 kohm x 4.7 nF = 22.09 us: 198.81 us, rounded up to 199.
        BoardRuleAssert.Rejected(WithMux(4700, 4700, 198), SettleLine, BoardParseErrorKind.SettleTooShort, "use 199 to 10000 us");
        BoardRuleAssert.Parsed(WithMux(4700, 4700, 199));
    }

    [Fact]
    public void Mux_filter_must_be_declared()
    {
        string text = MinimalBoard.WithLinesBefore("[cell 0]", null, "[mux]", "select_pins = 18, 19", "adc_pin = 39", "settle_us = 100", "");
        BoardRuleAssert.Rejected(text, BoardText.LineOf(text, "[mux]", null), BoardParseErrorKind.MissingKey, "[mux]: missing required key 'filter_ohm'");
    }

    [Fact]
    public void Current_channel_coarser_than_fifty_counts_at_the_plating_cap_is_rejected()
    {
        // 1 ohm x 100 = 100 V/A; 1241.25 counts/V x 0.1 mV/uA = 0.124 counts per uA, 8.05 uA per count;
        // the plating cap 0.4 mA/cm2 x 0.3848 cm2 = 154 uA is 19.1 counts.
        BoardRuleAssert.Rejected(
            MinimalBoard.With("[module 0]", "amplifier_gain", "100"), MinimalBoard.LineOf("[module 0]", "amplifier_gain"), BoardParseErrorKind.ResolutionTooCoarse,
            "[module 0] amplifier_gain: shunt x gain = 100 V/A resolves 8.05 uA per count, so the plating cap (400 uA/cm2 of the cells' area = 153.92 uA) spans 19 counts, fewer than 50; raise shunt_milliohm or amplifier_gain");

        // 262 V/A: 154 uA -> 40.3 mV -> 50.1 counts.
        Assert.Equal(262_000, BoardRuleAssert.Parsed(MinimalBoard.With("[module 0]", "amplifier_gain", "262")).ModuleAt(0).AmplifierGainMilli);
        BoardRuleAssert.Rejected(MinimalBoard.With("[module 0]", "amplifier_gain", "261"), MinimalBoard.LineOf("[module 0]", "amplifier_gain"), BoardParseErrorKind.ResolutionTooCoarse, "spans 49 counts");
    }

    [Fact]
    public void Cell_channel_whose_count_is_wider_than_the_hard_short_band_is_rejected()
    {
        // A Vref-1200 chip reads 4096 x 65536 x 1000 / (1200 x 196602) = 1137.81 counts/V: 0.879 mV a count at the ADC.
        // The hard-short band is 5 mV at the cell, so the divider must be at least 0.879 / 5 = 0.175776; 0.17 gives
        // 0.879 / 0.17 = 5.17 mV a count. Both parsed before: a ratio of 0.005 (176 mV a count) loaded on the device.
        BoardRuleAssert.Rejected(
            MinimalBoard.With("[cell 0]", "divider_ratio", "0.17"), MinimalBoard.LineOf("[cell 0]", "divider_ratio"), BoardParseErrorKind.ResolutionTooCoarse,
            "[cell 0] divider_ratio: 0.17 gives 5.17 mV a count at the cell on a Vref-1200 chip (0.879 mV a count at the ADC), wider than the controller's hard-short band of 5 mV");
        BoardRuleAssert.Rejected(
            MinimalBoard.With("[cell 0]", "divider_ratio", "0.175775"), MinimalBoard.LineOf("[cell 0]", "divider_ratio"), BoardParseErrorKind.ResolutionTooCoarse,
            "use a divider_ratio of 0.175776 to 0.469999");
        BoardRuleAssert.Rejected(MinimalBoard.With("[cell 0]", "divider_ratio", "0.005"), MinimalBoard.LineOf("[cell 0]", "divider_ratio"), BoardParseErrorKind.ResolutionTooCoarse, "175.776 mV a count");
        Assert.Equal(175_776, BoardRuleAssert.Parsed(MinimalBoard.With("[cell 0]", "divider_ratio", "0.175776")).CellAt(0).DividerRatioPpm);
        Assert.Equal(5, new Edge.Core.Configuration.Detection.HardShortConfiguration().MaximumVoltageMv);
    }

    [Fact]
    public void A_cell_limit_fewer_than_10_counts_from_0_V_is_rejected_with_the_least_limit_that_calibrates()
    {
        // The per-unit calibration always applies 0 V and both limits, and plans no two points closer than 10 counts on a
        // Vref-1200 chip (1137.81 counts/V). The DevKitC's coarsest divider is cell 3's 0.3296: 0.375 counts a mV at the
        // cell, so -5 mV is 1.9 counts from 0 V (it parsed, and edge-sim board passed it on its 1100 mV unit), -26 mV 9.75
        // and -27 mV 10.1: 27 mV is the least.
        string devkit = BoardFiles.Read(BoardFiles.DevKitC4s2m);
        string minus5 = BoardText.With(devkit, "[safety]", "cell_voltage_min_mv", "-5");
        BoardRuleAssert.Rejected(
            minus5, BoardText.LineOf(minus5, "[safety]", "cell_voltage_min_mv"), BoardParseErrorKind.Inconsistent,
            "[safety] cell_voltage_min_mv: -5 mV is 1.9 counts from 0 V through [cell 3] divider_ratio 0.3296 on a Vref-1200 chip: the per-unit calibration applies 0 V and each limit, which need 10 counts between them for a unit to tell them apart, so no unit could be calibrated; give at most -27 mV");
        string minus26 = BoardText.With(devkit, "[safety]", "cell_voltage_min_mv", "-26");
        BoardRuleAssert.Rejected(minus26, BoardText.LineOf(minus26, "[safety]", "cell_voltage_min_mv"), BoardParseErrorKind.Inconsistent, "-26 mV is 9.8 counts from 0 V");
        Assert.Equal(-27, BoardRuleAssert.Parsed(BoardText.With(devkit, "[safety]", "cell_voltage_min_mv", "-27")).Safety.CellVoltageMinMv);

        // The upper limit likewise, on the minimal board's single 0.4 divider: 0.455 counts a mV, 21 mV is 9.6 counts,
        // 22 mV 10.01.
        string plus21 = MinimalBoard.With("[safety]", "cell_voltage_max_mv", "21");
        BoardRuleAssert.Rejected(
            plus21, MinimalBoard.LineOf("[safety]", "cell_voltage_max_mv"), BoardParseErrorKind.Inconsistent,
            "[safety] cell_voltage_max_mv: 21 mV is 9.6 counts from 0 V through [cell 0] divider_ratio 0.4 on a Vref-1200 chip");
        Assert.Contains("give at least 22 mV", BoardParser.TryParse(plus21, out _, out BoardParseError error) ? string.Empty : error.Message, StringComparison.Ordinal);
        Assert.Equal(22, BoardRuleAssert.Parsed(MinimalBoard.With("[safety]", "cell_voltage_max_mv", "22")).Safety.CellVoltageMaxMv);
    }

    [Fact]
    public void Plating_cap_scales_with_the_cells_area()
    {
        // 1.25 cm2: a 500 uA cap; at 100 V/A that is 62 counts.
        string larger = MinimalBoard.With("[module 0]", "amplifier_gain", "100") + "\n[cells]\nelectrode_area_cm2 = 1.25";
        BoardRuleAssert.Parsed(larger);

        // 0.1 cm2: a 40 uA cap; 500 V/A gives 24.8 counts.
        string smaller = MinimalBoard.Text + "\n[cells]\nelectrode_area_cm2 = 0.1";
        BoardRuleAssert.Rejected(smaller, MinimalBoard.LineOf("[module 0]", "amplifier_gain"), BoardParseErrorKind.ResolutionTooCoarse, "= 40 uA) spans 24 counts");
    }

    [Fact]
    public void Operating_range_outside_the_accurate_span_is_warned_with_line_and_key()
    {
        BoardDefinition board = BoardRuleAssert.Parsed(MinimalBoard.Text);

        // Cell: 1650 + 0.4 x (-3000..3000) = 450..2850 mV; current: 1650 +- 500 V/A x 2 mA = 650..2650 mV.
        Assert.Equal(2, BoardRuleAssert.Count(board, BoardWarningKind.OutsideAccurateSpan));
        BoardWarning cell = FirstOf(board, BoardWarningKind.OutsideAccurateSpan);
        Assert.Equal(9, cell.LineNumber);
        Assert.Equal("divider_ratio", cell.Key);
        Assert.StartsWith("[cell 0] divider_ratio: the cell range -3000 to 3000 mV ([safety]) maps to 450 to 2850 mV at the ADC, outside the accurate span 150-2450 mV", cell.Message);
        BoardWarning current = LastOf(board, BoardWarningKind.OutsideAccurateSpan);
        Assert.Equal(18, current.LineNumber);
        Assert.Contains("[module 0] offset_mv: the current range +-2 mA ([safety] max_module_current_ma) maps to 650 to 2650 mV", current.Message);

        // REF at 1225 mV, ratio 0.33, +-2 mA: 235..2215 mV and 225..2225 mV, inside.
        string centred = MinimalBoard.With("[cell 0]", "divider_ratio", "0.33").Replace("offset_mv = 1650", "offset_mv = 1225").Replace("max_module_current_ma = 8", "max_module_current_ma = 2").Replace("max_plating_current_ma = 5", "max_plating_current_ma = 1");
        Assert.Equal(0, BoardRuleAssert.Count(BoardRuleAssert.Parsed(centred), BoardWarningKind.OutsideAccurateSpan));
    }

    [Fact]
    public void Current_range_the_adc_cannot_read_without_saturating_is_rejected_at_the_front_end()
    {
        // 1650 +- 500 V/A x 3 mA = 150..3150 mV: +3 mA lies above 3059 mV, where a Vref-1000 chip reads 4095, so the
        // calibration's +3 mA point (and the limit itself) could never be read; 2.8 mA (250..3050 mV) still can.
        string text = MinimalBoard.With("[safety]", "max_module_current_ma", "3");
        BoardRuleAssert.Rejected(
            text, MinimalBoard.LineOf("[module 0]", "offset_mv"), BoardParseErrorKind.Inconsistent,
            "[module 0] offset_mv: the current range +-3 mA ([safety] max_module_current_ma) maps to 150 to 3150 mV at the ADC, beyond 143-3059 mV");
        BoardRuleAssert.Parsed(MinimalBoard.With("[safety]", "max_module_current_ma", "2.8"));

        // Centred at 1225 mV instead: 1225 - 1500 = -275 mV at -3 mA, below what any chip reads above 0.
        string low = MinimalBoard.With("[safety]", "max_module_current_ma", "3").Replace("offset_mv = 1650\ncalibration = 1:-14000", "offset_mv = 1225\ncalibration = 1:-14000");
        Assert.Contains("would read 0", Assert.Throws<Xunit.Sdk.TrueException>(() => BoardRuleAssert.Parsed(low)).Message);
    }

    [Fact]
    public void Cell_range_the_adc_cannot_read_without_saturating_is_rejected_at_the_front_end()
    {
        int ratioLine = MinimalBoard.LineOf("[cell 0]", "divider_ratio");

        // 1650 + 0.5 x (-3000..3000) = 150..3150 mV: the +3 V limit lies above 3059 mV, where a Vref-1000 chip
        // already reads 4095 (saturated), so the cut-off could never be seen.
        BoardRuleAssert.Rejected(
            MinimalBoard.With("[cell 0]", "divider_ratio", "0.5"), ratioLine, BoardParseErrorKind.Inconsistent,
            "[cell 0] divider_ratio: the cell range -3000 to 3000 mV ([safety]) maps to 150 to 3150 mV at the ADC, beyond 143-3059 mV");

        // REF at 0: 0 + 0.4 x (-3000..3000) = -1200..1200 mV; every negative cell voltage reads 0 counts.
        // No ratio fits around 0 mV, so the offset is named, with the range that fits at 0.4 (1200 mV either side).
        BoardRuleAssert.Rejected(
            MinimalBoard.With("[cell 0]", "offset_mv", "0"), MinimalBoard.LineOf("[cell 0]", "offset_mv"), BoardParseErrorKind.Inconsistent,
            "[cell 0] offset_mv: the cell range -3000 to 3000 mV ([safety]) maps to -1200 to 1200 mV at the ADC");

        // 1650 + 0.46 x 3000 = 3030 mV: outside the accurate span (warned), still read on every chip.
        BoardDefinition edge = BoardRuleAssert.Parsed(MinimalBoard.With("[cell 0]", "divider_ratio", "0.46"));
        Assert.Equal(2, BoardRuleAssert.Count(edge, BoardWarningKind.OutsideAccurateSpan));
    }

    [Fact]
    public void Reference_input_is_read_like_a_channel()
    {
        BoardDefinition direct = BoardRuleAssert.Parsed(MinimalBoard.Text + "\n[reference]\nadc_pin = 39\nnominal_mv = 1225");
        Assert.Equal(39, direct.Reference.Input.AdcPin);
        Assert.Equal(3, direct.Reference.Input.AdcChannel);
        Assert.Equal(1225, direct.Reference.NominalMv);
        Assert.Equal(0, BoardRuleAssert.Count(direct, BoardWarningKind.NoReferenceChannel));

        BoardDefinition none = BoardRuleAssert.Parsed(MinimalBoard.Text);
        Assert.Null(none.Reference);
        Assert.Contains("[reference]: missing", BoardRuleAssert.SingleWarning(none, BoardWarningKind.NoReferenceChannel).Message);

        BoardRuleAssert.Rejected(MinimalBoard.Text + "\n[reference]\nadc_pin = 36\nnominal_mv = 1225", 30, BoardParseErrorKind.PinUsedTwice, "[reference] adc_pin: GPIO 36 used twice, also by [cell 0] adc_pin on line 8");
        BoardRuleAssert.Rejected(MinimalBoard.Text + "\n[reference]\nmux_input = 7\nnominal_mv = 1225", 30, BoardParseErrorKind.MuxMissing, "[reference] mux_input: mux_input needs a [mux] section");
        BoardRuleAssert.Rejected(MinimalBoard.Text + "\n[reference]\nadc_pin = 39", 29, BoardParseErrorKind.MissingKey, "[reference]: missing required key 'nominal_mv'");
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(142, "0")]
    [InlineData(3060, "4095")]
    [InlineData(3300, "4095")]
    public void Reference_the_adc_reads_saturated_is_refused_at_nominal_mv(int nominalMv, string reading)
    {
        // Below 143 mV every chip reads 0, from 3059.3 mV a Vref-1000 chip reads 4095: the per-unit calibration
        // refuses a saturated reference reading, so such a unit could never be calibrated.
        string text = MinimalBoard.Text + "\n[reference]\nadc_pin = 39\nnominal_mv = " + nominalMv;
        BoardRuleAssert.Rejected(
            text, BoardText.LineOf(text, "[reference]", "nominal_mv"), BoardParseErrorKind.OutOfRange,
            "[reference] nominal_mv: " + nominalMv + " mV lies outside 143-3059 mV, what the ADC reads at 11 dB without saturating on every chip: the reference would read " + reading);
    }

    [Theory]
    [InlineData(143)]
    [InlineData(3059)]
    public void Reference_at_the_ends_of_the_readable_range_parses_with_a_warning(int nominalMv)
    {
        BoardDefinition board = BoardRuleAssert.Parsed(MinimalBoard.Text + "\n[reference]\nadc_pin = 39\nnominal_mv = " + nominalMv);
        Assert.Equal(nominalMv, board.Reference.NominalMv);
        Assert.Equal(3, BoardRuleAssert.Count(board, BoardWarningKind.OutsideAccurateSpan));
    }

    [Fact]
    public void Reference_on_the_mux_claims_its_input()
    {
        string text = WithMux(1000, 10000, 100).Replace("adc_pin = 36", "mux_input = 3") + "\n[reference]\nmux_input = 3\nnominal_mv = 1225";
        BoardRuleAssert.Rejected(text, 37, BoardParseErrorKind.MuxInputUsedTwice, "[reference] mux_input: mux input 3 used twice, also by [cell 0] mux_input on line 15");

        BoardDefinition board = BoardRuleAssert.Parsed(text.Replace("mux_input = 3\nnominal_mv", "mux_input = 2\nnominal_mv"));
        Assert.True(board.Reference.Input.IsMultiplexed);
        Assert.Equal(2, board.Reference.Input.MuxInput);
        Assert.Equal(39, board.Reference.Input.AdcPin);
    }

    [Fact]
    public void Shipped_boards_pass_every_rule_and_say_what_they_lack()
    {
        BoardDefinition devKitC = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        Assert.Equal(1, devKitC.WarningCount);
        Assert.Equal(BoardWarningKind.NoReferenceChannel, devKitC.WarningAt(0).Kind);

        // The mux board uses all eight inputs: none is left to tie to ground for the address check.
        BoardDefinition mux = BoardFiles.Parse(BoardFiles.Mux6s);
        Assert.Equal(1, mux.WarningCount);
        Assert.Equal(BoardWarningKind.NoMuxAddressCheck, mux.WarningAt(0).Kind);
    }

    [Fact]
    public void Ground_inputs_must_hold_every_select_line_at_both_levels_on_inputs_of_their_own()
    {
        string grounded = RevisedMuxBoards.With4051();
        BoardDefinition board = BoardRuleAssert.Parsed(grounded);
        Assert.Equal(2, board.Mux.GroundInputCount);
        Assert.Equal(0, board.Mux.GroundInputAt(0).MuxInput);
        Assert.Equal(7, board.Mux.GroundInputAt(1).MuxInput);
        Assert.Equal(0, BoardRuleAssert.Count(board, BoardWarningKind.NoMuxAddressCheck));
        int line = LineOf(grounded, "ground_inputs");

        // Input 0 alone: every line is low there, so a line stuck low changes no address the check reads.
        BoardRuleAssert.Rejected(grounded.Replace("ground_inputs = 0, 7", "ground_inputs = 0"), line, BoardParseErrorKind.MuxAddressCheckIncomplete, "S0 stuck low goes unseen: none of inputs 0 has S0 = 1");

        // 1 (001) and 6 (110) cover every line both ways as 0 and 7 do, but are cells' inputs: named at the later line, cell 0's.
        BoardRuleAssert.Rejected(grounded.Replace("ground_inputs = 0, 7", "ground_inputs = 1, 6"), LineOf(grounded, "[cell 0]") + 1, BoardParseErrorKind.MuxInputUsedTwice, "mux input 1 used twice");

        // 0 and 3: S2 is low on both.
        BoardRuleAssert.Rejected(grounded.Replace("ground_inputs = 0, 7", "ground_inputs = 0, 3").Replace("[cell 2]\nmux_input = 3", "[cell 2]\nmux_input = 7"), line, BoardParseErrorKind.MuxAddressCheckIncomplete, "S2 stuck low goes unseen");
        BoardRuleAssert.Rejected(grounded.Replace("ground_inputs = 0, 7", "ground_inputs = 0, 8"), line, BoardParseErrorKind.OutOfRange, "mux input 8 out of range 0 to 7");
        Assert.Contains("ground_inputs: missing", BoardRuleAssert.SingleWarning(BoardFiles.Parse(BoardFiles.Mux6s), BoardWarningKind.NoMuxAddressCheck).Message);
    }

    [Fact]
    public void A_missing_ground_inputs_is_warned_at_the_mux_header_not_at_another_key()
    {
        // The key is absent, so no line of its own holds it: the warning belongs to the section that lacks it, as a missing
        // required key's refusal does. It stood at select_pins, a line that is right as written.
        string text = BoardFiles.Read(BoardFiles.Mux6s);
        BoardWarning warning = BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(text), BoardWarningKind.NoMuxAddressCheck);
        Assert.Equal(LineOf(text, "[mux]"), warning.LineNumber);
        Assert.NotEqual(LineOf(text, "select_pins"), warning.LineNumber);
    }

    private static int LineOf(string text, string start)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        return Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal)) + 1;
    }

    private static BoardWarning FirstOf(BoardDefinition board, BoardWarningKind kind)
    {
        for (int i = 0; i < board.WarningCount; i++)
        {
            if (board.WarningAt(i).Kind == kind)
            {
                return board.WarningAt(i);
            }
        }

        return null;
    }

    private static BoardWarning LastOf(BoardDefinition board, BoardWarningKind kind)
    {
        BoardWarning last = null;
        for (int i = 0; i < board.WarningCount; i++)
        {
            if (board.WarningAt(i).Kind == kind)
            {
                last = board.WarningAt(i);
            }
        }

        return last;
    }
}
