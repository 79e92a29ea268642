// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Boards;

/// <summary>
/// A scenario's simulated unit that the calibration procedure refuses is refused with the cause that is the scenario's:
/// the board's points against its front end, the unit's ADC Vref, or the scenario's ADC noise. Every refusal said "the
/// board's calibration points contradict its front end", sending the user to a board that <c>edge-sim board</c> calls
/// usable when the Vref or the noise was the cause.
/// </summary>
public sealed class UnitCalibrationRefusalCauseTests
{
    private const string MuxCurve = "calibration = 179:-200, 424:-100, 763:0, 1181:100, 1641:200, 1872:250, 2095:300, 2501:400, 2838:500, 3148:600, 3410:700, 3740:850";

    private static string Shipped(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", file));

    private static Scenario OnBoard(string boardText, string measurement) => ScenarioLoader.Parse(
        "{ \"name\": \"cause\", \"seed\": 1, \"timeLimitS\": 2, "
        + "\"pack\": { \"modules\": 3, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
        + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 0.5 s\" ] }, "
        + "\"measurement\": { \"board\": \"b.board\"" + measurement + " } }",
        null,
        new Dictionary<string, string> { ["b.board"] = boardText });

    [Fact]
    public void AUnitWhoseVrefPutsAStepPastFullScaleIsRefusedNamingTheVrefNotTheBoardsPoints()
    {
        // The NTC's -20.0 degC point at 4050 counts of the typical chip lies above 3107 mV at the ADC (Espressif's tables
        // at 4032 counts, 3030 and 3184 mV, averaged), past the 3060 mV where a Vref-1000 chip reads 4095 (computed).
        string text = Shipped("esp32-mux-6s.board");
        Assert.Contains(MuxCurve, text, StringComparison.Ordinal);
        string board = text.Replace(MuxCurve, "calibration = 300:850, 1000:500, 2000:250, 3000:0, 4050:-200", StringComparison.Ordinal);

        Assert.Null(ClosedLoopRunner.UnitCalibrationProblem(OnBoard(board, ", \"adcVrefMv\": 1100")));
        string? problem = ClosedLoopRunner.UnitCalibrationProblem(OnBoard(board, ", \"adcVrefMv\": 1000"));

        Assert.NotNull(problem);
        Assert.Contains("the simulated unit, whose ESP32 has an ADC Vref of 1000 mV", problem, StringComparison.Ordinal);
        Assert.Contains("cannot be calibrated, though a typical 1100 mV chip can", problem, StringComparison.Ordinal);
        Assert.Contains("reading 4095 is saturated", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("contradict", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AUnitTooNoisyToCalibrateIsRefusedNamingTheNoiseNotTheBoardsPoints()
    {
        // 15 counts of Gaussian noise spread 4096 readings of a point over about 7 sigma, some 100 counts (computed), where
        // the procedure takes at most 48; the shipped board calibrates at the default 2 counts.
        string board = Shipped("esp32-mux-6s.board");

        Assert.Null(ClosedLoopRunner.UnitCalibrationProblem(OnBoard(board, ", \"adcVrefMv\": 1100")));
        string? problem = ClosedLoopRunner.UnitCalibrationProblem(OnBoard(board, ", \"adcVrefMv\": 1100, \"adcNoiseCounts\": 15"));

        Assert.NotNull(problem);
        Assert.Contains("measurement.adcNoiseCounts", problem, StringComparison.Ordinal);
        Assert.Contains("15 counts", problem, StringComparison.Ordinal);
        Assert.Contains("more than 48", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("contradict", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ABoardWhosePointsContradictItsFrontEndIsStillNamedSo()
    {
        // Cell 1's divider as 0.2 with the points of 0.3297: no unit, of any Vref, calibrates it.
        string board = Shipped("esp32-mux-6s.board").Replace("divider_ratio = 0.3297", "divider_ratio = 0.2", StringComparison.Ordinal);

        string? problem = ClosedLoopRunner.UnitCalibrationProblem(OnBoard(board, ", \"adcVrefMv\": 1100"));

        Assert.NotNull(problem);
        Assert.Contains("the board's calibration points contradict its front end", problem, StringComparison.Ordinal);
    }
}
