// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The edges of a module isolated for a hard short, in the closed loop: two modules
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
