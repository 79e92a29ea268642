// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// measurement.adcReadingsPerSample studies another reading count on a board without editing its file: a count whose
/// sampling would not fit in the board's tick is refused, as the board parser refuses such a board file.
/// </summary>
public sealed class ScenarioAdcReadingsTests
{
    // esp32-mux-6s: 20 ms ticks; 11 channels (6 cells, 3 module currents, 1 temperature, the reference), 8 of them
    // multiplexed with 100 us settling. At 50 us a conversion, r readings take 800 + 11 x 50 x r us: 34 take
    // 19,500 us, 35 take 20,050 us, more than 20 ms.
    private static string Json(int readings)
    {
        string board = System.Text.Json.JsonSerializer.Serialize(Path.Combine(Cli.CliReadmeTests.RepositoryRoot(), "boards", "esp32-mux-6s.board"));
        return "{ \"name\": \"mux\", \"seed\": 1, \"timeLimitS\": 10, "
            + "\"pack\": { \"modules\": 3, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
            + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 5 s\" ] }, "
            + "\"measurement\": { \"board\": " + board + ", \"adcReadingsPerSample\": " + readings + " } }";
    }

    [Fact]
    public void ReadingsThatFitInTheBoardsTickLoad()
    {
        Assert.Equal(34, ScenarioLoader.Parse(Json(34)).Measurement.AdcReadingsPerSample);
    }

    [Fact]
    public void ReadingsThatOutlastTheBoardsTickAreRefusedWithTheMostThatFit()
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Json(35)));

        Assert.Equal("measurement.adcReadingsPerSample", e.Path);
        Assert.Contains("20050 us", e.Problem, StringComparison.Ordinal);
        Assert.Contains("give at most 34", e.Problem, StringComparison.Ordinal);
    }
}
