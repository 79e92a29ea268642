// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Healthy NaK50 cells under 1 s pulses with 2 s rests at 1 mA/cm2 ([W]: about 10 mAh/cm2, some 30 h, before the 3 V
/// cut-off), read with 4 mV of noise: in the first 12,000 s no pulse of any cell rises convexly in its true (noise-free)
/// voltage, so no non-linear rise may be reported. The convexity test must judge the later window's excess over the
/// earlier one against the noise of that difference, not the later window's whole rise against the noise of one window.
/// </summary>
public sealed class ClosedLoopNoisyConvexityTests
{
    private const int SamplePeriodMs = 10;
    private const int WindowSamples = 10;      // the core's 100 ms shape window at 10 ms samples
    private const int PointSamples = 3;        // each shape point a mean of three samples
    private const double FloorMv = 15;         // depletion.shapeMinimumRiseMv
    private const double ConvexityPercent = 150;

    [Fact]
    public void HealthyCellsReadWithFourMillivoltsOfNoiseReportNoNonlinearRise()
    {
        Scenario scenario = ScenarioLoader.Parse($$"""
            { "name": "nak50-1s-2s-noise4", "seed": 2, "samplePeriodMs": {{SamplePeriodMs}}, "timeLimitS": 12000,
              "pack": { "modules": 4, "cellsPerModule": 4, "preset": "nak50-nasicon", "spread": { "iLimPct": 2, "tauPct": 5 } },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "observe" },
              "measurement": { "voltageNoiseMv": 4.0 } }
            """);

        // Ground truth from the true cell voltages: the shape test itself (later window at least the 15 mV floor and
        // more than 150 % of the earlier, the earlier not falling) applied without noise, on every pulse sample.
        int cells = 16;
        var pulseMv = new List<double>[cells];
        for (int c = 0; c < cells; c++)
        {
            pulseMv[c] = new List<double>();
        }

        int trulyConvexWindows = 0;
        double largestTrueLateRiseMv = 0;
        var options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                for (int c = 0; c < cells; c++)
                {
                    bool pulsing = o.TrueCurrentUa[c / 4] > 0;
                    if (!pulsing)
                    {
                        pulseMv[c].Clear();
                        continue;
                    }

                    List<double> samples = pulseMv[c];
                    samples.Add(o.TrueCellVoltageV[c] * 1000);
                    int n = samples.Count;
                    if (n < (2 * WindowSamples) + PointSamples + 1)
                    {
                        continue;
                    }

                    double newest = Point(samples, n - 1), middle = Point(samples, n - 1 - WindowSamples), oldest = Point(samples, n - 1 - (2 * WindowSamples));
                    double late = newest - middle, early = middle - oldest;
                    largestTrueLateRiseMv = Math.Max(largestTrueLateRiseMv, late);
                    if (late >= FloorMv && early >= 0 && late * 100 > early * ConvexityPercent)
                    {
                        trulyConvexWindows++;
                    }
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        Assert.All(result.Modules, m => Assert.Equal("running", m.StopReason));
        Assert.Equal(0, trulyConvexWindows);
        Assert.True(largestTrueLateRiseMv > 1, "the ground truth saw no pulse windows");
        SimulationEvent[] rises = result.Events.Where(e => e.Diagnosis == "depletionNonlinearRise").ToArray();
        Assert.True(rises.Length == 0, $"{rises.Length} non-linear rises reported on pulses whose true rise is concave, first at {rises.FirstOrDefault()?.TS} s");
    }

    private static double Point(List<double> samples, int last) => (samples[last] + samples[last - 1] + samples[last - 2]) / PointSamples;
}
