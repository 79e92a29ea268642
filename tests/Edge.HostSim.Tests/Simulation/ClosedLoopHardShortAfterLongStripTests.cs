// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A strip step without end counts its samples for as long as it runs: 2^31 of them come after 248 days at 10 ms. On a
/// K cell at 1.2 mA/cm2 (25 mV expected under current) read through 5 mV of noise, one reading cannot tell a hard short
/// from the healthy cell and only a pulse window's mean can (ClosedLoopNoisyPotassiumHardShortTests): windows end every
/// 16 readings under current, counted by that sample count. Held at int.MaxValue, it ended no window again, and a hard
/// short went unreported. The count is set to the state 100 samples (1 s) before 2^31 at 20 s; the short comes at 25 s.
/// </summary>
public sealed class ClosedLoopHardShortAfterLongStripTests
{
    [Fact]
    public void AHardShortIsFoundByItsWindowPastTwoToTheThirtyFirstSamplesOfAStrip()
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            string json = """
                { "name": "long-strip-hard-short", "seed": SEED, "samplePeriodMs": 10, "timeLimitS": 40,
                  "pack": { "modules": 1, "cellsPerModule": 2, "preset": "k-betaalumina" },
                  "protocol": { "steps": [ "Strip at 1.2 mA/cm2" ] },
                  "controller": { "mode": "act", "platingCriticalMAPerCm2": 1 },
                  "measurement": { "voltageNoiseMv": 5 } }
                """.Replace("SEED", seed.ToString(CultureInfo.InvariantCulture));
            Scenario scenario = ScenarioLoader.Parse(json);
            scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = 25, Module = 0, Cell = 1 });
            bool seeded = false;
            int countAtShort = 0;
            RunOptions options = new RunOptions
            {
                RecordTrace = false,
                Observer = o =>
                {
                    int[] count = o.Controller.Measurement.PhaseSampleCount;
                    if (!seeded && o.TimeS >= 20)
                    {
                        Assert.True(o.Actions.SwitchClosed[0], $"seed {seed}: the strip was not running at {o.TimeS} s");
                        count[0] = int.MaxValue - 100;
                        seeded = true;
                    }

                    if (Math.Abs(o.TimeS - 25) < 0.005)
                    {
                        countAtShort = count[0];
                    }
                },
            };

            SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

            Assert.True(seeded, $"seed {seed}: the run ended before 20 s");
            Assert.True(countAtShort > 32, $"seed {seed}: the strip read as one of {countAtShort} samples at the short");
            SimulationEvent? hard = result.Events.FirstOrDefault(e => e.Kind == "hardShort");
            Assert.True(hard != null, $"seed {seed}: no hard short reported; events: {string.Join(", ", result.Events.Select(e => $"{e.TS}s {e.Kind}/{e.Diagnosis}"))}");

            // The first window wholly after the short ends within 31 readings of it.
            Assert.InRange(hard!.TS, 25.0, 25.31);
            Assert.Equal((1, "hardShort", "fault"), (hard.Cell, hard.Diagnosis, hard.Severity));
            Assert.DoesNotContain(result.Events, e => e.Severity == "fault" && e.TS < hard.TS);
        }
    }
}
