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

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, true)]
    public void Four_readings_per_sample_catch_a_soft_short_whose_spikes_one_reading_misses(int readings, bool caught)
    {
        // A 1500 ohm cm2 shunt across cell 0 for 50 ms of every 650 from 20 s. During a pulse at 1 mA/cm2 the cell
        // (150 ohm cm2 of electrolyte alone, cell-model.md) shares its current with the shunt, so its reading drops by
        // a tenth or so of its polarisation: a few tens of mV (26-31 mV in five seeds). The spike limit follows the
        // reading noise: about 5 mV a reading on this chain puts it near 40 mV (37-47 in those seeds), so the drops
        // pass unseen; four readings per sample halve the noise and the limit (20-25 mV), and they are caught.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "devkitc-soft-short", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 120,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "act" },
              "measurement": { "board": "BOARD", "adcNoiseCounts": 2, "adcReadingsPerSample": READINGS },
              "faults": [ { "atS": 20, "module": 0, "cell": 0, "kind": "softShort", "resistanceOhmCm2": 1500, "onS": 0.05, "offS": 0.6 } ] }
            """.Replace("BOARD", BoardPath("esp32-devkitc-4s2m.board")).Replace("READINGS", readings.ToString()));

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        SimulationEvent[] spikes = result.Events.Where(e => e.Diagnosis == "softShortSpike").ToArray();
        Assert.Equal(caught, spikes.Length > 0);
        Assert.Equal(caught, result.Events.Any(e => e.Diagnosis == "softShortConfirmed" && e.Module == 0 && e.Cell == 0));
        Assert.DoesNotContain(result.Events, e => e.Kind == "softShort" && e.Cell != 0);
        foreach (SimulationEvent spike in spikes)
        {
            Assert.InRange(spike.Threshold, 15, 30);
            Assert.InRange(spike.Value, 20, 40);
        }
    }

    [Fact]
    public void Readings_per_sample_belong_to_a_board_chain()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""
            { "name": "x", "seed": 1, "timeLimitS": 10, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ] },
              "measurement": { "adcReadingsPerSample": 4 } }
            """));
        Assert.Contains("measurement.adcReadingsPerSample", error.Message);
        Assert.Contains("give measurement.board too", error.Message);
    }
}
