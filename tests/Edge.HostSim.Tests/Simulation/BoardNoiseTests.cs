// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Healthy cells on the DevKitC board's measurement chain: its ESP32 ADC behind the 0.33 cell amplifiers
/// reads about 2.4 mV a count, so two counts of noise are some 5 mV a reading, where the virtual board has 2 mV.
/// The detectors' limits follow the measured noise, so the same healthy cells raise nothing on either.
/// </summary>
public sealed class BoardNoiseTests
{
    private static string BoardPath(string name) => Path.Combine(AppContext.BaseDirectory, "boards", name);

    [Fact]
    public void Healthy_cells_on_the_devkitc_chain_raise_no_soft_short_and_no_depletion_event()
    {
        // [W] 1 s at 1 mA/cm2 with 5 s rests runs to about 13.5 mAh/cm2 (seeds.md); 3000 s carry 0.14 mAh/cm2, a
        // hundredth of that, so nothing is depleting and no cell is shorted: every such event is a false alarm.
        // Before the limits followed the noise this run confirmed soft shorts on every cell within 30 s.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "devkitc-healthy", "seed": 5, "samplePeriodMs": 10, "timeLimitS": 3000,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "observe" },
              "measurement": { "board": "BOARD" } }
            """.Replace("BOARD", BoardPath("esp32-devkitc-4s2m.board")));

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        Assert.DoesNotContain(result.Events, e => e.Kind == "softShort" || e.Kind == "depletionOnset" || e.Kind == "hardShort");

        // Both modules ran the whole time: one 1 s pulse every 6 s is 500 pulses in 3000 s.
        Assert.All(result.Modules, m =>
        {
            Assert.Null(m.StoppedAtS);
            Assert.InRange(m.Pulses, 499, 501);
        });
    }
}
