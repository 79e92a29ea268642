// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A live device waits for its operator when every module has stopped (RunOptions.RunOnWhenAllModulesStop, set for a
/// real-time MQTT run): a start then runs the protocol again, its capacity limit counted from that start.
/// </summary>
public sealed class RunOnWhenAllModulesStopTests
{
    // 0.001 mAh/cm2 = 3.6 mC/cm2: 3.6 s of 1 mA/cm2, so the 4th 1 s pulse (at 18-19 s) reaches it.
    private static Scenario Scenario() => ScenarioLoader.Parse("""
        { "name": "wait", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 60,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed", "capacityLimitMAhPerCm2": 0.001 },
          "controller": { "mode": "act" } }
        """);

    [Fact]
    public void AnOfflineRunEndsWhenEveryModuleHasStopped()
    {
        SimulationResult result = new ClosedLoopRunner(Scenario(), new RunOptions { RecordTrace = false }).Run();

        Assert.Equal("allModulesStopped", result.TerminatedBy);
        Assert.InRange(result.SimulatedS, 18.0, 19.1);
    }

    [Fact]
    public void ALiveDeviceWaitsAndAStartRunsTheProtocolAgain()
    {
        bool requested = false;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            RunOnWhenAllModulesStop = true,
            Observer = o =>
            {
                if (!requested && o.TimeS >= 30)
                {
                    requested = true;
                    o.Controller.RequestStart(0);
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(Scenario(), options).Run();

        Assert.Equal("timeLimit", result.TerminatedBy);
        Assert.Equal(60, result.SimulatedS, 6);

        // Two runs of four pulses, each stopped by its own 3.6 mC/cm2 (the second from its own start, not at once).
        SimulationEvent[] limits = result.Events.Where(e => e.Kind == "capacityLimit").ToArray();
        Assert.Equal(2, limits.Length);
        Assert.InRange(limits[0].TS, 18.0, 19.1);
        Assert.InRange(limits[1].TS - 30, 18.0, 19.2);
        Assert.Equal(8, result.Modules[0].Pulses);
    }
}
