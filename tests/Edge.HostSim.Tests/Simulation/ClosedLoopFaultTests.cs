// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>Injected shorts in the closed loop: isolation within one tick, soft short flagged before the hard one.</summary>
public sealed class ClosedLoopFaultTests
{
    /// <summary>Single NaK50 cell, [W] plateau protocol: 1 s at 1 mA/cm2, 5 s rest; pulses start at 0, 6, 12, ... s.</summary>
    private static Scenario SingleCell(string mode, double timeLimitS)
    {
        string json = """
            { "name": "fault-test", "seed": 3, "samplePeriodMs": 10, "timeLimitS": LIMIT,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "MODE" } }
            """.Replace("LIMIT", timeLimitS.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("MODE", mode);
        return ScenarioLoader.Parse(json);
    }

    [Fact]
    public void HardShortIsIsolatedInTheTickItShowsUp()
    {
        // 24.5 s is half way through the fifth pulse (24-25 s): current is flowing when the short appears.
        Scenario scenario = SingleCell("act", 60);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = 24.5, Module = 0, Cell = 0 });
        bool closedBefore = false;
        bool? closedAtShort = null;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                if (Math.Abs(o.TimeS - 24.49) < 1e-9)
                {
                    closedBefore = o.Actions.SwitchClosed[0];
                }
                else if (Math.Abs(o.TimeS - 24.5) < 1e-9)
                {
                    // The physics of this tick already carries the short: |V| is about 1 mV (1 ohm cm2 x 1 mA/cm2).
                    Assert.True(Math.Abs(o.TrueCellVoltageV[0]) < 0.005);
                    closedAtShort = o.Actions.SwitchClosed[0];
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        Assert.True(closedBefore, "the pulse was running just before the short");
        Assert.False(closedAtShort, "the switch must open in the tick the short shows up");
        SimulationEvent hard = Assert.Single(result.Events, e => e.Kind == "hardShort");
        Assert.Equal(24.5, hard.TS, 6);
        Assert.Equal("fault", hard.Severity);
        Assert.Equal("hold", result.Modules[0].State);
        Assert.Equal("hardShort", result.Modules[0].StopReason);
        Assert.Equal(hard.Diagnosis, result.Modules[0].HoldDiagnosis);
        Assert.Equal("allModulesStopped", result.TerminatedBy);
    }

    [Fact]
    public void SoftShortIsFlaggedBeforeTheHardShort()
    {
        // An intermittent 300 ohm cm2 filament (conducting 50 ms of every 650 ms) from 30 s, then a hard short at 120.5 s.
        Scenario scenario = SingleCell("act", 200);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.SoftShort, AtS = 30, Module = 0, Cell = 0, ResistanceOhmCm2 = 300, OnS = 0.05, OffS = 0.6 });
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = 120.5, Module = 0, Cell = 0 });

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent? soft = result.Events.FirstOrDefault(e => e.Kind == "softShort");
        Assert.NotNull(soft);
        Assert.InRange(soft!.TS, 30, 120.5);
        Assert.DoesNotContain(result.Events, e => e.Kind == "softShort" && e.TS < 30);

        // The confirmed soft short isolates the module, so the later hard short finds it already open.
        SimulationEvent confirmed = Assert.Single(result.Events, e => e.Kind == "softShort" && e.Severity == "fault");
        Assert.True(confirmed.TS < 120.5);
        Assert.All(result.Events.Where(e => e.Kind == "hardShort"), e => Assert.True(e.TS > confirmed.TS));
        Assert.Equal("hold", result.Modules[0].State);
        Assert.Equal("softShort", result.Modules[0].StopReason);
        Assert.True(result.Modules[0].StoppedAtS < 120.5);

        // The summary names the fault: the diagnosis of the event that isolated the module.
        Assert.Equal(confirmed.Diagnosis, result.Modules[0].HoldDiagnosis);
        Assert.Equal("softShortConfirmed", result.Modules[0].HoldDiagnosis);
    }

    [Fact]
    public void HealthyCellRaisesNoShortEvents()
    {
        SimulationResult result = new ClosedLoopRunner(SingleCell("act", 120), new RunOptions { RecordTrace = false }).Run();
        Assert.DoesNotContain(result.Events, e => e.Kind == "softShort" || e.Kind == "hardShort");
    }
}
