using System.Globalization;
using Edge.Core.Configuration.Protocol;
using Xunit;

namespace Edge.Core.Tests.Configuration.Protocol;

/// <summary>
/// Units match exactly, as SI case carries meaning: M is mega and m milli, so "1 MA/cm2" is a megaampere per cm2, not
/// the 1 mA/cm2 it was read as, and "5 S" a siemens, not the 5 s it was read as. A unit in another case is refused
/// naming the spelling it matches; the step keywords (Strip, Plate, Rest, at, for) carry no such meaning and still
/// match in any case.
/// </summary>
public class ProtocolStepUnitCaseTests
{
    private const double AreaCm2 = 0.3848;

    [Theory]
    [InlineData("Strip at 1 MA/cm2 for 1 s", "current unit 'MA/cm2': units are case-sensitive; write mA/cm2")]
    [InlineData("Strip at 1 MA for 1 s", "current unit 'MA': units are case-sensitive; write mA")]
    [InlineData("Strip at 385 UA", "current unit 'UA': units are case-sensitive; write uA")]
    [InlineData("Strip at 0.001 a for 1 s", "current unit 'a': units are case-sensitive; write A")]
    [InlineData("Strip at 1 mA/CM2 for 1 s", "current unit 'mA/CM2': units are case-sensitive; write mA/cm2")]
    [InlineData("Plate at 1 ua/Cm^2 for 1 s", "current unit 'ua/Cm^2': units are case-sensitive; write uA/cm^2")]
    [InlineData("Strip at 1MA/cm2 for 1 s", "current unit 'MA/cm2': units are case-sensitive; write mA/cm2")]
    [InlineData("Rest for 5 S", "duration unit 'S': units are case-sensitive; write s")]
    [InlineData("Rest for 500 MS", "duration unit 'MS': units are case-sensitive; write ms")]
    [InlineData("Rest for 500 Ms", "duration unit 'Ms': units are case-sensitive; write ms")]
    [InlineData("Rest for 2 Min", "duration unit 'Min': units are case-sensitive; write min")]
    [InlineData("Rest for 1 H", "duration unit 'H': units are case-sensitive; write h")]
    [InlineData("Strip at 1 mA for 3 SEC", "duration unit 'SEC': units are case-sensitive; write sec")]
    public void AUnitInAnotherCaseIsRefusedNamingTheSpellingMeant(string text, string expected)
    {
        Assert.False(ProtocolStepParser.TryParse(text, AreaCm2, out ProtocolStep step, out string error));
        Assert.Null(step);
        Assert.Equal(expected, error);
    }

    // Every spelling the parser takes, in its one case: 1 A = 1,000,000 uA; 1 mA/cm2 x 0.3848 cm2 = 384.8 -> 385 uA;
    // 1000 uA/cm^2 x 0.3848 = 384.8 -> 385 uA; 1 h = 3,600,000 ms.
    [Theory]
    [InlineData("Strip at 1 A for 1 h", 1000000, 3600000L)]
    [InlineData("Strip at 1 mA/cm2 for 2 min", 385, 120000L)]
    [InlineData("Strip at 1000 uA/cm^2 for 3 sec", 385, 3000L)]
    [InlineData("Strip at 0.001 A/cm2 for 250 ms", 385, 250L)]
    public void TheExactSpellingsParse(string text, int currentUa, long durationMs)
    {
        Assert.True(ProtocolStepParser.TryParse(text, AreaCm2, out ProtocolStep step, out string error), error);
        Assert.Equal((currentUa, durationMs), (step.CurrentUa, step.DurationMs));
    }

    // The keywords keep matching in any case: "STRIP AT ... FOR" is the same step as "Strip at ... for".
    [Fact]
    public void KeywordsStillMatchInAnyCase()
    {
        Assert.True(ProtocolStepParser.TryParse("STRIP AT 1 mA FOR 1 s", AreaCm2, out ProtocolStep step, out string error), error);
        Assert.Equal((ProtocolStepKind.Strip, 1000, 1000L), (step.Kind, step.CurrentUa, step.DurationMs));
    }

    // The spelling meant is found by ASCII case alone: under Turkish culture "MIN" lowers to "mın" and would match nothing.
    [Fact]
    public void TheSpellingMeantIsFoundUnderATurkishCulture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
        try
        {
            Assert.False(ProtocolStepParser.TryParse("REST FOR 2 MIN", AreaCm2, out _, out string error));
            Assert.Equal("duration unit 'MIN': units are case-sensitive; write min", error);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
