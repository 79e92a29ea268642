// Licensed under the MIT License.

using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A NaK50 module stripped into depletion onset in act mode, plated back, and stripped again, through the closed loop
/// (physics, measurement chain, control core): the refill undoes depletion's current reduction, and the detector,
/// learning afresh, catches the next onset (firmware/Edge.Core/README.md, "Answers to depletion").
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
}
