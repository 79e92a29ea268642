using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Tests.Support;
using Xunit;
using Edge.Core.Records;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// <see cref="ProtectionMonitor"/> alone on hand-filled snapshots, against the default limits: cells within
/// -3300..3300 mV, 1925 uA under current and 50 uA with the switch open, 60.0 degC; the table debounces the
/// voltage and current rows over 2 ticks and the temperature row over 3.
/// </summary>
public class ProtectionMonitorOnSnapshotsTests
{
    private static void Tick(SnapshotRig rig, ProtectionMonitor monitor, long nowMs, Action<SnapshotRig> set)
    {
        rig.Begin(nowMs);
        set(rig);
        monitor.Evaluate(rig.Frame, rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    private static (SnapshotRig Rig, ProtectionMonitor Monitor) Make()
    {
        var rig = new SnapshotRig();
        rig.SetCurrent(0, ModulePhase.Open, 0);
        rig.SetCells(0, 100, 100);
        return (rig, new ProtectionMonitor(rig.Configuration.Protection, rig.Layout));
    }

    [Fact]
    public void OvervoltageAboveTheLimitActivatesOnTheSecondTickAndAsksForIsolation()
    {
        var (rig, monitor) = Make();

        // 3300 mV is the limit itself: inside the envelope.
        Tick(rig, monitor, 0, r => r.SetCells(0, 100, 3300));
        Tick(rig, monitor, 10, r => r.SetCells(0, 100, 3300));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltage, 1));

        Tick(rig, monitor, 20, r => r.SetCells(0, 100, 3301));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltage, 1));
        Tick(rig, monitor, 30, r => r.SetCells(0, 100, 3301));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltage, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltage, 0));
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
        Assert.True(rig.Diagnosis.Requests.Isolate[0]);
        Assert.Equal(DiagnosisId.CellOvervoltage, rig.Diagnosis.Requests.HoldCause[0]);

        var raised = Assert.Single(rig.Raised(DiagnosisId.CellOvervoltage));
        Assert.Equal((30L, 1, 3301, 3300, Severity.Fault), (raised.TimestampMs, raised.Cell, raised.Value, raised.Threshold, raised.Severity));
    }

    [Fact]
    public void UndervoltageBelowTheNegativeLimitActivates()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, r => r.SetCells(0, -3301, 100));
        Tick(rig, monitor, 10, r => r.SetCells(0, -3301, 100));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellUndervoltage, 0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.CellUndervoltage));
        Assert.Equal((-3301, -3300), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void OvercurrentUsesThePulseLimitUnderCurrentAndTheOpenSwitchLimitAtRest()
    {
        var (rig, monitor) = Make();

        // 1925 uA under current is allowed; 51 uA through an open switch is not.
        Tick(rig, monitor, 0, r => r.SetCurrent(0, ModulePhase.Current, 1925));
        Tick(rig, monitor, 10, r => r.SetCurrent(0, ModulePhase.Current, 1925));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrent, 0));

        Tick(rig, monitor, 20, r => r.SetCurrent(0, ModulePhase.Open, 51));
        Tick(rig, monitor, 30, r => r.SetCurrent(0, ModulePhase.Open, 51));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrent, 0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.ModuleOvercurrent));
        Assert.Equal((51, 50), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void AnUncalibratedUnitsOpenSwitchCurrentIsJudgedAgainstThePulseLimit()
    {
        // Read through the board's nominal points, 0 uA shows as tens of uA: not a leaking switch. A current beyond
        // the pulse limit still is.
        var (rig, monitor) = Make();
        rig.Frame.Uncalibrated = true;
        for (int i = 0; i < 4; i++)
        {
            Tick(rig, monitor, i * 10, r => r.SetCurrent(0, ModulePhase.Open, -78));
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrent, 0));
        Tick(rig, monitor, 40, r => r.SetCurrent(0, ModulePhase.Open, 1926));
        Tick(rig, monitor, 50, r => r.SetCurrent(0, ModulePhase.Open, 1926));
        var raised = Assert.Single(rig.Raised(DiagnosisId.ModuleOvercurrent));
        Assert.Equal((1926, 1925), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void PlatingOvercurrentCountsByMagnitude()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, r => r.SetCurrent(0, ModulePhase.Current, -1926));
        Tick(rig, monitor, 10, r => r.SetCurrent(0, ModulePhase.Current, -1926));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrent, 0));
    }

    [Fact]
    public void OvertemperatureActivatesOnTheThirdTickAndIsolatesThePack()
    {
        var (rig, monitor) = Make();
        rig.Frame.TemperatureStatus[0] = Edge.Core.Sampling.ChannelStatus.Valid;
        for (int i = 0; i < 2; i++)
        {
            Tick(rig, monitor, i * 10, r => r.Frame.TemperatureDeciCelsius[0] = 601);
            Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvertemperature, 0));
        }

        Tick(rig, monitor, 20, r => r.Frame.TemperatureDeciCelsius[0] = 601);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellOvertemperature, 0));
        Assert.True(rig.Diagnosis.Requests.Isolate[0]);
        Assert.Equal(DiagnosisId.CellOvertemperature, rig.Diagnosis.Requests.HoldCause[0]);
    }

    [Fact]
    public void InvalidReadingsNeverTripTheEnvelope()
    {
        var (rig, monitor) = Make();
        for (int i = 0; i < 5; i++)
        {
            Tick(rig, monitor, i * 10, r =>
            {
                r.SetCells(0, 100, 5000);
                r.Snapshot.CellValid[1] = false;
                r.Snapshot.ValidMaximumMv[0] = 100;
                r.Snapshot.ModuleCurrentValid[0] = false;
                r.Snapshot.ModuleCurrentUa[0] = 9999;
            });
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellOvervoltage, 1));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrent, 0));
        Assert.Empty(rig.Records);
    }
}
