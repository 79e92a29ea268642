// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Configuration.Protocol;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// What the depletion detector takes for a new operating point, in the closed loop with act mode (core README,
/// "Answers to depletion" and the detectors): a current that rises within one pulse (two strip steps in a row) is an
/// ohmic edge, and a longer protocol pulse at the same current a new operating point, not the onset of depletion.
/// Healthy NaK50 cells at 2 mV of noise, far inside what [W] measured them to sustain: any depletion event here is a
/// false one, and act mode's answer to it (a pulse ended, 20 % less current) costs the run its protocol.
/// </summary>
public sealed class ClosedLoopDepletionOperatingPointTests
{
    private static Scenario Make(string preset, string steps, int seed, double timeLimitS) =>
        ScenarioLoader.Parse("""
            { "name": "operating-point", "seed": SEED, "samplePeriodMs": 10, "timeLimitS": LIMIT,
              "pack": { "modules": 1, "cellsPerModule": 4, "preset": "PRESET" },
              "protocol": { "steps": [ STEPS ], "repeat": false, "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "act" },
              "measurement": { "voltageNoiseMv": 2 } }
            """
            .Replace("SEED", seed.ToString(CultureInfo.InvariantCulture))
            .Replace("LIMIT", timeLimitS.ToString(CultureInfo.InvariantCulture))
            .Replace("PRESET", preset)
            .Replace("STEPS", steps));

    private static string Events(SimulationResult result) =>
        string.Join(", ", result.Events.Select(e => $"{e.TS}s {e.Kind}/{e.Diagnosis} c{e.Cell} {e.Value} vs {e.Threshold}"));

    /// <summary>
    /// [W]'s stripping scan in coarse stairs: 0.1 to 0.5 mA/cm2 held 40 s each in one pulse (the switch stays closed
    /// from stair to stair), then a 30 s rest. NaK50 is stable to about 0.6 mA/cm2 [W], so every stair runs: 40 s x
    /// (0.1 + 0.2 + 0.3 + 0.4 + 0.5) mA/cm2 = 60 mA s/cm2 = 0.0167 mAh/cm2, at the protocol's current. K | K-beta''-alumina
    /// (21 ohm cm2) from 0.5 to 1.5 mA/cm2, 20 s each: 40 mA s/cm2 = 0.0111 mAh/cm2. Before, the ohmic step of the first
    /// stair (20.3 mV on NaK50) read as a convex rise on every seed: the pulse was ended, every further stair skipped and
    /// the current cut to 80 %.
    /// </summary>
    [Theory]
    [InlineData("nak50-nasicon", 0.1, 0.1, 5, 40.0)]
    [InlineData("k-betaalumina", 0.5, 1.0, 2, 20.0)]
    public void StairsInOnePulseRunToTheEndWithoutADepletionEvent(string preset, double firstMAPerCm2, double stairMAPerCm2, int stairs, double holdS)
    {
        var steps = Enumerable.Range(0, stairs)
            .Select(k => "\"" + OpenLoopCalibrationRun.CurrentStep("Strip", firstMAPerCm2 + (k * stairMAPerCm2), holdS) + "\"")
            .Append("\"Rest for 30 s\"");
        double chargeMAsPerCm2 = Enumerable.Range(0, stairs).Sum(k => (firstMAPerCm2 + (k * stairMAPerCm2)) * holdS);
        for (int seed = 1; seed <= 8; seed++)
        {
            SimulationResult result = new ClosedLoopRunner(Make(preset, string.Join(", ", steps), seed, (stairs * holdS) + 60), new RunOptions { RecordTrace = false }).Run();

            Assert.True(!result.Events.Any(e => e.Kind == "depletionOnset"), $"{preset} seed {seed}: {Events(result)}");
            ModuleResult module = result.Modules[0];
            Assert.Equal("protocolComplete", module.StopReason);
            Assert.Equal(100, module.CurrentPercent);
            // Within 1 %: each stair's current is a whole uA (38.48 uA runs as 38).
            Assert.InRange(module.CapacityMAhPerCm2, 0.99 * chargeMAsPerCm2 / 3600.0, 1.01 * chargeMAsPerCm2 / 3600.0);
        }
    }

    private static string Pulses(double pulseS, int count) =>
        string.Join(", ", Enumerable.Repeat($"\"Strip at 1 mA/cm2 for {pulseS.ToString(CultureInfo.InvariantCulture)} s\", \"Rest for 5 s\"", count));

    /// <summary>
    /// 0.5 s pulses at 1 mA/cm2 with 5 s rests, then the operator sends 1 s pulses at the same current (setProtocol with
    /// start, at 120 s). The longer pulse ends higher by design (diffusion ~ sqrt t): before, every cell read that as
    /// onset (info at 126 s, warning 132 s, fault 157.5 s, CUSUM 87-92 mV against 60) and act mode ran on at 80 % of the
    /// current with longer rests. The change is a new operating point, learned afresh: no event, the full current.
    /// </summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]   // The same protocol sent again: nothing changes, as before.
    public void AnOperatorsLongerPulseIsANewOperatingPoint(double newPulseS)
    {
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "set-protocol", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 400,
              "pack": { "modules": 1, "cellsPerModule": 4, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 0.5 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "act" } }
            """);
        bool sent = false;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                if (!sent && o.TimeS >= 120.0)
                {
                    sent = true;
                    ProtocolConfiguration protocol = o.Controller.Configuration.Protocol.Clone();
                    Assert.True(ProtocolStepParser.TryParse($"Strip at 1 mA/cm2 for {newPulseS.ToString(CultureInfo.InvariantCulture)} s", protocol.ElectrodeAreaCm2, out ProtocolStep pulse, out string error), error);
                    Assert.True(ProtocolStepParser.TryParse("Rest for 5 s", protocol.ElectrodeAreaCm2, out ProtocolStep rest, out error), error);
                    protocol.Steps = new[] { pulse, rest };
                    o.Controller.RequestProtocol(protocol, true);
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        Assert.True(sent);
        Assert.True(!result.Events.Any(e => e.Kind == "depletionOnset"), Events(result));
        Assert.Equal(100, result.Modules[0].CurrentPercent);
        Assert.Equal(5.0, result.Modules[0].MeanRestS, 1);
    }

    /// <summary>
    /// Within one protocol: 20 pulses of 0.5 s, then 40 of 1 s, at 1 mA/cm2 with 5 s rests. The step of another
    /// length is a new operating point as an operator's change is (before: a trend fault and 80 % of the current).
    /// </summary>
    [Fact]
    public void AProtocolStepOfAnotherLengthIsANewOperatingPoint()
    {
        string steps = Pulses(0.5, 20) + ", " + Pulses(1.0, 40);
        SimulationResult result = new ClosedLoopRunner(Make("nak50-nasicon", steps, 2, 400), new RunOptions { RecordTrace = false }).Run();

        Assert.True(!result.Events.Any(e => e.Kind == "depletionOnset"), Events(result));
        Assert.Equal("protocolComplete", result.Modules[0].StopReason);
        Assert.Equal(100, result.Modules[0].CurrentPercent);
    }
}
