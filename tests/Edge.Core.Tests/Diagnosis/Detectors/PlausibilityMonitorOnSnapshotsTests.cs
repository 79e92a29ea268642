using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;
using Edge.Core.Records;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// <see cref="PlausibilityMonitor"/> alone on hand-filled frames and snapshots, with the default 10 ms period:
/// a tick is late above 150 % of the period (15 ms) and missed at 5 periods (50 ms) or 5 skipped tick indices;
/// channel rows debounce over 3 ticks; a cell is stuck when its edge response, edge resistance x current, stays
/// below 2 mV while the nominal 150 ohm cm2 over 0.3848 cm2 (389 ohm) predicts at least 4 x 2 mV.
/// </summary>
public class PlausibilityMonitorOnSnapshotsTests
{
    private static (SnapshotRig Rig, PlausibilityMonitor Monitor) Make()
    {
        var rig = new SnapshotRig();
        rig.SetCurrent(0, ModulePhase.Open, 0);
        rig.SetCells(0, 100, 100);
        return (rig, new PlausibilityMonitor(rig.Configuration, rig.Layout));
    }

    private static void Tick(SnapshotRig rig, PlausibilityMonitor monitor, long tickIndex, int intervalMs, Action<SnapshotRig> set = null)
    {
        rig.Begin(tickIndex * 10, intervalMs);
        rig.Frame.TickIndex = tickIndex;
        set?.Invoke(rig);
        monitor.Evaluate(rig.Frame, rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    [Fact]
    public void IntervalAboveOneAndAHalfPeriodsIsLateAndFifteenIsNot()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, 10);
        Tick(rig, monitor, 1, 15);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.TickLate, 0));
        Tick(rig, monitor, 2, 16);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.TickLate, 0));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.TickMissed, 0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.TickLate));
        Assert.Equal((16, 15), (raised.Value, raised.Threshold));
        Assert.False(rig.Diagnosis.HasLatchedFault(0));
    }

    [Fact]
    public void FiveSkippedTicksAreMissedAndIsolateEveryModule()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, 10);

        // Index 0 to 6: five indices skipped. The interval says 10 ms, the indices decide.
        Tick(rig, monitor, 6, 10);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.TickMissed, 0));
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
        Assert.Equal(DiagnosisId.TickMissed, rig.Diagnosis.Requests.HoldCause[0]);
    }

    [Fact]
    public void FourSkippedTicksAreOnlyLate()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, 10);
        Tick(rig, monitor, 5, 10);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.TickMissed, 0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.TickLate, 0));
    }

    [Fact]
    public void SaturatedCellChannelActivatesOnTheThirdTick()
    {
        var (rig, monitor) = Make();
        for (int i = 0; i < 3; i++)
        {
            Tick(rig, monitor, i, 10, r =>
            {
                r.Frame.CellVoltageStatus[1] = ChannelStatus.Saturated;
                r.Snapshot.InvalidCellCount[0] = 1;
            });
            Assert.Equal(i == 2, rig.Diagnosis.IsActive(DiagnosisId.CellChannelSaturated, 1));
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellChannelInvalid, 1));
        Assert.True(rig.Diagnosis.Requests.Isolate[0]);
    }

    [Theory]
    [InlineData(ChannelStatus.Implausible)]
    [InlineData(ChannelStatus.Missing)]
    public void ImplausibleOrMissingCurrentChannelIsInvalid(ChannelStatus status)
    {
        var (rig, monitor) = Make();
        for (int i = 0; i < 3; i++)
        {
            Tick(rig, monitor, i, 10, r => r.Frame.ModuleCurrentStatus[0] = status);
        }

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CurrentChannelInvalid, 0));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CurrentChannelSaturated, 0));
        Assert.Equal((int)status, rig.Raised(DiagnosisId.CurrentChannelInvalid).Single().Value);
    }

    [Fact]
    public void CellThatDoesNotAnswerCurrentEdgesIsStuck()
    {
        // 385 uA x 389 ohm predicts 149 mV, far above 4 x 2 mV. Cell 0 answers 400 ohm (154 mV); cell 1 answers
        // 5 ohm: 5000 mOhm x 385 uA = 1.925 mV, truncated to 1 mV, below 2 mV.
        var (rig, monitor) = Make();
        for (int i = 0; i < 3; i++)
        {
            Tick(rig, monitor, i, 10, r =>
            {
                r.SetCurrent(0, ModulePhase.Current, 385);
                r.Snapshot.EdgeMeasured[0] = true;
                r.Snapshot.EdgeResistanceMilliohm[0] = 400000;
                r.Snapshot.EdgeResistanceMilliohm[1] = 5000;
            });
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellChannelStuck, 0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellChannelStuck, 1));
        var raised = Assert.Single(rig.Raised(DiagnosisId.CellChannelStuck));
        Assert.Equal((1, 1, 2), (raised.Cell, raised.Value, raised.Threshold));
    }

    [Fact]
    public void StuckTestIsSkippedWhenTheCurrentPredictsTooSmallAResponse()
    {
        // 20 uA x 389 ohm = 7 mV (7.78 truncated), below 4 x 2 mV: no verdict even for a silent cell.
        var (rig, monitor) = Make();
        for (int i = 0; i < 5; i++)
        {
            Tick(rig, monitor, i, 10, r =>
            {
                r.SetCurrent(0, ModulePhase.Current, 20);
                r.Snapshot.EdgeMeasured[0] = true;
                r.Snapshot.EdgeResistanceMilliohm[1] = 0;
            });
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellChannelStuck, 1));
    }
}
