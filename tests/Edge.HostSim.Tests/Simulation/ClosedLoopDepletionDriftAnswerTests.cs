// Licensed under the MIT License.

using Edge.Core.Configuration.Detection;
using Edge.Core.Measurement;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The depletion trend's drift limit at a dense duty cycle: one module of two NaK50 cells with the scorecard's spread
/// (2 % of the limiting current, 5 % of tau), 2 mV of reading noise, 1 s pulses at 1 mA/cm2 with fixed 1 s rests. The
/// faster-drifting cell's pulses pass the 25 % the trend's baseline may follow (depletion.baselineDriftLimitPercent)
/// within minutes and the trend warns, hours before any cut-off. 1 mA/cm2 is above the about 0.6 mA/cm2 [W] measured
/// NaK50 stable to, and [W]'s 1 s / 1 s cell strips only about 2 mAh/cm2: the warning is the interface running down,
/// and act mode's ladder (longer rests, then less current) is its answer (firmware/Edge.Core/README.md, "Answers to
/// depletion (act mode)": the drift limit at dense duty cycles).
/// </summary>
public sealed class ClosedLoopDepletionDriftAnswerTests
{
    private const int CellsPerModule = 2;
    private const double HorizonS = 40000;

    private readonly ITestOutputHelper _output;

    public ClosedLoopDepletionDriftAnswerTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// The same cells (same seed) in observe and in act mode up to a horizon of 40,000 s. Observe mode shows what the
    /// warning foretold: the warned cell's response runs on up and the module reaches its cut-off well before the
    /// horizon. Act mode must do at least as well by the horizon: no less charge than observe mode stripped up to its
    /// cut-off, and the warned cell's drift answered: its overpotential per unit current at the horizon back within the
    /// drift limit of its settled start, where observe mode's climbed past it to the cut-off. Measured (simulated):
    /// seed 2 warns at 499 s, observe mode cuts off at 12,922 s after 1.80 mAh/cm2, act mode strips 4.46 mAh/cm2 by
    /// the horizon at 80 % of the current; seed 6 warns at 519 s, 1.84 and 4.46 mAh/cm2. Fails when the ladder has no
    /// rung to take (no rest stretch, no current reduction: the trend's fault stops the module after 0.07 mAh/cm2) and
    /// when the warning comes too late for the current rung (a drift limit of 100 %: 225 % rests by the horizon, the
    /// warned cell at 1.8 times its settled response).
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void ActModesAnswerToTheDriftWarningStripsAtLeastObserveModesChargeAndStopsTheDrift(int seed)
    {
        RunRecord observe = Run(seed, "observe");
        RunRecord act = Run(seed, "act");
        double driftLimit = 1 + (new DepletionConfiguration().BaselineDriftLimitPercent / 100.0);

        // Observe mode: the trend warns (before its fault), and the warning foretells a cut-off within the horizon.
        SimulationEvent warning = observe.Result.Events.First(e => e.Diagnosis == "depletionTrendWarning");
        SimulationEvent fault = observe.Result.Events.First(e => e.Diagnosis == "depletionTrendFault");
        SimulationEvent cutoff = Assert.Single(observe.Result.Events, e => e.Kind == "cutoff");
        Assert.True(warning.TS < fault.TS && fault.TS < cutoff.TS, $"warning {warning.TS} s, fault {fault.TS} s, cut-off {cutoff.TS} s");

        // [W]'s cell at 1 s / 1 s: about 2 mAh/cm2 to the cut-off (the range ClosedLoopDepletionTests accepts).
        Assert.InRange(observe.ChargeMAhPerCm2, 1.0, 4.0);
        int warned = (warning.Module * CellsPerModule) + warning.Cell;
        double startObserve = observe.SettledStart(warned);
        double atCutoff = observe.RecentMvPerMa(warned, cutoff.TS);
        _output.WriteLine($"observe: warning {warning.TS} s on cell {warned}, fault {fault.TS} s, cut-off {cutoff.TS} s, {observe.ChargeMAhPerCm2:F3} mAh/cm2; cell {warned} {startObserve:F0} mV/mA settled, {atCutoff:F0} at the cut-off");
        Assert.True(atCutoff > driftLimit * startObserve, $"the warned cell's response at the cut-off, {atCutoff:F0} mV/mA, against {startObserve:F0} settled");

        // Act mode: the same warning (the same cells up to it) is answered, and no later than the observe run's fault.
        SimulationEvent actWarning = act.Result.Events.First(e => e.Diagnosis == "depletionTrendWarning");
        Assert.Equal(warning.TS, actWarning.TS);
        Assert.True(act.FirstAnswerS >= warning.TS && act.FirstAnswerS <= fault.TS, $"first answer at {act.FirstAnswerS} s");
        RunEventLog.Write(_output, act.Result);
        _output.WriteLine($"act: answers {string.Join(", ", act.Answers)}; {act.ChargeMAhPerCm2:F3} mAh/cm2 by {HorizonS} s, stop {act.Result.Modules[0].StopReason}");

        // At least observe mode's charge by the horizon, and the module still stripping there.
        Assert.True(act.ChargeMAhPerCm2 >= observe.ChargeMAhPerCm2, $"act {act.ChargeMAhPerCm2:F3} mAh/cm2, observe {observe.ChargeMAhPerCm2:F3}");
        Assert.DoesNotContain(act.Result.Events, e => e.Kind == "cutoff");

        // The drift is answered: the warned cell's overpotential per unit current over its last pulses before the
        // horizon is back within the drift limit of its settled start (the current is lower, so its overpotential
        // alone would fall with it; per unit current it is the interface's resistance to the pulse).
        double startAct = act.SettledStart(warned);
        double atHorizon = act.RecentMvPerMa(warned, HorizonS);
        _output.WriteLine($"act: cell {warned} {startAct:F0} mV/mA settled, {atHorizon:F0} at the horizon");
        Assert.True(atHorizon <= driftLimit * startAct, $"the warned cell's response at the horizon, {atHorizon:F0} mV/mA, against {startAct:F0} settled");
    }

    private static RunRecord Run(int seed, string mode)
    {
        Scenario scenario = ScenarioLoader.Parse($$"""
            { "name": "drift-{{mode}}", "seed": {{seed}}, "samplePeriodMs": 10, "timeLimitS": {{HorizonS}},
              "pack": { "modules": 1, "cellsPerModule": {{CellsPerModule}}, "preset": "nak50-nasicon", "areaCm2": 0.3848, "spread": { "iLimPct": 2, "tauPct": 5 } },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "measurement": { "voltageNoiseMv": 2 },
              "controller": { "mode": "{{mode}}" } }
            """);
        var record = new RunRecord();
        int currentPercent = 100;
        int restPercent = 100;
        var options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                MeasurementSnapshot s = o.Controller.Measurement;
                var module = o.Controller.Module(0);
                if (module.CurrentPercent != currentPercent || module.RestTuner.ExtensionPercent != restPercent)
                {
                    currentPercent = module.CurrentPercent;
                    restPercent = module.RestTuner.ExtensionPercent;
                    record.FirstAnswerS = Math.Min(record.FirstAnswerS, o.TimeS);
                    record.Answers.Add($"{o.TimeS:F0} s: current {currentPercent} %, rest {restPercent} %");
                }

                if (s.PulseEnded[0] && s.LastPulseClosingCurrentUa[0] > 0)
                {
                    for (int c = 0; c < CellsPerModule; c++)
                    {
                        record.Pulses[c].Add((s.TimestampMs / 1000.0, s.PulseOverpotentialMv[c] * 1000.0 / s.LastPulseClosingCurrentUa[0]));
                    }
                }
            },
        };

        record.Result = new ClosedLoopRunner(scenario, options).Run();
        return record;
    }

    private sealed class RunRecord
    {
        public SimulationResult Result { get; set; } = null!;

        public double FirstAnswerS { get; set; } = double.MaxValue;

        public List<string> Answers { get; } = new();

        /// <summary>Per cell: each strip pulse's end time and its overpotential per unit current (mV/mA).</summary>
        public List<(double TimeS, double MvPerMa)>[] Pulses { get; } = { new(), new() };

        public double ChargeMAhPerCm2 => Result.Modules[0].CapacityMAhPerCm2;

        /// <summary>The settled start: the 6th to 15th pulse (the first five climb into the pulse regime).</summary>
        public double SettledStart(int cell) => Pulses[cell].Skip(5).Take(10).Average(p => p.MvPerMa);

        /// <summary>The last 10 pulses up to a time.</summary>
        public double RecentMvPerMa(int cell, double timeS) => Pulses[cell].Where(p => p.TimeS <= timeS + 1e-6).TakeLast(10).Average(p => p.MvPerMa);
    }
}
