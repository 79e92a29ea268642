// Licensed under the MIT License.

using Edge.HostSim.Physics;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// One limiting-current law over the NaK composition (Wu &amp; Hatzell 2025 [W], "Origin of unstable Na stripping
/// behavior", Fig. 3a and the NaK65 / NaK80 current scans: the starting Na content "dictates the limiting current for
/// Na stripping"). A NaK50 cell stripped down to the NaK65 composition must then behave like a fresh NaK65 cell: its
/// [W] current scan (0.01 mA/cm2 stairs, 40 s each) turns unstable at the same current within 20 %. Through the closed
/// loop: observe mode, fixed steps, measured voltages.
/// </summary>
public sealed class ClosedLoopCompositionLawTests
{
    private const double StairMAPerCm2 = 0.01;   // [W] Fig. 3a: 0.01 mA/cm2 steps.
    private const double HoldS = 40.0;           // [W] Fig. 3a: 40 s each.
    private const double ScanTopMAPerCm2 = 0.5;
    private const double StrippingMAPerCm2 = 0.1;   // Far below NaK65's limiting current all the way down.
    private const double NaK50NaCapacityMAhPerCm2 = 53.7;   // 40 uL NaK50 over the [W] 7 mm O-ring (model notes).

    [Fact]
    public void NaK50StrippedToTheNaK65CompositionScansLikeFreshNaK65()
    {
        // Mass balance of the alloy: NaK50 (w = 0.5) keeps w = 0.35 after losing the Na share 1 - (0.35 / 0.65) / (0.5 / 0.5).
        double strippedMAhPerCm2 = NaK50NaCapacityMAhPerCm2 * (1.0 - (0.35 / 0.65));
        double strippingS = Math.Round(strippedMAhPerCm2 * 3600.0 / StrippingMAPerCm2);

        // 250 ms ticks (the coarsest the core accepts): the 248 h stripping phase would be 89 million ticks at 10 ms; both cells run at the same tick.
        var stripped = new SeedProtocol(CellPresets.NaK50Nasicon,
            new[] { SeedProtocol.CurrentStep("Strip", StrippingMAPerCm2, strippingS), "Rest for 3600 s" }.Concat(Stairs()))
        { SamplePeriodMs = 250, HeadSamples = 1, TailSamples = 8 };
        var fresh = new SeedProtocol(CellPresets.NaK65Nasicon, new[] { "Rest for 3600 s" }.Concat(Stairs()))
        { SamplePeriodMs = 250, HeadSamples = 1, TailSamples = 8 };

        SeedProtocolResult[] runs = SeedProtocol.RunAll(new[] { stripped, fresh });

        // The stripping phase must really have brought the alloy to the NaK65 composition (no early cut-off).
        MeasuredStep strippingStep = runs[0].Stripping.First();
        Assert.InRange(strippingStep.DurationS, strippingS - 2, strippingS + 2);
        double strippedOnset = Onset(runs[0]);
        double freshOnset = Onset(runs[1]);

        Assert.InRange(freshOnset, 0.05, 0.3);   // [W]: NaK65 unstable above about 0.15 mA/cm2.
        Assert.InRange(strippedOnset, 0.8 * freshOnset, 1.2 * freshOnset);
    }

    [Fact]
    public void StrippedNaK50AndFreshNaK65HaveTheSameLimitingCurrentAndNaK50IsFourTimesHigher()
    {
        // Direct read of the law: the stripped cell's limiting current within 20 % of fresh NaK65's ([W]: about 0.15
        // against about 0.6 mA/cm2 onsets, a quarter), and fresh NaK80 below 0.05 mA/cm2 ([W]: 3 V at once at 0.05).
        var nak50 = new CellBank(CellPresets.Get(CellPresets.NaK50Nasicon), 1, 0.01);
        var nak65 = new CellBank(CellPresets.Get(CellPresets.NaK65Nasicon), 1, 0.01);
        var nak80 = new CellBank(CellPresets.Get(CellPresets.NaK80Nasicon), 1, 0.01);
        double fresh50 = nak50.LimitingCurrentMAPerCm2(0);
        nak50.Step(0, StrippingMAPerCm2, NaK50NaCapacityMAhPerCm2 * (1.0 - (0.35 / 0.65)) * 3600.0 / StrippingMAPerCm2);

        Assert.InRange(nak50.LimitingCurrentMAPerCm2(0), 0.8 * nak65.LimitingCurrentMAPerCm2(0), 1.2 * nak65.LimitingCurrentMAPerCm2(0));
        Assert.InRange(nak65.LimitingCurrentMAPerCm2(0) / fresh50, 0.15, 0.4);
        Assert.True(nak80.LimitingCurrentMAPerCm2(0) < 0.05);
    }

    private static IEnumerable<string> Stairs()
    {
        int stairs = (int)Math.Round(ScanTopMAPerCm2 / StairMAPerCm2);
        return Enumerable.Range(1, stairs).Select(k => SeedProtocol.CurrentStep("Strip", k * StairMAPerCm2, HoldS));
    }

    /// <summary>
    /// The rule of the staircase tests: the first stair that reached the cut-off or whose end voltage rose by more than
    /// three times the mean rise of the first ten stairs; NaN if none did.
    /// </summary>
    private static double Onset(SeedProtocolResult run)
    {
        double previousMv = 0;   // Symmetric cell: 0 V at open circuit.
        double baselineSumMv = 0;
        int k = 0;
        foreach (MeasuredStep stair in run.Stripping.Where(s => s.DurationS < 2 * HoldS))
        {
            k++;
            double current = stair.CurrentDensityMAPerCm2(SeedProtocol.AreaCm2);
            if (run.CutoffS is double cutoffS && stair.Contains(cutoffS))
            {
                return current;
            }

            double rise = stair.EndVoltageMv - previousMv;
            previousMv = stair.EndVoltageMv;
            if (k <= 10)
            {
                baselineSumMv += rise;
            }
            else if (rise > 3.0 * baselineSumMv / 10.0)
            {
                return current;
            }
        }

        return double.NaN;
    }
}
