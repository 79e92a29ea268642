using System.Reflection;
using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// A cell's edge-resistance history counts the edges measured at one operating point, two a pulse, and nothing but a
/// new operating point or a fault reset starts it again. 2^31 edges come after 248 days of 10 ms pulses and rests
/// (100 edges a second), or about 6.8 years of 100 ms ones: the count then went negative, and the next edge wrote its
/// resistance at a negative index of the history, which threw inside the tick (the sampling loop latches every switch
/// open and stops for good). The count is set to the state after 2^31 - 3 edges; measuring that many would take hours.
/// Default configuration: a drop is a resistance below 70 % of the median of the last 9 edges, reported twice.
/// </summary>
public class SoftShortEdgeCountTests
{
    [Fact]
    public void EdgesPastTwoToTheThirtyFirstAreJudgedAgainstTheSameHistory()
    {
        var rig = new SnapshotRig();
        rig.SetCells(0, 500, 500);
        rig.SetCurrent(0, ModulePhase.Current, 385);
        rig.Snapshot.LastPulseCurrentUa[0] = 385;
        rig.Snapshot.PhaseSampleCount[0] = 10;
        var detector = new SoftShortDetector(rig.Configuration, rig.Layout);

        // A full history of 1000 mOhm edges on both cells.
        long now = 0;
        for (int i = 0; i < 9; i++)
        {
            Edge(rig, detector, now += 10, 1000);
        }

        int[] counts = (int[])typeof(SoftShortDetector).GetField("_resistanceCount", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(detector)!;
        counts[0] = int.MaxValue - 2;
        counts[1] = int.MaxValue - 2;

        // Twenty healthy edges across the boundary: each is recorded, none is a drop (1000 against a limit of 700).
        for (int i = 0; i < 20; i++)
        {
            Edge(rig, detector, now += 10, 1000);
        }

        Assert.True(rig.Diagnosis.IsQuiet(DiagnosisId.SoftShortResistanceDrop));
        Assert.Empty(rig.Raised(DiagnosisId.SoftShortResistanceDrop));

        // A parallel path on cell 1 is still seen: 699 mOhm is below 70 % of the median, reported on its second edge.
        Edge(rig, detector, now += 10, 699);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        Edge(rig, detector, now += 10, 699);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.SoftShortResistanceDrop));
        Assert.Equal(699, raised.Value);
        Assert.Equal(700, raised.Threshold);
    }

    private static void Edge(SnapshotRig rig, SoftShortDetector detector, long nowMs, int cell1Milliohm)
    {
        rig.Begin(nowMs);
        rig.Snapshot.EdgeMeasured[0] = true;
        rig.Snapshot.EdgeCurrentUa[0] = 385;
        rig.Snapshot.EdgeResistanceMilliohm[0] = 1000;
        rig.Snapshot.EdgeResistanceMilliohm[1] = cell1Milliohm;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }
}
