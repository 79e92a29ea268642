// Licensed under the MIT License.

using Edge.HostSim.Physics;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// [W] plating on a fresh NaK50 interface through the closed loop: the short as the controller reports it (the
/// hardShort event and its time), the plated charge from the true current, the plating voltage as measured.
/// </summary>
public sealed class ClosedLoopPlatingTests
{
    private const double SurvivalChargeMAhPerCm2 = 4.0;   // [W]: 0.4 mA/cm2 survives "up to 4 mAh/cm2".

    [Fact]
    public void PlatingAt07ShortsAfterAboutHalfAMAh()
    {
        // [W]: plating at 0.7 mA/cm2, short after about 0.5 mAh/cm2, voltage to near 0 V. The programme offers
        // 4 mAh/cm2, well past the range, so a missing short cannot hide behind the end of the steps.
        var (result, measured) = Plate(0.7, SurvivalChargeMAhPerCm2);

        SimulationEvent hardShort = Assert.Single(result.Events, e => e.Kind == "hardShort");
        Assert.Equal("hold", result.Modules[0].State);
        Assert.Equal("hardShort", result.Modules[0].StopReason);
        MeasuredStep plating = Assert.Single(measured, s => s.CurrentUa < 0);
        Assert.Equal(hardShort.TS, plating.EndS, 6);

        // Plating ran from t = 0 to the tick that isolated the module.
        double platedMAhPerCm2 = -plating.CurrentDensityMAPerCm2(OpenLoopCalibrationRun.AreaCm2) * hardShort.TS / 3600.0;
        Assert.InRange(platedMAhPerCm2, 0.5 * 0.7, 0.5 * 1.3);   // [W]'s about 0.5, within 30 %.
        Assert.Equal(-platedMAhPerCm2, result.Modules[0].CapacityMAhPerCm2, 3);

        // The reading that tripped the detector is near 0 V (in uV), where the interface plated at about -0.14 V before.
        Assert.InRange(hardShort.Value, -10000, 10000);
        Assert.True(plating.EndVoltageMv < -50, $"plating voltage {plating.EndVoltageMv} mV in the last second");
    }

    [Fact]
    public void TheSpikyPlatingBeforeTheShortIsASoftShortNotDepletion()
    {
        // [W]/[T]: the short is announced by intermittent shunts (spiky voltage) while plating. The observing core
        // confirms a soft short before the hard short, and takes none of the shunts for a depletion rise.
        var (result, _) = Plate(0.7, SurvivalChargeMAhPerCm2);

        SimulationEvent hardShort = Assert.Single(result.Events, e => e.Kind == "hardShort");
        SimulationEvent confirmed = Assert.Single(result.Events, e => e.Kind == "softShort" && e.Severity == "fault");
        Assert.True(confirmed.TS < hardShort.TS, $"soft short confirmed at {confirmed.TS} s, hard short at {hardShort.TS} s");
        Assert.Contains(result.Events, e => e.Kind == "softShort" && e.Severity == "warning" && e.TS <= confirmed.TS);
        Assert.DoesNotContain(result.Events, e => e.Kind == "depletionOnset");
    }

    [Fact]
    public void PlatingAt04OnAFreshInterfaceSurvivesFourMAh()
    {
        // [W]: plating at 0.4 mA/cm2 on a fresh interface, no short up to 4 mAh/cm2.
        var (result, measured) = Plate(0.4, SurvivalChargeMAhPerCm2);

        Assert.DoesNotContain(result.Events, e => e.Kind == "hardShort" || (e.Kind == "softShort" && e.Severity == "fault"));
        Assert.Equal("protocolComplete", result.Modules[0].StopReason);
        Assert.InRange(-result.Modules[0].CapacityMAhPerCm2, SurvivalChargeMAhPerCm2 - 0.01, SurvivalChargeMAhPerCm2 + 0.01);

        // Still a healthy polarisation at the end, not the near-0 V of a short.
        MeasuredStep plating = Assert.Single(measured, s => s.CurrentUa < 0);
        Assert.True(plating.EndVoltageMv < -40, $"plating voltage {plating.EndVoltageMv} mV at 4 mAh/cm2");
    }

    /// <summary>One plating step of <paramref name="chargeMAhPerCm2"/>; the core's plating cap raised to the current.</summary>
    private static (SimulationResult Result, IReadOnlyList<MeasuredStep> Steps) Plate(double currentMAPerCm2, double chargeMAhPerCm2)
    {
        double durationS = chargeMAhPerCm2 / currentMAPerCm2 * 3600.0;
        string[] steps = { OpenLoopCalibrationRun.CurrentStep("Plate", currentMAPerCm2, durationS) };
        return OpenLoopCalibrationRun.Run(OpenLoopCalibrationRun.Scenario(CellPresets.NaK50Nasicon, steps, durationS + 10, currentMAPerCm2));
    }
}
