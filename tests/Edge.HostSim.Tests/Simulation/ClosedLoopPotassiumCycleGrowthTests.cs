// Licensed under the MIT License.

using Edge.HostSim.Physics;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// K | K-beta''-alumina polarisation that grows from cycle to cycle (Spencer Jolly et al. 2022 [S], Fig. 3b/c and its
/// text: 25 cycles of 0.5 mAh/cm2 half cycles; at 2 mA/cm2 from 43 mV at the end of the first stripping to 54 mV at the
/// end of the 25th; at 3 mA/cm2 149 mV at the end of the 25th). Read from the measured voltage at the end of each
/// stripping half cycle through the closed loop (observe mode, the core's direction-change rests, 10 ms ticks).
/// </summary>
public sealed class ClosedLoopPotassiumCycleGrowthTests
{
    private const double HalfCycleMAhPerCm2 = 0.5;   // [S] Fig. 3: 0.5 mAh/cm2 each half cycle.
    private const int Cycles = 25;                   // [S] Fig. 3: 25 cycles.
    private const double SeedTolerance = 0.1;        // +-10 % around each of [S]'s read-off values.

    [Fact]
    public void At2MAThePolarisationGrowsFrom43To54MVOver25Cycles()
    {
        double[] endMv = StrippingEndVoltagesMv(2.0);

        Assert.InRange(endMv[0], 43 * (1 - SeedTolerance), 43 * (1 + SeedTolerance));
        Assert.InRange(endMv[^1], 54 * (1 - SeedTolerance), 54 * (1 + SeedTolerance));
        Assert.True(endMv[^1] - endMv[0] >= 5, $"1st {endMv[0]:0.0} mV, 25th {endMv[^1]:0.0} mV: [S] grows by 11 mV");
    }

    [Fact]
    public void At3MAThe25thStrippingEndsNear149MV()
    {
        double[] endMv = StrippingEndVoltagesMv(3.0);

        Assert.InRange(endMv[^1], 149 * (1 - SeedTolerance), 149 * (1 + SeedTolerance));
    }

    private static double HalfCycleS(double currentMAPerCm2) => HalfCycleMAhPerCm2 / currentMAPerCm2 * 3600.0;

    private static double[] StrippingEndVoltagesMv(double currentMAPerCm2)
    {
        var steps = new List<string>();
        for (int c = 0; c < Cycles; c++)
        {
            steps.Add(OpenLoopCalibrationRun.CurrentStep("Strip", currentMAPerCm2, HalfCycleS(currentMAPerCm2)));
            steps.Add(OpenLoopCalibrationRun.CurrentStep("Plate", currentMAPerCm2, HalfCycleS(currentMAPerCm2)));
        }

        // Room for the direction-change rests (35 s each, up to 600 s when the relaxation does not settle).
        double timeLimitS = Cycles * ((2 * HalfCycleS(currentMAPerCm2)) + 600);
        var (result, measured) = OpenLoopCalibrationRun.Run(OpenLoopCalibrationRun.Scenario(CellPresets.KBetaAlumina, steps, timeLimitS, currentMAPerCm2));

        Assert.Equal("protocolComplete", result.Modules[0].StopReason);
        MeasuredStep[] stripping = measured.Where(s => s.CurrentUa > 0).ToArray();
        Assert.Equal(Cycles, stripping.Length);
        return stripping.Select(s => s.EndVoltageMv).ToArray();
    }
}
