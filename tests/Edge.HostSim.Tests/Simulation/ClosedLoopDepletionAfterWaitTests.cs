// Licensed under the MIT License.

using Edge.Core.Records;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// NaK50 modules kept from pulsing far longer than their protocol's rest without a stop or a suspension: the pack
/// scheduler grants nothing while the pack's demand is 0, then grants again. Through the closed loop (physics,
/// measurement chain, control core) the rested interface's first pulses start lower and climb back into the pulse
/// regime, which the depletion trend must not take for depletion, and a cell nearing its cut-off across the wait is
/// still warned well before it (firmware/Edge.Core/README.md, "Depletion onset": leaving rest).
/// </summary>
public sealed class ClosedLoopDepletionAfterWaitTests
{
    private readonly ITestOutputHelper _output;

    public ClosedLoopDepletionAfterWaitTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Two modules of two healthy cells, 1 s pulses at 1 mA/cm2 with fixed rests, at a pack demand of one module's pulse
    /// current: one module pulses at a time, at the protocol's current. The demand falls to 0 from 300 s to 360 s, so
    /// neither module pulses for a minute (12 or 60 times its rest), as a stop and a start would leave them. They strip
    /// some 0.1 mAh/cm2 in 900 s against the about 2 mAh/cm2 before a cut-off: no depletion event may come. Measured:
    /// none after waits of 60 or 600 s (12-600 times the rest), judged against the baseline before the wait or learned
    /// afresh. A guard: without reading noise the climb back stays under the trend's levels either way.
    /// </summary>
    [Theory]
    [InlineData(5, 60)]
    [InlineData(1, 60)]
    [InlineData(5, 600)]
    [InlineData(1, 600)]
    public void GuardHealthyCellsGetNoDepletionEventAfterTheSchedulerKeptThemWaiting(double restS, double waitS)
    {
        double resumeS = 300 + waitS;
        Scenario scenario = ScenarioLoader.Parse($$"""
            { "name": "wait", "seed": 42, "samplePeriodMs": 10, "timeLimitS": {{resumeS + 540}},
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon", "areaCm2": 0.3848, "spread": { "iLimPct": 2, "tauPct": 5 },
                        "demand": { "currentDensityMAPerCm2": 1.0, "profile": [ { "atS": 300, "currentMA": 0 }, { "atS": {{resumeS}}, "currentDensityMAPerCm2": 1.0 } ] } },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for {{restS}} s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "act" } }
            """);
        double lastPulseBeforeS = 0;
        double firstPulseAfterS = double.MaxValue;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                bool on = o.Actions.SwitchClosed[0] || o.Actions.SwitchClosed[1];
                if (on && o.TimeS < 300)
                {
                    lastPulseBeforeS = o.TimeS;
                }
                else if (on && o.TimeS >= resumeS && firstPulseAfterS == double.MaxValue)
                {
                    firstPulseAfterS = o.TimeS;
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        RunEventLog.Write(_output, result);
        _output.WriteLine($"last pulse before the wait {lastPulseBeforeS} s, first after {firstPulseAfterS} s");
        // The last pulse before the demand fell ended at most one pulse and one rest before it (two modules in turn).
        Assert.InRange(firstPulseAfterS - lastPulseBeforeS, waitS, waitS + restS + 1);
        Assert.DoesNotContain(result.Events, e => e.Kind == "depletionOnset");
        Assert.All(result.Modules, m => Assert.True(m.CapacityMAhPerCm2 < 0.2, $"{m.CapacityMAhPerCm2} mAh/cm2"));
        Assert.All(result.Modules, m => Assert.Equal("running", m.StopReason));
    }

    /// <summary>
    /// A cell nearing depletion across such a wait: one module, 1 s / 1 s at 1 mA/cm2 in observe mode (seed 5), at a
    /// pack demand of its pulse current, cuts off at about 22,400 s. The demand falls to 0 for a minute some 2,400 or
    /// 1,400 s before the cut-off; the wait puts no sodium back. The trend's warning and fault set at 16,217 and 16,259 s;
    /// judged against the baseline before the wait they stayed active across it; leaving rest, the cell relearns from
    /// its settled pulses under the bound of the baseline before the wait and warns again 21 s after it (20,081 and
    /// 21,081 s), its fault 2 s later: 2,317 and 1,317 s before the cut-off at 22,398 s. A guard: the last trend warning
    /// or fault before the cut-off comes at least the scorecard's 60 s horizon before it either way.
    /// </summary>
    [Theory]
    [InlineData(20000)]
    [InlineData(21000)]
    public void GuardACellNearingDepletionAcrossASchedulerWaitIsWarnedBeforeItsCutoff(double waitS)
    {
        string wait = waitS.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string resume = (waitS + 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Scenario scenario = ScenarioLoader.Parse($$"""
            { "name": "near-cutoff-wait", "seed": 5, "samplePeriodMs": 10, "timeLimitS": 40000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon",
                        "demand": { "currentDensityMAPerCm2": 1.0, "profile": [ { "atS": {{wait}}, "currentMA": 0 }, { "atS": {{resume}}, "currentDensityMAPerCm2": 1.0 } ] } },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "observe" } }
            """);

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        RunEventLog.Write(_output, result);
        double resumeS = waitS + 60;
        SimulationEvent cutoff = Assert.Single(result.Events, e => e.Kind == "cutoff");
        Assert.True(cutoff.TS > resumeS, $"cut-off at {cutoff.TS} s, before the demand came back");
        SimulationEvent? warned = result.Events.LastOrDefault(e => e.Diagnosis is "depletionTrendWarning" or "depletionTrendFault" && e.TS < cutoff.TS);
        _output.WriteLine($"cut-off {cutoff.TS} s, last trend warning or fault before it {warned?.TS} s");
        Assert.NotNull(warned);
        Assert.True(warned!.TS < cutoff.TS - 60, $"warned at {warned.TS} s, cut-off at {cutoff.TS} s");
    }

    /// <summary>
    /// Three modules of two healthy NaK50 cells with 2 mV of reading noise, 1 s pulses with fixed 1 s rests at one
    /// module's demand, seed 1; the demand falls to 0 from 300 to 900 s. Judged against the baselines before the wait,
    /// module 0's cell 0 summed the climb of its rested pulses into the trend's warning at 928 s and its fault (act mode:
    /// the module's answers) at 1,041 s; the same pack without the wait reports nothing on those cells then. Leaving
    /// rest at the gap, the first 120 s after the wait bring no trend warning or fault.
    /// </summary>
    [Fact]
    public void NoisyHealthyCellsGetNoTrendWarningFromTheirFirstPulsesAfterASchedulerWait()
    {
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "wait-noisy", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 1200,
              "pack": { "modules": 3, "cellsPerModule": 2, "preset": "nak50-nasicon", "areaCm2": 0.3848, "spread": { "iLimPct": 2, "tauPct": 5 },
                        "demand": { "currentDensityMAPerCm2": 1.0, "profile": [ { "atS": 300, "currentMA": 0 }, { "atS": 900, "currentDensityMAPerCm2": 1.0 } ] } },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "measurement": { "voltageNoiseMv": 2 },
              "controller": { "mode": "act" } }
            """);

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        RunEventLog.Write(_output, result);
        Assert.DoesNotContain(result.Events, e => e.Diagnosis is "depletionTrendWarning" or "depletionTrendFault" && e.TS >= 900 && e.TS < 1020);
    }
}
