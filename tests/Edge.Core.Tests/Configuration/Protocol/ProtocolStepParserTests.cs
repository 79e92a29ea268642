using System.Globalization;
using Edge.Core.Configuration.Protocol;
using Xunit;

namespace Edge.Core.Tests.Configuration.Protocol;

/// <summary>Cycler-style step texts; the [W] 7 mm O-ring area 0.3848 cm2 converts current densities.</summary>
public class ProtocolStepParserTests
{
    private const double AreaCm2 = 0.3848;

    [Theory]
    // 1 mA/cm2 * 0.3848 cm2 = 384.8 uA -> 385 uA.
    [InlineData("Strip at 1 mA/cm2 for 1 s", ProtocolStepKind.Strip, 385, 1000L)]
    [InlineData("Rest for 5 s", ProtocolStepKind.Rest, 0, 5000L)]
    // 0.4 mA/cm2 * 0.3848 cm2 = 153.92 uA -> 154 uA; 600 s = 600,000 ms.
    [InlineData("Plate at 0.4 mA/cm2 for 600 s", ProtocolStepKind.Plate, 154, 600000L)]
    [InlineData("Strip at 2mA for 500 ms", ProtocolStepKind.Strip, 2000, 500L)]
    // 1.5 min = 90,000 ms.
    [InlineData("Rest for 1.5 min", ProtocolStepKind.Rest, 0, 90000L)]
    [InlineData("  strip   AT 385 uA  ", ProtocolStepKind.Strip, 385, 0L)]
    [InlineData("Plate at 0.001 A for 0.5 h", ProtocolStepKind.Plate, 1000, 1800000L)]
    [InlineData("Strip at 250 uA/cm2 for 100 ms", ProtocolStepKind.Strip, 96, 100L)]
    [InlineData("Rest", ProtocolStepKind.Rest, 0, 0L)]
    // Exponents belong to the number: 2.5e-1 mA = 250 uA, 1E3 ms = 1000 ms.
    [InlineData("Strip at 2.5e-1 mA for 1E3 ms", ProtocolStepKind.Strip, 250, 1000L)]
    public void ValidStepsParseToHandComputedValues(string text, ProtocolStepKind kind, int currentUa, long durationMs)
    {
        Assert.True(ProtocolStepParser.TryParse(text, AreaCm2, out var step, out var error), error);
        Assert.Null(error);
        Assert.Equal(kind, step.Kind);
        Assert.Equal(currentUa, step.CurrentUa);
        Assert.Equal(durationMs, step.DurationMs);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    [InlineData("Charge at 1 mA for 1 s", "Strip, Plate or Rest")]
    [InlineData("Strip 1 mA for 1 s", "'at")]
    [InlineData("Strip at", "missing current")]
    [InlineData("Strip at -1 mA for 1 s", "not a positive number")]
    [InlineData("Strip at abc mA for 1 s", "not a positive number")]
    [InlineData("Strip at 1 mV for 1 s", "current unit")]
    [InlineData("Strip at 1 mA for 1 parsec", "duration unit")]
    [InlineData("Strip at 1 mA for", "missing duration")]
    [InlineData("Strip at 1 mA for 0 s", "not a positive number")]
    [InlineData("Strip at 1 mA during 1 s", "'for")]
    [InlineData("Strip at 1 mA for 1 s please", "unexpected 'please'")]
    [InlineData("Strip at 0.0001 uA for 1 s", "less than 1 uA")]
    [InlineData("Rest for 2 years", "duration unit")]
    [InlineData("Rest for 100000 h", "longer than a year")]
    [InlineData("Strip at 5000 A for 1 s", "too large")]
    // 1e9 mA/cm2 x 0.3848 cm2 = 3.8e11 uA: beyond any step, and not a unit called 'e9'.
    [InlineData("Strip at 1e9 mA/cm2 for 1 s", "current 1e9 ma/cm2 is too large")]
    public void InvalidStepsAreRejectedWithAClearError(string text, string expected)
    {
        Assert.False(ProtocolStepParser.TryParse(text, AreaCm2, out var step, out var error));
        Assert.Null(step);
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    // Messages quote the step as written: the unit keeps its case.
    [InlineData("Strip at 1e9 mA/cm2 for 1 s", "current 1e9 mA/cm2 is too large: a step carries at most 2147 A")]
    [InlineData("Strip at 1 mV for 1 s", "current unit 'mV' is not one of A, mA, uA, A/cm2, mA/cm2, uA/cm2")]
    // Only a current unit may stand before "/cm2": anything between is no density the step could mean.
    [InlineData("Strip at 1 mA/h/cm2 for 1 s", "current unit 'mA/h/cm2' is not one of A, mA, uA, A/cm2, mA/cm2, uA/cm2")]
    [InlineData("Strip at 1 mA/cm2/cm2 for 1 s", "current unit 'mA/cm2/cm2' is not one of A, mA, uA, A/cm2, mA/cm2, uA/cm2")]
    [InlineData("STRIP AT 1 mA FOR 1 Parsec", "duration unit 'Parsec' is not one of ms, s, min, h")]
    [InlineData("Charge at 1 mA", "step must start with Strip, Plate or Rest, not 'Charge'")]
    // A decimal comma is named, not read as "0" with a unit ",5 mA/cm2".
    [InlineData("Strip at 0,5 mA/cm2 for 1 s", "current '0,5' has a decimal comma: write decimals with a point")]
    [InlineData("Rest for 2,5 s", "duration '2,5' has a decimal comma: write decimals with a point")]
    public void ErrorsQuoteTheStepAsWritten(string text, string expected)
    {
        Assert.False(ProtocolStepParser.TryParse(text, AreaCm2, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void CurrentDensityNeedsAnArea()
    {
        Assert.False(ProtocolStepParser.TryParse("Strip at 1 mA/cm2 for 1 s", 0, out _, out var error));
        Assert.Contains("area", error);
    }

    [Theory]
    // 1 mA = 1000 uA; 1 min = 60,000 ms; 2 min = 120,000 ms.
    [InlineData("STRIP at 1 mA for 1 min", ProtocolStepKind.Strip, 1000, 60000L)]
    [InlineData("REST FOR 2 min", ProtocolStepKind.Rest, 0, 120000L)]
    public void CapitalsMeanTheSameUnderATurkishCulture(string text, ProtocolStepKind kind, int currentUa, long durationMs)
    {
        // Turkish lowers 'I' to a dotless i: the words must still match as on the device, whatever the host's culture.
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
        try
        {
            Assert.True(ProtocolStepParser.TryParse(text, AreaCm2, out var step, out var error), error);
            Assert.Equal((kind, currentUa, durationMs), (step.Kind, step.CurrentUa, step.DurationMs));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
