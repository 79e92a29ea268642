// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A K | K-beta''-alumina cell ([S]: 21 ohm cm2) at 1 mA/cm2 shows about 21 mV under current, a hard short
/// (1 ohm cm2) about 1 mV. Read through 4-5 mV of noise, one reading of the healthy cell is only some four
/// sigma above the short's, and one pulse edge (two readings over 385 uA: sqrt(2) x 4.5 mV / 385 uA = 16.5 ohm
/// against a 55 ohm edge) no better. Averaged over many readings the two stand clearly apart (16 readings: a
/// quarter of the noise). A hard short is a safety fault: it must be found within a pulse or two, the switch
/// open in the tick that finds it, latched, with the event; healthy cells at the same noise must never trip it.
/// </summary>
public sealed class ClosedLoopNoisyPotassiumHardShortTests
{
    /// <summary>Pulses of 1 s at 1 mA/cm2 every 3 s (0-1 s, 3-4 s, ...) on two K cells.</summary>
    private static Scenario Potassium(int seed, double noiseMv, double timeLimitS) =>
        Noisy("k-betaalumina", "\"Strip at 1 mA/cm2 for 1 s\", \"Rest for 2 s\"", seed, noiseMv, timeLimitS);

    private static Scenario Noisy(string preset, string steps, int seed, double noiseMv, double timeLimitS)
    {
        string json = """
            { "name": "noisy-hard-short", "seed": SEED, "samplePeriodMs": 10, "timeLimitS": LIMIT,
              "pack": { "modules": 1, "cellsPerModule": 2, "preset": "PRESET" },
              "protocol": { "steps": [ STEPS ], "rest": "fixed" },
              "controller": { "mode": "act", "platingCriticalMAPerCm2": 1 },
              "measurement": { "voltageNoiseMv": NOISE } }
            """
            .Replace("SEED", seed.ToString(CultureInfo.InvariantCulture))
            .Replace("LIMIT", timeLimitS.ToString(CultureInfo.InvariantCulture))
            .Replace("NOISE", noiseMv.ToString(CultureInfo.InvariantCulture))
            .Replace("PRESET", preset)
            .Replace("STEPS", steps);
        return ScenarioLoader.Parse(json);
    }

    [Theory]
    [InlineData(4.0, 30.5)]   // Half way through the pulse of 30-31 s.
    [InlineData(4.5, 30.5)]
    [InlineData(5.0, 30.5)]
    [InlineData(4.5, 31.5)]   // In the rest after it: the next pulse starts at 33 s.
    [InlineData(5.0, 32.9)]   // Just before that pulse.
    public void HardShortOnANoisyPotassiumCellIsFoundWithinAPulseOrTwo(double noiseMv, double shortAtS)
    {
        for (int seed = 1; seed <= 8; seed++)
        {
            Scenario scenario = Potassium(seed, noiseMv, 60);
            scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = shortAtS, Module = 0, Cell = 1 });
            var switchAt = new Dictionary<long, bool>();
            RunOptions options = new RunOptions
            {
                RecordTrace = false,
                Observer = o => switchAt[(long)Math.Round(o.TimeS * 1000)] = o.Actions.SwitchClosed[0],
            };

            SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

            SimulationEvent? hard = result.Events.FirstOrDefault(e => e.Kind == "hardShort");
            Assert.True(hard != null, $"seed {seed}, {noiseMv} mV: no hard short reported; events: {string.Join(", ", result.Events.Select(e => $"{e.TS}s {e.Kind}/{e.Diagnosis}"))}");
            Assert.True(hard!.TS >= shortAtS && hard.TS <= shortAtS + 5, $"seed {seed}, {noiseMv} mV: hard short reported at {hard.TS} s for a short at {shortAtS} s");
            Assert.Equal(1, hard.Cell);
            Assert.Equal("fault", hard.Severity);
            Assert.Contains(hard.Diagnosis, new[] { "hardShort", "hardShortShuntEdge" });

            // Nothing else came first (a stuck channel is what the short was taken for), and the switch is open in
            // the tick that found it and stays open: latched.
            Assert.DoesNotContain(result.Events, e => e.Severity == "fault" && e.TS < hard.TS);
            Assert.All(switchAt.Where(s => s.Key >= (long)Math.Round(hard.TS * 1000)), s => Assert.False(s.Value, $"seed {seed}: switch closed at {s.Key} ms"));
            Assert.Equal("allModulesStopped", result.TerminatedBy);
        }
    }

    /// <summary>
    /// At 1.2 mA/cm2 a K cell is expected at 25 mV, where one reading near 0 V could count, but at 4.5-5 mV of noise a
    /// healthy reading falls to 5 mV too often (about one in 30,000): the pulse window's mean decides there. A short
    /// present when a pulse starts is then found by that pulse's first window, within 16 readings under current; one
    /// that starts within a pulse by the first window wholly after it, within 31.
    /// </summary>
    [Theory]
    [InlineData(4.5, 31.5, 16)]   // In the rest: the pulse of 33-34 s starts on the short.
    [InlineData(5.0, 32.9, 16)]
    [InlineData(5.0, 30.5, 31)]   // Half way through the pulse of 30-31 s.
    public void HardShortAt1Point2MilliampsIsFoundWithinOnePulseWindow(double noiseMv, double shortAtS, int maximumSamplesUnderCurrent)
    {
        for (int seed = 1; seed <= 8; seed++)
        {
            Scenario scenario = Noisy("k-betaalumina", "\"Strip at 1.2 mA/cm2 for 1 s\", \"Rest for 2 s\"", seed, noiseMv, 60);
            scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = shortAtS, Module = 0, Cell = 1 });
            var switchAt = new Dictionary<long, bool>();
            var carryingAt = new Dictionary<long, bool>();
            RunOptions options = new RunOptions
            {
                RecordTrace = false,
                Observer = o =>
                {
                    long ms = (long)Math.Round(o.TimeS * 1000);
                    switchAt[ms] = o.Actions.SwitchClosed[0];
                    carryingAt[ms] = o.TrueCurrentUa[0] != 0;
                },
            };

            SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

            SimulationEvent? hard = result.Events.FirstOrDefault(e => e.Kind == "hardShort");
            Assert.True(hard != null, $"seed {seed}, {noiseMv} mV: no hard short reported; events: {string.Join(", ", result.Events.Select(e => $"{e.TS}s {e.Kind}/{e.Diagnosis}"))}");
            Assert.Equal(1, hard!.Cell);
            Assert.Equal("fault", hard.Severity);
            long shortMs = (long)Math.Round(shortAtS * 1000);
            long hardMs = (long)Math.Round(hard.TS * 1000);
            Assert.True(hardMs >= shortMs, $"seed {seed}: hard short reported at {hard.TS} s, before the short at {shortAtS} s");
            int samplesUnderCurrent = carryingAt.Count(k => k.Key >= shortMs && k.Key <= hardMs && k.Value);
            Assert.True(
                samplesUnderCurrent <= maximumSamplesUnderCurrent,
                $"seed {seed}, {noiseMv} mV: {samplesUnderCurrent} readings under current from the short at {shortAtS} s to its report at {hard.TS} s");

            // Nothing else came first; the switch is open in the tick that found it and stays open: latched.
            Assert.DoesNotContain(result.Events, e => e.Severity == "fault" && e.TS < hard.TS);
            Assert.All(switchAt.Where(s => s.Key >= hardMs), s => Assert.False(s.Value, $"seed {seed}: switch closed at {s.Key} ms"));
            Assert.Equal("allModulesStopped", result.TerminatedBy);
        }
    }

    /// <summary>
    /// At 0.2 mA/cm2 a K cell is expected at 4.2 mV, its window's limit 0.84 mV (4.2 x 5 / 25). A short within the
    /// pulse of 60-61 s (at 60.5 s) is found by a window of that pulse (they end every 16 readings under current: 60.64,
    /// which still holds the reading at 60.49 s, then 60.80 and 60.96 s) or at the latest by the next pulse's first, at
    /// 63.16 s: the short's own 0.2 mV (1 ohm cm2) read through 2 mV of noise gives a mean that scatters by 0.5 mV
    /// against the 0.84 mV limit, so a window now and then misses it. Before, the limit in whole mV was 0 (4 x 5 / 25),
    /// which only a mean of exactly 0 met: the short was found 2.7-9.3 s late, and its event read 0 against 0.
    /// </summary>
    [Fact]
    public void HardShortAtAFifthOfAMilliampIsFoundWithinAPulse()
    {
        int withinThePulse = 0;
        for (int seed = 1; seed <= 8; seed++)
        {
            Scenario scenario = Noisy("k-betaalumina", "\"Strip at 0.2 mA/cm2 for 1 s\", \"Rest for 2 s\"", seed, 2.0, 90);
            scenario.Faults.Add(new FaultSpec { Kind = FaultKind.HardShort, AtS = 60.5, Module = 0, Cell = 1 });

            SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

            SimulationEvent? hard = result.Events.FirstOrDefault(e => e.Kind == "hardShort");
            Assert.True(hard != null, $"seed {seed}: no hard short reported; events: {string.Join(", ", result.Events.Select(e => $"{e.TS}s {e.Kind}/{e.Diagnosis}"))}");
            Assert.InRange(hard!.TS, 60.5, 63.16);
            Assert.Equal((1, "hardShort", "fault"), (hard.Cell, hard.Diagnosis, hard.Severity));

            // In uV: the window's mean within +-840 uV, the limit 840 uV (the nominal 21 ohm cm2 over the preset's area).
            Assert.Equal("uV", EventUnits.Of(hard.Kind, hard.Diagnosis));
            Assert.InRange(hard.Threshold, 800, 850);
            Assert.True(Math.Abs(hard.Value) <= hard.Threshold, $"seed {seed}: {hard.Value} against {hard.Threshold}");
            Assert.DoesNotContain(result.Events, e => e.Severity == "fault" && e.TS < hard.TS);
            withinThePulse += hard.TS <= 61.0 ? 1 : 0;
        }

        // Most within the pulse the short began in (7 of these 8 seeds).
        Assert.True(withinThePulse >= 6, $"{withinThePulse} of 8 found within the pulse of the short");
    }

    /// <summary>Healthy cells at 4-5 mV of noise: K where the averaged test applies, Na and NaK where it adds to the others.</summary>
    public static TheoryData<string, string, double> HealthyRuns()
    {
        string pulses = "\"Strip at 1 mA/cm2 for 1 s\", \"Rest for 2 s\"";
        return new TheoryData<string, string, double>
        {
            { "k-betaalumina", pulses, 4.0 },
            { "k-betaalumina", pulses, 5.0 },
            { "k-betaalumina", "\"Strip at 0.5 mA/cm2 for 1 s\", \"Rest for 0.5 s\"", 5.0 },
            // 1.2 mA/cm2: 25 mV expected, where the test of one reading applies, yet the 5 mV limit is only four of one
            // reading's standard deviations below it (about one reading in 30,000 under current).
            { "k-betaalumina", "\"Strip at 1.2 mA/cm2 for 1 s\", \"Rest for 2 s\"", 5.0 },
            { "k-betaalumina", "\"Strip at 1.2 mA/cm2 for 1 s\", \"Rest for 2 s\"", 4.5 },
            // Plate straight into strip: the swing through 0 V starts a strip pulse with the plating's polarisation.
            { "k-betaalumina", "\"Plate at 1 mA/cm2 for 30 s\", \"Strip at 1 mA/cm2 for 30 s\"", 4.5 },
            { "nak50-nasicon", "\"Strip at 1 mA/cm2 for 1 s\", \"Rest for 5 s\"", 5.0 },
            { "nak50-nasicon", "\"Strip at 0.1 mA/cm2 for 1 s\", \"Rest for 2 s\"", 5.0 },
            // Anode-free Na: plate some first, then strip pulses from it.
            { "na-nasicon", "\"Plate at 0.4 mA/cm2 for 300 s\", " + string.Join(", ", Enumerable.Repeat(pulses, 20)), 4.5 },
        };
    }

    [Theory]
    [MemberData(nameof(HealthyRuns))]
    public void HealthyCellsAtThatNoiseRaiseNoHardShort(string preset, string steps, double noiseMv)
    {
        // 12 seeds of 600 s, two cells each: hundreds of pulses and some 100,000 readings under current per cell.
        for (int seed = 1; seed <= 12; seed++)
        {
            SimulationResult result = new ClosedLoopRunner(Noisy(preset, steps, seed, noiseMv, 600), new RunOptions { RecordTrace = false }).Run();
            Assert.True(
                !result.Events.Any(e => e.Kind == "hardShort"),
                $"seed {seed}: {string.Join(", ", result.Events.Where(e => e.Kind == "hardShort").Select(e => $"{e.TS}s {e.Diagnosis} {e.Value} vs {e.Threshold}"))}");
            Assert.DoesNotContain(result.Modules, m => m.StopReason == "cutoff");
        }
    }
}
