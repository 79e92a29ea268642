// Licensed under the MIT License.

using Edge.HostSim.Physics;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The [W] plating current scan on a fresh NaK50 interface through the closed loop (observe mode, fixed steps, the core's
/// plating cap raised to the scan's top). Wu &amp; Hatzell 2025 [W], section on Na plating, Fig. 5a/b and the SGEIS method
/// (0.05 -> 1 mA/cm2, 0.01 mA/cm2 stairs of 40 s): "The cell voltage response upon current scanning is near-linear,
/// suggesting that Na plating process is stable". Fresh 0.7 mA/cm2 held constant still shorts after about 0.5 mAh/cm2
/// (ClosedLoopPlatingTests), so the filament must not count the scan's brief high-current stairs like a long hold.
/// </summary>
public sealed class ClosedLoopPlatingScanTests
{
    private const double StairMAPerCm2 = 0.01;   // [W] SGEIS: 0.01 mA/cm2 steps.
    private const double HoldS = 40.0;           // [W] SGEIS: 40 s each.
    private const int FirstStair = 5;            // [W] SGEIS: from 0.05 mA/cm2.
    private const int LastStair = 100;           // to 1 mA/cm2.

    [Fact]
    public void ThePlatingScanToOneMilliampStaysNearLinearWithoutAShort()
    {
        IEnumerable<string> steps = Enumerable.Range(FirstStair, LastStair - FirstStair + 1)
            .Select(k => OpenLoopCalibrationRun.CurrentStep("Plate", k * StairMAPerCm2, HoldS));
        double durationS = (LastStair - FirstStair + 1) * HoldS;
        var (result, measured) = OpenLoopCalibrationRun.Run(OpenLoopCalibrationRun.Scenario(CellPresets.NaK50Nasicon, steps, durationS + 10, LastStair * StairMAPerCm2));

        // Stable: no short of either kind, not even a soft-short warning, and every stair ran its full 40 s.
        Assert.DoesNotContain(result.Events, e => e.Kind == "hardShort" || e.Kind == "softShort");
        Assert.Equal("protocolComplete", result.Modules[0].StopReason);
        MeasuredStep[] stairs = measured.Where(s => s.CurrentUa < 0).ToArray();
        Assert.Equal(LastStair - FirstStair + 1, stairs.Length);
        Assert.All(stairs, s => Assert.InRange(s.DurationS, HoldS - 0.02, HoldS + 0.02));

        // Near-linear: the plating voltage grows with the current all the way, and its slope over the top tenth of the
        // scan (0.9 -> 1.0) is within a factor of two of its slope low in the scan (0.1 -> 0.2): no knee, no collapse.
        MeasuredStep At(int stair) => stairs[stair - FirstStair];
        for (int k = FirstStair + 10; k <= LastStair; k += 10)
        {
            Assert.True(At(k).EndVoltageMv < At(k - 10).EndVoltageMv, $"plating voltage at {k * StairMAPerCm2:0.00} mA/cm2 did not grow");
        }

        double lowSlope = At(20).EndVoltageMv - At(10).EndVoltageMv;
        double topSlope = At(100).EndVoltageMv - At(90).EndVoltageMv;
        Assert.InRange(topSlope / lowSlope, 0.5, 2.0);
    }
}
