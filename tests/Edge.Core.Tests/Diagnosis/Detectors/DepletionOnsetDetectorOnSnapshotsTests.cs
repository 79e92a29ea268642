using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Tests.Support;
using Xunit;
using Edge.Core.Records;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// <see cref="DepletionOnsetDetector"/> alone on hand-filled snapshots, default configuration: a baseline
/// over the first 5 pulses, then a CUSUM of (overpotential - baseline - 2 mV) graded at 10 / 25 / 60 mV (the
/// fault debounced over 2 pulses); edge resistance risen above 150 % of its baseline (2 pulses); within a pulse
/// a later 100 ms window rising by at least 15 mV and by more than 150 % of the earlier one (2 ticks).
/// </summary>
public class DepletionOnsetDetectorOnSnapshotsTests
{
    private static (SnapshotRig Rig, DepletionOnsetDetector Detector) Make(ControlMode mode = ControlMode.Act)
    {
        var rig = new SnapshotRig();
        rig.Configuration.Mode = mode;
        rig.SetCells(0, 500, 500);
        rig.SetCurrent(0, ModulePhase.Open, 0);
        return (rig, new DepletionOnsetDetector(rig.Configuration, rig.Layout));
    }

    private static void PulseEnd(SnapshotRig rig, DepletionOnsetDetector detector, long nowMs, int overpotentialMv, int edgeMilliohm)
    {
        rig.Begin(nowMs);
        rig.Snapshot.PulseEnded[0] = true;
        rig.Snapshot.EdgeCurrentUa[0] = 385;
        for (int c = 0; c < 2; c++)
        {
            rig.Snapshot.PulseOverpotentialMv[c] = c == 0 ? overpotentialMv : 100;
            rig.Snapshot.EdgeResistanceMilliohm[c] = c == 0 ? edgeMilliohm : 1000;
        }

        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    [Fact]
    public void CusumClimbsByTheExcessPerPulseThroughInfoWarningAndFault()
    {
        // Baseline 100 mV from 5 pulses. Then 115 mV pulses: excess 115 - 100 - 2 = 13 mV each; the CUSUM is at the
        // info level (10) at once, so the baseline stops following: 13, 26, 39, 52, 65, 78. Info at 13 (pulse 1),
        // warning at 26 (pulse 2), fault from 65 (pulse 5), active on its second report (pulse 6).
        var (rig, detector) = Make();
        for (int i = 0; i < 5; i++)
        {
            PulseEnd(rig, detector, i * 1000, 100, 1000);
        }

        Assert.Equal(0, detector.CusumMv(0));
        int[] expected = { 13, 26, 39, 52, 65, 78 };
        for (int i = 0; i < expected.Length; i++)
        {
            PulseEnd(rig, detector, 5000 + (i * 1000), 115, 1000);
            Assert.Equal(expected[i], detector.CusumMv(0));
            Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendInfo, 0));
            Assert.Equal(i >= 1, rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendWarning, 0));
            Assert.Equal(i >= 5, rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendFault, 0));
        }

        Assert.Equal(0, detector.CusumMv(1));
        var fault = Assert.Single(rig.Raised(DiagnosisId.DepletionTrendFault));
        Assert.Equal((10000L, 78, 60), (fault.TimestampMs, fault.Value, fault.Threshold));

        // The fault's reaction in act mode: a lower current, or a stop because of this diagnosis once the
        // module can lower it no further (the decision layer knows which).
        Assert.True(rig.Diagnosis.Requests.ReduceCurrent[0]);
        Assert.False(rig.Diagnosis.Requests.Stop[0]);
        Assert.True(rig.Diagnosis.Requests.StopWhenExhausted[0]);
        Assert.Equal(DiagnosisId.DepletionTrendFault, rig.Diagnosis.Requests.StopCause[0]);
        Assert.False(rig.Diagnosis.HasLatchedFault(0));
    }

    [Theory]
    [InlineData(40000, 11)]
    [InlineData(250000, 10)]
    public void TheSlackFollowsTheReadingNoiseOfAPulsesOverpotential(int readingVarianceCentiMv2, int expectedCusumMv)
    {
        // A pulse's overpotential is the difference of two means of 8 readings: its variance is 2 / 8 of the reading's.
        // 2 mV of reading noise (40,000 (0.01 mV)^2): 10,000, sigma 1 mV, 1.5 sigma = 1.5 mV, below the 2 mV slack,
        // which stays. 5 mV (250,000): 62,500, sigma 2.5 mV, 1.5 sigma = 3.75 mV, 3 mV in whole mV. A pulse 13 mV over
        // the 100 mV baseline adds 13 - 2 = 11 mV to the CUSUM, or 13 - 3 = 10 mV.
        var (rig, detector) = Make();
        rig.Begin(0);
        rig.Snapshot.NoiseVarianceCentiMv2[0] = readingVarianceCentiMv2;
        rig.Snapshot.NoiseVarianceCentiMv2[1] = readingVarianceCentiMv2;
        rig.Snapshot.NoiseRenewed[0] = true;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.Snapshot.NoiseRenewed[0] = false;
        rig.End();
        for (int i = 0; i < 5; i++)
        {
            PulseEnd(rig, detector, 1000 + (i * 1000), 100, 1000);
        }

        PulseEnd(rig, detector, 6000, 113, 1000);
        Assert.Equal(expectedCusumMv, detector.CusumMv(0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendInfo, 0));
    }

    [Fact]
    public void ObserveModeReportsTheFaultButAsksForNothing()
    {
        var (rig, detector) = Make(ControlMode.Observe);
        for (int i = 0; i < 5; i++)
        {
            PulseEnd(rig, detector, i * 1000, 100, 1000);
        }

        for (int i = 0; i < 6; i++)
        {
            PulseEnd(rig, detector, 5000 + (i * 1000), 115, 1000);
        }

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendFault, 0));
        Assert.False(rig.Diagnosis.Requests.Any);
    }

    [Fact]
    public void EdgeResistanceAboveOneAndAHalfTimesItsBaselineRisesOnTheSecondPulse()
    {
        // Baseline 1000 mOhm; no noise estimate, so the limit is 1500 mOhm: 1501 is above it (and, risen, does not
        // move the baseline), twice in a row activates.
        var (rig, detector) = Make();
        for (int i = 0; i < 5; i++)
        {
            PulseEnd(rig, detector, i * 1000, 100, 1000);
        }

        PulseEnd(rig, detector, 5000, 100, 1501);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionEdgeResistanceRise, 0));
        PulseEnd(rig, detector, 6000, 100, 1501);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionEdgeResistanceRise, 0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.DepletionEdgeResistanceRise));
        Assert.Equal((1501, 1500), (raised.Value, raised.Threshold));
        Assert.True(rig.Diagnosis.Requests.ExtendRest[0]);
    }

    [Fact]
    public void EdgeResistanceAtTheLimitIsNoRise()
    {
        // 1500 is not above 1500; the baseline then follows a fifth of the way (1100), so the next 1500 is
        // below the new limit of 1650 as well.
        var (rig, detector) = Make();
        for (int i = 0; i < 5; i++)
        {
            PulseEnd(rig, detector, i * 1000, 100, 1000);
        }

        PulseEnd(rig, detector, 5000, 100, 1500);
        PulseEnd(rig, detector, 6000, 100, 1500);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionEdgeResistanceRise, 0));
        Assert.Empty(rig.Raised(DiagnosisId.DepletionEdgeResistanceRise));
    }

    private static void ShapeTick(SnapshotRig rig, DepletionOnsetDetector detector, long nowMs, int currentUa, int earlyMv, int lateMv)
    {
        rig.Begin(nowMs);
        rig.SetCurrent(0, ModulePhase.Current, currentUa);
        rig.Snapshot.ShapeValid[0] = true;
        rig.Snapshot.ShapeEarlyRiseMv[0] = earlyMv;
        rig.Snapshot.ShapeLateRiseMv[0] = lateMv;
        rig.Snapshot.ShapeEarlyRiseMv[1] = 10;
        rig.Snapshot.ShapeLateRiseMv[1] = 10;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    [Fact]
    public void LaterWindowRisingFasterThanOneAndAHalfTimesTheEarlierIsANonLinearRise()
    {
        // Early 10 mV: 150 % of it is 15 mV, so a later rise of 15 mV is not convex and 16 mV is.
        var (rig, detector) = Make();
        ShapeTick(rig, detector, 0, 385, 10, 15);
        ShapeTick(rig, detector, 10, 385, 10, 15);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
        ShapeTick(rig, detector, 20, 385, 10, 16);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
        ShapeTick(rig, detector, 30, 385, 10, 16);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 1));
        Assert.True(rig.Diagnosis.Requests.AbortPulse[0]);
    }

    [Fact]
    public void PlatingRiseCountsInTheNegativeDirectionAndAFallingEarlierWindowIsNoDepletion()
    {
        var (rig, detector) = Make();
        ShapeTick(rig, detector, 0, -154, -10, -16);
        ShapeTick(rig, detector, 10, -154, -10, -16);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));

        // A spike recovering: the earlier window fell (-5 mV while stripping), the later one rose 30 mV.
        var (spiky, spikyDetector) = Make();
        ShapeTick(spiky, spikyDetector, 0, 385, -5, 30);
        ShapeTick(spiky, spikyDetector, 10, 385, -5, 30);
        Assert.False(spiky.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
    }

    [Fact]
    public void AStepInsideTheShapeWindowsGivesNoVerdict()
    {
        // A 20 mV step at 10 ms (not the first pulse sample): the windows hold it for 2 x 100 ms plus the 3
        // samples (30 ms) of a window end, so convex readings before 240 ms are ignored.
        var (rig, detector) = Make();
        rig.Begin(0);
        rig.SetCurrent(0, ModulePhase.Current, 385);
        rig.Snapshot.PhaseStarted[0] = true;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.Begin(10);
        rig.Snapshot.CellDeltaMv[0] = 20;
        rig.Snapshot.MaximumDeltaMv[0] = 20;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        for (long t = 20; t < 240; t += 10)
        {
            ShapeTick(rig, detector, t, 385, 10, 30);
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
        ShapeTick(rig, detector, 240, 385, 10, 30);
        ShapeTick(rig, detector, 250, 385, 10, 30);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AHeldModulesLastPulseGivesNoVerdict(bool held)
    {
        // Baseline 100 mV and 1000 mOhm from 5 pulses. The next pulse ends at 200 mV: excess 200 - 100 - 2 = 98 mV,
        // over the info level (10) at once. On a module a hard short has latched (held, its switch opened), that pulse
        // is the one the isolation aborted, measured across the short: no verdict, the CUSUM stays 0.
        var (rig, detector) = Make();
        for (int i = 0; i < 5; i++)
        {
            PulseEnd(rig, detector, i * 1000, 100, 1000);
        }

        if (held)
        {
            rig.Begin(5000);
            rig.Diagnosis.Report(DiagnosisId.HardShort, 0, true, 3, 5);
            Assert.True(rig.Diagnosis.HasLatchedFault(0));
        }

        PulseEnd(rig, detector, 5010, 200, 1000);
        Assert.Equal(held ? 0 : 98, detector.CusumMv(0));
        Assert.Equal(held ? 0 : 1, rig.Raised(DiagnosisId.DepletionTrendInfo).Count);
    }
    /// <summary>
    /// One tick of a pulse at <paramref name="setpointUa"/> in which cell 0 moved by <paramref name="deltaMv"/> since the
    /// sample before and its shape windows read <paramref name="earlyMv"/> / <paramref name="lateMv"/> (cell 1 flat).
    /// </summary>
    private static void StairTick(SnapshotRig rig, DepletionOnsetDetector detector, long nowMs, int setpointUa, int deltaMv, int earlyMv, int lateMv)
    {
        rig.Begin(nowMs);
        rig.SetCurrent(0, ModulePhase.Current, setpointUa);
        rig.Snapshot.CellDeltaMv[0] = deltaMv;
        rig.Snapshot.MaximumDeltaMv[0] = deltaMv > 0 ? deltaMv : 0;
        rig.Snapshot.MinimumDeltaMv[0] = deltaMv < 0 ? deltaMv : 0;
        rig.Snapshot.ShapeValid[0] = true;
        rig.Snapshot.ShapeEarlyRiseMv[0] = earlyMv;
        rig.Snapshot.ShapeLateRiseMv[0] = lateMv;
        rig.Snapshot.ShapeEarlyRiseMv[1] = 1;
        rig.Snapshot.ShapeLateRiseMv[1] = 1;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    private static void PulseStart(SnapshotRig rig, DepletionOnsetDetector detector, long nowMs, int setpointUa)
    {
        rig.Begin(nowMs);
        rig.SetCurrent(0, ModulePhase.Current, setpointUa);
        rig.Snapshot.PhaseStarted[0] = true;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    [Fact]
    public void ARiseOfTheSetpointWithinAPulseIsAnEdgeNotADepletion()
    {
        // A NaK50 stair, 0.1 then 0.2 mA/cm2 on 0.385 cm2 (38 then 77 uA) in one pulse: the cell's ohmic step of 22 mV
        // comes in the sample that ends the first interval at 77 uA (1000 ms), spread by an anti-alias filter over it
        // (+12 mV) and the next (+10 mV), each under the 20 mV step size. While the step is in the later shape window
        // the later window rises 22 mV against the earlier window's 1 mV: over the 15 mV floor, over 150 % of the
        // earlier one, convex by the test's numbers. The windows give no verdict until they hold no sample of the step:
        // the step's sample and two settling samples (1000-1020 ms), then one shape span (2 x 100 ms + 3 samples,
        // 230 ms): from 1250 ms on. Here the convex reading is held to 1260 ms, so the test also shows where the
        // hold ends: a verdict at 1250 and 1260 ms, two in a row, activates the warning then and not before.
        var (rig, detector) = Make();
        PulseStart(rig, detector, 0, 38);
        for (long t = 10; t < 1000; t += 10)
        {
            StairTick(rig, detector, t, 38, 0, 1, 1);
        }

        StairTick(rig, detector, 1000, 77, 12, 1, 12);
        StairTick(rig, detector, 1010, 77, 10, 1, 22);
        for (long t = 1020; t < 1250; t += 10)
        {
            StairTick(rig, detector, t, 77, 0, 1, 22);
        }

        Assert.True(rig.Diagnosis.IsQuiet(DiagnosisId.DepletionNonlinearRise));
        Assert.Empty(rig.Raised(DiagnosisId.DepletionNonlinearRise));
        StairTick(rig, detector, 1250, 77, 0, 1, 22);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
        StairTick(rig, detector, 1260, 77, 0, 1, 22);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
        Assert.Equal((1260L, 22, 15), (rig.Raised(DiagnosisId.DepletionNonlinearRise)[0].TimestampMs, rig.Raised(DiagnosisId.DepletionNonlinearRise)[0].Value, rig.Raised(DiagnosisId.DepletionNonlinearRise)[0].Threshold));
    }

    [Fact]
    public void TheSpreadStepOfARisingSetpointIsNoRunaway()
    {
        // A K cell's stair from 0.5 to 1.5 mA/cm2 in one pulse: about 21 mV more, here 36 mV for a margin, spread by the
        // filter over two samples as +12 and +24 mV. Taken as climbs they are a run-away by the numbers (the second at
        // least the 20 mV step and larger than the first by more than half of it, 10 mV), reported at once. A rising
        // setpoint's samples count as no climb (the step's and two settling ones), so nothing is counted.
        var (rig, detector) = Make();
        PulseStart(rig, detector, 0, 192);
        for (long t = 10; t < 500; t += 10)
        {
            StairTick(rig, detector, t, 192, 0, 1, 1);
        }

        StairTick(rig, detector, 500, 577, 12, 1, 1);
        StairTick(rig, detector, 510, 577, 24, 1, 1);
        Assert.True(rig.Diagnosis.IsQuiet(DiagnosisId.DepletionNonlinearRise));

        // After it, a run-away is one as before: 21 then 42 mV from 600 ms, counted at its second climb.
        for (long t = 520; t < 600; t += 10)
        {
            StairTick(rig, detector, t, 577, 0, 1, 1);
        }

        StairTick(rig, detector, 600, 577, 21, 1, 1);
        Assert.True(rig.Diagnosis.IsQuiet(DiagnosisId.DepletionNonlinearRise));
        StairTick(rig, detector, 610, 577, 42, 1, 1);
        Assert.False(rig.Diagnosis.IsQuiet(DiagnosisId.DepletionNonlinearRise));
    }

    /// <summary>
    /// A strip pulse of the protocol's step length <paramref name="stepMs"/> at 385 uA ended with cell 0 at
    /// <paramref name="overpotentialMv"/>, lasting <paramref name="ranMs"/> (what the pulse tuner or an abort left of it).
    /// </summary>
    private static void StripPulseEnd(SnapshotRig rig, DepletionOnsetDetector detector, long nowMs, long stepMs, long ranMs, int overpotentialMv)
    {
        detector.NoteStripStep(0, stepMs, 0, 0);
        rig.Begin(nowMs);
        rig.SetCurrent(0, ModulePhase.Open, 0);
        rig.Snapshot.PulseEnded[0] = true;
        rig.Snapshot.EdgeCurrentUa[0] = 385;
        rig.Snapshot.LastPulseCurrentUa[0] = 385;
        rig.Snapshot.LastPulseDurationMs[0] = ranMs;
        rig.Snapshot.PulseOverpotentialMv[0] = overpotentialMv;
        rig.Snapshot.PulseOverpotentialMv[1] = 100;
        rig.Snapshot.EdgeResistanceMilliohm[0] = 1000;
        rig.Snapshot.EdgeResistanceMilliohm[1] = 1000;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    [Fact]
    public void ALongerProtocolPulseAtTheSameCurrentIsANewOperatingPoint()
    {
        // 0.5 s pulses at 385 uA end at 100 mV: the baseline (5 pulses). The protocol then runs 1 s pulses at the same
        // current, which end at 141 mV (diffusion ~ sqrt t: 100 x sqrt 2). Against the old baseline each would add
        // 141 - 100 - 2 = 39 mV to the CUSUM, the warning (25 mV) at the first: instead the length differs from 500 ms
        // by more than 10 %, so the baseline is learned afresh at 141 mV over 5 pulses and the CUSUM stays 0.
        var (rig, detector) = Make();
        for (int i = 0; i < 5; i++)
        {
            StripPulseEnd(rig, detector, 1000 + (i * 6000), 500, 500, 100);
        }

        for (int i = 0; i < 10; i++)
        {
            StripPulseEnd(rig, detector, 31000 + (i * 6000), 1000, 1000, 141);
            Assert.Equal(0, detector.CusumMv(0));
        }

        Assert.Empty(rig.Raised(DiagnosisId.DepletionTrendInfo));

        // And a rise at the new operating point still counts: 156 mV is 156 - 141 - 2 = 13 mV over it.
        StripPulseEnd(rig, detector, 91000, 1000, 1000, 156);
        Assert.Equal(13, detector.CusumMv(0));
    }

    [Theory]
    [InlineData(1000, 500)]   // the pulse tuner at 50 %
    [InlineData(1000, 230)]   // an aborted pulse
    public void APulseTheControllerShortenedKeepsItsStepsOperatingPoint(long stepMs, long ranMs)
    {
        // Baseline 141 mV from five 1 s pulses. The controller then shortens the pulses (the pulse tuner's answer to
        // depletion, or an abort), the step's length unchanged: no new operating point, so a pulse that ends 30 mV up
        // however short it ran counts against the baseline it answered: 171 - 141 - 2 = 28 mV, past the warning.
        var (rig, detector) = Make();
        for (int i = 0; i < 5; i++)
        {
            StripPulseEnd(rig, detector, 1000 + (i * 6000), stepMs, stepMs, 141);
        }

        StripPulseEnd(rig, detector, 31000, stepMs, ranMs, 171);
        Assert.Equal(28, detector.CusumMv(0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendInfo, 0));
    }
}
