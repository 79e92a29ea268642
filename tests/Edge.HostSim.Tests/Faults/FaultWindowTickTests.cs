// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>
/// A fault with a duration is active for exactly durationS / samplePeriod ticks, whatever the decimal fractions of
/// its atS and durationS add up to in binary floating point (0.1 + 0.2 is 0.30000000000000004).
/// </summary>
public sealed class FaultWindowTickTests
{
    public static TheoryData<double, double, int, int> Windows() => new()
    {
        // atS, durationS, sample period ms, ticks the window holds
        { 0.1, 0.2, 10, 20 },
        { 0.1, 0.2, 100, 2 },
        { 1.1, 2.2, 10, 220 },
        { 0.7, 0.1, 10, 10 },
        { 0.3, 0.6, 100, 6 },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void A_window_holds_exactly_its_duration_in_ticks(double atS, double durationS, int periodMs, int ticks)
    {
        var fault = new FaultSpec { Kind = FaultKind.StuckChannel, AtS = atS, DurationS = durationS, Module = 0, Cell = 0 };

        int active = 0;
        for (long tick = 0; tick * periodMs <= 10000; tick++)
        {
            // The runner's sample time: whole milliseconds, in seconds.
            active += fault.IsActiveAt(tick * periodMs / 1000.0) ? 1 : 0;
        }

        Assert.Equal(ticks, active);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void A_stuck_channel_holds_the_cell_for_exactly_its_duration_in_ticks(double atS, double durationS, int periodMs, int ticks)
    {
        var fault = new FaultSpec { Kind = FaultKind.StuckChannel, AtS = atS, DurationS = durationS, Module = 0, Cell = 0 };
        var chain = new VirtualMeasurementChain(new MeasurementSpec(), 1, 1, 0, 1);
        var injector = new FaultInjector(new[] { fault }, 1, null!, chain, 1);

        int held = 0;
        for (long tick = 0; tick * periodMs <= 10000; tick++)
        {
            injector.Update(tick * periodMs / 1000.0);
            held += chain.Stuck[0] ? 1 : 0;
        }

        Assert.Equal(ticks, held);
    }
}
