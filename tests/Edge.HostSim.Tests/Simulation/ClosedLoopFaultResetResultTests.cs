// Licensed under the MIT License.

using Edge.Core.Records;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A module held, reset (resetFault) and started again by its operator, as a run bridged to a broker or the dashboard
/// takes these commands: the run's result says what the dashboard's module states say at the end, and a module no longer
/// stopped has no stop time (stoppedAtS), which its chart marker and its running time are drawn from.
/// </summary>
public sealed class ClosedLoopFaultResetResultTests
{
    // Module 1's cell 0 reads at the rail for 1 s from 1.2 s, inside the second pulse (1.0-1.5 s): the cell channel's row
    // latches at its third saturated reading (firmware/Edge.Core/README.md), 1.22 s at 10 ms samples. The fault is gone
    // by 2.2 s, so only the reset stands between the module and a run.
    private const string Json = """
        { "name": "fault-reset-result", "seed": 5, "samplePeriodMs": 10, "timeLimitS": 6,
          "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 0.5 s", "Rest for 0.5 s" ], "rest": "fixed" },
          "controller": { "mode": "act" },
          "faults": [ { "atS": 1.2, "kind": "saturatedChannel", "module": 1, "cell": 0, "durationS": 1 } ] }
        """;

    private sealed class Outcome
    {
        public SimulationResult Result = null!;
        public ModuleState[] ShownStates = new ModuleState[2];
        public StopReason[] ShownReasons = new StopReason[2];
        public bool ClosedAfterStart;
    }

    private static Outcome Run(double resetAtS, double? startAtS)
    {
        Scenario scenario = ScenarioLoader.Parse(Json);
        var outcome = new Outcome();
        int[] diagnoses = new int[2];
        int[] cells = new int[2];
        bool reset = false;
        bool started = false;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            RunOnWhenAllModulesStop = true,
            Observer = o =>
            {
                if (!reset && o.TimeS >= resetAtS)
                {
                    reset = true;
                    o.Controller.RequestFaultReset(1);
                }

                if (startAtS is double at && !started && o.TimeS >= at)
                {
                    started = true;
                    Assert.True(o.Controller.RequestStart(1));
                }

                outcome.ClosedAfterStart |= started && o.Actions.SwitchClosed[1];
                // What the dashboard's telemetry/modules is made from, as the device publishes it.
                Assert.True(o.Controller.ModuleStates.TryCopyTo(outcome.ShownStates, outcome.ShownReasons, diagnoses, cells));
            },
        };
        outcome.Result = new ClosedLoopRunner(scenario, options).Run();
        return outcome;
    }

    [Fact]
    public void AModuleStartedAgainAfterItsResetRunsAtTheEndWithNoStopTime()
    {
        Outcome outcome = Run(3.0, 3.5);
        ModuleResult module = outcome.Result.Modules[1];

        SimulationEvent latch = Assert.Single(outcome.Result.Events, e => e.Severity == "fault");
        Assert.Equal(("cellChannelSaturated", 1, 0), (latch.Diagnosis, latch.Module, latch.Cell));
        Assert.Equal(1.22, latch.TS, 6);
        Assert.Contains(outcome.Result.Events, e => e.Kind == "faultReset" && e.Module == 1);
        Assert.True(outcome.ClosedAfterStart, "the module pulses again after its start");

        Assert.Contains(module.State, new[] { "pulse", "rest" });
        Assert.Equal("running", module.StopReason);
        Assert.Null(module.HoldDiagnosis);
        Assert.True(module.StoppedAtS == null, $"a running module has no stop time; the result says it stopped at {module.StoppedAtS} s");
        Assert.Equal(ScenarioNames.Camel(outcome.ShownStates[1].ToString()), module.State);
    }

    [Fact]
    public void AModuleResetAndNotStartedWaitsIdleWithNoStopTime()
    {
        Outcome outcome = Run(3.0, null);
        ModuleResult module = outcome.Result.Modules[1];

        Assert.Equal(ModuleState.Idle, outcome.ShownStates[1]);
        Assert.Equal("idle", module.State);
        Assert.Equal("none", module.StopReason);
        Assert.False(outcome.ClosedAfterStart);
        Assert.True(module.StoppedAtS == null, $"the reset ended the hold; the result still says the module stopped at {module.StoppedAtS} s");

        // Module 0 ran through it all undisturbed.
        Assert.Contains(outcome.Result.Modules[0].State, new[] { "pulse", "rest" });
        Assert.Null(outcome.Result.Modules[0].StoppedAtS);
    }
}
