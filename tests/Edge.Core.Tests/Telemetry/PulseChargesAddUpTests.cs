using System.Text.RegularExpressions;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// CONTRACT.md, telemetry/pulse: a module's pulse summaries' pulseChargeUc add up to its totalChargeUc exactly, the
/// pulse summary's and the retained telemetry/modules' alike. Each pulse's charge was rounded on its own, so a
/// spreadsheet's sum fell short of the total by up to a microcoulomb a pulse.
/// </summary>
public class PulseChargesAddUpTests
{
    // 7 ms samples: a 1000 ms pulse lasts 143 of them, 1001 ms, and moves 1001 x the current in nanocoulombs, a
    // fraction of a microcoulomb past a whole number (the 10 ms default would make every pulse a whole number).
    private const int SamplePeriodMs = 7;

    [Fact]
    public void TheChargesOfThreeHundredStripPulsesAddUpToTheTotal()
    {
        // The default protocol (1 s strips at 385 uA, 5 s rests), the channel reading 90 % of the setpoint: 346 uA.
        var configuration = new ControllerConfiguration { SamplePeriodMs = SamplePeriodMs };
        configuration.Protocol.TimeLimitMs = 300L * 6006;
        Run run = Run.Until(configuration, 320L * 6006 / SamplePeriodMs);

        Assert.True(run.Summaries.Count >= 290, "pulses: " + run.Summaries.Count);
        Assert.Equal(ModuleState.Done, run.Controller.Module(0).State);
        run.AssertEachPulseIsItsOwnCharge();

        // Every pulse 346 uA for its duration: the total is 346 uA x the summed durations, rounded once.
        long durationsMs = run.Summaries.Sum(s => s.PulseDurationMs);
        long expectedTotalUc = 346L * durationsMs / 1000;
        Assert.Equal(expectedTotalUc, run.Summaries[^1].TotalChargeUc);
        Assert.Equal(expectedTotalUc, run.Summaries.Sum(s => s.PulseChargeUc));

        // telemetry/modules' totalChargeUc for the finished module (ModuleStatesWatch sends the run's charge so).
        Assert.Equal(expectedTotalUc, run.Controller.Module(0).RunNetChargeNc / 1000);

        // Every summary's total is the sum of the charges up to it.
        long sum = 0;
        foreach (TelemetryRecord summary in run.Summaries)
        {
            sum += summary.PulseChargeUc;
            Assert.Equal(sum, summary.TotalChargeUc);
        }
    }

    [Fact]
    public void PlatingStraightIntoStrippingAddsUpAndKeepsEachDirectionsChargeToItsOwnPulse()
    {
        // Plate 1 s at 154 uA, then strip 1 s at 385 uA with no rest between (the switch stays closed through the
        // reversal), then rest 5 s; read at 90 %: -138 uA and 346 uA. Plating after the strip waits for the
        // direction-change rest, kept short here.
        var configuration = new ControllerConfiguration { SamplePeriodMs = SamplePeriodMs };
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Plate, 154, 1000),
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 5000),
        };
        configuration.Protocol.DirectionChangeRestMs = 5000;
        Run run = Run.Until(configuration, 600_000 / SamplePeriodMs);

        Assert.True(run.Summaries.Count(s => s.PulseCurrentUa < 0) >= 20, "plating pulses: " + run.Summaries.Count(s => s.PulseCurrentUa < 0));
        Assert.True(run.Summaries.Count(s => s.PulseCurrentUa > 0) >= 20, "stripping pulses: " + run.Summaries.Count(s => s.PulseCurrentUa > 0));
        run.AssertEachPulseIsItsOwnCharge();

        long expectedTotalUc = run.Summaries.Sum(s => (s.PulseCurrentUa < 0 ? -138L : 346L) * s.PulseDurationMs) / 1000;
        long running = run.Controller.Module(0).RunNetChargeNc / 1000;
        long sum = 0;
        foreach (TelemetryRecord summary in run.Summaries)
        {
            sum += summary.PulseChargeUc;
            Assert.Equal(sum, summary.TotalChargeUc);
        }

        // The run may have ended inside a pulse: its charge counts in the module's total only.
        Assert.Equal(expectedTotalUc, sum);
        Assert.True(running == sum || run.Controller.Module(0).State == ModuleState.Pulse, "module total " + running + ", pulses " + sum);
    }

    [Fact]
    public void APulseCutShortByAStopAndAStartAtOneBoundaryIsSummarisedWithTheRunThatDroveIt()
    {
        // The default protocol; 600 ms into the 10th pulse a stop and a start arrive together: the pulse ends, the
        // module starts again at the same boundary (resting first), and the pulse's summary comes a tick after the start.
        var configuration = new ControllerConfiguration { SamplePeriodMs = SamplePeriodMs };
        bool sent = false;
        Run run = Run.Until(configuration, 200_000 / SamplePeriodMs, (controller, summaries) =>
        {
            if (!sent && summaries.Count == 9 && controller.Module(0).State == ModuleState.Pulse && controller.Module(0).PulseTimeMs >= 9 * 1001 + 600)
            {
                sent = true;
                controller.RequestStop(0);
                Assert.True(controller.RequestStart(0));
            }
        });

        Assert.True(sent);
        run.AssertEachPulseIsItsOwnCharge();

        // Two runs, each numbered from 1 and each adding up: the cut pulse is the first run's 10th, its total the
        // first run's, the second run's pulses count from 1 and from nothing.
        int second = run.Summaries.FindIndex(1, s => s.PulseIndex == 1);
        Assert.Equal(10, second);
        Assert.True(run.Summaries[9].PulseDurationMs < 1000, "the cut pulse lasted " + run.Summaries[9].PulseDurationMs + " ms");
        Assert.True(run.Summaries.Count - second >= 20, "second run's pulses: " + (run.Summaries.Count - second));
        foreach ((int from, int to) in new[] { (0, second), (second, run.Summaries.Count) })
        {
            long sum = 0;
            for (int i = from; i < to; i++)
            {
                Assert.Equal(i - from + 1, run.Summaries[i].PulseIndex);
                sum += run.Summaries[i].PulseChargeUc;
                Assert.Equal(sum, run.Summaries[i].TotalChargeUc);
            }

            long durationsMs = run.Summaries.Skip(from).Take(to - from).Sum(s => s.PulseDurationMs);
            Assert.Equal(346L * durationsMs / 1000, sum);
        }
    }

    [Fact]
    public void TheContractSaysTheyAddUp()
    {
        string contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "core", "CONTRACT.md"));
        Match row = Regex.Match(contract, @"\n\| `pulseChargeUc` \| int \| ([^\n]*) \|\n");
        Assert.True(row.Success, "CONTRACT.md has no pulseChargeUc row");
        Assert.Contains("add up to `totalChargeUc` exactly", row.Groups[1].Value, StringComparison.Ordinal);
    }

    private sealed class Run
    {
        public EdgeController Controller = null;
        public readonly List<TelemetryRecord> Summaries = new();

        /// <summary>One ohmic cell, the current channel reading 90 % of the setpoint with the switch closed, 0 open.</summary>
        public static Run Until(ControllerConfiguration configuration, long ticks, Action<EdgeController, List<TelemetryRecord>> beforeTick = null)
        {
            var layout = new PackLayout(1, 1, 0);
            var run = new Run { Controller = new EdgeController(layout, configuration) };
            var actions = new ActionFrame(layout);
            var frame = new SampleFrame(layout);
            for (long tick = 0; tick <= ticks; tick++)
            {
                beforeTick?.Invoke(run.Controller, run.Summaries);
                bool closed = actions.SwitchClosed[0];
                int setpoint = actions.CurrentSetpointUa[0];
                frame.TickIndex = tick;
                frame.TimestampMs = tick * SamplePeriodMs;
                frame.ModuleCurrentUa[0] = closed ? setpoint * 9 / 10 : 0;
                frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
                frame.CellVoltageMv[0] = !closed ? 200 : setpoint > 0 ? 350 : 50;
                frame.CellVoltageStatus[0] = ChannelStatus.Valid;
                run.Controller.Tick(frame, actions);
                for (int i = 0; i < run.Controller.Telemetry.Count; i++)
                {
                    TelemetryRecord record = run.Controller.Telemetry[i];
                    if (record.Kind == TelemetryRecordKind.PulseSummary)
                    {
                        run.Summaries.Add(new TelemetryRecord(1)
                        {
                            PulseIndex = record.PulseIndex,
                            PulseCurrentUa = record.PulseCurrentUa,
                            PulseChargeUc = record.PulseChargeUc,
                            PulseDurationMs = record.PulseDurationMs,
                            TotalChargeUc = record.TotalChargeUc,
                        });
                    }
                }
            }

            return run;
        }

        /// <summary>Each pulse's charge is its own reading x its duration to within the one rounding (under 1 uC).</summary>
        public void AssertEachPulseIsItsOwnCharge()
        {
            foreach (TelemetryRecord s in Summaries)
            {
                long ownNc = (s.PulseCurrentUa < 0 ? -138L : 346L) * s.PulseDurationMs;
                Assert.True(Math.Abs(s.PulseChargeUc * 1000 - ownNc) < 1000, "pulse of " + s.PulseCurrentUa + " uA for " + s.PulseDurationMs + " ms: " + s.PulseChargeUc + " uC");
            }
        }
    }
}
