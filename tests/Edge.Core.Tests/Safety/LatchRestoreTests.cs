using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// A latched fault survives a reset of the device: the firmware stores the latched modules when
/// <see cref="Diagnosis.DiagnosisManager.LatchRevision"/> moves and restores them at boot. A restored latch holds its
/// module from the first tick (switch open, a faultRestored event) until an operator's fault reset, as the original
/// latch did, and a start command or auto-start does not get past it.
/// </summary>
public class LatchRestoreTests
{
    private sealed class Rig : OneModuleRig
    {
        public Rig()
            : base(1, 1, new ControllerConfiguration())
        {
        }

        /// <summary>Cell readings under current (the switch closed on the last tick), else 200 mV at rest.</summary>
        public int UnderCurrentMv = 300;

        public readonly List<TelemetryRecord> EventRecords = new List<TelemetryRecord>();

        /// <summary>One tick; true when its actions close the switch.</summary>
        public bool Step()
        {
            bool closed = Actions.SwitchClosed[0];
            Frame.CellVoltageMv[0] = closed ? UnderCurrentMv : 200;
            Frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            Frame.ModuleCurrentUa[0] = closed ? Actions.CurrentSetpointUa[0] : 0;
            Frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
            Frame.TemperatureDeciCelsius[0] = 250;
            Frame.TemperatureStatus[0] = ChannelStatus.Valid;
            Run();
            TelemetryBuffer telemetry = Controller.Telemetry;
            for (int i = 0; i < telemetry.Count; i++)
            {
                if (telemetry[i].Kind == TelemetryRecordKind.Event && telemetry[i].EventKind == EventKind.FaultRestored)
                {
                    // Records are reused by the next tick: keep what the test reads.
                    EventRecords.Add(Copy(telemetry[i]));
                }
            }

            return Actions.SwitchClosed[0];
        }

        /// <summary>Ticks <paramref name="count"/> times; how many of them closed the switch.</summary>
        public int Closed(int count)
        {
            int closed = 0;
            for (int i = 0; i < count; i++)
            {
                closed += Step() ? 1 : 0;
            }

            return closed;
        }

        private static TelemetryRecord Copy(TelemetryRecord r) => new TelemetryRecord(1)
        {
            Kind = r.Kind, EventKind = r.EventKind, Severity = r.Severity, Module = r.Module,
            Diagnosis = r.Diagnosis, HasDiagnosis = r.HasDiagnosis, Value = r.Value, Threshold = r.Threshold,
        };
    }

    [Fact]
    public void ARestoredLatchHoldsTheModuleFromTheFirstTickUntilAFaultReset()
    {
        var rig = new Rig();
        Assert.True(rig.Controller.Configuration.StartImmediately, "the test needs auto-start on: a restored latch must beat it");
        rig.Controller.RestoreLatchedFault(0, DiagnosisId.HardShort);

        // 1 s / 5 s pulses by default: 20 s would close the switch in 4 pulses.
        Assert.Equal(0, rig.Closed(2000));
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        Assert.Equal(StopReason.HardShort, rig.Controller.Module(0).StopReason);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0));
        TelemetryRecord restored = Assert.Single(rig.EventRecords);
        Assert.Equal(Severity.Fault, restored.Severity);
        Assert.True(restored.HasDiagnosis);
        Assert.Equal(DiagnosisId.HardShort, restored.Diagnosis);
        Assert.Equal(0, restored.Module);

        // A start command does not get past it.
        rig.Controller.RequestStart(0);
        Assert.Equal(0, rig.Closed(700));
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);

        // A fault reset does, and the set of latched modules changed: the firmware stores it again.
        int revision = rig.Controller.Diagnosis.LatchRevision;
        rig.Controller.RequestFaultReset(0);
        rig.Step();
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Equal(revision + 1, rig.Controller.Diagnosis.LatchRevision);
        rig.Controller.RequestStart(0);
        Assert.True(rig.Closed(700) >= 100, "a reset and started module pulses again (1 s of 6 at 10 ms)");
    }

    [Fact]
    public void ALatchRestoredFromAnUnreadableRecordHoldsWithoutACause()
    {
        var rig = new Rig();
        rig.Controller.RestoreLatchedFault(0);
        Assert.Equal(0, rig.Closed(700));
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        Assert.Equal(StopReason.Fault, rig.Controller.Module(0).StopReason);
        Assert.False(rig.Controller.Diagnosis.IsLatchCauseKnown(0));
        TelemetryRecord restored = Assert.Single(rig.EventRecords);
        Assert.False(restored.HasDiagnosis);
        Assert.Equal(Severity.Fault, restored.Severity);
    }

    [Fact]
    public void TheLatchRevisionMovesWhenAModuleLatchesAndWhenItIsReset()
    {
        var rig = new Rig();
        Assert.True(rig.Closed(700) > 0, "the healthy module pulses");
        Assert.Equal(0, rig.Controller.Diagnosis.LatchRevision);

        // The cell collapses to 2 mV under current: a hard short, latched at once.
        rig.UnderCurrentMv = 2;
        for (int i = 0; i < 700 && !rig.Controller.Diagnosis.HasLatchedFault(0); i++)
        {
            rig.Step();
        }

        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "a cell at 2 mV under current did not latch");
        Assert.Equal(1, rig.Controller.Diagnosis.LatchRevision);
        Assert.True(rig.Controller.Diagnosis.IsLatchCauseKnown(0));
        Assert.Equal(DiagnosisId.HardShort, rig.Controller.Diagnosis.LatchCause(0));

        // Held ticks change nothing that needs storing.
        rig.Closed(300);
        Assert.Equal(1, rig.Controller.Diagnosis.LatchRevision);

        rig.Controller.RequestFaultReset(0);
        rig.Step();
        Assert.Equal(2, rig.Controller.Diagnosis.LatchRevision);
        Assert.False(rig.Controller.Diagnosis.IsLatchCauseKnown(0));

        // A reset of a module that holds nothing changes nothing either.
        rig.Controller.RequestFaultReset(0);
        rig.Step();
        Assert.Equal(2, rig.Controller.Diagnosis.LatchRevision);
    }

    [Fact]
    public void ARestoreNamingNoModuleOfThePackIsRefused()
    {
        var rig = new Rig();
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Controller.RestoreLatchedFault(1, DiagnosisId.HardShort));
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Controller.RestoreLatchedFault(-1));
        Assert.Equal(0, rig.Controller.Diagnosis.LatchRevision);
    }
}
