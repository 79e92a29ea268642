// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// A step's current per cm² written with the superscript two, as cyclers write it and as replay reads it in an EC-Lab
/// header, is read as per cm2. It was refused: "current unit 'mA/cm²' is not one of A, mA, uA, A/cm2, mA/cm2, uA/cm2".
/// </summary>
public sealed class StepUnitSpellingTests
{
    [Theory]
    [InlineData("Strip at 1 mA/cm\u00B2 for 1 s", 385, 1000)]
    [InlineData("Plate at 200 uA/cm\u00B2 for 2 s", -77, 2000)]
    [InlineData("Strip at 0.001A/cm\u00B2 for 1 s", 385, 1000)]
    public void ACurrentPerCmSquaredWithTheSuperscriptTwoIsReadAsPerCm2(string stepText, int expectedUa, int expectedMs)
    {
        // 1 mA/cm2 on the default 0.3848 cm2 is 384.8 uA, 385 to the whole uA; 0.2 mA/cm2 plated 76.96 uA, 77, negative.
        Scenario scenario = ScenarioLoader.Parse(Json(stepText));

        ControllerConfiguration c = ScenarioCompiler.Compile(scenario);

        Assert.Equal(expectedUa, c.Protocol.Steps[0].SignedCurrentUa);
        Assert.Equal(expectedMs, c.Protocol.Steps[0].DurationMs);
    }

    [Fact]
    public void AnotherUnitIsStillRefusedWithTheUnitsTheParserTakes()
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioCompiler.Compile(ScenarioLoader.Parse(Json("Strip at 1 mA/cm\u00B3 for 1 s"))));

        Assert.Contains("current unit 'mA/cm\u00B3' is not one of A, mA, uA, A/cm2, mA/cm2, uA/cm2", e.Message, StringComparison.Ordinal);
    }

    private static string Json(string step) => """
        { "name": "cm-squared", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 5,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "
        """ + step + """
        ", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """;
}
