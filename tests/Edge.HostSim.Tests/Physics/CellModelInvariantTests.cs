using Edge.HostSim.Physics;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Edge.HostSim.Tests.Physics;

/// <summary>Physical invariants of the cell model, independent of the calibration numbers.</summary>
public class CellModelInvariantTests
{
    [Fact]
    public void LongRestReturnsTheVoltageToOpenCircuit()
    {
        var cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        ProtocolDriver.StripPulses(cell, 1.0, 1.0, 1.0, 3.0, 40.0);
        Assert.True(cell.ContactFraction(0) < 0.5, "the protocol should have damaged the interface");

        double v = 0;
        for (int k = 0; k < 100; k++)
        {
            v = cell.Step(0, 0.0, 600.0);
        }

        // 100 x 10 min rest: every recovery time constant (up to 1 h) has decayed.
        Assert.InRange(v, -0.001, 0.001);
        Assert.True(cell.ContactFraction(0) > 0.99);
    }

    [Fact]
    public void HigherContinuousCurrentNeverGivesMoreCapacity()
    {
        Prop.ForAll(Gen.Choose(80, 300).ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), (lowCenti, extraCenti) =>
        {
            double low = lowCenti / 100.0;
            double high = low + extraCenti / 100.0;
            double capLow = ProtocolDriver.StripContinuous(ProtocolDriver.NewCell(CellPresets.NaK50Nasicon), low, 3.0, 40.0).ChargeMAhPerCm2;
            double capHigh = ProtocolDriver.StripContinuous(ProtocolDriver.NewCell(CellPresets.NaK50Nasicon), high, 3.0, 40.0).ChargeMAhPerCm2;
            // The cut-off is detected at step ends: allow one step of charge at the higher current. Known model defect
            // (physics README, "Approximate or missing"): just above the knee, 0.80-0.90 mA/cm2, the lasting damage
            // slows the K crust enough that capacity rises by up to 2.4 % with the current; allowed there, not hidden.
            double knownDefect = low >= 0.79 && high <= 0.91 ? 0.03 * capLow : 0.0;
            return capHigh <= capLow + (high * ProtocolDriver.StepS / 3600.0) + knownDefect;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    [Fact]
    public void TheCrustsProgressStaysWithinZeroAndOneWhenCurrentIsForcedPastTheCutoff()
    {
        // NaK50 at 1 mA/cm2 cuts off after about 1074 s; a load that ignores the cut-off runs on to 1100 s, rests
        // 13.5 s, and strips again: far past the limit, one step once added 0.27 to a crust already closed.
        var cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        double largest = 0;
        for (int k = 0; k < 110000; k++)
        {
            cell.Step(0, 1.0);
            largest = Math.Max(largest, cell.CrustProgress(0));
        }

        cell.Step(0, 0.0, 13.5);
        for (int k = 0; k < 100; k++)
        {
            cell.Step(0, 1.0);
            largest = Math.Max(largest, cell.CrustProgress(0));
        }

        Assert.True(cell.VoltageV(0) >= 3.0, "the forced strip should end past the cut-off");
        Assert.InRange(largest, 0.0, 1.0);
        Assert.Equal(1.0, cell.CrustProgress(0));
    }

    [Fact]
    public void ModalSolutionMatchesAFineFiniteDifferenceReference()
    {
        // A 1 s pulse at half the limiting current (no contact loss) then 3 s of rest; u = i / i_lim.
        CellParameters p = CellPresets.Get(CellPresets.NaK50Nasicon);
        double current = 0.5 * p.ILim0MAPerCm2;
        var cell = new CellBank(p, 1, ProtocolDriver.StepS);
        var reference = new FiniteDifferenceLayer(400, p.TauS);
        const int SubSteps = 20;
        double largestError = 0;
        for (int k = 0; k < 400; k++)
        {
            double i = k < 100 ? current : 0.0;
            cell.Step(0, i);
            double u = i / cell.LimitingCurrentMAPerCm2(0);
            for (int s = 0; s < SubSteps; s++)
            {
                reference.Step(u, ProtocolDriver.StepS / SubSteps);
            }

            largestError = Math.Max(largestError, Math.Abs(cell.SurfaceDepletion(0) - reference.Surface));
        }

        // Peak theta_s is about 0.3; backward Euler and the grid add about 1e-3 of their own.
        Assert.True(largestError < 5e-3, $"largest difference {largestError}");
    }

    [Theory]
    [InlineData(CellPresets.KBetaAlumina, 1e-12)]
    [InlineData(CellPresets.NaK50Nasicon, 2e-6)]
    public void OneLongStepEqualsManyShortStepsAtConstantCurrent(string preset, double tolerance)
    {
        // Exact for a piecewise-constant current whatever the step. K metal has no composition drift, so the
        // two agree to rounding; in NaK the bulk composition (hence i_lim) drifts by 1e-5 within the second.
        var coarse = ProtocolDriver.NewCell(preset);
        var fine = ProtocolDriver.NewCell(preset);
        coarse.Step(0, 0.5, 1.0);
        for (int k = 0; k < 100; k++)
        {
            fine.Step(0, 0.5);
        }

        Assert.InRange(coarse.SurfaceDepletion(0) - fine.SurfaceDepletion(0), -tolerance, tolerance);
        Assert.Equal(fine.StrippedChargeMAhPerCm2(0), coarse.StrippedChargeMAhPerCm2(0), 12);

        coarse.Step(0, 0.0, 2.5);
        for (int k = 0; k < 250; k++)
        {
            fine.Step(0, 0.0);
        }

        Assert.InRange(coarse.SurfaceDepletion(0) - fine.SurfaceDepletion(0), -tolerance, tolerance);
        Assert.InRange(coarse.VoltageV(0) - fine.VoltageV(0), -tolerance, tolerance);
    }

    [Fact]
    public void JitteredStepsFollowTheNominalTrajectory()
    {
        // Tick jitter: steps of 9-11 ms (slow path) against exact 10 ms steps over the same time.
        var nominal = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        var jittered = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        for (int k = 0; k < 100; k++)
        {
            nominal.Step(0, 0.6);
        }

        for (int k = 0; k < 50; k++)
        {
            jittered.Step(0, 0.6, 0.009);
            jittered.Step(0, 0.6, 0.011);
        }

        Assert.Equal(nominal.SurfaceDepletion(0), jittered.SurfaceDepletion(0), 6);
        Assert.Equal(nominal.VoltageV(0), jittered.VoltageV(0), 6);
    }

    [Fact]
    public void VoltageSignFollowsTheCurrent()
    {
        foreach (string preset in CellPresets.Names)
        {
            var cell = ProtocolDriver.NewCell(preset);
            if (preset == CellPresets.NaNasicon)
            {
                ProtocolDriver.PlateUntilShort(cell, 0.2, 1.0);
            }

            double ocv = cell.OpenCircuitVoltageV;
            Assert.True(cell.Step(0, 0.01) > ocv, preset);
            Assert.True(cell.Step(0, 0.0, 600.0) - ocv < 1e-3, preset);
            Assert.True(cell.Step(0, -0.01) < ocv, preset);
        }
    }

    [Fact]
    public void StepAllMatchesSingleCellSteps()
    {
        CellParameters p = CellPresets.Get(CellPresets.NaK50Nasicon);
        var variations = new[] { new CellVariation(1.0, 1.0), new CellVariation(0.9, 1.2), new CellVariation(1.1, 0.8, 1.3) };
        var bank = new CellBank(p, 3, ProtocolDriver.StepS, variations);
        p.ModeCount = bank.ModeCount;
        var singles = variations.Select(v => new CellBank(p, 1, ProtocolDriver.StepS, new[] { v })).ToArray();
        var current = new double[3];
        var voltage = new double[3];
        for (int k = 0; k < 1000; k++)
        {
            for (int c = 0; c < 3; c++)
            {
                current[c] = (k / 100 + c) % 2 == 0 ? 0.9 : 0.0;
            }

            bank.StepAll(current, voltage);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(singles[c].Step(0, current[c]), voltage[c], 12);
            }
        }

        // The spread matters: the weaker cell (0.9 i_lim0, 1.2 tau) is more depleted than the stronger one.
        Assert.True(bank.SurfaceDepletion(1) > bank.SurfaceDepletion(2));
    }

    [Fact]
    public void AnAlloyStrippedPastItsNaInventoryDoesNotRegainItsLimitingCurrent()
    {
        // Mass balance: once the alloy's Na (53.7 mAh/cm2 for NaK50, 40 uL on 0.385 cm2) is gone, more stripping
        // cannot bring the bulk Na fraction back, so the limiting current stays near zero.
        CellParameters p = CellPresets.Get(CellPresets.NaK50Nasicon);
        var cell = new CellBank(p, 1, ProtocolDriver.StepS);
        cell.Step(0, 1.0, 60.0 * 3600.0);
        double exhausted = cell.LimitingCurrentMAPerCm2(0);
        cell.Step(0, 1.0, 60.0 * 3600.0);
        double further = cell.LimitingCurrentMAPerCm2(0);

        Assert.True(further <= exhausted * 1.0001 && further < 0.01 * p.ILim0MAPerCm2,
            $"limiting current after 60 mAh/cm2 {exhausted:G3}, after 120 mAh/cm2 {further:G3} mA/cm2 (fresh {p.ILim0MAPerCm2})");
    }

    [Fact]
    public void AnAlloyStrippedPastItsNaInventoryGetsBackTheNaPlatedIntoIt()
    {
        // Mass balance: 60 mAh/cm2 forced through a NaK50 cell with 53.7 of Na leaves none (the rest of the charge
        // passes at the clamp but takes no Na); after a rest that heals the contact, 30 mAh/cm2 of plating puts 30 back.
        // The alloy is then the one a fresh cell has after stripping 53.7 - 30 = 23.7: same limiting current.
        CellParameters p = CellPresets.Get(CellPresets.NaK50Nasicon);
        var cell = new CellBank(p, 1, ProtocolDriver.StepS);
        cell.Step(0, 1.0, 60.0 * 3600.0);
        Assert.Equal(60.0, cell.StrippedChargeMAhPerCm2(0), 9);
        Assert.Equal(0.0, cell.AlloyNaLeftMAhPerCm2(0), 9);

        cell.Step(0, 0.0, 20.0 * 3600.0);
        cell.Step(0, -0.1, 300.0 * 3600.0);
        Assert.False(cell.IsHardShorted(0));
        Assert.Equal(30.0, cell.AlloyNaLeftMAhPerCm2(0), 9);

        var reference = new CellBank(p, 1, ProtocolDriver.StepS);
        reference.Step(0, 0.1, (p.NaCapacityMAhPerCm2 - 30.0) / 0.1 * 3600.0);
        Assert.Equal(reference.LimitingCurrentMAPerCm2(0), cell.LimitingCurrentMAPerCm2(0), 9);
    }

    [Fact]
    public void PlatingStraightAfterAStrippingCutoffDoesNotShortWithinASecond()
    {
        // cell-model.md: plating failure depends on history at a finite rate, "no one-step shorts". Each preset is
        // stripped to its cut-off ([W] 3 V at a current past its limit; [T] 1.5 V after plating 2 mAh/cm2 at 0.2),
        // which leaves the contact nearly all blocked, then plated at once for 1 s ([W] critical-current test's 0.4;
        // [T]'s 0.2): no hard short and not even the soft-short stage. (The K preset has no cut-off: its contact loss
        // is bounded and plated K refills it at once.)
        foreach ((string preset, double stripMAPerCm2, double cutoffV, double plateMAPerCm2) in new[]
        {
            (CellPresets.NaK50Nasicon, 1.0, 3.0, 0.4),
            (CellPresets.NaK65Nasicon, 0.3, 3.0, 0.4),
            (CellPresets.NaK80Nasicon, 0.05, 3.0, 0.4),
            (CellPresets.NaNasicon, 0.2, 1.5, 0.2),
        })
        {
            CellParameters p = CellPresets.Get(preset);
            var cell = new CellBank(p, 1, ProtocolDriver.StepS);
            if (preset == CellPresets.NaNasicon)
            {
                ProtocolDriver.PlateUntilShort(cell, 0.2, 2.0);
            }

            ProtocolResult strip = ProtocolDriver.StripContinuous(cell, stripMAPerCm2, cutoffV, 40.0);
            Assert.True(strip.Ended, preset);
            Assert.True(cell.ContactFraction(0) < 0.01, $"{preset}: contact {cell.ContactFraction(0):G3} at the cut-off");
            for (int k = 0; k < 100; k++)
            {
                cell.Step(0, -plateMAPerCm2);
            }

            Assert.False(cell.IsHardShorted(0), preset);
            Assert.True(cell.FilamentProgress(0) < p.SoftShortFilamentThreshold, $"{preset}: filament {cell.FilamentProgress(0):0.###} after 1 s");
        }
    }

    [Fact]
    public void PlatingRefillsTheSameVoidsInOneLongStepAsInManyShortOnes()
    {
        // NaK50 stripped for 20 s at 1 mA/cm2 (fast voids about 0.26, lasting 0.16, constriction 0.03), then 36 s of
        // plating at 1 mA/cm2 (0.01 mAh/cm2, two of the fast-void refill charges): as one step or as 3,600 steps of
        // 10 ms, the refilled voids must agree within 5 %. Refilling by 1/(1 + q/q0) per step left 2.5 times the fast
        // voids in one step (0.0023 against 0.00094).
        CellBank Damaged()
        {
            var cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
            for (int i = 0; i < 2000; i++)
            {
                cell.Step(0, 1.0);
            }

            return cell;
        }

        CellBank oneStep = Damaged();
        CellBank manySteps = Damaged();
        Assert.True(oneStep.FastBlockedFraction(0) > 0.1 && oneStep.VoidFraction(0) > 0.1, "the strip left too few voids to refill");
        oneStep.Step(0, -1.0, 36.0);
        for (int i = 0; i < 3600; i++)
        {
            manySteps.Step(0, -1.0);
        }

        static void Agree(string what, double many, double one) =>
            Assert.True(Math.Abs(one - many) <= 0.05 * many, $"{what}: {one:G4} after one step, {many:G4} after 3,600");
        Agree("fast voids", manySteps.FastBlockedFraction(0), oneStep.FastBlockedFraction(0));
        Agree("lasting voids", manySteps.VoidFraction(0), oneStep.VoidFraction(0));
        Agree("constriction", manySteps.ConstrictionFraction(0), oneStep.ConstrictionFraction(0));
    }
}
