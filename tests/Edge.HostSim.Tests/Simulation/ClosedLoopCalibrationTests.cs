// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The [W] pulse-stripping table reproduced through the whole closed loop (physics, measurement chain with
/// noise, the control core in observe mode with fixed rests, 10 ms samples, 3 V cut-off, NaK50 preset), each
/// capacity asserted against the seed's range, not against the model's own output.
/// </summary>
public sealed class ClosedLoopCalibrationTests
{
    private static Scenario Protocol(string steps, double capacityLimit) => ScenarioLoader.Parse($$"""
        { "name": "calibration", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 700000,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "areaCm2": 0.3848 },
          "protocol": { "steps": [ {{steps}} ], "rest": "fixed", "cutoffV": 3.0, "capacityLimitMAhPerCm2": {{capacityLimit}} },
          "controller": { "mode": "observe" } }
        """);

    [Fact]
    public void PulseStrippingTableOfTheSeedsThroughTheClosedLoop()
    {
        // The 5 s point runs in the adaptive-rest test; here the others, in parallel over the cores.
        Scenario pulses = Protocol("\"Strip at 1 mA/cm2 for 1 s\", \"Rest for 5 s\"", 20);
        double[] rests = { 0, 0.1, 1, 2, 10 };
        SweepPoint[] points = SweepRunner.Run(pulses, rests);
        double Capacity(int i) => points[i].Result.Modules[0].CapacityMAhPerCm2;

        Assert.True(Capacity(0) < 0.5, $"continuous 1 mA/cm2: {Capacity(0):0.###}");
        // [W]: "slightly more than continuous": more, and at most twice.
        Assert.True(Capacity(1) > Capacity(0) && Capacity(1) <= 2 * Capacity(0), $"1 s / 0.1 s: {Capacity(1):0.###} against continuous {Capacity(0):0.###}");
        Assert.InRange(Capacity(2), 1, 4);
        Assert.InRange(Capacity(3), 7, 12);
        Assert.InRange(Capacity(4), 12, 15);
        for (int i = 0; i < rests.Length; i++)
        {
            Assert.Equal("cutoff", points[i].Result.Modules[0].StopReason);
        }
    }

    [Fact]
    public void ContinuousQuarterMilliampReachesTwentyWithoutCutoff()
    {
        // [W]: at 0.25 mA/cm2 the voltage stays low up to the 20 mAh/cm2 capacity limit.
        SimulationResult result = new ClosedLoopRunner(Protocol("\"Strip at 0.25 mA/cm2\"", 20), new RunOptions { RecordTrace = false }).Run();
        Assert.Equal("capacityLimit", result.Modules[0].StopReason);
        Assert.InRange(result.Modules[0].CapacityMAhPerCm2, 19.99, 20.01);
        Assert.DoesNotContain(result.Events, e => e.Kind == "cutoff");
    }
}
