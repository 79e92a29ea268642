// Licensed under the MIT License.

using Edge.Core.Sampling;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>
/// A noise burst is extra noise, independent of the chain's own: the reading's standard deviation is the two in
/// quadrature, as the board chain makes it (its own ADC noise plus the burst on the cell voltage).
/// </summary>
public sealed class NoiseBurstMagnitudeTests
{
    [Fact]
    public void The_virtual_chain_adds_a_burst_to_its_own_noise_in_quadrature()
    {
        var spec = new MeasurementSpec { VoltageNoiseMv = 3, VoltageLsbMv = 0 };
        var chain = new VirtualMeasurementChain(spec, 1, 1, 0, 5);
        chain.ExtraNoiseMv[0] = 4;
        var frame = new SampleFrame(new PackLayout(1, 1, 0));
        double[] volts = { 3.0 };
        int[] currentUa = { 0 };

        const int Samples = 40000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < Samples; i++)
        {
            chain.Convert(volts, currentUa, frame);
            double deviation = frame.CellVoltageMv[0] - 3000.0;
            sum += deviation;
            sumSquares += deviation * deviation;
        }

        double mean = sum / Samples;
        double sigmaMv = Math.Sqrt((sumSquares / Samples) - (mean * mean));

        // sqrt(3^2 + 4^2) = 5 mV (plus 1/12 mV^2 from rounding to whole mV); adding the two would make 7.
        Assert.InRange(sigmaMv, 4.9, 5.1);
    }
}
