// Licensed under the MIT License.

using Edge.HostSim.Physics;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Plating after a depleting stripping phase through the closed loop (Wu &amp; Hatzell 2025 [W]: Fig. 3c, the fast
/// interfacial damage recovers within 35 s; Fig. 5 text, Na plated into the voids of a freshly stripped interface
/// precipitates heterogeneously and fails fast). The core never reverses straight from stripping to plating: it rests
/// 35 s first (its direction-change rest), so the closed loop checks that this rest is enough for the model's damage
/// and Na deposits at 0.4 mA/cm2 ([W] Fig. 1a: the critical-current test shorted while plating at 0.4). Plating with no
/// rest at all, which only a bare cycler does, is checked on the cell model in PlatingHistoryTests.
/// </summary>
public sealed class ClosedLoopPlatingHistoryTests
{
    private const double PlatingMAPerCm2 = 0.4;

    [Fact]
    public void TheDirectionChangeRestAfterADepletingStripLetsHalfAMAhPlateWithoutAShort()
    {
        // 2.09 s at 1 mA/cm2: before the K crust this ran into the runaway that precedes the 3 V cut-off (contact about
        // two-thirds blocked); since the crust it stays in the bounded unstable range, a milder history than it once was.
        string[] steps = { "Strip at 1 mA/cm2 for 2090 ms", SeedProtocol.CurrentStep("Plate", PlatingMAPerCm2, 0.5 / PlatingMAPerCm2 * 3600.0) };
        SeedProtocolResult run = new SeedProtocol(CellPresets.NaK50Nasicon, steps) { PlatingCriticalMAPerCm2 = PlatingMAPerCm2, TimeLimitS = 30_000 }.Run();

        MeasuredStep plating = Assert.Single(run.Plating);
        MeasuredStep stripping = Assert.Single(run.Stripping);
        Assert.True(plating.StartS - stripping.EndS >= 35 - 0.02, $"plating began {plating.StartS - stripping.EndS:0.##} s after stripping");
        Assert.DoesNotContain(run.Result.Events, e => e.Kind == "hardShort" || (e.Kind == "softShort" && e.Severity == "fault"));
        Assert.Equal("protocolComplete", run.Module.StopReason);
        Assert.InRange(-run.Module.CapacityMAhPerCm2, 0.49, 0.51);
    }
}
