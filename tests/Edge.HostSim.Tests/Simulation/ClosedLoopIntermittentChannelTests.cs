// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A module current channel that reads nothing on every other tick (the currentSensor fault in mode missing, one tick at a
/// time) for two seconds, through a pulse, in the closed loop, simple chain and the virtual board's ADC: its latching row counts 1, 0, 1, 0
/// and never isolates, and what firmware/Edge.Core/README.md promises ("Bad readings and the safety rows") is a warning,
/// currentChannelIntermittent, at the end of the first window with 20 bad readings or more of 100, and a channelRecovered
/// event after three clean windows. NaK50 cells, 1 s pulses at 1 mA/cm2 and 5 s rests, both modules in step; act mode.
/// The core's windows start at its first tick, t = 0, so they end at x.99 s.
/// </summary>
public sealed class ClosedLoopIntermittentChannelTests
{
    private static Scenario Pack(string measurement) => ScenarioLoader.Parse("""
        { "name": "intermittent-current-channel", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 110,
          "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          MEASUREMENT
          "controller": { "mode": "act" } }
        """.Replace("MEASUREMENT", measurement));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACurrentChannelMissingEveryOtherReadingIsWarnedThenRecovers(bool board)
    {
        // Module 1's readings of 102.01, 102.03, ..., 103.99 s read nothing: 50 in each of the windows 102.00-102.99 s and
        // 103.00-103.99 s (the pulse of 102.00-102.99 s among them), none from 104.00 s on.
        Scenario scenario = Pack(board ? "\"measurement\": { \"board\": \"virtual\" }," : string.Empty);
        for (int k = 0; k < 100; k++)
        {
            scenario.Faults.Add(new FaultSpec
            {
                Kind = FaultKind.CurrentSensor, AtS = 102.01 + (0.02 * k), DurationS = 0.01, Module = 1, CurrentSensorMode = CurrentSensorMode.Missing,
            });
        }

        var closed = new List<(double TS, bool Module0, bool Module1)>();
        var options = new RunOptions { RecordTrace = false };
        options.Observer = o => closed.Add((o.TimeS, o.Actions.SwitchClosed[0], o.Actions.SwitchClosed[1]));
        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        Assert.Equal(0.0, closed[0].TS, 3);
        SimulationEvent[] channel = result.Events.Where(e => e.Diagnosis == "currentChannelIntermittent").ToArray();
        Assert.Equal(2, channel.Length);
        Assert.Equal(("channelFault", "warning", 1, 102.99, 50L, 20L), (channel[0].Kind, channel[0].Severity, channel[0].Module, Math.Round(channel[0].TS, 3), channel[0].Value, channel[0].Threshold));
        Assert.Equal(("channelRecovered", "info", 1, 106.99, 0L, 10L), (channel[1].Kind, channel[1].Severity, channel[1].Module, Math.Round(channel[1].TS, 3), channel[1].Value, channel[1].Threshold));

        // A warning, not a fault: nothing latched, and module 1 pulses as module 0 does, each pulse start within a tick of
        // its twin's (a pulse due on a tick whose reading is being counted waits for the next one).
        Assert.DoesNotContain(result.Events, e => e.Severity == "fault");
        Assert.NotEqual("hold", result.Modules[1].State);
        List<double> Starts(Func<(double TS, bool Module0, bool Module1), bool> closedOf) =>
            Enumerable.Range(1, closed.Count - 1).Where(i => closedOf(closed[i]) && !closedOf(closed[i - 1])).Select(i => closed[i].TS).ToList();
        List<double> starts0 = Starts(t => t.Module0);
        List<double> starts1 = Starts(t => t.Module1);
        Assert.Equal(starts0.Count, starts1.Count);
        Assert.All(starts0.Zip(starts1), p => Assert.InRange(p.Second - p.First, -0.0001, 0.0101));
        Assert.Contains(starts1, s => s >= 102 && s < 104);
    }
}
