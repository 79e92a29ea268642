// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The pack figures are time and charge: with ticks that start late (tickJitter in nanoFramework mode) the physics steps
/// the real intervals, a late tick's longer than a sample period and the release it swallowed none, and the pack's
/// demanded and delivered charge and derated time must follow the same intervals. One module, demand = its own
/// 1 mA/cm2 pulse current (0.3848 cm2: 385 uA), 1 s pulses and 5 s fixed rests over 12 s.
/// </summary>
public sealed class PackDeliveryLateTickTests
{
    [Fact]
    public void Demanded_and_delivered_charge_and_derated_time_follow_the_real_intervals()
    {
        Scenario scenario = PackShortfallTimeTests.OneModule();
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.TickJitter, JitterMode = TickJitterMode.NanoFramework, JitterMs = 19, BusyFraction = 1, GcPauseMs = 0 });

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();
        PackResult pack = result.Pack!;

        Assert.True(result.TickTiming!.MissedReleases > 100, "missed releases: " + result.TickTiming.MissedReleases);
        Assert.Equal(12.0, result.SimulatedS, 3);

        // By hand: 385 uA demanded for the whole 12 s = 4620 uC = 1.2833e-3 mAh.
        Assert.Equal(0.385 * 12 / 3600, pack.DemandedMAh, 1e-6);

        // The pack is its one module: what it delivered is the charge the module moved (its capacity over the area).
        double moduleMAh = result.Modules[0].CapacityMAhPerCm2 * 0.3848;
        Assert.InRange(pack.DeliveredMAh, moduleMAh * 0.995, moduleMAh * 1.005);

        // Short through both 5 s rests (less what the late ticks add to the pulses' ends).
        Assert.InRange(pack.DeratedS, 10 - 0.1, 10 + 0.05);
    }
}
