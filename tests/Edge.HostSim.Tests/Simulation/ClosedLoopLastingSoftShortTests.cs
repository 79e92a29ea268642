// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A soft short that forms and stays, and the edges of a module isolated for a hard short, in the closed loop: two modules
/// of two NaK50 cells, the [W] plateau protocol (1 s at 1 mA/cm2, 5 s rest; pulses start at 0, 6, 12, ... s), 10 ms samples.
/// </summary>
public sealed class ClosedLoopLastingSoftShortTests
{
    private static Scenario Pack(string mode, double timeLimitS)
    {
        string json = """
            { "name": "lasting-soft-short", "seed": 2, "samplePeriodMs": 10, "timeLimitS": LIMIT,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "MODE" } }
            """.Replace("LIMIT", timeLimitS.ToString(CultureInfo.InvariantCulture)).Replace("MODE", mode);
        return ScenarioLoader.Parse(json);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(150)]
    [InlineData(300)]
    public void AShuntThatStaysIsConfirmedAndIsolatedAtItsTenthEdge(double shuntOhmCm2)
    {
        // The shunt connects at 300 s, as the pulse starting then does, and stays (no on/off). Against the cell's some
        // 200 ohm cm2 (its edges read 515-585 ohm at 385 uA on 0.385 cm2) it carries 40 % (300 ohm cm2) to 77 % (60) of
        // the current, so every edge from that pulse's opening edge on reads 60 % to 23 % of the cell's resistance,
        // below the 70 % of its median. The tenth is the closing edge of the fifth pulse, 300 + 4 x 6 + 1 =
        // 325 s, read at the next sample: 325.01 s. Before, the warning came at the second edge (301.01 s) and healed
        // as the median followed the shunted edges down; the module ran to the end with the shunt in place.
        Scenario scenario = Pack("act", 600);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.SoftShort, AtS = 300, Module = 1, Cell = 0, ResistanceOhmCm2 = shuntOhmCm2 });

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent drop = Assert.Single(result.Events, e => e.Diagnosis == "softShortResistanceDrop");
        Assert.Equal((1, 0, 301.01), (drop.Module, drop.Cell, Math.Round(drop.TS, 2)));
        Assert.True(drop.Value < drop.Threshold);
        SimulationEvent confirmed = Assert.Single(result.Events, e => e.Diagnosis == "softShortConfirmed");
        Assert.Equal((1, 0, 325.01), (confirmed.Module, confirmed.Cell, Math.Round(confirmed.TS, 2)));
        Assert.Equal(("fault", 10L, 10L), (confirmed.Severity, confirmed.Value, confirmed.Threshold));
        Assert.Equal("hold", result.Modules[1].State);
        Assert.Equal("softShort", result.Modules[1].StopReason);
        Assert.Equal("softShortConfirmed", result.Modules[1].HoldDiagnosis);

        // The healthy module runs on untouched, and nothing on the shunted cell before the shunt.
        Assert.DoesNotContain(result.Events, e => e.Module == 0 && (e.Kind == "softShort" || e.Kind == "hardShort"));
        Assert.DoesNotContain(result.Events, e => e.Kind == "softShort" && e.TS < 300);
        Assert.NotEqual("hold", result.Modules[0].State);
    }

    [Fact]
    public void AShuntThatStaysIsReportedAsConfirmedInObserveModeAndTheModuleRunsOn()
    {
        // Observe mode: the confirmation is reported at the same edge; nothing is isolated.
        Scenario scenario = Pack("observe", 400);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.SoftShort, AtS = 300, Module = 1, Cell = 0, ResistanceOhmCm2 = 60 });

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent confirmed = Assert.Single(result.Events, e => e.Diagnosis == "softShortConfirmed");
        Assert.Equal(325.01, Math.Round(confirmed.TS, 2));
        Assert.NotEqual("hold", result.Modules[1].State);
    }

    [Theory]
    [InlineData("act")]
    [InlineData("observe")]
    public void AModuleIsolatedForAHardShortGetsNoFurtherVerdicts(string mode)
    {
        // The hard short comes at 120 s with the pulse that starts then; the module is held in the tick that shows it and
        // its switch opens. The closing edge of that aborted pulse is measured across the short (a few mV over the
        // current step: some 13 ohm against a healthy 500 ohm) and was reported as a soft-short resistance drop on a
        // module already isolated. A held module is judged no more: its only event after the start is the hard short.
        Scenario scenario = Pack(mode, 180);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = 120, Module = 1, Cell = 0 });

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent hard = Assert.Single(result.Events, e => e.Kind == "hardShort");
        Assert.Equal((1, 0), (hard.Module, hard.Cell));
        Assert.InRange(hard.TS, 120, 120.05);
        Assert.Equal("hold", result.Modules[1].State);
        Assert.Equal("hardShort", result.Modules[1].StopReason);
        Assert.Equal(new[] { "started", "hardShort" }, result.Events.Where(e => e.Module == 1).Select(e => e.Kind).ToArray());
        Assert.DoesNotContain(result.Events, e => e.Kind == "softShort" || e.Kind == "depletionOnset");
    }
}
