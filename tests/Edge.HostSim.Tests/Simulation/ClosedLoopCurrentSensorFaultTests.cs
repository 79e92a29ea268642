// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A module current reading that cannot be true (the currentSensor fault) in the closed loop: NaK50 cells, 1 s
/// pulses at 1 mA/cm2 (385 uA on 0.3848 cm2) and 5 s rests, so a pulse runs from 120 s to 121 s; the fault starts
/// half way through it. The samples of 120.50, 120.51 and 120.52 s read it, and the third isolates the module, in
/// observe mode too (a protection row).
/// </summary>
public sealed class ClosedLoopCurrentSensorFaultTests
{
    private static Scenario Pack(double timeLimitS) => ScenarioLoader.Parse("""
        { "name": "current-sensor", "seed": 3, "samplePeriodMs": 10, "timeLimitS": LIMIT,
          "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """.Replace("LIMIT", timeLimitS.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    // Stuck at REF: 0 against 385 uA. Wrong sign: about -385. Offset by -300 uA: about 85 (20 + 25 % of 385 = 116 allowed).
    [InlineData(CurrentSensorMode.Stuck, 0, 0, 0)]
    [InlineData(CurrentSensorMode.Reversed, 0, -387, -383)]
    [InlineData(CurrentSensorMode.Offset, -300, 83, 87)]
    public void AFalseCurrentReadingIsolatesItsModuleAtTheThirdSample(CurrentSensorMode mode, int offsetUa, int lowestUa, int highestUa)
    {
        Scenario scenario = Pack(200);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.CurrentSensor, AtS = 120.5, Module = 1, CurrentSensorMode = mode, OffsetUa = offsetUa });
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        // The first fault; an offset reading then shows -300 uA through the open switch too, which the open-switch limit
        // (50 uA) reports as well, on the module already held.
        SimulationEvent fault = result.Events.First(e => e.Severity == "fault");
        Assert.All(result.Events.Where(e => e.Severity == "fault"), e => Assert.Equal(1, e.Module));
        Assert.Equal(mode == CurrentSensorMode.Offset ? 2 : 1, result.Events.Count(e => e.Severity == "fault"));
        Assert.Equal(("channelFault", "currentChannelImplausible", 1, 385L), (fault.Kind, fault.Diagnosis, fault.Module, fault.Threshold));
        Assert.InRange(fault.Value, lowestUa, highestUa);
        Assert.Equal(120.52, fault.TS, 3);
        Assert.Equal(("hold", "plausibility"), (result.Modules[1].State, result.Modules[1].StopReason));
        Assert.NotEqual("hold", result.Modules[0].State);
    }

    [Fact]
    public void AMetallicShortBehindACurrentReadingStuckAtZeroIsIsolatedInTheTickThatShowsIt()
    {
        // The channel sticks at 0 and cell 0 shorts at the same sample: with the reading trusted, the short test expected
        // no polarisation and found the short only at the pulse's closing edge (121.00 s). It takes the setpoint instead.
        Scenario scenario = Pack(200);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.CurrentSensor, AtS = 120.5, Module = 1, CurrentSensorMode = CurrentSensorMode.Stuck });
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = 120.5, Module = 1, Cell = 0 });
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent fault = Assert.Single(result.Events, e => e.Severity == "fault");
        Assert.Equal(("hardShort", "hardShort", 1, 0), (fault.Kind, fault.Diagnosis, fault.Module, fault.Cell));
        Assert.Equal(120.5, fault.TS, 3);
        Assert.Equal(("hold", "hardShort"), (result.Modules[1].State, result.Modules[1].StopReason));
    }
}
