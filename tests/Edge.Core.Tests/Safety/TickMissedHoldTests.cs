using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// A missed tick (tickMissed) holds the pack in RAM but is not stored across a reset (firmware README, "Latched faults
/// survive a reset"). A fault that latches a module held only for it must therefore become the module's cause: the
/// firmware stores the latched set by <see cref="DiagnosisManager.LatchCause"/> when <see cref="DiagnosisManager.LatchRevision"/>
/// moves, and a cell fault that moved neither was released by the next reset.
/// </summary>
public class TickMissedHoldTests
{
    private sealed class Pack
    {
        public readonly PackLayout Layout = new PackLayout(2, 1, 1);
        public readonly EdgeController Controller;
        public readonly List<TelemetryRecord> Events = new List<TelemetryRecord>();
        public long TickIndex;

        public Pack()
        {
            Controller = new EdgeController(Layout, new ControllerConfiguration { StartImmediately = false });
        }

        /// <summary>One 10 ms tick: cell 1 (module 1's only cell) at <paramref name="cell1Mv"/>, the others at 200 mV.</summary>
        public void Tick(int cell1Mv = 200, int temperatureDeciC = 250)
        {
            var frame = new SampleFrame(Layout);
            frame.TickIndex = TickIndex;
            frame.TimestampMs = TickIndex * 10;
            TickIndex++;
            for (int c = 0; c < frame.CellVoltageMv.Length; c++)
            {
                frame.CellVoltageMv[c] = c == 1 ? cell1Mv : 200;
                frame.CellVoltageStatus[c] = ChannelStatus.Valid;
            }

            for (int m = 0; m < Layout.ModuleCount; m++)
            {
                frame.ModuleCurrentStatus[m] = ChannelStatus.Valid;
            }

            frame.TemperatureDeciCelsius[0] = temperatureDeciC;
            frame.TemperatureStatus[0] = ChannelStatus.Valid;
            Controller.Tick(frame, new ActionFrame(Layout));
            TelemetryBuffer telemetry = Controller.Telemetry;
            for (int i = 0; i < telemetry.Count; i++)
            {
                if (telemetry[i].Kind == TelemetryRecordKind.Event)
                {
                    var copy = new TelemetryRecord(1) { EventKind = telemetry[i].EventKind, Module = telemetry[i].Module, Diagnosis = telemetry[i].Diagnosis, HasDiagnosis = telemetry[i].HasDiagnosis };
                    Events.Add(copy);
                }
            }
        }

        /// <summary>20 healthy ticks, then a gap of 15 periods (150 ms, past the 10 the tick watch allows): tickMissed on the pack.</summary>
        public void MissATick()
        {
            for (int i = 0; i < 20; i++)
            {
                Tick();
            }

            TickIndex += 15;
            Tick();
            Assert.Equal(DiagnosisId.TickMissed, Controller.Diagnosis.LatchCause(0));
            Assert.Equal(DiagnosisId.TickMissed, Controller.Diagnosis.LatchCause(1));
            Assert.Equal(ModuleState.Hold, Controller.Module(1).State);
        }

        public int[] RetainedDiagnoses() => Retained(false);

        public int[] RetainedCells() => Retained(true);

        private int[] Retained(bool cellsWanted)
        {
            var states = new ModuleState[2];
            var reasons = new StopReason[2];
            var diagnoses = new int[2];
            var cells = new int[2];
            Assert.True(Controller.ModuleStates.TryCopyTo(states, reasons, diagnoses, cells));
            return cellsWanted ? cells : diagnoses;
        }
    }

    [Fact]
    public void ACellOvervoltageOnAModuleHeldForAMissedTickBecomesItsCauseAndIsNamed()
    {
        var pack = new Pack();
        pack.MissATick();
        int revision = pack.Controller.Diagnosis.LatchRevision;
        pack.Events.Clear();

        // Cell 1 at 3600 mV, over the 3300 mV limit, for the row's debounce of 2 readings and more.
        for (int i = 0; i < 10; i++)
        {
            pack.Tick(cell1Mv: 3600);
        }

        Assert.True(pack.Controller.Diagnosis.IsActive(DiagnosisId.CellOvervoltage, 1));
        Assert.Equal(DiagnosisId.CellOvervoltage, pack.Controller.Diagnosis.LatchCause(1));
        Assert.True(pack.Controller.Diagnosis.LatchRevision > revision, "the latched set's cause changed, but its revision did not move: nothing is stored");

        // Module 0 had only the missed tick: that stays its cause. The event of the overvoltage's latch is written.
        Assert.Equal(DiagnosisId.TickMissed, pack.Controller.Diagnosis.LatchCause(0));
        Assert.Single(pack.Events, e => e.EventKind == EventKind.Overvoltage && e.Diagnosis == DiagnosisId.CellOvervoltage && e.Module == 1);

        // The retained module states name the new cause; the hold's stop reason stays the missed tick's family.
        Assert.Equal(new[] { (int)DiagnosisId.TickMissed, (int)DiagnosisId.CellOvervoltage }, pack.RetainedDiagnoses());

        // Module 1's only cell is pack cell 1: the new cause names it; the missed tick is about no cell.
        Assert.Equal(new[] { -1, 1 }, pack.RetainedCells());
        Assert.Equal(StopReason.Plausibility, pack.Controller.Module(1).StopReason);
    }

    [Fact]
    public void APackOvertemperatureOnAPackHeldForAMissedTickBecomesEveryModulesCause()
    {
        var pack = new Pack();
        pack.MissATick();

        // 90 C against the 60 C limit, for the row's debounce of 3 readings and more; the sensor watches the whole pack.
        for (int i = 0; i < 10; i++)
        {
            pack.Tick(temperatureDeciC: 900);
        }

        Assert.Equal(DiagnosisId.CellOvertemperature, pack.Controller.Diagnosis.LatchCause(0));
        Assert.Equal(DiagnosisId.CellOvertemperature, pack.Controller.Diagnosis.LatchCause(1));
        Assert.Equal(new[] { (int)DiagnosisId.CellOvertemperature, (int)DiagnosisId.CellOvertemperature }, pack.RetainedDiagnoses());
    }

    [Fact]
    public void AModuleLatchedForACellFaultKeepsItWhenATickIsMissedAfter()
    {
        var pack = new Pack();
        for (int i = 0; i < 10; i++)
        {
            pack.Tick(cell1Mv: 3600);
        }

        Assert.Equal(DiagnosisId.CellOvervoltage, pack.Controller.Diagnosis.LatchCause(1));
        int revision = pack.Controller.Diagnosis.LatchRevision;

        // The missed tick latches module 0 (one change of the set) and leaves module 1's cause as it was.
        pack.TickIndex += 15;
        pack.Tick(cell1Mv: 3600);
        Assert.Equal(DiagnosisId.CellOvervoltage, pack.Controller.Diagnosis.LatchCause(1));
        Assert.Equal(DiagnosisId.TickMissed, pack.Controller.Diagnosis.LatchCause(0));
        Assert.Equal(revision + 1, pack.Controller.Diagnosis.LatchRevision);

        // A second missed tick changes nothing.
        pack.TickIndex += 15;
        pack.Tick(cell1Mv: 3600);
        Assert.Equal(revision + 1, pack.Controller.Diagnosis.LatchRevision);
    }

    /// <summary>
    /// A detector row that set in observe mode (it only reports there) latches once act mode is on, with its event; on a
    /// module held for a missed tick meanwhile it must become the cause as a fresh latch does.
    /// </summary>
    [Fact]
    public void ADetectorRowSetInObserveModeLatchesAModuleHeldForAMissedTickOnceActModeIsOn()
    {
        var telemetry = new TelemetryBuffer(64, 1);
        var manager = new DiagnosisManager(DiagnosisTable.CreateDefault(), new PackLayout(2, 1, 1), telemetry);
        manager.BeginTick(0, ControlMode.Observe);
        Assert.True(manager.Report(DiagnosisId.SoftShortConfirmed, 1, true, 0, 0));
        Assert.False(manager.HasLatchedFault(1));

        // The missed tick latches in every mode.
        manager.BeginTick(10, ControlMode.Observe);
        Assert.True(manager.Report(DiagnosisId.TickMissed, 0, true, 150, 100));
        Assert.Equal(DiagnosisId.TickMissed, manager.LatchCause(1));
        int revision = manager.LatchRevision;

        manager.BeginTick(20, ControlMode.Act);
        manager.Report(DiagnosisId.SoftShortConfirmed, 1, true, 0, 0);
        Assert.Equal(DiagnosisId.SoftShortConfirmed, manager.LatchCause(1));
        Assert.Equal(revision + 1, manager.LatchRevision);
        Assert.Equal(DiagnosisId.TickMissed, manager.LatchCause(0));

        // Latched now: the row's next reading latches nothing more.
        manager.BeginTick(30, ControlMode.Act);
        manager.Report(DiagnosisId.SoftShortConfirmed, 1, true, 0, 0);
        Assert.Equal(revision + 1, manager.LatchRevision);
    }
}
