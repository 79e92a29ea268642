// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Adaptive rest against the [W] plateau protocol (1 s pulses at 1 mA/cm2, 5 s fixed rest, 12-14 mAh/cm2):
/// the adaptive controller delivers at least 95 % of that capacity at a higher duty cycle; in act mode its
/// depletion warning comes before the cut-off and the module goes on past the capacity where observe mode cut off.
/// </summary>
public sealed class AdaptiveRestTests
{
    private static Scenario Plateau(string rest, string mode, double capacityLimit) => Plateau(rest, mode, capacityLimit, 10);

    private static Scenario Plateau(string rest, string mode, double capacityLimit, int samplePeriodMs)
    {
        return ScenarioLoader.Parse($$"""
            { "name": "adaptive-{{rest}}-{{mode}}", "seed": 1, "samplePeriodMs": {{samplePeriodMs}}, "timeLimitS": 700000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "{{rest}}",
                            "minRestS": 0.5, "maxRestS": 10, "cutoffV": 3.0, "capacityLimitMAhPerCm2": {{capacityLimit}} },
              "controller": { "mode": "{{mode}}" } }
            """);
    }

    [Fact]
    public void AdaptiveRestDeliversThePlateauCapacityAtAHigherDutyCycle()
    {
        // Observe mode: the rest policy alone decides; both runs end at the 3 V cut-off.
        SweepPoint[] points = SweepRunner.Run(new[] { Plateau("fixed", "observe", 20), Plateau("adaptive", "observe", 20) }, new[] { 5.0, 0.0 });
        ModuleResult fixedRest = points[0].Result.Modules[0];
        ModuleResult adaptive = points[1].Result.Modules[0];

        // [W]: 12-14 mAh/cm2 on the 5 s plateau; duty 1 s / 6 s.
        Assert.InRange(fixedRest.CapacityMAhPerCm2, 12, 14);
        Assert.InRange(fixedRest.DutyCycle, 0.16, 0.17);
        Assert.Equal("cutoff", adaptive.StopReason);
        Assert.True(adaptive.CapacityMAhPerCm2 >= 0.95 * fixedRest.CapacityMAhPerCm2, $"adaptive {adaptive.CapacityMAhPerCm2:0.###} vs fixed {fixedRest.CapacityMAhPerCm2:0.###} mAh/cm2");
        Assert.True(adaptive.DutyCycle > fixedRest.DutyCycle, $"adaptive duty {adaptive.DutyCycle:0.###} vs fixed {fixedRest.DutyCycle:0.###}");
        Assert.InRange(adaptive.MeanRestS, 0.5, 5.0);
    }

    [Fact]
    public void AtTheMultiplexedBoardsSamplePeriodAdaptiveRestKeepsThePlateauCapacity()
    {
        // boards/esp32-mux-6s.board samples every 20 ms. The depletion margin, chosen at 10 ms samples, would read the
        // first rest sample 20 ms after the pulse, too low, and run the pulses deeper: about 10 against 13.1 mAh/cm2.
        SweepPoint[] points = SweepRunner.Run(new[] { Plateau("fixed", "observe", 20, 20), Plateau("adaptive", "observe", 20, 20) }, new[] { 5.0, 0.0 });
        ModuleResult fixedRest = points[0].Result.Modules[0];
        ModuleResult adaptive = points[1].Result.Modules[0];
        Assert.InRange(fixedRest.CapacityMAhPerCm2, 12, 14);
        Assert.Equal("cutoff", adaptive.StopReason);
        Assert.True(adaptive.CapacityMAhPerCm2 >= 0.95 * fixedRest.CapacityMAhPerCm2, $"adaptive {adaptive.CapacityMAhPerCm2:0.###} vs fixed {fixedRest.CapacityMAhPerCm2:0.###} mAh/cm2");
    }

    [Fact]
    public void InActModeTheDepletionWarningComesBeforeTheCutoffAndAvertsIt()
    {
        // Observe mode cut off near 13 mAh/cm2 (test above); act mode answers the non-linear rise by ending the
        // pulse and resting longer at a lower current, so the module reaches a 15 mAh/cm2 capacity limit instead.
        SimulationResult result = new ClosedLoopRunner(Plateau("adaptive", "act", 15), new RunOptions { RecordTrace = false }).Run();
        ModuleResult module = result.Modules[0];
        Assert.Equal("capacityLimit", module.StopReason);
        Assert.InRange(module.CapacityMAhPerCm2, 14.99, 15.01);
        Assert.Contains(result.Events, e => e.Kind == "depletionOnset" && e.Severity == "warning");
        Assert.DoesNotContain(result.Events, e => e.Kind == "cutoff");
    }

    private static SimulationResult FreshStart(string mode, int modules, bool demand)
    {
        // The first 400 s of the plateau protocol, or of a pack of three such modules sharing one module's pulse current
        // (one pulsing at a time: each rests about 2 s while the other two pulse).
        string pack = demand
            ? $$"""{ "modules": {{modules}}, "cellsPerModule": 1, "preset": "nak50-nasicon", "demand": { "currentDensityMAPerCm2": 1.0 } }"""
            : $$"""{ "modules": {{modules}}, "cellsPerModule": 1, "preset": "nak50-nasicon" }""";
        string json = $$"""
            { "name": "fresh-{{mode}}-{{modules}}", "seed": {{(demand ? 4 : 1)}}, "samplePeriodMs": 10, "timeLimitS": 400,
              "pack": {{pack}},
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "adaptive",
                            "minRestS": 0.5, "maxRestS": {{(demand ? 20 : 10)}}, "cutoffV": 3.0 },
              "controller": { "mode": "{{mode}}" } }
            """;
        return new ClosedLoopRunner(ScenarioLoader.Parse(json), new RunOptions { RecordTrace = false }).Run();
    }

    private static void AssertNoDepletionDiagnosed(SimulationResult result)
    {
        // A fresh cell has stripped 0.03 mAh/cm2 of its 12-14 (observe mode cuts off after about 216,000 s): nothing
        // here is depletion onset, so a trend warning or fault is the controller's own doing.
        Assert.DoesNotContain(result.Events, e => e.Kind == "depletionOnset" && (e.Severity == "warning" || e.Severity == "fault"));
        Assert.All(result.Modules, m => Assert.Equal(100, m.CurrentPercent));
    }

    [Theory]
    [InlineData("observe")]
    [InlineData("act")]
    public void AFreshCellKeepsTheRestsItMeasuredWhenTheMarginTakesOver(string mode)
    {
        // The settle rule gives the fresh cell 3.0-4.1 s rests; after 8 pulses margin control takes over from those
        // rests and shortens them by 3 % per group of 8 pulses: about 100 rests in 400 s, 12 groups, 0.97^12 = 0.69, so
        // no rest below about 2.4 s. Started at the 0.5 s minimum, the rests fell to 0.5 s at 44 s, where [W] gets
        // about 2 mAh/cm2 against 12-14 at 5 s, and the trend fault followed at about 50 s (act mode: 20 % less current).
        SimulationResult result = FreshStart(mode, 1, false);
        AssertNoDepletionDiagnosed(result);
        Assert.InRange(result.Modules[0].MeanRestS, 2.4, 5.0);
    }

    [Fact]
    public void AFreshScheduledPackKeepsItsRotationWhenTheMarginTakesOver()
    {
        // Three modules, act mode: each rests 2 s in the rotation, a rest the scheduler's grant ends. With the margin
        // target started at the minimum, two modules alternated 1 s pulses and 1 s rests at the full current while the
        // third sat in its 20 s reference rest, and both took a trend fault at 42-43 s.
        SimulationResult result = FreshStart("act", 3, true);
        AssertNoDepletionDiagnosed(result);
        Assert.All(result.Modules, m => Assert.InRange(m.MeanRestS, 1.9, 2.1));
    }

    private static ModuleResult Short(double currentMAPerCm2, double tauScale)
    {
        string json = $$"""
            { "name": "rest-{{currentMAPerCm2}}-{{tauScale}}", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 300,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon",
                        "moduleOverrides": [ { "module": 0, "tauScale": {{tauScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}} } ] },
              "protocol": { "steps": [ "Strip at {{currentMAPerCm2.ToString(System.Globalization.CultureInfo.InvariantCulture)}} mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "adaptive",
                            "minRestS": 0.5, "maxRestS": 20, "cutoffV": 3.0 },
              "controller": { "mode": "observe" } }
            """;
        return new ClosedLoopRunner(ScenarioLoader.Parse(json), new RunOptions { RecordTrace = false }).Run().Modules[0];
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void AtALowCurrentTheRestsStayAtTheMinimum(double currentMAPerCm2)
    {
        // [W] strips 0.25 mA/cm2 continuously to 20 mAh/cm2: pulses this small leave a few mV of polarisation
        // against 2 mV of noise, nothing a rest must wait for. 1 s pulse + 0.5 s minimum rest = duty 2/3.
        ModuleResult module = Short(currentMAPerCm2, 1);
        Assert.InRange(module.MeanRestS, 0.5, 0.6);
        Assert.True(module.DutyCycle >= 0.6, $"duty {module.DutyCycle:0.###}");
    }

    [Theory]
    [InlineData(1100001)]
    [InlineData(7)]
    public void AHealthyCellAtALowCurrentKeepsItsShortRestsUnderNoiseOverALongRun(int seed)
    {
        // 0.3 mA/cm2 is half NaK50's stability limit: one 1 s pulse leaves about 4 mV, 0.5 s rests carry it to about
        // 7 mV, under the 10 mV negligible limit. With 2 mV of noise the level before the first pulse (one reading) sat
        // low enough on these seeds to read that as carried over, and the rests then waited for a settle test the noise
        // kept failing: duty 0.10 and 0.28 over 20,000 s. 1 s pulses and 0.5 s rests are a duty of 2/3.
        AssertMinimumRestsOverALongNoisyRun(seed, "0.3", 10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ARelaxationBelowTheLimitIsNotTakenForACarryOverThroughTheScatterOfItsSmoothedReading(int seed)
    {
        // 0.4 mA/cm2 is below NaK50's stability limit of about 0.6 mA/cm2 ([W]): its 1 s pulses and 0.5 s rests leave
        // 7.6 mV against the rested level (simulated, without noise), under the 10 mV negligible limit, so the rests stay
        // at the 0.5 s minimum, 1 s pulse + 0.5 s rest = duty 2/3. One reading a pulse, smoothed over 8 pulses, still
        // scatters 2 mV / sqrt(15) = 0.52 mV, and over thousands of pulses it reached 10 mV: the module was taken for one
        // carrying polarisation over, for good, and its rests waited for the settle test (over 20,000 s, mean rests 9.6 and
        // 10.3 s on seeds 1 and 3).
        AssertMinimumRestsOverALongNoisyRun(seed, "0.4", 20);
    }

    // One module, 1 s strip pulses at the current given with adaptive rests from 0.5 s, 2 mV of noise, 20,000 s: the rests
    // stay at the 0.5 s minimum, 1 s pulse + 0.5 s rest = duty 2/3.
    private static void AssertMinimumRestsOverALongNoisyRun(int seed, string currentMAPerCm2, int maxRestS)
    {
        string json = $$"""
            { "name": "noisy-{{currentMAPerCm2}}-{{seed}}", "seed": {{seed}}, "samplePeriodMs": 10, "timeLimitS": 20000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at {{currentMAPerCm2}} mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "adaptive",
                            "minRestS": 0.5, "maxRestS": {{maxRestS}}, "cutoffV": 3.0 },
              "measurement": { "voltageNoiseMv": 2.0 },
              "controller": { "mode": "observe" } }
            """;
        ModuleResult module = new ClosedLoopRunner(ScenarioLoader.Parse(json), new RunOptions { RecordTrace = false }).Run().Modules[0];
        Assert.InRange(module.MeanRestS, 0.5, 0.6);
        Assert.InRange(module.DutyCycle, 0.62, 2.0 / 3 + 1e-6);
    }

    [Fact]
    public void ACellThatRelaxesSlowlyGetsLongerRestsThanAHealthyOne()
    {
        // Five times slower relaxation: one 1 s pulse at 1 mA/cm2 leaves only a few mV, but the cell carries it
        // from rest to rest at short rests; measured from the rested level the polarisation outgrows the
        // negligible limit, and the rests wait for the relaxation again.
        ModuleResult healthy = Short(1.0, 1);
        ModuleResult slow = Short(1.0, 5);
        Assert.True(slow.MeanRestS >= 1.3 * healthy.MeanRestS, $"slow {slow.MeanRestS:0.##} s vs healthy {healthy.MeanRestS:0.##} s");
    }
}
