using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// A value typed in the larger unit (volts in an _mv key, milliamps in a _ua key, kelvin in a _c key) was refused as
/// "'1.225' is not a whole number" or "value 318.2 out of range -40 to 150", naming no unit. The refusal names the
/// key's unit and, where the value read in the larger unit is one the key takes, the value it would be. The expected
/// values are the typed ones converted by hand (1.225 V = 1225 mV; 318.2 K = 45.05 degC, 45 to the key's tenth).
/// </summary>
public class BoardUnitSlipTests
{
    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m, "offset_mv = 1225", "offset_mv = 1.225", "[cell 0] offset_mv: '1.225' is not a whole number of mV; it looks like V: 1225 mV?")]
    [InlineData(BoardFiles.Mux6s, "nominal_mv = 1225", "nominal_mv = 1.225", "[reference] nominal_mv: '1.225' is not a whole number of mV; it looks like V: 1225 mV?")]
    [InlineData(BoardFiles.Mux6s, "setpoint_full_scale_ua = 2048", "setpoint_full_scale_ua = 2.048", "[module 0] setpoint_full_scale_ua: '2.048' is not a whole number of uA; it looks like mA: 2048 uA?")]
    [InlineData(BoardFiles.DevKitC4s2m, "sample_period_ms = 10", "sample_period_ms = 0.01", "[board] sample_period_ms: '0.01' is not a whole number of ms; it looks like s: 10 ms?")]
    public void A_fraction_in_a_whole_unit_key_is_refused_naming_the_unit_and_the_larger_units_reading(string board, string line, string typed, string expected)
    {
        string text = BoardFiles.Read(board);

        BoardParseError error = Refused(text, line, typed);

        Assert.Equal(BoardParseErrorKind.BadNumber, error.Kind);
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    // 4.5 V would be 4500 mV, outside the 0-3300 mV the key takes: no reading offered, the unit still named.
    [InlineData(BoardFiles.Mux6s, "nominal_mv = 1225", "nominal_mv = 4.5", "[reference] nominal_mv: '4.5' is not a whole number of mV")]
    // Not a number at all: the unit alone.
    [InlineData(BoardFiles.DevKitC4s2m, "offset_mv = 1225", "offset_mv = abc", "[cell 0] offset_mv: 'abc' is not a whole number of mV")]
    // More decimals than the larger unit's reading can make whole (1.2255 V = 1225.5 mV): no reading offered.
    [InlineData(BoardFiles.DevKitC4s2m, "offset_mv = 1225", "offset_mv = 1.2255", "[cell 0] offset_mv: '1.2255' is not a whole number of mV")]
    public void A_fraction_that_reads_as_no_value_of_the_key_names_the_unit_only(string board, string line, string typed, string expected)
    {
        BoardParseError error = Refused(BoardFiles.Read(board), line, typed);

        Assert.Equal(BoardParseErrorKind.BadNumber, error.Kind);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_temperature_typed_in_kelvin_is_refused_in_degrees_celsius_with_its_celsius_reading()
    {
        BoardParseError error = Refused(BoardFiles.Read(BoardFiles.Mux6s), "temperature_max_c = 45.0", "temperature_max_c = 318.2");

        Assert.Equal(BoardParseErrorKind.OutOfRange, error.Kind);
        Assert.Equal("[safety] temperature_max_c: value 318.2 out of range -40 to 150 degC; it looks like K: 45 degC?", error.Message);
    }

    [Fact]
    public void A_temperature_no_kelvin_reading_brings_into_range_names_the_unit_only()
    {
        // 500 K would be 226.85 degC, beyond the 150 degC the key takes.
        BoardParseError error = Refused(BoardFiles.Read(BoardFiles.Mux6s), "temperature_max_c = 45.0", "temperature_max_c = 500");

        Assert.Equal("[safety] temperature_max_c: value 500 out of range -40 to 150 degC", error.Message);
    }

    private static BoardParseError Refused(string text, string line, string typed)
    {
        int at = text.IndexOf(line + " ", StringComparison.Ordinal);
        if (at < 0)
        {
            at = text.IndexOf(line + "\n", StringComparison.Ordinal);
        }

        Assert.True(at >= 0, line + " not in the board");
        string changed = text.Substring(0, at) + typed + text.Substring(at + line.Length);
        Assert.False(BoardParser.TryParse(changed, out BoardDefinition board, out BoardParseError error), "accepted: " + typed);
        Assert.Null(board);
        return error;
    }
}
