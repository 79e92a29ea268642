using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Tests.Support;
using Xunit;
using Edge.Core.Records;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// <see cref="SoftShortDetector"/> alone on hand-filled snapshots, default configuration: spikes of 20 mV that
/// recover by half within 1 s; edge resistance below 70 % of the median of the last 9 edges (once 3 are known);
/// a rest after stripping that ends more than 15 mV below the previous rest's end; two indicators at once
/// confirm the short. Every indicator row debounces over 2 reports, the confirmation over 1.
/// </summary>
public class SoftShortDetectorOnSnapshotsTests
{
    private static (SnapshotRig Rig, SoftShortDetector Detector) Make()
    {
        var rig = new SnapshotRig();
        rig.SetCells(0, 500, 500);
        rig.SetCurrent(0, ModulePhase.Current, 385);
        rig.Snapshot.LastPulseCurrentUa[0] = 385;
        rig.Snapshot.PhaseSampleCount[0] = 10;
        return (rig, new SoftShortDetector(rig.Configuration, rig.Layout));
    }

    private static void Tick(SnapshotRig rig, SoftShortDetector detector, long nowMs, Action<SnapshotRig> set)
    {
        rig.Begin(nowMs);
        set(rig);
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    private static void Edge(SnapshotRig rig, SoftShortDetector detector, long nowMs, int cell1Milliohm) => Tick(rig, detector, nowMs, r =>
    {
        r.Snapshot.EdgeMeasured[0] = true;
        r.Snapshot.EdgeCurrentUa[0] = 385;
        r.Snapshot.EdgeResistanceMilliohm[0] = 1000;
        r.Snapshot.EdgeResistanceMilliohm[1] = cell1Milliohm;
    });

    [Fact]
    public void ResistanceBelowSeventyPercentOfTheMedianDropsOnTheSecondEdge()
    {
        // Median 1000 mOhm: the limit is 1000 - 30 % = 700 (no noise estimate). 700 is not below it; 699 twice is.
        var (rig, detector) = Make();
        for (int i = 0; i < 3; i++)
        {
            Edge(rig, detector, i * 10, 1000);
        }

        Edge(rig, detector, 30, 700);
        Edge(rig, detector, 40, 699);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        Edge(rig, detector, 50, 699);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        Assert.Equal((699, 700), (raised.Value, raised.Threshold));

        // One indicator alone confirms nothing.
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, 1));
    }

    [Fact]
    public void AnEdgeIsJudgedOnlyOnceThreeEdgesAreKnown()
    {
        // Two edges of 1000 mOhm are known when the 699 comes: too few for a median, so it is not judged at all (the
        // row has nothing counting). The next 699 has three before it (1000, 1000, 699: median 1000, limit 700) and
        // is counted, one report of the two the row needs.
        var (rig, detector) = Make();
        Edge(rig, detector, 0, 1000);
        Edge(rig, detector, 10, 1000);
        Edge(rig, detector, 20, 699);
        Assert.True(rig.Diagnosis.IsQuiet(DiagnosisId.SoftShortResistanceDrop));

        Edge(rig, detector, 30, 699);
        Assert.False(rig.Diagnosis.IsQuiet(DiagnosisId.SoftShortResistanceDrop));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        Assert.Empty(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
    }

    private static void EdgeAt(SnapshotRig rig, SoftShortDetector detector, long nowMs, int stepUa, int cell1Milliohm) => Tick(rig, detector, nowMs, r =>
    {
        r.Snapshot.EdgeMeasured[0] = true;
        r.Snapshot.EdgeCurrentUa[0] = stepUa;
        r.Snapshot.EdgeResistanceMilliohm[0] = 1000;
        r.Snapshot.EdgeResistanceMilliohm[1] = cell1Milliohm;
    });

    [Fact]
    public void ALowerPulseCurrentStartsTheResistanceHistoryAfreshInsteadOfReportingADrop()
    {
        // Median 1000 mOhm learned at 385 uA. Act mode lowers the current by 20 % to 308 uA (more than the 10 %
        // operating-point change) and the relieved interface shows 650 mOhm: against the old median that is below
        // the 700 limit twice (a drop), but resistances at two currents are not comparable, so the history restarts.
        var (rig, detector) = Make();
        for (int i = 0; i < 3; i++)
        {
            EdgeAt(rig, detector, i * 10, 385, 1000);
        }

        for (int i = 3; i < 8; i++)
        {
            EdgeAt(rig, detector, i * 10, 308, 650);
        }

        Assert.Empty(rig.Raised(DiagnosisId.SoftShortResistanceDrop));

        // At the new operating point a real parallel path still shows: median 650, limit 650 - 30 % = 455; 454 twice.
        EdgeAt(rig, detector, 80, 308, 454);
        EdgeAt(rig, detector, 90, 308, 454);
        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        Assert.Equal((454, 455), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void AStepWithinTheOperatingPointChangeKeepsTheHistory()
    {
        // 350 uA is 9.1 % below 385 uA, within the 10 %: the median of 1000 mOhm still counts, and 699 twice drops.
        var (rig, detector) = Make();
        for (int i = 0; i < 3; i++)
        {
            EdgeAt(rig, detector, i * 10, 385, 1000);
        }

        EdgeAt(rig, detector, 30, 350, 699);
        EdgeAt(rig, detector, 40, 350, 699);
        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        Assert.Equal((699, 700), (raised.Value, raised.Threshold));
    }

    /// <summary>A strip pulse ends, then the next one starts with the rest's end level as its pre-pulse voltage.</summary>
    private static void StripCycle(SnapshotRig rig, SoftShortDetector detector, long nowMs, int cell1RestEndMv)
    {
        Tick(rig, detector, nowMs, r =>
        {
            r.SetCurrent(0, ModulePhase.Open, 0);
            r.Snapshot.PulseEnded[0] = true;
            r.Snapshot.LastPulseCurrentUa[0] = 385;
            r.Snapshot.LastPulseChargeUc[0] = 385;
            r.Snapshot.PhaseSampleCount[0] = 1;
        });
        Tick(rig, detector, nowMs + 5000, r =>
        {
            r.SetCurrent(0, ModulePhase.Current, 385);
            r.Snapshot.PhaseStarted[0] = true;
            r.Snapshot.PhaseSampleCount[0] = 1;
            r.Snapshot.PrePulseVoltageMv[0] = 100;
            r.Snapshot.PrePulseVoltageMv[1] = cell1RestEndMv;
        });
    }

    [Fact]
    public void RestEndingMoreThanFifteenMillivoltsLowerAfterStrippingIsSelfDischarge()
    {
        // Rest ends of cell 1: 100 (the reference), 85 (sank 15: not more than 15), 69 (16), 53 (16): active.
        var (rig, detector) = Make();
        StripCycle(rig, detector, 0, 100);
        StripCycle(rig, detector, 6000, 85);
        StripCycle(rig, detector, 12000, 69);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, 1));
        StripCycle(rig, detector, 18000, 53);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, 0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortSelfDischarge));
        Assert.Equal((16, 15), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void TwoIndicatorsTogetherConfirmTheShortAndIsolateTheModule()
    {
        var (rig, detector) = Make();
        StripCycle(rig, detector, 0, 100);
        StripCycle(rig, detector, 6000, 80);
        StripCycle(rig, detector, 12000, 60);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, 1));

        for (int i = 0; i < 3; i++)
        {
            Edge(rig, detector, 13000 + (i * 10), 1000);
        }

        Edge(rig, detector, 13030, 500);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, 1));
        Edge(rig, detector, 13040, 500);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, 1));
        var confirmed = Assert.Single(rig.Raised(DiagnosisId.SoftShortConfirmed));
        Assert.Equal((13040L, 2, 2), (confirmed.TimestampMs, confirmed.Value, confirmed.Threshold));
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
        Assert.True(rig.Diagnosis.Requests.Isolate[0]);
        Assert.Equal(DiagnosisId.SoftShortConfirmed, rig.Diagnosis.Requests.HoldCause[0]);
    }

    /// <summary>Cell 1 drops by <paramref name="dropMv"/> from 500 mV in one sample of a settled pulse, then recovers.</summary>
    private static void Spike(SnapshotRig rig, SoftShortDetector detector, long nowMs, int dropMv, int recoveredMv)
    {
        Tick(rig, detector, nowMs, r =>
        {
            r.SetCells(0, 500, 500 - dropMv);
            r.Snapshot.CellDeltaMv[1] = -dropMv;
            r.Snapshot.MinimumDeltaMv[0] = -dropMv;
        });
        Tick(rig, detector, nowMs + 10, r =>
        {
            r.SetCells(0, 500, 500 - dropMv + recoveredMv);
            r.Snapshot.CellDeltaMv[1] = recoveredMv;
            r.Snapshot.MaximumDeltaMv[0] = recoveredMv;
        });
    }

    [Fact]
    public void DropsThatRecoverByHalfAreSpikesAndTwoActivateTheWarning()
    {
        // 19 mV is below the spike depth. A 20 mV drop back up by 9 mV is not recovered (half is 10) and, still
        // there 1.01 s after the drop, counts as a step, not a spike. Back up by 10 mV it is a spike.
        var (rig, detector) = Make();
        Spike(rig, detector, 0, 19, 19);
        Spike(rig, detector, 100, 20, 9);
        Tick(rig, detector, 1110, r => r.SetCells(0, 500, 489));
        Assert.Equal(0, detector.SpikeCount(1));
        Assert.Empty(rig.Raised(DiagnosisId.SoftShortSpike));
        Spike(rig, detector, 2000, 20, 10);
        Assert.Equal(1, detector.SpikeCount(1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortSpike, 1));
        Spike(rig, detector, 2100, 30, 15);
        Assert.Equal(2, detector.SpikeCount(1));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortSpike, 1));
        Assert.Equal(0, detector.SpikeCount(0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortSpike));
        Assert.Equal((30, 20), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void BeforeTheFirstPulseDropsAreNotSpikes()
    {
        // An idle module (never pulsed, or an uncalibrated unit's): its cells sit at the open-circuit level, where no
        // polarisation can collapse. The same drops count once a pulse has been.
        var (rig, detector) = Make();
        rig.SetCurrent(0, ModulePhase.Open, 0);
        rig.Snapshot.LastPulseCurrentUa[0] = 0;
        Spike(rig, detector, 0, 30, 15);
        Spike(rig, detector, 100, 30, 15);
        Assert.Equal(0, detector.SpikeCount(1));
        Assert.Empty(rig.Raised(DiagnosisId.SoftShortSpike));

        rig.Snapshot.LastPulseCurrentUa[0] = 385;
        Spike(rig, detector, 200, 30, 15);
        Spike(rig, detector, 300, 30, 15);
        Assert.Equal(2, detector.SpikeCount(1));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortSpike, 1));
    }

    [Fact]
    public void SpikesAgainstTheFloorAloneWarnButDoNotConfirm()
    {
        // No reading noise measured yet (0): the drops are judged against the 20 mV floor alone, which noise of unknown
        // size crosses as readily as a shunt. Five 30 mV spikes warn, as the floor says, but do not confirm the short,
        // which five spikes would against a measured noise.
        var (rig, detector) = Make();
        for (int i = 0; i < 5; i++)
        {
            Spike(rig, detector, i * 100, 30, 15);
        }

        Assert.Equal(5, detector.SpikeCount(1));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortSpike, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, 1));

        // The noise is measured (a quiet channel, 1 (0.01 mV)^2: the spike limit stays the floor). The spikes before it
        // are forgotten, and the warning they raised (it heals only after 500 quiet pulses) is no indicator: a
        // resistance drop alone is one indicator of the two that confirm.
        rig.Snapshot.NoiseVarianceCentiMv2[0] = 1;
        rig.Snapshot.NoiseVarianceCentiMv2[1] = 1;
        for (int i = 0; i < 3; i++)
        {
            Edge(rig, detector, 1000 + (i * 10), 1000);
        }

        Assert.Equal(0, detector.SpikeCount(1));
        Edge(rig, detector, 1030, 699);
        Edge(rig, detector, 1040, 699);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortSpike, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, 1));
        Assert.Empty(rig.Raised(DiagnosisId.SoftShortConfirmed));

        // A spike judged against the measured noise: the warning and the resistance drop together confirm.
        Spike(rig, detector, 1100, 30, 15);
        Assert.Equal(1, detector.SpikeCount(1));
        var confirmed = Assert.Single(rig.Raised(DiagnosisId.SoftShortConfirmed));
        Assert.Equal((2, 2), (confirmed.Value, confirmed.Threshold));
    }

    [Fact]
    public void AResistanceDropThatStaysStaysReportedAndConfirmsOnItsTenthEdge()
    {
        // Nine edges of 1000 mOhm, then a parallel path carrying three quarters of the current: 250 mOhm on every edge.
        // Median 1000, limit 700: each 250 is a drop (active from the second) and stays out of the history, so the
        // median stays 1000. Had the drops entered it, five of them would have made the median of nine 250 and the
        // warning would have healed five edges later. Ten in a row below the reference's limit (700: the median, which
        // stays) confirm.
        var (rig, detector) = Make();
        for (int i = 0; i < 9; i++)
        {
            Edge(rig, detector, i * 10, 1000);
        }

        for (int i = 1; i <= 30; i++)
        {
            Edge(rig, detector, 90 + (i * 10), 250);
            Assert.Equal(i >= 2, rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
            Assert.Equal(i >= 10, rig.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, 1));
        }

        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        Assert.Equal((250, 700), (raised.Value, raised.Threshold));
        var confirmed = Assert.Single(rig.Raised(DiagnosisId.SoftShortConfirmed));
        Assert.Equal((190L, 10, 10), (confirmed.TimestampMs, confirmed.Value, confirmed.Threshold));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, 0));
    }

    [Fact]
    public void AnInterruptedDropStartsItsCountAgain()
    {
        // Nine 250 mOhm edges (below the 700 limit), one of 1000, nine more: never ten in a row, no confirmation. The
        // warning stays (the 1000 is one Ok report of the five that heal it).
        var (rig, detector) = Make();
        for (int i = 0; i < 9; i++)
        {
            Edge(rig, detector, i * 10, 1000);
        }

        long t = 90;
        for (int i = 0; i < 9; i++)
        {
            Edge(rig, detector, t += 10, 250);
        }

        Edge(rig, detector, t += 10, 1000);
        for (int i = 0; i < 9; i++)
        {
            Edge(rig, detector, t += 10, 250);
        }

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        Assert.Empty(rig.Raised(DiagnosisId.SoftShortConfirmed));
        Edge(rig, detector, t + 10, 250);
        Assert.Single(rig.Raised(DiagnosisId.SoftShortConfirmed));
    }

    [Fact]
    public void ARecoveryAfterARiseIsNotALastingDrop()
    {
        // Three edges of 1000 mOhm (lowest median 1000), then nine of 1600: the interface depleting within a few edges, the
        // median follows to 1600 from the fourth of them. The lasting drop's reference follows it by 0.1 % of itself an
        // edge (1 mOhm): 1000, 1000, 1000, 1001, ... 1006 at the ninth, 1007 at the first recovered edge. Then it
        // recovers to 1000: against 1600 (limit 1120) a drop, reported as before; against the reference (limit 704) none,
        // so the edges enter the history. With the first five the median (the fifth of nine sorted) is still 1600; from
        // the sixth it is 1000 (limit 700) and the edges are Ok: five of them heal the warning. Nothing is confirmed
        // however long it lasts.
        var (rig, detector) = Make();
        long t = 0;
        for (int i = 0; i < 3; i++)
        {
            Edge(rig, detector, t += 10, 1000);
        }

        for (int i = 0; i < 9; i++)
        {
            Edge(rig, detector, t += 10, 1600);
        }

        Assert.Empty(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        for (int i = 1; i <= 30; i++)
        {
            Edge(rig, detector, t += 10, 1000);
            Assert.Equal(i >= 2 && i < 10, rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        }

        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        Assert.Equal((1000, 1120), (raised.Value, raised.Threshold));
        Assert.Empty(rig.Raised(DiagnosisId.SoftShortConfirmed));
    }

    /// <summary>
    /// A slow rise of cell 1's edges, 100 mOhm an edge from 500,000 mOhm (0.02 % an edge at first), edges
    /// <paramref name="count"/> of them 10 ms apart from 0 ms. The median of the last nine (once nine are known) is the
    /// fifth newest, and it never rises faster than the reference may follow (0.1 % of at least 500,000, 500 mOhm an
    /// edge), so the reference is the running median all along. The lowest median stays the first, of edges 0 to 2:
    /// 500,100 (limit 350,070).
    /// </summary>
    private static long SlowRise(SnapshotRig rig, SoftShortDetector detector, int count)
    {
        for (int k = 0; k < count; k++)
        {
            Edge(rig, detector, k * 10L, 500000 + (100 * k));
        }

        return (count - 1) * 10L;
    }

    [Fact]
    public void APathThatFormsAfterASlowRiseIsALastingDropAgainstTheRisenResistance()
    {
        // 6,000 edges rise to 1,099,900 mOhm (2.2 times the first, as a healthy NaK50 cell's over a run). A path then takes
        // every edge to 700,000: the median (edge 5,995: 1,099,500) gives a limit of 769,650, and the reference is that
        // median. Before, the lasting drop was judged against the lowest median (limit 350,070): the edges were a drop
        // against the running median only, entered the history, pulled the median down within five edges and were
        // forgotten. Now each is a lasting drop and stays out; the tenth (at 60,090 ms) confirms.
        var (rig, detector) = Make();
        long t = SlowRise(rig, detector, 6000);
        Assert.Empty(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        for (int i = 1; i <= 30; i++)
        {
            Edge(rig, detector, t += 10, 700000);
            Assert.Equal(i >= 2, rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
            Assert.Equal(i >= 10, rig.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, 1));
        }

        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        Assert.Equal((700000, 769650), (raised.Value, raised.Threshold));
        var confirmed = Assert.Single(rig.Raised(DiagnosisId.SoftShortConfirmed));
        Assert.Equal((60090L, 10, 10), (confirmed.TimestampMs, confirmed.Value, confirmed.Threshold));
    }

    [Theory]
    [InlineData(30000, true)]
    [InlineData(30001, false)]
    public void AFallAfterAGapLongerThanTheHealingGapIsJudgedAgainstTheLowestMedian(long gapMs, bool confirms)
    {
        // 1,000 edges rise to 599,900 mOhm; at the next edge the median of the last nine is edge 995's, 599,500, and the
        // reference follows it there (limit 419,650). After a gap the edges fall to 410,000: below that limit, above the
        // lowest median's (500,100: 350,070).
        // A gap of 30,000 ms is not longer than softShort.resistanceHealingGapMs (30,000): the reference holds and the
        // tenth such edge confirms, at 30,000 + 90 ms after the last rising edge. A gap of 30,001 ms may have healed the
        // interface's slow damage: the reference starts again from the lowest median (500,100 risen by 500: 500,600, a
        // limit of 350,420), the edges are no lasting drop and enter the history; from the sixth the median is 410,000.
        // Either way the first five are drops against the running median, warned about as before.
        var (rig, detector) = Make();
        long t = SlowRise(rig, detector, 1000) + gapMs;
        Edge(rig, detector, t, 410000);
        for (int i = 2; i <= 30; i++)
        {
            Edge(rig, detector, t += 10, 410000);
        }

        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        Assert.Equal((410000, 419650), (raised.Value, raised.Threshold));
        if (confirms)
        {
            var confirmed = Assert.Single(rig.Raised(DiagnosisId.SoftShortConfirmed));
            Assert.Equal((9990L + 30000 + 90, 10, 10), (confirmed.TimestampMs, confirmed.Value, confirmed.Threshold));
        }
        else
        {
            Assert.Empty(rig.Raised(DiagnosisId.SoftShortConfirmed));
            Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AHeldModulesEdgesGiveNoVerdict(bool held)
    {
        // Median 1000 mOhm (limit 700), then two edges of 13 mOhm: across a hard short. On a module the hard short has
        // latched (held, its switch opened by the isolation) they are the edges the isolation made: no verdict.
        var (rig, detector) = Make();
        for (int i = 0; i < 3; i++)
        {
            Edge(rig, detector, i * 10, 1000);
        }

        if (held)
        {
            rig.Begin(30);
            rig.Diagnosis.Report(DiagnosisId.HardShort, 1, true, 3, 5);
            Assert.True(rig.Diagnosis.HasLatchedFault(0));
        }

        Edge(rig, detector, 40, 13);
        Edge(rig, detector, 50, 13);
        Assert.Equal(held ? 0 : 1, rig.Raised(DiagnosisId.SoftShortResistanceDrop).Count);
        Assert.Equal(held, rig.Diagnosis.IsQuiet(DiagnosisId.SoftShortResistanceDrop));
    }
}
