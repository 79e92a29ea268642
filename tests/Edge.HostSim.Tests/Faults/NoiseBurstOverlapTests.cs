// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>
/// Noise bursts on one cell are independent noise sources: while two overlap their standard deviations add in
/// quadrature, and the one still running keeps its noise on the cell when the other ends.
/// </summary>
public sealed class NoiseBurstOverlapTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_cell_burst_inside_a_module_burst_adds_in_quadrature_and_leaves_the_module_burst_running(bool cellBurstListedFirst)
    {
        var moduleBurst = new FaultSpec { Kind = FaultKind.NoiseBurst, AtS = 1, DurationS = 10, Module = 0, NoiseMv = 4 };
        var cellBurst = new FaultSpec { Kind = FaultKind.NoiseBurst, AtS = 2, DurationS = 1, Module = 0, Cell = 0, NoiseMv = 3 };
        var chain = new VirtualMeasurementChain(new MeasurementSpec(), 4, 2, 0, 1);
        FaultSpec[] faults = cellBurstListedFirst ? new[] { cellBurst, moduleBurst } : new[] { moduleBurst, cellBurst };
        var injector = new FaultInjector(faults, 2, null!, chain, 1);

        injector.Update(1.5);
        Assert.Equal(new double[] { 4, 4, 0, 0 }, chain.ExtraNoiseMv);
        injector.Update(2.5);
        Assert.Equal(new double[] { 5, 4, 0, 0 }, chain.ExtraNoiseMv);   // sqrt(4^2 + 3^2)
        injector.Update(3.5);
        Assert.Equal(new double[] { 4, 4, 0, 0 }, chain.ExtraNoiseMv);
        injector.Update(11.5);
        Assert.Equal(new double[] { 0, 0, 0, 0 }, chain.ExtraNoiseMv);
    }
}
