using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Edge.Core.Records;
using Edge.Core.Sampling;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Edge.Core.Tests.Properties;

/// <summary>
/// The first safety rule, fault path by fault path: a fault injected into a pack of 1 to 16 modules of 1 to 16 cells,
/// at a random tick (so in a pulse, a rest, a direction-change rest, a scheduled wait or a reversal), opens the
/// affected modules' switches in the ActionFrame of the tick that decides it, latches them with the row's event,
/// keeps them open through starts, protocol changes and mode changes until a fault reset, and leaves the other
/// modules running.
/// </summary>
public class FaultPathProperties
{
    public enum Fault
    {
        HardShort,
        CellOvervoltage,
        CellUndervoltage,
        ModuleOvercurrent,
        OpenSwitchLeak,
        Overtemperature,
        CellMissing,
        CellSaturated,
        CurrentMissing,
        CurrentSaturated,
        TemperatureMissing,
        TickGap,
    }

    public sealed record Case(int Modules, int Cells, int Sensors, int SensorModule, Fault Fault, int Module, int Cell, int OnsetTick, int Protocol, int Seed);

    private static readonly Gen<Case> s_cases =
        from modules in Gen.Choose(1, 16)
        from cells in Gen.Choose(1, 16)
        from sensors in Gen.Choose(1, 3)
        from sensorModule in Gen.Choose(-1, modules - 1)
        from fault in Gen.Elements(Enum.GetValues<Fault>())
        from module in Gen.Choose(0, modules - 1)
        from cell in Gen.Choose(0, cells - 1)
        from onset in Gen.Choose(5, 400)
        from protocol in Gen.Choose(0, 3)
        from seed in Gen.Choose(0, int.MaxValue)
        select new Case(modules, cells, sensors, sensorModule, fault, module, cell, onset, protocol, seed);

    private static ControllerConfiguration Configure(Case c)
    {
        var configuration = new ControllerConfiguration();
        configuration.Telemetry.RecordsPerTick = (c.Modules * 8) + (c.Modules * c.Cells * 6) + 16;
        configuration.Telemetry.CellVoltagePeriodMs = 0;
        configuration.Protection.TemperatureSensorModules = Enumerable.Range(0, c.Sensors).Select(t => t == 0 ? c.SensorModule : -1).ToArray();
        ProtocolConfiguration p = configuration.Protocol;
        switch (c.Protocol)
        {
            case 0:
                p.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 385, 200), new ProtocolStep(ProtocolStepKind.Rest, 0, 300) };
                break;
            case 1:
                p.Steps = new[]
                {
                    new ProtocolStep(ProtocolStepKind.Strip, 385, 200), new ProtocolStep(ProtocolStepKind.Rest, 0, 200),
                    new ProtocolStep(ProtocolStepKind.Plate, 154, 200), new ProtocolStep(ProtocolStepKind.Rest, 0, 200),
                };
                p.DirectionChangeRestMs = 300;
                p.DirectionChangeMaximumRestMs = 600;
                break;
            case 2:
                p.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 385, 200), new ProtocolStep(ProtocolStepKind.Rest, 0, 300) };
                p.RestMode = RestMode.Adaptive;
                p.MinimumRestMs = 100;
                p.MaximumRestMs = 600;
                configuration.Scheduling.Enabled = true;
                configuration.Scheduling.DemandUa = Math.Max(1, c.Modules * 385 / 3);
                break;
            default:
                // Plate straight into strip: the current reverses with the switch closed.
                p.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, 154, 200), new ProtocolStep(ProtocolStepKind.Strip, 385, 200) };
                p.DirectionChangeRestMs = 0;
                p.DirectionChangeMaximumRestMs = 0;
                break;
        }

        ConfigurationError error = ConfigurationValidator.Validate(configuration, new PackLayout(c.Modules, c.Cells, c.Sensors));
        Assert.True(error == null, error?.ToString());
        return configuration;
    }

    private sealed class Plant
    {
        public readonly PackLayout Layout;
        public readonly EdgeController Controller;
        public readonly SampleFrame Frame;
        public readonly ActionFrame Actions;
        public readonly bool[] ClosedBefore;
        public readonly int[] SetpointBefore;
        public long Now;
        public long Index;
        public bool FaultOn;
        public readonly Case Case;

        public Plant(Case c)
        {
            Case = c;
            Layout = new PackLayout(c.Modules, c.Cells, c.Sensors);
            Controller = new EdgeController(Layout, Configure(c));
            Frame = new SampleFrame(Layout);
            Actions = new ActionFrame(Layout);
            ClosedBefore = new bool[c.Modules];
            SetpointBefore = new int[c.Modules];
        }

        public void Fill(bool gap)
        {
            Now += gap ? 110 : 10;
            Index += gap ? 11 : 1;
            Frame.TimestampMs = Now;
            Frame.TickIndex = Index;
            int faultCell = Layout.FirstCellOf(Case.Module) + Case.Cell;
            for (int m = 0; m < Layout.ModuleCount; m++)
            {
                int current = ClosedBefore[m] ? SetpointBefore[m] : 0;
                Frame.ModuleCurrentUa[m] = current;
                Frame.ModuleCurrentStatus[m] = ChannelStatus.Valid;
                if (FaultOn && m == Case.Module)
                {
                    switch (Case.Fault)
                    {
                        case Fault.ModuleOvercurrent: Frame.ModuleCurrentUa[m] = 2500; break;
                        case Fault.OpenSwitchLeak: Frame.ModuleCurrentUa[m] = ClosedBefore[m] ? current : 500; break;
                        case Fault.CurrentMissing: Frame.ModuleCurrentStatus[m] = ChannelStatus.Missing; break;
                        case Fault.CurrentSaturated: Frame.ModuleCurrentStatus[m] = ChannelStatus.Saturated; break;
                    }
                }

                for (int i = 0; i < Layout.CellsPerModule; i++)
                {
                    int cell = Layout.FirstCellOf(m) + i;
                    int v = current == 0 ? 0 : (int)(current * 0.39) + (current > 0 ? 20 : -20);
                    var status = ChannelStatus.Valid;
                    if (FaultOn && cell == faultCell)
                    {
                        switch (Case.Fault)
                        {
                            case Fault.HardShort: v = 1; break;
                            case Fault.CellOvervoltage: v = 3400; break;
                            case Fault.CellUndervoltage: v = -3400; break;
                            case Fault.CellMissing: status = ChannelStatus.Missing; break;
                            case Fault.CellSaturated: status = ChannelStatus.Saturated; v = 3300; break;
                        }
                    }

                    Frame.CellVoltageMv[cell] = v;
                    Frame.CellVoltageStatus[cell] = status;
                }
            }

            for (int t = 0; t < Layout.TemperatureCount; t++)
            {
                Frame.TemperatureDeciCelsius[t] = FaultOn && t == 0 && Case.Fault == Fault.Overtemperature ? 700 : 250;
                Frame.TemperatureStatus[t] = FaultOn && t == 0 && Case.Fault == Fault.TemperatureMissing ? ChannelStatus.Missing : ChannelStatus.Valid;
            }
        }

        public List<TelemetryRecord> Tick(bool gap = false)
        {
            Fill(gap);
            Controller.Tick(Frame, Actions);
            for (int m = 0; m < Layout.ModuleCount; m++)
            {
                ClosedBefore[m] = Actions.SwitchClosed[m];
                SetpointBefore[m] = Actions.CurrentSetpointUa[m];
            }

            var records = new List<TelemetryRecord>();
            for (int i = 0; i < Controller.Telemetry.Count; i++)
            {
                records.Add(Controller.Telemetry[i]);
            }

            Assert.Equal(0, Controller.Telemetry.DroppedCount);
            return records;
        }
    }

    /// <summary>The diagnosis rows the fault must set (the last one isolates), and the modules it affects.</summary>
    private static (DiagnosisId[] Rows, int[] Modules, int DebounceTicks) Expected(Case c)
    {
        int[] one = { c.Module };
        int[] all = Enumerable.Range(0, c.Modules).ToArray();
        int[] sensor = c.SensorModule < 0 ? all : new[] { c.SensorModule };
        return c.Fault switch
        {
            Fault.HardShort => (new[] { DiagnosisId.HardShort }, one, -1),
            Fault.CellOvervoltage => (new[] { DiagnosisId.CellOvervoltageWarning, DiagnosisId.CellOvervoltageDerate, DiagnosisId.CellOvervoltage }, one, 2),
            Fault.CellUndervoltage => (new[] { DiagnosisId.CellUndervoltageWarning, DiagnosisId.CellUndervoltageDerate, DiagnosisId.CellUndervoltage }, one, 2),
            Fault.ModuleOvercurrent => (new[] { DiagnosisId.ModuleOvercurrentWarning, DiagnosisId.ModuleOvercurrentDerate, DiagnosisId.ModuleOvercurrent }, one, 2),
            Fault.OpenSwitchLeak => (new[] { DiagnosisId.ModuleOvercurrent }, one, -1),
            Fault.Overtemperature => (new[] { DiagnosisId.CellOvertemperatureWarning, DiagnosisId.CellOvertemperatureDerate, DiagnosisId.CellOvertemperature }, sensor, 3),
            Fault.CellMissing => (new[] { DiagnosisId.CellChannelInvalid }, one, 3),
            Fault.CellSaturated => (new[] { DiagnosisId.CellChannelSaturated }, one, 3),
            Fault.CurrentMissing => (new[] { DiagnosisId.CurrentChannelInvalid }, one, 3),
            Fault.CurrentSaturated => (new[] { DiagnosisId.CurrentChannelSaturated }, one, 3),
            Fault.TemperatureMissing => (new[] { DiagnosisId.TemperatureChannelInvalid }, sensor, 10),
            _ => (new[] { DiagnosisId.TickMissed }, all, 1),
        };
    }

    private static void Run(Case c)
    {
        var plant = new Plant(c);
        var (rows, affected, debounce) = Expected(c);
        DiagnosisId isolating = rows[^1];
        var isAffected = new bool[c.Modules];
        foreach (int m in affected)
        {
            isAffected[m] = true;
        }

        var events = new List<(long Tick, int Module, DiagnosisId Id)>();
        long latchTick = -1;
        var closedAfterLatch = new bool[c.Modules];
        var wasLatched = new bool[c.Modules];
        int total = c.OnsetTick + 300;
        var random = new Random(c.Seed);
        if (random.Next(3) == 0) plant.Controller.RequestMode(ControlMode.Observe);
        // Faults read on every tick re-latch after a reset while they persist, before any switch closes.
        bool persistent = c.Fault != Fault.HardShort && c.Fault != Fault.OpenSwitchLeak && c.Fault != Fault.TickGap;

        for (int tick = 0; tick < total; tick++)
        {
            plant.FaultOn = tick >= c.OnsetTick && c.Fault != Fault.TickGap;
            bool gap = tick == c.OnsetTick && c.Fault == Fault.TickGap;

            // After the latch: starts, protocol changes and mode changes at random; none may close an affected switch.
            if (latchTick >= 0 && tick > latchTick)
            {
                int roll = random.Next(20);
                int target = affected[random.Next(affected.Length)];
                if (roll == 0) plant.Controller.RequestStart(target);
                else if (roll == 1) plant.Controller.RequestStart(-1);
                else if (roll == 2) plant.Controller.RequestProtocol(plant.Controller.ProtocolToAmend(), true);
                else if (roll == 3) plant.Controller.RequestMode(random.Next(2) == 0 ? ControlMode.Observe : ControlMode.Act);
                else if (roll == 4) plant.Controller.RequestStop(target);
                else if (roll == 5 && persistent) plant.Controller.RequestFaultReset(random.Next(2) == 0 ? target : -1);
            }

            if (tick == c.OnsetTick + 200)
            {
                plant.Controller.RequestMode(ControlMode.Act);
            }

            List<TelemetryRecord> records = plant.Tick(gap);
            foreach (TelemetryRecord r in records.Where(r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && (r.Severity == Severity.Fault || rows.Contains(r.Diagnosis))))
            {
                events.Add((tick, r.Module, r.Diagnosis));
            }

            bool isolatedNow = records.Any(r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.Diagnosis == isolating);
            if (isolatedNow && latchTick < 0)
            {
                latchTick = tick;
                foreach (int m in affected)
                {
                    // Open in the very tick that decided, latched, in Hold, with the state change in the same tick.
                    Assert.False(plant.Actions.SwitchClosed[m], $"{c}: module {m} closed in the tick {isolating} was decided");
                    Assert.Equal(0, plant.Actions.CurrentSetpointUa[m]);
                    Assert.True(plant.Controller.Diagnosis.HasLatchedFault(m), $"{c}: module {m} not latched");
                    Assert.Equal(ModuleState.Hold, plant.Controller.Module(m).State);
                }
            }

            if (tick < c.OnsetTick)
            {
                Assert.True(events.Count == 0, $"{c}: fault events before the fault: {string.Join(", ", events)}");
            }

            for (int m = 0; m < c.Modules; m++)
            {
                bool latched = plant.Controller.Diagnosis.HasLatchedFault(m);
                if (latched && !wasLatched[m])
                {
                    // Every latch comes with a fault event naming the module (or the pack) and its Hold, in its own tick.
                    Assert.True(records.Any(r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.Severity == Severity.Fault && (r.Module == m || r.Module == -1)), $"{c}: module {m} latched at tick {tick} without an event");
                    Assert.True(records.Any(r => r.Kind == TelemetryRecordKind.StateChanged && r.Module == m && r.State == ModuleState.Hold), $"{c}: module {m} latched at tick {tick} without its state change");
                }

                wasLatched[m] = latched;
                if (latched || plant.Controller.Module(m).State == ModuleState.Hold)
                {
                    Assert.False(plant.Actions.SwitchClosed[m], $"{c}: module {m} closed while latched at tick {tick}");
                }

                if (latchTick >= 0 && isAffected[m])
                {
                    Assert.False(plant.Actions.SwitchClosed[m], $"{c}: module {m} closed at tick {tick} after its latch");
                }

                if (latchTick >= 0 && isAffected[m] && !persistent)
                {
                    Assert.True(latched, $"{c}: module {m} released at tick {tick} without a fault reset");
                }

                if (!isAffected[m])
                {
                    Assert.False(latched, $"{c}: unaffected module {m} latched at tick {tick}");
                }

                if (latchTick >= 0 && plant.Actions.SwitchClosed[m])
                {
                    closedAfterLatch[m] = true;
                }
            }

            // A fault whose readings are judged on every tick latches within its debounce.
            if (debounce > 0 && tick == c.OnsetTick + debounce - 1)
            {
                Assert.True(latchTick >= 0, $"{c}: {isolating} not latched {debounce} readings after the fault");
            }
        }

        Assert.True(latchTick >= 0 || c.Fault == Fault.HardShort || c.Fault == Fault.OpenSwitchLeak, $"{c}: never latched");
        if (latchTick < 0)
        {
            return;
        }

        // Exactly the documented events: the fault's rows on the affected module (or the pack), nothing else; the
        // isolating row once per latch (a cause that persists latches again after each reset).
        var expectedModule = affected.Length == 1 ? affected[0] : -1;
        foreach (var e in events)
        {
            // A current reading that jumps while the cells do not follow it is also a collapsed pulse edge.
            bool edgeOfAFalseCurrent = e.Id == DiagnosisId.HardShortShuntEdge && (c.Fault == Fault.ModuleOvercurrent || c.Fault == Fault.OpenSwitchLeak);
            Assert.True(rows.Contains(e.Id) || edgeOfAFalseCurrent, $"{c}: unexpected {e.Id} on module {e.Module} at tick {e.Tick}");
            if (c.Fault != Fault.TickGap && !(c.SensorModule < 0 && (c.Fault == Fault.Overtemperature || c.Fault == Fault.TemperatureMissing)))
            {
                Assert.Equal(expectedModule, e.Module);
            }
        }

        if (!persistent)
        {
            Assert.Equal(1, events.Count(e => e.Id == isolating));
        }

        // The other modules carry on.
        for (int m = 0; m < c.Modules; m++)
        {
            if (!isAffected[m])
            {
                Assert.True(closedAfterLatch[m], $"{c}: unaffected module {m} never pulsed after the latch");
            }
        }

        // The documented release: the cause gone, a fault reset, then a start closes the switch again.
        plant.FaultOn = false;
        plant.Controller.RequestMode(ControlMode.Act);
        plant.Tick();
        var held = affected.Where(m => plant.Controller.Module(m).State == ModuleState.Hold).ToArray();
        plant.Controller.RequestFaultReset(-1);
        plant.Tick();
        foreach (int m in affected)
        {
            if (held.Contains(m))
            {
                Assert.Equal(ModuleState.Idle, plant.Controller.Module(m).State);
            }

            Assert.False(plant.Controller.Diagnosis.HasLatchedFault(m));
        }

        plant.Controller.RequestStart(-1);
        var closedAgain = new bool[c.Modules];
        for (int tick = 0; tick < 300; tick++)
        {
            plant.Tick();
            for (int m = 0; m < c.Modules; m++)
            {
                closedAgain[m] |= plant.Actions.SwitchClosed[m];
            }
        }

        if (c.Protocol != 2)
        {
            foreach (int m in affected)
            {
                Assert.True(closedAgain[m], $"{c}: module {m} did not pulse again after the reset");
            }
        }
    }

    [Fact]
    public void EveryFaultPathOpensLatchesAndReports()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(600), Prop.ForAll(s_cases.ToArbitrary(), (Case c) => Run(c)));
    }
}
