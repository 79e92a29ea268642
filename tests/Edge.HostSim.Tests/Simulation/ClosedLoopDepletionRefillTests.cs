// Licensed under the MIT License.

using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A NaK50 module stripped into depletion onset in act mode, plated back, and stripped again, through the closed loop
/// (physics, measurement chain, control core): the refill undoes depletion's answers (its current reduction, the rests'
/// stretch, the pulse tuner's shortening), and the detector, learning afresh, catches the next onset
/// (firmware/Edge.Core/README.md, "Answers to depletion").
/// </summary>
public sealed class ClosedLoopDepletionRefillTests
{
    [Fact]
    public void APlatedBackModuleStripsAtTheFullCurrentUntilItsNextOnset()
    {
        // 1 s pulses at 1 mA/cm2 (385 uA) with 0.5 s rests drive the alloy's interface into depletion within a few dozen
        // pulses: the trend's fault takes 20 % off the current. The operator then plates back what the run stripped
        // (a plating protocol at 150 uA, 120 uA after the reduction, for 10 % more than the run's net charge) and
        // starts the stripping protocol again.
        using var cancel = new CancellationTokenSource();
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "refill", "seed": 5, "samplePeriodMs": 10, "timeLimitS": 2000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 0.5 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "act" } }
            """);
        int run = 1;
        ProtocolStep[] strip = null!;
        long firstRunNetNc = 0;
        long secondRunNetNc = 0;
        long netAfterPlatingNc = long.MaxValue;
        int platingSetpointUa = 0;
        int firstSetpointAfterRefillUa = 0;
        int cusumAtOnsetMv = 0;
        int cusumAtRefillMv = -1;
        double reducedAtS = 0;
        double secondReductionAtS = 0;
        var options = new RunOptions { RecordTrace = false, RunOnWhenAllModulesStop = true, Cancellation = cancel.Token };
        options.Observer = o =>
        {
            var module = o.Controller.Module(0);
            if (run == 1 && module.DepletionPercent < 100)
            {
                run = 2;
                reducedAtS = o.TimeS;
                firstRunNetNc = module.RunNetChargeNc;
                cusumAtOnsetMv = o.Controller.DepletionDetector.CusumMv(0);
                var plating = o.Controller.ProtocolToAmend();
                strip = plating.Steps;
                plating.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, 150, firstRunNetNc * 110 / 100 / 120) };
                plating.Repeat = false;
                o.Controller.RequestProtocol(plating, true);
            }
            else if (run == 2 && o.Actions.SwitchClosed[0] && platingSetpointUa == 0)
            {
                platingSetpointUa = o.Actions.CurrentSetpointUa[0];
            }
            else if (run == 2 && module.State == ModuleState.Done && module.StopReason == StopReason.ProtocolComplete)
            {
                run = 3;
                netAfterPlatingNc = module.StrippedChargeNc - module.PlatedChargeNc;
                var again = o.Controller.ProtocolToAmend();
                again.Steps = strip;
                again.Repeat = true;
                o.Controller.RequestProtocol(again, true);
            }
            else if (run == 3 && o.Actions.SwitchClosed[0] && firstSetpointAfterRefillUa == 0)
            {
                firstSetpointAfterRefillUa = o.Actions.CurrentSetpointUa[0];
                cusumAtRefillMv = o.Controller.DepletionDetector.CusumMv(0);
            }
            else if (run == 3 && firstSetpointAfterRefillUa != 0 && module.DepletionPercent < 100)
            {
                secondReductionAtS = o.TimeS;
                secondRunNetNc = module.RunNetChargeNc;
                cancel.Cancel();
            }
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        // The first run: the detector's trend fault reduced the current, well before any cut-off.
        Assert.True(secondReductionAtS > 0, "the module never reached its second onset");
        Assert.DoesNotContain(result.Events, e => e.Kind == "cutoff");
        Assert.Contains(result.Events, e => e.Diagnosis == "depletionTrendFault" && e.TS <= reducedAtS);
        Assert.Equal(-120, platingSetpointUa);
        Assert.True(netAfterPlatingNc <= 0, $"{netAfterPlatingNc} nC still out after plating");

        // The refill: the next strip pulse runs at the full 385 uA, with the event that says so.
        Assert.Equal(385, firstSetpointAfterRefillUa);
        SimulationEvent lift = Assert.Single(result.Events, e => e.Kind == "depletionLifted");
        Assert.Equal((100L, 80L, "percent"), (lift.Value, lift.Threshold, lift.Unit));

        // The detector learned the refilled interface afresh: the CUSUM that had reached the fault level (60 mV) at the
        // onset starts again from 0 with the refill, the 5 baseline pulses cannot warn, so the next warning comes at
        // least 5 cycles of 1.5 s after the lift. The refilled module strips, at the full current, about what the first
        // run did before its onset (between half and twice that: the same pulses rebuild the same depletion), and that
        // onset takes the current down again.
        Assert.True(cusumAtOnsetMv >= 60, $"CUSUM {cusumAtOnsetMv} mV at the onset");
        Assert.Equal(0, cusumAtRefillMv);
        SimulationEvent warning = result.Events.First(e => e.Kind == "depletionOnset" && e.Severity != "info" && e.TS > lift.TS);
        Assert.True(warning.TS >= lift.TS + (5 * 1.5), $"warned {warning.TS - lift.TS:F2} s after the refill");
        Assert.InRange(secondRunNetNc, firstRunNetNc / 2, firstRunNetNc * 2);
        Assert.Equal(80, result.Modules[0].CurrentPercent);
    }
    /// <summary>A pulse and the rest after it, as the module's switch showed them (s).</summary>
    private readonly record struct Cycle(double PulseS, double RestS);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APlatedBackModuleRunsTheProtocolsPulsesAndRestsUntilItsNextOnset(bool pulseTuning)
    {
        // As above, 1 s pulses at 1 mA/cm2 with 0.5 s fixed rests. Without pulse tuning the trend's warning stretches the
        // rests to 150 % (0.75 s); with it (minimum pulse 0.25 s) the warning shortens the pulses to 75 % and the fault to
        // 56 %, the rests scaled alike (0.56 s pulses, 0.28 s rests). One cycle after that answer the operator plates back
        // 10 % more than the run stripped (at 150 uA, the plate step lengthened by the pulse tuner's percentage, which
        // shortens it alike) and starts the stripping protocol again. The refilled module runs the protocol's own 1 s
        // pulses and 0.5 s rests at the full current until depletion answers again.
        using var cancel = new CancellationTokenSource();
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "refill", "seed": 5, "samplePeriodMs": 10, "timeLimitS": 2000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 0.5 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "act" MINIMUM } }
            """.Replace("MINIMUM", pulseTuning ? ", \"minimumPulseS\": 0.25" : string.Empty));
        int run = 1;
        ProtocolStep[] strip = null!;
        bool answered = false;
        int answeredAtCycle = -1;
        double closedAtS = -1;
        double openedAtS = -1;
        double pulseS = 0;
        var before = new List<Cycle>();
        var after = new List<Cycle>();
        int currentAfterRefillUa = 0;
        var options = new RunOptions { RecordTrace = false, RunOnWhenAllModulesStop = true, Cancellation = cancel.Token };
        options.Observer = o =>
        {
            var module = o.Controller.Module(0);
            bool closed = o.Actions.SwitchClosed[0];
            if ((run == 1 || run == 3) && closed && closedAtS < 0)
            {
                // A pulse begins: the rest before it ends (not the first of a run).
                if (openedAtS >= 0)
                {
                    (run == 1 ? before : after).Add(new Cycle(pulseS, o.TimeS - openedAtS));
                }

                closedAtS = o.TimeS;
                currentAfterRefillUa = run == 3 && currentAfterRefillUa == 0 ? o.Actions.CurrentSetpointUa[0] : currentAfterRefillUa;
            }
            else if ((run == 1 || run == 3) && !closed && closedAtS >= 0)
            {
                pulseS = o.TimeS - closedAtS;
                openedAtS = o.TimeS;
                closedAtS = -1;
            }

            bool depletionAnswers = module.PulsePercent < (pulseTuning ? 75 : 100) || module.RestTuner.ExtensionPercent > 100 || module.DepletionPercent < 100;
            if (run == 1 && depletionAnswers && !answered)
            {
                answered = true;
                answeredAtCycle = before.Count;
            }
            else if (run == 1 && answered && before.Count > answeredAtCycle + 1 && closed)
            {
                // A whole cycle after the one the answer came in: plate back.
                run = 2;
                var plating = o.Controller.ProtocolToAmend();
                strip = plating.Steps;
                long netNc = module.RunNetChargeNc;
                plating.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, 150, netNc * 110 / 100 / 150 * 100 / module.PulsePercent) };
                plating.Repeat = false;
                o.Controller.RequestProtocol(plating, true);
            }
            else if (run == 2 && module.State == ModuleState.Done && module.StopReason == StopReason.ProtocolComplete)
            {
                run = 3;
                Assert.True(module.StrippedChargeNc - module.PlatedChargeNc <= 0, "still not plated back");
                closedAtS = -1;
                openedAtS = -1;
                var again = o.Controller.ProtocolToAmend();
                again.Steps = strip;
                again.Repeat = true;
                o.Controller.RequestProtocol(again, true);
            }
            else if (run == 3 && currentAfterRefillUa != 0 && (module.PulsePercent < 100 || module.RestTuner.ExtensionPercent > 100 || module.DepletionPercent < 100))
            {
                // Depletion answers again: the cycles from here on are no longer the protocol's.
                run = 4;
                cancel.Cancel();
            }
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
        Assert.True(cancel.IsCancellationRequested, "the refilled module never reached its next onset");

        // Before the refill, the answer: 1 s pulses and 0.75 s rests, or 0.56 s pulses and 0.28 s rests (within a 10 ms tick).
        Cycle answeredCycle = before[^1];
        Assert.Equal(pulseTuning ? 0.56 : 1.0, answeredCycle.PulseS, 0.011);
        Assert.Equal(pulseTuning ? 0.28 : 0.75, answeredCycle.RestS, 0.011);

        // After it, every cycle until depletion answered again (the next warning, seven cycles on) is the protocol's, at
        // the full 385 uA, with one lift that says the current, unchanged at 100 %: without pulse tuning the refill came
        // before the trend's fault, and with it the fault's answer was the shorter pulse.
        Assert.Equal(385, currentAfterRefillUa);
        Assert.True(after.Count >= 5, $"{after.Count} cycles before the next onset");
        Assert.All(after, c => Assert.Equal(1.0, c.PulseS, 0.011));
        Assert.All(after, c => Assert.Equal(0.5, c.RestS, 0.011));
        SimulationEvent lift = Assert.Single(result.Events, e => e.Kind == "depletionLifted");
        Assert.Equal((100L, 100L), (lift.Value, lift.Threshold));
        Assert.DoesNotContain(result.Events, e => e.Kind == "cutoff");
    }
}
