using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Tests.Support;
using Xunit;
using Edge.Core.Records;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// <see cref="HardShortDetector"/> alone on hand-filled snapshots, default configuration: the nominal
/// 150 ohm cm2 over 0.3848 cm2 is 389 ohm, so 385 uA should show 149 mV (385 x 389 / 1000); a cell within
/// +-5 mV under a current that should show at least 25 mV is shorted, without debounce. An edge resistance
/// below 10 % of the mean of the cell's first 4 edges (and below the noise margin) is a shunt.
/// </summary>
public class HardShortDetectorOnSnapshotsTests
{
    private static (SnapshotRig Rig, HardShortDetector Detector) Make()
    {
        var rig = new SnapshotRig();
        rig.SetCells(0, 150, 150);
        rig.SetCurrent(0, ModulePhase.Current, 385);
        rig.Snapshot.PhaseSampleCount[0] = 10;
        return (rig, new HardShortDetector(rig.Configuration, rig.Layout));
    }

    private static void Tick(SnapshotRig rig, HardShortDetector detector, long nowMs, Action<SnapshotRig> set)
    {
        rig.Begin(nowMs);
        set(rig);
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    [Fact]
    public void CellNearZeroVoltsUnderCurrentIsShortedInTheSameTick()
    {
        var (rig, detector) = Make();
        Tick(rig, detector, 0, r => r.SetCells(0, 150, 6));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 1));

        Tick(rig, detector, 10, r => r.SetCells(0, 150, -5));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 0));
        Assert.True(rig.Diagnosis.Requests.Isolate[0]);
        Assert.Equal(DiagnosisId.HardShort, rig.Diagnosis.Requests.HoldCause[0]);
        var raised = Assert.Single(rig.Raised(DiagnosisId.HardShort));
        // In uV (CONTRACT.md): -5 mV against the 5 mV limit.
        Assert.Equal((10L, 1, -5000, 5000), (raised.TimestampMs, raised.Cell, raised.Value, raised.Threshold));
    }

    [Fact]
    public void SmallCurrentOrRestSaysNothing()
    {
        // 50 uA x 389 ohm = 19 mV expected (19.45 truncated): below 25 mV, so 0 V is no evidence. At rest neither.
        var (rig, detector) = Make();
        Tick(rig, detector, 0, r => { r.SetCurrent(0, ModulePhase.Current, 50); r.SetCells(0, 0, 0); });
        Tick(rig, detector, 10, r => { r.SetCurrent(0, ModulePhase.Open, 0); r.SetCells(0, 0, 0); });
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 0));
        Assert.Empty(rig.Records);
    }

    [Fact]
    public void EdgeCollapsedBelowATenthOfItsBaselineIsAShunt()
    {
        // Four edges of 400 ohm make the baseline; no noise estimate, so the limit is 10 %: 40000 mOhm. An edge
        // of 40000 is not below it; 39999 is.
        var (rig, detector) = Make();
        long now = 0;
        void Edge(int milliohm) => ShuntEdge(rig, detector, ref now, 400000, milliohm);
        for (int i = 0; i < 4; i++)
        {
            Edge(400000);
        }

        Edge(40000);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.HardShortShuntEdge, 1));
        Edge(39999);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.HardShortShuntEdge, 1));
        var raised = Assert.Single(rig.Raised(DiagnosisId.HardShortShuntEdge));
        Assert.Equal((39999, 40000), (raised.Value, raised.Threshold));

        // Milliohm under its own diagnosis: the voltage check's hardShort (mV) did not fire.
        Assert.Empty(rig.Raised(DiagnosisId.HardShort));
    }

    [Fact]
    public void ShuntLimitRoundsUpSoTheEventSaysWhatWasDecided()
    {
        // A baseline of 400005 mOhm: 10 % is 40000.5, so the limit is 40001 (rounded up, not truncated to 40000). An
        // edge of 40000 is below it and raises with threshold 40001: value < threshold, as the comparison decided.
        var (rig, detector) = Make();
        long now = 0;
        for (int i = 0; i < 4; i++)
        {
            ShuntEdge(rig, detector, ref now, 400005, 400005);
        }

        ShuntEdge(rig, detector, ref now, 400005, 40000);
        var raised = Assert.Single(rig.Raised(DiagnosisId.HardShortShuntEdge));
        Assert.Equal((40000, 40001), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void AShortTheVoltageCheckDecidedIsNotReportedAgainByTheEdgeOfTheOpeningSwitch()
    {
        // A baseline of 400 ohm edges, then the cell collapses to 1 mV under current (hardShort, mV); the switch
        // opens and its edge shows 5 ohm, below the 40 ohm shunt limit: the same short, not a second fault event.
        var (rig, detector) = Make();
        long now = 0;
        for (int i = 0; i < 4; i++)
        {
            ShuntEdge(rig, detector, ref now, 400000, 400000);
        }

        Tick(rig, detector, now, r => r.SetCells(0, 150, 1));
        now += 10;
        Tick(rig, detector, now, r =>
        {
            r.SetCurrent(0, ModulePhase.Open, 0);
            r.Snapshot.EdgeMeasured[0] = true;
            r.Snapshot.EdgeCurrentUa[0] = 385;
            r.Snapshot.EdgeResistanceMilliohm[0] = 400000;
            r.Snapshot.EdgeResistanceMilliohm[1] = 5000;
        });

        Assert.Single(rig.Raised(DiagnosisId.HardShort));
        Assert.Empty(rig.Raised(DiagnosisId.HardShortShuntEdge));
    }

    /// <summary>A 385 uA current edge: cell 0 shows <paramref name="cell0Milliohm"/>, cell 1 <paramref name="cell1Milliohm"/>; 10 ms on.</summary>
    private static void ShuntEdge(SnapshotRig rig, HardShortDetector detector, ref long now, int cell0Milliohm, int cell1Milliohm)
    {
        Tick(rig, detector, now, r =>
        {
            r.Snapshot.EdgeMeasured[0] = true;
            r.Snapshot.EdgeCurrentUa[0] = 385;
            r.Snapshot.EdgeResistanceMilliohm[0] = cell0Milliohm;
            r.Snapshot.EdgeResistanceMilliohm[1] = cell1Milliohm;
        });
        now += 10;
    }

    /// <summary>
    /// A K cell ([S]: 21 ohm cm2 over 0.3848 cm2 = 54.6 ohm): 385 uA should show 21.01 mV (385 x 54573 / 10^4 = 2101 in
    /// 0.01 mV), below the 25 mV a single reading needs, so only a pulse window's mean can say it collapsed. Its limit
    /// keeps the single reading's proportion, 5 of 25 mV: 2101 x 5 / 25 = 420, 4.20 mV. Cell 1 is the one under test.
    /// </summary>
    private static (SnapshotRig Rig, HardShortDetector Detector) MakePotassium(int currentUa = 385)
    {
        var rig = new SnapshotRig();
        rig.Configuration.HardShort.NominalResistanceOhmCm2 = 21;
        rig.SetCells(0, 21, 21);
        rig.SetCurrent(0, ModulePhase.Current, currentUa);
        rig.Snapshot.PhaseSampleCount[0] = 16;
        return (rig, new HardShortDetector(rig.Configuration, rig.Layout));
    }

    /// <summary>A tick that ends a pulse window (the 16th reading under current, 160 ms, or a later one).</summary>
    private static void Window(SnapshotRig rig, HardShortDetector detector, int varianceCentiMv2, int cell1MeanCentiMv, long nowMs = 160)
    {
        Tick(rig, detector, nowMs, r =>
        {
            r.SetCells(0, 21, 21);
            r.Snapshot.PulseWindowReady[0] = true;
            r.Snapshot.PulseWindowMeanCentiMv[0] = 2100;
            r.Snapshot.PulseWindowMeanCentiMv[1] = cell1MeanCentiMv;
            r.Snapshot.NoiseVarianceCentiMv2[0] = varianceCentiMv2;
            r.Snapshot.NoiseVarianceCentiMv2[1] = varianceCentiMv2;
        });
    }

    [Theory]
    [InlineData(420, true)]    // 4.20 mV: at the limit.
    [InlineData(-420, true)]   // Plating's sign: the magnitude counts.
    [InlineData(421, false)]
    [InlineData(2100, false)]  // The healthy cell's 21 mV.
    public void APulseWindowsMeanNearZeroIsAHardShortWhereOneReadingIsTooNoisy(int meanCentiMv, bool shorted)
    {
        // 4.5 mV of reading noise (202500 (0.01 mV)^2): the window's mean scatters by 4.5 / sqrt(16) = 1.125 mV, and
        // the healthy 21 mV stands 16.8 mV = 15 of those above the 4.2 mV limit, more than the 6 the margin asks.
        var (rig, detector) = MakePotassium();
        Window(rig, detector, 202500, meanCentiMv);

        Assert.Equal(shorted, rig.Diagnosis.IsActive(DiagnosisId.HardShort, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 0));
        Assert.Equal(shorted, rig.Diagnosis.Requests.Isolate[0]);
        if (shorted)
        {
            var raised = Assert.Single(rig.Raised(DiagnosisId.HardShort));
            // In uV (CONTRACT.md): the mean against the 4.20 mV limit.
            Assert.Equal((1, meanCentiMv * 10, 4200), (raised.Cell, raised.Value, raised.Threshold));
        }
    }

    [Fact]
    public void APulseWindowTooNoisyForItsMarginSaysNothing()
    {
        // 16.81 mV of margin (2101 - 420 in 0.01 mV) is 6 sigma of the mean at sigma = 16.81 x 4 / 6 = 11.207 mV a
        // reading: (1681 x 10)^2 x 16 >= 60^2 x variance up to 1255893 (0.01 mV)^2. At 1255894 the noise could make a
        // mean of 0 and the window says nothing; at 1255893 a mean of 0 is a short.
        var (rig, detector) = MakePotassium();
        Window(rig, detector, 1255894, 0);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 1));

        Window(rig, detector, 1255893, 0, 320);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 1));
    }

    [Theory]
    [InlineData(30, true)]     // 0.30 mV: a short.
    [InlineData(84, true)]     // 0.84 mV: at the limit.
    [InlineData(85, false)]
    [InlineData(420, false)]   // The healthy cell's 4.2 mV.
    public void AtAFifthOfAMilliampAWindowsLimitUnderOneMillivoltIsNotZero(int meanCentiMv, bool shorted)
    {
        // The K cell at 0.2 mA/cm2 (77 uA): 77 x 54573 / 10^4 = 420, 4.20 mV expected; the window's limit 420 x 5 / 25 =
        // 84, 0.84 mV. In whole mV the expected 4 mV gave a limit of 0, which only a mean of exactly 0 met. At 2 mV of
        // reading noise (40000 (0.01 mV)^2) the mean scatters by 0.5 mV, and the healthy 4.2 mV stands 3.36 mV = 6.7 of
        // those above the limit: (336 x 10)^2 x 16 = 180,633,600 >= 60^2 x 40000 = 144,000,000.
        var (rig, detector) = MakePotassium(77);
        Window(rig, detector, 40000, meanCentiMv);

        Assert.Equal(shorted, rig.Diagnosis.IsActive(DiagnosisId.HardShort, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 0));
        if (shorted)
        {
            // In uV, so that the limit does not read as 0.
            var raised = Assert.Single(rig.Raised(DiagnosisId.HardShort));
            Assert.Equal((1, meanCentiMv * 10, 840), (raised.Cell, raised.Value, raised.Threshold));
        }
    }

    [Fact]
    public void APulseWindowOfACellWhoseNoiseIsNotMeasuredYetSaysNothing()
    {
        var (rig, detector) = MakePotassium();
        Window(rig, detector, 0, 0);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 1));
    }

    [Fact]
    public void NoiseMarginKeepsANoisyEdgeFromCountingAsAShunt()
    {
        // Noise variance 250000 (0.01 mV)^2 (5 mV rms) at a 10 uA step: sigma = sqrt(500000) x 10000 / 10 =
        // 707 x 1000 = 707000 mOhm; 6 sigma below a 400000 mOhm baseline is negative, so no edge is below it.
        var (rig, detector) = Make();
        for (int i = 0; i < 6; i++)
        {
            int milliohm = i < 4 ? 400000 : 1000;
            Tick(rig, detector, i * 10, r =>
            {
                r.Snapshot.EdgeMeasured[0] = true;
                r.Snapshot.EdgeCurrentUa[0] = 10;
                r.Snapshot.NoiseVarianceCentiMv2[1] = 250000;
                r.Snapshot.EdgeResistanceMilliohm[1] = milliohm;
                r.SetCurrent(0, ModulePhase.Open, 0);
            });
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 1));
    }
}
