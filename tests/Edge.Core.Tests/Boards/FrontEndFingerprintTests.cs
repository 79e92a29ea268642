using Edge.Core.Boards;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// <see cref="FrontEndFingerprint"/>: what a per-unit calibration records of the board it was measured on. It changes with
/// every line a reading passes through (an ADC pin, a multiplexer input, a divider ratio, an offset, a shunt, a gain, the
/// multiplexer's wiring, the reference) and with nothing else: not with names, comments, spacing, the board file's
/// nominal points, switches, setpoints or limits, which do not change what a channel's counts mean.
/// </summary>
public class FrontEndFingerprintTests
{
    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m)]
    [InlineData(BoardFiles.Mux6s)]
    public void A_fingerprint_is_eight_lower_case_hex_digits_and_the_same_for_the_same_text(string file)
    {
        string fingerprint = BoardFiles.Parse(file).FrontEndFingerprint;

        Assert.Matches("^[0-9a-f]{8}$", fingerprint);
        Assert.True(FrontEndFingerprint.IsWellFormed(fingerprint));
        Assert.Equal(fingerprint, BoardFiles.Parse(file).FrontEndFingerprint);
    }

    [Fact]
    public void The_two_shipped_boards_differ()
    {
        Assert.NotEqual(BoardFiles.Parse(BoardFiles.DevKitC4s2m).FrontEndFingerprint, BoardFiles.Parse(BoardFiles.Mux6s).FrontEndFingerprint);
    }

    [Theory]
    // R12_6's two changes, each alone: module 0's shunt 10 -> 9 ohm; cells 0 and 1 swapped between ADC pins 36 and 39.
    [InlineData(BoardFiles.DevKitC4s2m, "[module 0]", "shunt_milliohm", "9000")]
    [InlineData(BoardFiles.DevKitC4s2m, "[cell 0]", "adc_pin", "39", "[cell 1]", "adc_pin", "36")]
    [InlineData(BoardFiles.DevKitC4s2m, "[module 1]", "amplifier_gain", "49")]
    [InlineData(BoardFiles.DevKitC4s2m, "[module 1]", "offset_mv", "1225")]
    [InlineData(BoardFiles.DevKitC4s2m, "[cell 2]", "divider_ratio", "0.3305")]
    [InlineData(BoardFiles.DevKitC4s2m, "[cell 3]", "offset_mv", "1226")]
    [InlineData(BoardFiles.DevKitC4s2m, "[module 0]", "adc_pin", "33", "[module 1]", "adc_pin", "32")]
    [InlineData(BoardFiles.Mux6s, "[cell 4]", "mux_input", "5", "[cell 5]", "mux_input", "4")]
    [InlineData(BoardFiles.Mux6s, "[mux]", "select_pins", "19, 18, 21")]
    [InlineData(BoardFiles.Mux6s, "[mux]", "settle_us", "200")]
    [InlineData(BoardFiles.Mux6s, "[reference]", "nominal_mv", "1200")]
    [InlineData(BoardFiles.Mux6s, "[reference]", "mux_input", "6", "[temperature 0]", "mux_input", "7")]
    public void Every_line_a_reading_passes_through_changes_it(string file, string section, string key, string value, string section2 = null, string key2 = null, string value2 = null)
    {
        string text = BoardFiles.Read(file);
        string changed = BoardText.With(text, section, key, value);
        if (section2 != null)
        {
            changed = BoardText.With(changed, section2, key2, value2);
        }

        Assert.NotEqual(Parse(text).FrontEndFingerprint, Parse(changed).FrontEndFingerprint);
    }

    [Theory]
    [InlineData("[board]", "name", "esp32-devkitc-4s2m-rev-b")]
    [InlineData("[board]", "sample_period_ms", "20")]
    [InlineData("[board]", "status_led_pin", "21")]
    [InlineData("[module 0]", "switch_pin", "21")]
    [InlineData("[module 0]", "setpoint_full_scale_ua", "2500")]
    [InlineData("[safety]", "max_module_current_ma", "1.5")]
    [InlineData("[cells]", "electrode_area_cm2", "0.5")]
    // The board file's own points are nominal: a unit's record carries its own curves in their place.
    [InlineData("[module 0]", "calibration", "5:-2170, 2876:2460, 2944:2551, 3072:2733, 3200:2904, 3324:3060, 3456:3213, 3584:3349, 3712:3475, 3840:3595, 3968:3708, 4089:3811")]
    public void Lines_that_do_not_change_what_counts_mean_leave_it(string section, string key, string value)
    {
        string text = BoardFiles.Read(BoardFiles.DevKitC4s2m);

        Assert.Equal(Parse(text).FrontEndFingerprint, Parse(BoardText.With(text, section, key, value)).FrontEndFingerprint);
    }

    [Fact]
    public void Comments_spacing_and_written_forms_of_a_value_leave_it()
    {
        string text = BoardFiles.Read(BoardFiles.DevKitC4s2m);
        string rewritten = "# another comment\n" + text.Replace(" = ", "\t=   ").Replace("divider_ratio\t=   0.33\n", "divider_ratio = 0.330000   # the same ratio\n");

        Assert.Equal(Parse(text).FrontEndFingerprint, Parse(rewritten).FrontEndFingerprint);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("1234567G")]
    [InlineData("ABCDEF01")]
    [InlineData("abc def0")]
    public void Only_eight_lower_case_hex_digits_are_well_formed(string text)
    {
        Assert.False(FrontEndFingerprint.IsWellFormed(text));
        Assert.True(FrontEndFingerprint.IsWellFormed("0123abcd"));
    }

    private static BoardDefinition Parse(string text)
    {
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        return board;
    }
}
