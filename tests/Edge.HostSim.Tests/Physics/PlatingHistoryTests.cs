using Edge.HostSim.Physics;
using Xunit;

namespace Edge.HostSim.Tests.Physics;

/// <summary>
/// History-dependent plating on the NaK50 cell model (Wu &amp; Hatzell 2025 [W]): Na plated into the voids a stripping run
/// left stays Na metal until it re-alloys over hours (Fig. 5c, 15 h), the current concentrates on it, and plating that
/// follows stripping without a rest fails fast (Fig. 5 text; Fig. 1a, short while plating at 0.4 mA/cm2). A filament
/// still needs time to crack the electrolyte (Fig. 2c-f): no short within one step, and an intermittent soft short
/// first (a modelling assumption: the seeds show the hard short, not what precedes it).
/// </summary>
public class PlatingHistoryTests
{
    private const double CutoffV = 3.0;   // [W]: 3 V cut-off.

    [Fact]
    public void PlatingRightAfterAStrippingCutoffShortsAfterMinutesWithASoftShortFirst()
    {
        CellBank cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        Assert.True(ProtocolDriver.StripContinuous(cell, 1.0, CutoffV, 40.0).Ended);

        double start = cell.StrippedChargeMAhPerCm2(0);
        int steps = 0;
        double softShortS = double.NaN;
        while (!cell.IsHardShorted(0) && start - cell.StrippedChargeMAhPerCm2(0) < 0.5)
        {
            cell.Step(0, -0.4);
            steps++;
            if (double.IsNaN(softShortS) && cell.IsShuntConducting(0))
            {
                softShortS = steps * ProtocolDriver.StepS;
            }
        }

        double shortS = steps * ProtocolDriver.StepS;
        Assert.True(cell.IsHardShorted(0), "no short within 0.5 mAh/cm2 of plating straight after the cut-off");
        Assert.True(shortS > 60, $"hard short {shortS} s into the plating");
        Assert.True(softShortS < shortS, $"no soft-short spike before the hard short at {shortS} s");
        Assert.True(cell.DepositFraction(0) > 0, "the plated Na filled no stripping voids");
    }

    [Fact]
    public void DepositsReAlloyAtRestOverHours()
    {
        // [W] Fig. 5c: gamma_int recovers over 35 s - 15 h after plating (slow Na - NaK re-alloying).
        CellBank cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        Assert.True(ProtocolDriver.StripContinuous(cell, 1.0, CutoffV, 40.0).Ended);
        for (int k = 0; k < 6000; k++)
        {
            cell.Step(0, -0.4);
        }

        double deposit = cell.DepositFraction(0);
        cell.Step(0, 0.0, 15 * 3600.0);

        Assert.True(deposit > 0.05, $"deposit {deposit} after 60 s of plating");
        Assert.InRange(cell.DepositFraction(0), 0.0, 0.5 * deposit);
    }

    [Fact]
    public void SoftShortSpikesDeepenAndLengthenAsTheFilamentClosesIn()
    {
        // Modelling assumption (the seeds show the hard short, not what precedes it): the first contacts of a filament
        // are thin and brief, the last ones nearly the hard short. Fresh NaK50 plated at 0.7 mA/cm2 ([W]: shorts after
        // about 0.5 mAh/cm2): the spikes of the first quarter of the soft phase against those of the last quarter.
        CellBank cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        var spikes = new List<(double StartS, double DepthMv, double LengthS)>();
        double steadyV = 0, deepestV = 0, startS = 0;
        bool inSpike = false;
        int steps = 0;
        while (!cell.IsHardShorted(0) && steps < 2_000_000)
        {
            double v = cell.Step(0, -0.7);
            steps++;
            bool on = cell.IsShuntConducting(0);
            if (on && !inSpike)
            {
                startS = steps * ProtocolDriver.StepS;
                deepestV = v;
            }

            if (on)
            {
                deepestV = Math.Max(deepestV, v);   // Plating voltage is negative: a shunt pulls it towards 0.
            }
            else if (inSpike)
            {
                spikes.Add((startS, (deepestV - steadyV) * 1000.0, (steps * ProtocolDriver.StepS) - startS));
            }
            else
            {
                steadyV = v;
            }

            inSpike = on;
        }

        Assert.True(cell.IsHardShorted(0), "no hard short");
        double first = spikes[0].StartS, last = steps * ProtocolDriver.StepS, quarter = (last - first) / 4;
        var early = spikes.Where(s => s.StartS < first + quarter).ToList();
        var late = spikes.Where(s => s.StartS > last - quarter).ToList();
        Assert.True(early.Count >= 10 && late.Count >= 10, $"{early.Count} early and {late.Count} late spikes");
        Assert.True(Median(late.Select(s => s.DepthMv)) > 2 * Median(early.Select(s => s.DepthMv)), $"depth {Median(early.Select(s => s.DepthMv)):0.#} -> {Median(late.Select(s => s.DepthMv)):0.#} mV");
        Assert.True(Median(late.Select(s => s.LengthS)) > 2 * Median(early.Select(s => s.LengthS)), $"length {Median(early.Select(s => s.LengthS)):0.###} -> {Median(late.Select(s => s.LengthS)):0.###} s");
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    [Fact]
    public void NaThatReAlloysDuringALongRestNoLongerHastensTheShort()
    {
        // [W] Fig. 1a critical-current sequence (half-hour halves, 35 s GEIS between) up to the 0.3 mA/cm2 plating;
        // then the 0.4 mA/cm2 half cycle straight away, or after a 15 h rest ([W] Fig. 5c: Na re-alloys over 15 h).
        // The Na piled up in the voids drives the filament: after the rest it has re-alloyed and the short comes later
        // (or not at all within the half cycle).
        double straightS = PlatingTimeToShortAtFourTenths(restBeforeS: 0);
        double restedS = PlatingTimeToShortAtFourTenths(restBeforeS: 15 * 3600.0);

        Assert.True(straightS < 1800, $"no short within the 0.4 mA/cm2 plating half cycle ({straightS} s)");
        Assert.True(restedS > straightS + 60, $"short after {restedS} s of plating after the rest, {straightS} s without it");
    }

    private static double PlatingTimeToShortAtFourTenths(double restBeforeS)
    {
        const double HalfCycleS = 1800;
        const double GeisS = 35;
        CellBank cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        foreach (double current in new[] { 0.05, 0.1, 0.2, 0.3 })
        {
            StepFor(cell, current, HalfCycleS);
            cell.Step(0, 0.0, GeisS);
            StepFor(cell, -current, HalfCycleS);
            cell.Step(0, 0.0, GeisS);
        }

        Assert.False(cell.IsHardShorted(0), "shorted below 0.4 mA/cm2");
        cell.Step(0, 0.0, restBeforeS + GeisS);
        StepFor(cell, 0.4, HalfCycleS);
        cell.Step(0, 0.0, GeisS);
        int steps = (int)Math.Round(HalfCycleS / ProtocolDriver.StepS);
        for (int k = 0; k < steps; k++)
        {
            cell.Step(0, -0.4);
            if (cell.IsHardShorted(0))
            {
                return k * ProtocolDriver.StepS;
            }
        }

        return double.PositiveInfinity;
    }

    private static void StepFor(CellBank cell, double currentMAPerCm2, double durationS)
    {
        int steps = (int)Math.Round(durationS / ProtocolDriver.StepS);
        for (int k = 0; k < steps; k++)
        {
            cell.Step(0, currentMAPerCm2);
        }
    }
}
