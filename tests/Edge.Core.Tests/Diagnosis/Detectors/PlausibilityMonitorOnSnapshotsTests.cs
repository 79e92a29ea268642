using Edge.Core.Configuration;
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
/// a tick is late above 150 % of the period (15 ms) and missed at 10 periods (100 ms) or 10 skipped tick indices;
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
    public void TenSkippedTicksAreMissedAndIsolateEveryModule()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, 10);

        // Index 0 to 11: ten indices skipped. The interval says 10 ms, the indices decide.
        Tick(rig, monitor, 11, 10);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.TickMissed, 0));
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
        Assert.Equal(DiagnosisId.TickMissed, rig.Diagnosis.Requests.HoldCause[0]);
    }

    [Fact]
    public void NineSkippedTicksAreOnlyLate()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, 10);
        Tick(rig, monitor, 10, 10);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.TickMissed, 0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.TickLate, 0));
    }

    [Fact]
    public void AStallTheWatchdogLetsPassIsOnlyLateAndTenPeriodsAreMissed()
    {
        // 90 ms: nine periods, under the firmware watchdog's ten (a collection or a flash write); 100 ms reaches them.
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, 10);
        Tick(rig, monitor, 1, 90);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.TickMissed, 0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.TickLate, 0));
        Assert.False(rig.Diagnosis.HasLatchedFault(0));
        Tick(rig, monitor, 2, 100);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.TickMissed, 0));
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
        var raised = Assert.Single(rig.Raised(DiagnosisId.TickMissed));
        Assert.Equal((100, 100), (raised.Value, raised.Threshold));
    }

    [Fact]
    public void ARearmedWatchTakesTheNextTickAsItsStartWhateverTheGap()
    {
        var (rig, monitor) = Make();
        Tick(rig, monitor, 0, 10);
        monitor.RearmTickWatch();
        Tick(rig, monitor, 1, 1500);
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.TickMissed, 0));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.TickLate, 0));

        // Only that one tick: the next gap is judged.
        Tick(rig, monitor, 2, 100);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.TickMissed, 0));
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
                r.Snapshot.EdgeCurrentUa[0] = 385;
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
                r.Snapshot.EdgeCurrentUa[0] = 20;
                r.Snapshot.EdgeResistanceMilliohm[1] = 0;
            });
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellChannelStuck, 1));
    }

    /// <summary>A tick with the switch closed: the setpoint that flowed, the reading, and the module's two cells.</summary>
    private static void Closed(SnapshotRig rig, PlausibilityMonitor monitor, long tickIndex, int setpointUa, int readingUa, int cellMv = 150)
    {
        Tick(rig, monitor, tickIndex, 10, r =>
        {
            r.SetCurrent(0, ModulePhase.Current, readingUa);
            r.Snapshot.SetpointUa[0] = setpointUa;
            r.SetCells(0, cellMv, cellMv);
        });
    }

    [Theory]
    // Tolerance 20 uA + 25 % of the setpoint's magnitude. 385 uA: 20 + 96.25 = 116.25 uA, so 269 uA (116 off) is
    // plausible and 268 uA (117 off) is not; above, 501 (116 off) and 502 (117 off).
    [InlineData(385, 269, false)]
    [InlineData(385, 268, true)]
    [InlineData(385, 501, false)]
    [InlineData(385, 502, true)]
    // Plating at 0.4 mA/cm2: -154 uA, 20 + 38.5 = 58.5 uA: -96 (58 off) plausible, -95 (59 off) not.
    [InlineData(-154, -96, false)]
    [InlineData(-154, -95, true)]
    // A channel stuck at REF reads 0; wiring of the wrong sign reads the setpoint negated.
    [InlineData(385, 0, true)]
    [InlineData(385, -385, true)]
    [InlineData(-154, 154, true)]
    // The smallest setpoint a reading stuck at 0 is found at: 27 uA (20 + 6.75 = 26.75 < 27); 26 uA (26.5) is not.
    [InlineData(27, 0, true)]
    [InlineData(26, 0, false)]
    public void CurrentReadingIsJudgedAgainstTheSetpointAndLatchesOnTheThirdReading(int setpointUa, int readingUa, bool implausible)
    {
        var (rig, monitor) = Make();
        for (int i = 0; i < 2; i++)
        {
            Closed(rig, monitor, i, setpointUa, readingUa);
            Assert.Equal(implausible, monitor.CurrentImplausible[0]);
            Assert.False(rig.Diagnosis.HasLatchedFault(0), "latched before its third reading");
        }

        Closed(rig, monitor, 2, setpointUa, readingUa);
        Assert.Equal(implausible, rig.Diagnosis.IsActive(DiagnosisId.CurrentChannelImplausible, 0));
        Assert.Equal(implausible, rig.Diagnosis.HasLatchedFault(0));
        if (implausible)
        {
            var raised = Assert.Single(rig.Raised(DiagnosisId.CurrentChannelImplausible));
            Assert.Equal((EventKind.ChannelFault, Severity.Fault, 0, (long)readingUa, (long)setpointUa), (raised.EventKind, raised.Severity, raised.Module, raised.Value, raised.Threshold));
            Assert.True(rig.Diagnosis.Requests.Isolate[0]);
            Assert.Equal(DiagnosisId.CurrentChannelImplausible, rig.Diagnosis.Requests.HoldCause[0]);
        }
        else
        {
            Assert.Empty(rig.Raised(DiagnosisId.CurrentChannelImplausible));
        }
    }

    [Fact]
    public void ObserveModeLatchesTheImplausibleCurrentToo()
    {
        var rig = new SnapshotRig(new PackLayout(1, 2, 1), new ControllerConfiguration { Mode = ControlMode.Observe });
        var monitor = new PlausibilityMonitor(rig.Configuration, rig.Layout);
        for (int i = 0; i < 3; i++)
        {
            Closed(rig, monitor, i, 385, 0);
        }

        Assert.True(rig.Diagnosis.HasLatchedFault(0));
        Assert.True(rig.Diagnosis.Requests.Isolate[0]);
    }

    [Fact]
    public void OpenSwitchAndInvalidReadingsAreNotJudgedAgainstTheSetpoint()
    {
        // Open: 40 uA through an open switch is the overcurrent limit's (50 uA), not this row's. Invalid: its own rows.
        var (rig, monitor) = Make();
        for (int i = 0; i < 5; i++)
        {
            Tick(rig, monitor, i, 10, r => r.SetCurrent(0, ModulePhase.Open, 40));
            Assert.False(monitor.CurrentImplausible[0]);
        }

        for (int i = 5; i < 7; i++)
        {
            Tick(rig, monitor, i, 10, r =>
            {
                r.SetCurrent(0, ModulePhase.Current, 0);
                r.Snapshot.SetpointUa[0] = 385;
                r.Frame.ModuleCurrentStatus[0] = ChannelStatus.Missing;
                r.Snapshot.ModuleCurrentValid[0] = false;
            });
            Assert.False(monitor.CurrentImplausible[0]);
        }

        Assert.Empty(rig.Raised(DiagnosisId.CurrentChannelImplausible));
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CurrentChannelImplausible, 0));
    }

    [Fact]
    public void OneTransitionalReadingBetweenGoodOnesDoesNotLatch()
    {
        // A stage settling after a setpoint change may read between the two setpoints once: two implausible readings
        // separated by plausible ones never reach the debounce of three.
        var (rig, monitor) = Make();
        int[] readings = { 385, 0, 385, 0, 385, 0, 385 };
        for (int i = 0; i < readings.Length; i++)
        {
            Closed(rig, monitor, i, 385, readings[i]);
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CurrentChannelImplausible, 0));
        Assert.False(rig.Diagnosis.HasLatchedFault(0));
    }

    [Theory]
    // Stripping: a reading short of the setpoint while a cell reads at its maximum operating limit (2970 mV, 90 % of
    // the default 3300 mV) is a stage out of compliance, not judged; at 2969 mV it is. Plating likewise at -2970 mV.
    [InlineData(385, 100, 2970, false)]
    [InlineData(385, 100, 2969, true)]
    [InlineData(-154, -20, -2970, false)]
    [InlineData(-154, -20, -2969, true)]
    // Near the limit a reading of the opposite sign, or above the setpoint, is still implausible.
    [InlineData(385, -385, 2990, true)]
    [InlineData(385, 600, 2990, true)]
    public void ShortfallNearTheCellLimitIsNotJudged(int setpointUa, int readingUa, int cellMv, bool latches)
    {
        var (rig, monitor) = Make();
        for (int i = 0; i < 5; i++)
        {
            Closed(rig, monitor, i, setpointUa, readingUa, cellMv);
        }

        Assert.Equal(latches, rig.Diagnosis.HasLatchedFault(0));
        Assert.Equal(latches, monitor.CurrentImplausible[0]);
    }

    [Theory]
    // Where the load hardware sets the current (a module without a setpoint output) only the sign counts: a reading of
    // the opposite sign beyond 20 uA. A scheduler's 128 uA share read as the hardware's 385 uA, or a reading of 0, is no fault.
    [InlineData(128, 385, false)]
    [InlineData(128, 0, false)]
    [InlineData(128, -20, false)]
    [InlineData(128, -21, true)]
    [InlineData(-154, 21, true)]
    public void WithoutASetpointOutputOnlyTheSignIsJudged(int setpointUa, int readingUa, bool latches)
    {
        var configuration = new ControllerConfiguration();
        configuration.Plausibility.CurrentMagnitudeJudged = false;
        var rig = new SnapshotRig(new PackLayout(1, 2, 1), configuration);
        rig.SetCells(0, 100, 100);
        var monitor = new PlausibilityMonitor(configuration, rig.Layout);
        for (int i = 0; i < 3; i++)
        {
            Closed(rig, monitor, i, setpointUa, readingUa);
        }

        Assert.Equal(latches, rig.Diagnosis.HasLatchedFault(0));
    }
}
