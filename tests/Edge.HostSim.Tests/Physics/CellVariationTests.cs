using Edge.HostSim.Physics;
using Xunit;

namespace Edge.HostSim.Tests.Physics;

/// <summary>Cell-to-cell spread: reproducible, centred on the preset, and visible in the pulse capacity.</summary>
public class CellVariationTests
{
    [Fact]
    public void SpreadIsDeterministicAndHasTheRequestedWidth()
    {
        CellVariation[] a = CellVariation.CreateSpread(4000, 11, 0.02, 0.05);
        CellVariation[] b = CellVariation.CreateSpread(4000, 11, 0.02, 0.05);

        Assert.Equal(a.Select(v => v.ILimScale), b.Select(v => v.ILimScale));
        double[] logILim = a.Select(v => Math.Log(v.ILimScale)).ToArray();
        double[] logTau = a.Select(v => Math.Log(v.TauScale)).ToArray();
        Assert.InRange(logILim.Average(), -0.002, 0.002);
        Assert.InRange(StandardDeviation(logILim), 0.018, 0.022);
        Assert.InRange(StandardDeviation(logTau), 0.045, 0.055);
        Assert.All(a, v => Assert.Equal(1.0, v.ROhmScale));
    }

    [Fact]
    public void WeakerCellsReachTheCutoffWithLessCharge()
    {
        // A lower limiting current can only shorten the 1 s / 2 s pulse protocol ([W] table physics).
        CellParameters p = CellPresets.Get(CellPresets.NaK50Nasicon);
        var weak = new CellBank(p, 1, ProtocolDriver.StepS, new[] { new CellVariation(0.97, 1.0) });
        var strong = new CellBank(p, 1, ProtocolDriver.StepS, new[] { new CellVariation(1.03, 1.0) });

        double weakCharge = ProtocolDriver.StripPulses(weak, 1.0, 1.0, 2.0, 3.0, 40.0).ChargeMAhPerCm2;
        double strongCharge = ProtocolDriver.StripPulses(strong, 1.0, 1.0, 2.0, 3.0, 40.0).ChargeMAhPerCm2;

        Assert.True(weakCharge < strongCharge, $"weak {weakCharge} vs strong {strongCharge} mAh/cm2");
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
