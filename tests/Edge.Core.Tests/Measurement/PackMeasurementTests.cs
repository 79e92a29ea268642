using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Measurement;

/// <summary>Pulse features against hand-computed values on an ideal ohmic-plus-offset cell.</summary>
public class PackMeasurementTests
{
    // 160 mV while 385 uA flows (pulse 1: 0-1 s), 10 mV at rest before and after.
    private static double Cell(CellView c) => c.InPulse ? 160.0 : 10.0;

    [Fact]
    public void EdgeResistanceAndOverpotentialMatchHandComputedValues()
    {
        var pack = new SyntheticPack(new PackLayout(1, 1, 0), new ControllerConfiguration { StartImmediately = false }, Cell);
        pack.RunUntil(1000);
        MeasurementSnapshot snapshot = pack.Controller.Measurement;
        pack.Controller.RequestStart(0);
        pack.Step(); // switch closes
        pack.Step(); // first sample under current: the edge
        Assert.True(snapshot.EdgeMeasured[0]);
        Assert.Equal(ModulePhase.Current, snapshot.Phase[0]);
        Assert.Equal(10, snapshot.PrePulseVoltageMv[0]);

        // (160 - 10) mV / 385 uA = 389.61 ohm = 389,610 milliohm (integer division).
        Assert.Equal(389610, snapshot.EdgeResistanceMilliohm[0]);

        pack.RunUntil(pack.NowMs + 2000, p => p.Controller.Measurement.PulseEnded[0]);
        Assert.True(snapshot.PulseEnded[0]);
        Assert.Equal(150, snapshot.PulseOverpotentialMv[0]);
        Assert.Equal(389610, snapshot.EdgeResistanceMilliohm[0]);
        Assert.Equal(385, snapshot.LastPulseCurrentUa[0]);
        Assert.Equal(1000, snapshot.LastPulseDurationMs[0]);

        // 385 uA for 1 s = 385 uC.
        Assert.Equal(385, snapshot.LastPulseChargeUc[0]);
    }

    [Fact]
    public void APulseBeforeAnyRestMeasuresTheReadingNoiseFromItsSettledSamples()
    {
        // The first pulse starts at once, so no rest has measured the channel's noise. The cell climbs 1 mV a sample
        // (a straight drift, which second differences cancel) under a reading that alternates +-5 mV: every second
        // difference of the window is +-20 mV. 30 of them over the newest 32 samples: 30 x 400 mV^2 x 10,000 /
        // (6 x 30) = 666,666 (0.01 mV)^2 (integer division), whatever the onset's 150 mV step before the window did.
        var pack = new SyntheticPack(new PackLayout(1, 1, 0), new ControllerConfiguration(),
            c => (c.InPulse ? 160.0 + (c.SincePulseStartMs / 10) : 10.0) + ((c.NowMs / 10) % 2 == 0 ? 5.0 : -5.0));
        MeasurementSnapshot snapshot = pack.Controller.Measurement;
        pack.RunUntil(2000, p => snapshot.Phase[0] == ModulePhase.Current && snapshot.PhaseSampleCount[0] == 39);
        Assert.Equal(0, snapshot.NoiseVarianceCentiMv2[0]);
        Assert.False(snapshot.NoiseRenewed[0]);

        pack.Step();
        Assert.Equal(40, snapshot.PhaseSampleCount[0]);
        Assert.True(snapshot.NoiseRenewed[0]);
        Assert.Equal(666666, snapshot.NoiseVarianceCentiMv2[0]);

        pack.Step();
        Assert.False(snapshot.NoiseRenewed[0]);
        Assert.Equal(666666, snapshot.NoiseVarianceCentiMv2[0]);
    }

    [Fact]
    public void RestSlopeOfALinearDecayIsItsSlope()
    {
        // At rest the cell falls by 1 mV every 100 ms after the pulse: -10 mV/s = -10,000 uV/s.
        var pack = new SyntheticPack(new PackLayout(1, 1, 0), new ControllerConfiguration(),
            c => c.InPulse ? 160.0 : (c.SincePulseEndMs < 0 ? 0.0 : 100.0 - Math.Floor(c.SincePulseEndMs / 100.0)));
        pack.RunUntil(3000);
        MeasurementSnapshot snapshot = pack.Controller.Measurement;
        Assert.True(snapshot.RestSlopeValid[0]);
        Assert.InRange(snapshot.RestSlopeUvPerS[0], -10500, -9500);
    }
}
