using Edge.HostSim.Physics;
using Xunit;

namespace Edge.HostSim.Tests.Physics;

/// <summary>Forced and intrinsic shorts: hard short near 0 V, shunt division, spikes, determinism.</summary>
public class FaultInjectionTests
{
    [Fact]
    public void ForcedHardShortHoldsTheVoltageNearZeroAndProportionalToCurrent()
    {
        // Seed notes: a hard short is a few mV under current, V proportional to I.
        var cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        cell.ForceHardShort(0);

        double atOne = cell.Step(0, 1.0);
        double atTwo = cell.Step(0, 2.0);

        Assert.True(cell.IsHardShorted(0));
        Assert.InRange(atOne, 0.0, 0.005);
        Assert.InRange(atTwo / atOne, 1.8, 2.2);
        Assert.InRange(cell.Step(0, -1.0), -0.005, 0.0);
    }

    [Fact]
    public void PermanentShuntDividesTheCurrentLikeAParallelResistor()
    {
        // Small signal, fresh NaK50: R_cell = R_ohm + R_contact + RT/(F i0) = 150 + 20 + 25.7 ohm cm2, so a 100 ohm cm2
        // shunt takes the voltage to 100 / (100 + 195.7) = 0.34 of its unshunted value.
        var free = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        var shunted = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        shunted.InjectShunt(0, 100.0);

        double ratio = shunted.Step(0, 0.05) / free.Step(0, 0.05);

        Assert.InRange(ratio, 0.30, 0.38);
        Assert.True(shunted.IsShuntConducting(0));
        shunted.ClearInjectedShunt(0);
        Assert.False(shunted.IsShuntConducting(0));
    }

    [Fact]
    public void IntermittentShuntIsOnForItsDutyShareAndDeterministic()
    {
        // Mean on 0.2 s, mean off 0.8 s: on for about 20 % of the time.
        CellParameters p = CellPresets.Get(CellPresets.NaK50Nasicon);
        var a = new CellBank(p, 1, ProtocolDriver.StepS, seed: 42);
        var b = new CellBank(p, 1, ProtocolDriver.StepS, seed: 42);
        a.InjectShunt(0, 20.0, 0.2, 0.8);
        b.InjectShunt(0, 20.0, 0.2, 0.8);
        int on = 0;
        const int Steps = 200_000;
        for (int k = 0; k < Steps; k++)
        {
            double va = a.Step(0, 0.3);
            Assert.Equal(va, b.Step(0, 0.3));
            on += a.IsShuntConducting(0) ? 1 : 0;
        }

        Assert.InRange(on / (double)Steps, 0.17, 0.23);
    }

    [Fact]
    public void PlatingFilamentsGiveSpikesBeforeTheHardShort()
    {
        // Seed notes: first a soft short (spiky, intermittent voltage drops), then a hard short near 0 V.
        var cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        int spikes = 0;
        bool wasConducting = false;
        double softStartedAt = double.NaN;
        double t = 0;
        while (!cell.IsHardShorted(0) && t < 20_000)
        {
            cell.Step(0, -0.7);
            t += ProtocolDriver.StepS;
            bool conducting = cell.IsShuntConducting(0);
            if (conducting && !wasConducting)
            {
                spikes++;
                if (double.IsNaN(softStartedAt))
                {
                    softStartedAt = t;
                }
            }

            wasConducting = conducting;
        }

        Assert.True(cell.IsHardShorted(0));
        Assert.True(spikes >= 10, $"{spikes} spikes before the hard short");
        Assert.True(t - softStartedAt > 60, "the soft-short phase should last minutes, not a tick");
    }
}
