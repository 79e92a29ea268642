// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>
/// Stuck and saturated channel faults on one cell: each holds the channel in its own window, whatever other faults of
/// the same kind on that cell are listed after it, and the channel is released only when none of them is active.
/// </summary>
public sealed class ChannelOverlayWindowTests
{
    private static VirtualMeasurementChain Chain() => new VirtualMeasurementChain(new MeasurementSpec(), 2, 1, 0, 1);

    [Theory]
    [InlineData(FaultKind.StuckChannel)]
    [InlineData(FaultKind.SaturatedChannel)]
    public void Each_of_two_faults_on_one_cell_holds_it_in_its_own_window(FaultKind kind)
    {
        var first = new FaultSpec { Kind = kind, AtS = 1, DurationS = 1, Module = 0, Cell = 0 };
        var second = new FaultSpec { Kind = kind, AtS = 5, DurationS = 1, Module = 0, Cell = 0 };
        VirtualMeasurementChain chain = Chain();
        var injector = new FaultInjector(new[] { first, second }, 2, null!, chain, 1);
        bool[] overlay = kind == FaultKind.StuckChannel ? chain.Stuck : chain.Saturated;

        injector.Update(1.5);
        Assert.True(overlay[0]);
        injector.Update(3);
        Assert.False(overlay[0]);
        injector.Update(5.5);
        Assert.True(overlay[0]);
        injector.Update(7);
        Assert.False(overlay[0]);
        Assert.False(overlay[1]);
    }

    [Theory]
    [InlineData(FaultKind.StuckChannel)]
    [InlineData(FaultKind.SaturatedChannel)]
    public void A_short_fault_ending_inside_a_longer_one_leaves_the_cell_held(FaultKind kind)
    {
        var longer = new FaultSpec { Kind = kind, AtS = 2, DurationS = 0, Module = 0, Cell = 1 };
        var shorter = new FaultSpec { Kind = kind, AtS = 1, DurationS = 2, Module = 0, Cell = 1 };
        VirtualMeasurementChain chain = Chain();
        var injector = new FaultInjector(new[] { shorter, longer }, 2, null!, chain, 1);
        bool[] overlay = kind == FaultKind.StuckChannel ? chain.Stuck : chain.Saturated;

        injector.Update(1.5);
        Assert.True(overlay[1]);
        injector.Update(3.5);
        Assert.True(overlay[1]);
    }
}
