using Edge.HostSim.Physics;
using Xunit;

namespace Edge.HostSim.Tests.Physics;

/// <summary>In-situ plated Na | NASICON preset against [T] (Tseng, Lee &amp; Sakamoto 2024) in the seed notes.</summary>
public class NaCalibrationTests
{
    [Fact]
    public void StrippingAfterPlatingEndsInASuddenRiseWithCoulombicEfficiencyNear87Percent()
    {
        // [T]: plate 2 mAh/cm2 at 0.5 mA/cm2 (uniform, no short), strip at 0.5 mA/cm2 to 1.5 V: sudden voltage
        // rise at Na depletion, coulombic efficiency 86.5-88 %.
        const double CurrentMAPerCm2 = 0.5;
        const double CutoffV = 1.5;
        var cell = ProtocolDriver.NewCell(CellPresets.NaNasicon);
        ProtocolResult plating = ProtocolDriver.PlateUntilShort(cell, CurrentMAPerCm2, 2.0);
        Assert.False(plating.Ended);

        double plated = plating.ChargeMAhPerCm2;
        double start = cell.StrippedChargeMAhPerCm2(0);
        var voltage = new List<double>();
        double v;
        do
        {
            v = cell.Step(0, CurrentMAPerCm2);
            voltage.Add(v);
        }
        while (v < CutoffV && voltage.Count < 10_000_000);

        double stripped = cell.StrippedChargeMAhPerCm2(0) - start;
        Assert.InRange(stripped / plated, 0.85, 0.90);

        // Sudden: flat until the last 2 % of the stripped charge.
        double atNinetyEightPercent = voltage[(int)(voltage.Count * 0.98)];
        Assert.True(atNinetyEightPercent < 0.2, $"voltage {atNinetyEightPercent} V at 98 % of the stripping");
    }

    [Fact]
    public void TenCyclesAtPointTwoWithoutRestsReachNinetyFourPercentWithoutAShort()
    {
        // [T] Fig. S11 text: 10 cycles of 2 mAh/cm2 at 0.2 mA/cm2, coulombic efficiency 94 % at the 10th. Driven
        // directly, each plating straight after the previous stripping cut-off (1.5 V) and each stripping straight
        // after the plating: no rest at all, the hardest case for the contact that the cut-off leaves blocked. The seed
        // gives 94 % to the whole point, so within half a point; no hard short and no soft-short stage in any cycle
        // (cell-model.md: no one-step shorts; [T] cycles on).
        const double CurrentMAPerCm2 = 0.2;
        const double PlatedMAhPerCm2 = 2.0;
        const double CutoffV = 1.5;
        CellParameters p = CellPresets.Get(CellPresets.NaNasicon);
        var cell = new CellBank(p, 1, ProtocolDriver.StepS);
        int platingSteps = (int)Math.Round(PlatedMAhPerCm2 * 3600.0 / CurrentMAPerCm2 / ProtocolDriver.StepS);
        double efficiency = 0;
        for (int cycle = 1; cycle <= 10; cycle++)
        {
            for (int k = 0; k < platingSteps; k++)
            {
                cell.Step(0, -CurrentMAPerCm2);
            }

            Assert.False(cell.IsHardShorted(0), $"hard short while plating in cycle {cycle}");
            double start = cell.StrippedChargeMAhPerCm2(0);
            int steps = 0;
            while (cell.Step(0, CurrentMAPerCm2) < CutoffV && ++steps < 10_000_000)
            {
            }

            efficiency = (cell.StrippedChargeMAhPerCm2(0) - start) / PlatedMAhPerCm2;
            Assert.True(cell.FilamentProgress(0) < p.SoftShortFilamentThreshold,
                $"cycle {cycle}: filament {cell.FilamentProgress(0):0.###}, efficiency {efficiency:P1}");
        }

        Assert.InRange(efficiency, 0.935, 0.945);
    }

    [Fact]
    public void MetalStrippedPastItsReservoirKeepsNoneAndLaterPlatingRestoresIt()
    {
        // Mass balance: plate 0.5 mAh/cm2, force 1 mAh/cm2 of stripping through the cell (held at the compliance
        // clamp once the Na is gone), rest, plate 0.5 again. The forced charge passes (the cycler counts it) but takes
        // no Na that is not there: the reservoir stops at 0, and the second plating leaves what it keeps. By hand:
        // kept share 1 - d(q), d(q) = 0.05 + 0.087 exp(-q / 8) over the total plated q ([T] fit), from q = 0.5 to 1.0:
        // 0.475 - 0.087 * 8 * (exp(-0.0625) - exp(-0.125)) = 0.4354 mAh/cm2.
        const double CurrentMAPerCm2 = 0.5;
        const double CutoffV = 1.5;
        var cell = ProtocolDriver.NewCell(CellPresets.NaNasicon);
        int halfMAhSteps = (int)Math.Round(0.5 * 3600.0 / CurrentMAPerCm2 / ProtocolDriver.StepS);
        for (int k = 0; k < halfMAhSteps; k++)
        {
            cell.Step(0, -CurrentMAPerCm2);
        }

        double lowest = double.MaxValue;
        for (int k = 0; k < 2 * halfMAhSteps; k++)
        {
            cell.Step(0, CurrentMAPerCm2);
            lowest = Math.Min(lowest, cell.MetalReservoirMAhPerCm2(0));
        }

        Assert.Equal(0.0, lowest);
        Assert.Equal(0.5, cell.StrippedChargeMAhPerCm2(0), 6);

        cell.Step(0, 0.0, 20 * 3600.0);
        for (int k = 0; k < halfMAhSteps; k++)
        {
            cell.Step(0, -CurrentMAPerCm2);
        }

        double expected = 0.475 - (0.087 * 8.0 * (Math.Exp(-0.0625) - Math.Exp(-0.125)));
        Assert.Equal(expected, cell.MetalReservoirMAhPerCm2(0), 3);

        // The next stripping delivers that Na, up to the film left below the depletion knee (0.02 mAh/cm2 at 1.9 mA/cm2:
        // the runaway starts once i_lim falls under 0.5, 0.005 mAh/cm2 left).
        cell.Step(0, 0.0, 20 * 3600.0);
        double start = cell.StrippedChargeMAhPerCm2(0);
        int steps = 0;
        while (cell.Step(0, CurrentMAPerCm2) < CutoffV && ++steps < 10_000_000)
        {
        }

        Assert.InRange(cell.StrippedChargeMAhPerCm2(0) - start, expected - 0.01, expected);
    }

    [Theory]
    [InlineData(1.7, false)]   // 10 % below [T]'s 1.9 mA/cm2
    [InlineData(2.2, true)]    // 15 % above it
    public void PlatingAndStrippingFailOnlyAboveTheNasiconCriticalCurrent(double currentMAPerCm2, bool fails)
    {
        // [T] (text on Fig. 2A, Fig. S3): the NASICON pellet's critical current density, Na/NASICON/Na, is 1.9 mA/cm2.
        // Below it a fresh anode plates [T]'s 2 mAh/cm2 without a filament, and a plated reservoir strips at a flat
        // voltage; above it the plating shorts before 2 mAh/cm2 and the stripping voids its contact and runs to the
        // [T] 1.5 V cut-off within a minute.
        const double ChargeMAhPerCm2 = 2.0;
        const double CutoffV = 1.5;
        CellParameters p = CellPresets.Get(CellPresets.NaNasicon);
        var plating = new CellBank(p, 1, ProtocolDriver.StepS);
        int platingSteps = (int)Math.Round(ChargeMAhPerCm2 * 3600.0 / currentMAPerCm2 / ProtocolDriver.StepS);
        for (int k = 0; k < platingSteps && !plating.IsHardShorted(0); k++)
        {
            plating.Step(0, -currentMAPerCm2);
        }

        Assert.True(fails == plating.IsHardShorted(0),
            $"plating {ChargeMAhPerCm2} mAh/cm2 at {currentMAPerCm2} mA/cm2: hard short {plating.IsHardShorted(0)}, filament {plating.FilamentProgress(0):0.###}");
        if (!fails)
        {
            Assert.Equal(0.0, plating.FilamentProgress(0));
        }

        // A reservoir plated below the critical current ([T]'s 2 mAh/cm2 at 0.5 mA/cm2), rested, then stripped for a minute.
        var stripping = new CellBank(p, 1, ProtocolDriver.StepS);
        ProtocolDriver.PlateUntilShort(stripping, 0.5, ChargeMAhPerCm2);
        stripping.Step(0, 0.0, 3600.0);
        double first = stripping.Step(0, currentMAPerCm2);
        double last = first;
        for (int k = 1; k < 6000 && last < CutoffV; k++)
        {
            last = stripping.Step(0, currentMAPerCm2);
        }

        if (fails)
        {
            Assert.True(last >= CutoffV, $"stripping at {currentMAPerCm2} mA/cm2: {first * 1e3:0} mV at first, {last * 1e3:0} mV after a minute");
        }
        else
        {
            Assert.InRange(last, first * 0.99, first * 1.01);
        }
    }

    [Fact]
    public void InterfaceResistanceIsAboutSevenOhmSquareCentimetres()
    {
        // [T]: interfacial resistance about 7 ohm cm2 on the Au-Al collector. The small-signal step response
        // minus the electrolyte term gives the interface alone, contact and charge transfer together, as an
        // impedance arc does. Within 15 %: 9.6 (7 of contact plus 2.6 of kinetics) is not "about 7".
        CellParameters p = CellPresets.Get(CellPresets.NaNasicon);
        var cell = new CellBank(p, 1, ProtocolDriver.StepS);
        ProtocolDriver.PlateUntilShort(cell, 0.5, 1.0);
        cell.Step(0, 0.0, 3600.0);

        double v = cell.Step(0, 0.05);
        double interfaceOhmCm2 = v / 0.05 * 1e3 - p.ROhmOhmCm2;
        Assert.InRange(interfaceOhmCm2, 7.0 * 0.85, 7.0 * 1.15);
    }
}
