using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests;

/// <summary>Rule 3: the per-sample path allocates nothing (behaviour, not timing).</summary>
public class AllocationTests
{
    [Fact]
    public void SteadyStateTicksAllocateNothing()
    {
        var pack = new PrecomputedPack();

        // Warm up past the detectors' learning phases and the first direction of every code path.
        for (int i = 0; i < 20000; i++)
        {
            pack.Tick();
        }

        Assert.True(pack.Controller.Module(0).PulseCount > 20);
        Assert.Equal(0, SteadyStateAllocation.BytesPerWindow(_ => pack.Tick(), 0, 10000));
        for (int m = 0; m < PrecomputedPack.Modules; m++)
        {
            Assert.True(pack.Controller.Module(m).PulseCount > 45, "still pulsing: the measured ticks ran the full path");
            Assert.False(pack.Controller.Diagnosis.HasLatchedFault(m));
        }
    }
}
