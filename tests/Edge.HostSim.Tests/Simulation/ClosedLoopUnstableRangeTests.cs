// Licensed under the MIT License.

using Edge.HostSim.Physics;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The bounded unstable stripping range of NaK50 through the closed loop (observe mode, fixed steps, measured voltages).
/// Wu &amp; Hatzell 2025 [W], "Origin of unstable Na stripping behavior", Fig. 3a/b and the SGEIS method (0.01 mA/cm2
/// stairs of 40 s: 5 s of current, then a GEIS of about 35 s): above about 0.6 mA/cm2 the voltage rises quickly and
/// non-linearly, yet the scan "ended after the GEIS measurement at 1 mA/cm2 completed". [W] Fig. 4c text: direct
/// stripping at 1 mA/cm2 "delivered minimal capacity", so the same current fails when it is applied at once.
/// </summary>
public sealed class ClosedLoopUnstableRangeTests
{
    private const double StairMAPerCm2 = 0.01;   // [W] SGEIS: 0.01 mA/cm2 steps.
    private const double HoldS = 40.0;           // [W] SGEIS: 5 s of current plus a GEIS of about 35 s.
    private const double GeisS = 35.0;           // [W] SGEIS: one GEIS scan takes about 35 s.
    private const double CutoffMv = 3000.0;      // [W]: 3 V cut-off.

    [Fact]
    public void TheCurrentScanRunsOnToOneMilliampWithARisingButBoundedVoltage()
    {
        const int Stairs = 100;   // 0.01 to 1.00 mA/cm2.
        IEnumerable<string> steps = Enumerable.Range(1, Stairs).Select(k => OpenLoopCalibrationRun.CurrentStep("Strip", k * StairMAPerCm2, HoldS));
        var (result, measured) = OpenLoopCalibrationRun.Run(OpenLoopCalibrationRun.Scenario(CellPresets.NaK50Nasicon, steps, (Stairs * HoldS) + 10));

        Assert.DoesNotContain(result.Events, e => e.Kind == "cutoff");
        MeasuredStep[] stairs = measured.Where(s => s.CurrentUa > 0).ToArray();
        Assert.Equal(Stairs, stairs.Length);
        Assert.All(stairs, s => Assert.InRange(s.DurationS, HoldS - 0.02, HoldS + 0.02));
        Assert.InRange(stairs[^1].CurrentDensityMAPerCm2(OpenLoopCalibrationRun.AreaCm2), 0.99, 1.01);

        // Non-linear above the onset: the last ten stairs (0.9 -> 1.0) raise the voltage more than three times as much as
        // ten stairs of the stable range (0.4 -> 0.5); bounded: 1 mA/cm2 ends below the cut-off.
        double stableRiseMv = stairs[49].EndVoltageMv - stairs[39].EndVoltageMv;
        double unstableRiseMv = stairs[99].EndVoltageMv - stairs[89].EndVoltageMv;
        Assert.True(stableRiseMv > 0, $"stable range rise {stableRiseMv:0.#} mV");
        Assert.True(unstableRiseMv > 3.0 * stableRiseMv, $"0.9 -> 1.0: {unstableRiseMv:0.#} mV against {stableRiseMv:0.#} mV for 0.4 -> 0.5");
        Assert.InRange(stairs[^1].EndVoltageMv, 0.0, CutoffMv);
    }

    [Fact]
    public void ContinuousOneMilliampOutlastsOneGeisButDeliversMinimalCapacity()
    {
        // Minimal: below 0.5 mAh/cm2 (the calibration tests' bound for "minimal"), i.e. a cut-off within 1800 s at
        // 1 mA/cm2; and at least one ~35 s GEIS completes before it, as it did at 1 mA/cm2 in the scan.
        const double LimitS = 3600.0;
        string[] steps = { OpenLoopCalibrationRun.CurrentStep("Strip", 1.0, LimitS) };
        var (result, measured) = OpenLoopCalibrationRun.Run(OpenLoopCalibrationRun.Scenario(CellPresets.NaK50Nasicon, steps, LimitS + 10));

        SimulationEvent cutoff = Assert.Single(result.Events, e => e.Kind == "cutoff");
        MeasuredStep stripping = Assert.Single(measured, s => s.CurrentUa > 0);
        Assert.InRange(cutoff.TS - stripping.StartS, GeisS, 1800.0);
        Assert.InRange(result.Modules[0].CapacityMAhPerCm2, 0.0, 0.5);
        Assert.Equal("cutoff", result.Modules[0].StopReason);
    }
}
