// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Records;
using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>
/// The first safety rule in closed loop with the simulated pack: a fault injected at a random time into a random pack
/// shape opens the affected modules' switches in the tick whose diagnosis isolates them, latches them with the event, and
/// leaves the other modules running.
/// </summary>
public sealed class ClosedLoopFaultPathProperties
{
    public enum Kind { HardShort, SaturatedChannel, StuckChannel, TemperatureRise, RuntimeHang, SoftShort }

    public sealed record Case(int Modules, int Cells, Kind Kind, int Module, int Cell, int AtTenthsS, int Protocol, int SensorModule, int Seed);

    private static readonly Gen<Case> s_cases =
        from modules in Gen.Choose(1, 16)
        from cells in Gen.Choose(1, 16)
        from kind in Gen.Elements(Enum.GetValues<Kind>())
        from module in Gen.Choose(0, modules - 1)
        from cell in Gen.Choose(0, cells - 1)
        from at in Gen.Choose(10, 60)
        from protocol in Gen.Choose(0, 2)
        from sensorModule in Gen.Choose(-1, modules - 1)
        from seed in Gen.Choose(1, 100000)
        select new Case(modules, cells, kind, module, cell, at, protocol, sensorModule, seed);

    private static Scenario Build(Case c)
    {
        string steps = c.Protocol switch
        {
            0 => "\"Strip at 1 mA/cm2 for 0.5 s\", \"Rest for 0.5 s\"",
            1 => "\"Plate at 0.3 mA/cm2 for 2 s\", \"Strip at 1 mA/cm2 for 2 s\"",
            _ => "\"Strip at 1 mA/cm2 for 0.5 s\", \"Rest for 0.5 s\"",
        };
        string demand = c.Protocol == 2 ? $", \"demand\": {{ \"currentDensityMAPerCm2\": {Math.Max(1, c.Modules / 3).ToString(CultureInfo.InvariantCulture)} }}" : string.Empty;
        string json = $$"""
            { "name": "fault-paths", "seed": {{c.Seed}}, "samplePeriodMs": 10, "timeLimitS": 12,
              "pack": { "modules": {{c.Modules}}, "cellsPerModule": {{c.Cells}}, "preset": "nak50-nasicon", "temperatureSensors": 1, "temperatureSensorModules": [ {{c.SensorModule}} ]{{demand}} },
              "protocol": { "steps": [ {{steps}} ], "rest": "fixed" },
              "controller": { "mode": "act" } }
            """;
        Scenario scenario = ScenarioLoader.Parse(json);
        double at = c.AtTenthsS / 10.0;
        FaultSpec fault = c.Kind switch
        {
            Kind.HardShort => new FaultSpec { Kind = FaultKind.HardShort, AtS = at, Module = c.Module, Cell = c.Cell },
            Kind.SaturatedChannel => new FaultSpec { Kind = FaultKind.SaturatedChannel, AtS = at, Module = c.Module, Cell = c.Cell },
            Kind.StuckChannel => new FaultSpec { Kind = FaultKind.StuckChannel, AtS = at, Module = c.Module, Cell = c.Cell },
            Kind.TemperatureRise => new FaultSpec { Kind = FaultKind.TemperatureRise, AtS = at, Sensor = 0, RateCPerS = 100 },
            Kind.RuntimeHang => new FaultSpec { Kind = FaultKind.RuntimeHang, AtS = at, DurationS = 0.2 },
            _ => new FaultSpec { Kind = FaultKind.SoftShort, AtS = at, Module = c.Module, Cell = c.Cell, ResistanceOhmCm2 = 2 },
        };
        scenario.Faults.Add(fault);
        return scenario;
    }

    private static void Run(Case c)
    {
        Scenario scenario = Build(c);
        int[] affected = c.Kind switch
        {
            Kind.RuntimeHang => Enumerable.Range(0, c.Modules).ToArray(),
            Kind.TemperatureRise => c.SensorModule < 0 ? Enumerable.Range(0, c.Modules).ToArray() : new[] { c.SensorModule },
            _ => new[] { c.Module },
        };
        var failures = new List<string>();
        var latchedSeen = new bool[c.Modules];
        var closedAfterFault = new bool[c.Modules];
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            RunOnWhenAllModulesStop = true,
            Observer = o =>
            {
                if (!o.Ticked)
                {
                    return;
                }

                TelemetryBuffer telemetry = o.Controller.Telemetry;
                for (int m = 0; m < c.Modules; m++)
                {
                    closedAfterFault[m] |= o.TimeS > (c.AtTenthsS / 10.0) + 0.05 && o.Actions.SwitchClosed[m];
                    bool latched = o.Controller.Diagnosis.HasLatchedFault(m);
                    if (latchedSeen[m] && !latched)
                    {
                        failures.Add($"{o.TimeS:F2} s: module {m} released without a reset");
                    }

                    if (latched && !latchedSeen[m])
                    {
                        // The tick that latches: the switch open, the module in Hold, a fault event naming it (or the pack).
                        bool reported = false;
                        for (int i = 0; i < telemetry.Count; i++)
                        {
                            TelemetryRecord r = telemetry[i];
                            reported |= r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.Severity == Severity.Fault && (r.Module == m || r.Module == -1);
                        }

                        if (!reported || o.Actions.SwitchClosed[m] || o.Controller.Module(m).State != ModuleState.Hold)
                        {
                            failures.Add($"{o.TimeS:F2} s: module {m} latched with event {reported}, closed {o.Actions.SwitchClosed[m]}, state {o.Controller.Module(m).State}");
                        }
                    }

                    latchedSeen[m] |= latched;
                    if (latched && o.Actions.SwitchClosed[m])
                    {
                        failures.Add($"{o.TimeS:F2} s: module {m} closed while latched");
                    }
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
        Assert.True(failures.Count == 0, $"{c}: {string.Join("; ", failures.Take(5))}");
        for (int m = 0; m < c.Modules; m++)
        {
            bool isAffected = affected.Contains(m);
            if (!isAffected)
            {
                Assert.True(!latchedSeen[m], $"{c}: unaffected module {m} latched ({result.Modules[m].StopReason})");
            }
        }

        if (c.Kind is Kind.SaturatedChannel or Kind.TemperatureRise or Kind.RuntimeHang or Kind.HardShort)
        {
            foreach (int m in affected.Where(m => c.Kind != Kind.HardShort || closedAfterFault[m]))
            {
                Assert.True(latchedSeen[m], $"{c}: module {m} never latched; events {string.Join(", ", result.Events.Where(e => e.Severity != "info").Take(8).Select(e => $"{e.TS} {e.Kind} {e.Diagnosis} m{e.Module}"))}");
            }
        }
    }

    [Fact]
    public void EveryInjectedFaultOpensLatchesAndReportsInClosedLoop()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(80), Prop.ForAll(s_cases.ToArbitrary(), (Case c) => Run(c)));
    }
}
