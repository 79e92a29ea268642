// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The stuck-channel row: a cell whose reading does not move by 2 mV at three current edges in a row. A K cell
/// ([S]: 21 ohm cm2) at 0.5 mA/cm2 steps by about 10 mV at an edge; read through 5 mV of noise, one edge (the
/// difference of two readings) scatters by sqrt(2) x 5 = 7.1 mV, so a healthy edge falls under 2 mV about one
/// time in eight, and three in a row within minutes. The row isolates in every mode, so such a false verdict
/// holds a healthy module.
/// </summary>
public sealed class ClosedLoopNoisyStuckChannelTests
{
    private static Scenario Potassium(int seed, double currentMAPerCm2, double noiseMv, double timeLimitS)
    {
        string json = """
            { "name": "k-noisy-stuck", "seed": SEED, "samplePeriodMs": 10, "timeLimitS": LIMIT,
              "pack": { "modules": 2, "cellsPerModule": 4, "preset": "k-betaalumina" },
              "protocol": { "steps": [ "Strip at CURRENT mA/cm2 for 1 s", "Rest for 0.5 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" },
              "measurement": { "voltageNoiseMv": NOISE } }
            """
            .Replace("SEED", seed.ToString(CultureInfo.InvariantCulture))
            .Replace("LIMIT", timeLimitS.ToString(CultureInfo.InvariantCulture))
            .Replace("CURRENT", currentMAPerCm2.ToString(CultureInfo.InvariantCulture))
            .Replace("NOISE", noiseMv.ToString(CultureInfo.InvariantCulture));
        return ScenarioLoader.Parse(json);
    }

    [Theory]
    [InlineData(0.5, 5.0)]
    [InlineData(0.6, 4.5)]
    public void HealthyNoisyPotassiumCellsAreNotTakenForStuckChannels(double currentMAPerCm2, double noiseMv)
    {
        // 6 seeds of 2000 s, 8 cells each: some 1300 pulses, 2600 edges per cell.
        for (int seed = 1; seed <= 6; seed++)
        {
            SimulationResult result = new ClosedLoopRunner(Potassium(seed, currentMAPerCm2, noiseMv, 2000), new RunOptions { RecordTrace = false }).Run();
            Assert.True(
                !result.Events.Any(e => e.Kind == "channelFault"),
                $"seed {seed}: {string.Join(", ", result.Events.Where(e => e.Kind == "channelFault").Select(e => $"{e.TS}s m{e.Module}c{e.Cell} {e.Diagnosis} {e.Value} vs {e.Threshold}"))}");
            Assert.Equal("timeLimit", result.TerminatedBy);
        }
    }

    [Theory]
    [InlineData(0.5, 5.0, 60)]
    [InlineData(1.0, 4.5, 15)]
    public void AFrozenChannelOnANoisyPotassiumCellIsStillFound(double currentMAPerCm2, double noiseMv, double withinS)
    {
        // A frozen reading steps by 0 mV at every edge, and its measured noise falls toward 0 as the rests show it
        // frozen (the estimate averages 16 of them), so the row comes within reach of it again. It freezes half way
        // through the pulse of 100.5-101.5 s, at the cell's polarisation: a reading frozen near 0 V would show under
        // current what a hard short shows, and be isolated as one.
        for (int seed = 1; seed <= 4; seed++)
        {
            Scenario scenario = Potassium(seed, currentMAPerCm2, noiseMv, 400);
            scenario.Faults.Add(new FaultSpec { Kind = FaultKind.StuckChannel, AtS = 101, Module = 1, Cell = 2 });
            SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

            SimulationEvent stuck = Assert.Single(result.Events, e => e.Kind == "channelFault");
            Assert.Equal("cellChannelStuck", stuck.Diagnosis);
            Assert.Equal((1, 2, "fault"), (stuck.Module, stuck.Cell, stuck.Severity));
            Assert.InRange(stuck.TS, 101, 101 + withinS);
        }
    }
}
