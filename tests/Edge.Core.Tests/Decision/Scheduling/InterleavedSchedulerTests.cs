using System.Collections.Generic;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Decision.Scheduling;

/// <summary>Interleaving modules: continuous pack current, each module pulsing 1 s and resting 5 s.</summary>
public class InterleavedSchedulerTests
{
    private const int PulseUa = 385;

    private static (EdgeController Controller, SampleFrame Frame, ActionFrame Actions) Build(int modules, int demandUa, ControlMode mode = ControlMode.Observe) =>
        SchedulerRig.Build(modules, SchedulerRig.Configuration(demandUa, mode));

    private static void Feed(SampleFrame frame, ActionFrame actions, long tick) => SchedulerRig.Feed(frame, actions, tick);

    [Fact]
    public void SixModulesCarryOneModulePulseCurrentWithoutGapOrOverlap()
    {
        var (controller, frame, actions) = Build(6, PulseUa);
        var onTicks = new int[6];
        for (long tick = 0; tick < 6000; tick++)
        {
            Feed(frame, actions, tick);
            controller.Tick(frame, actions);
            int on = 0;
            int packUa = 0;
            for (int m = 0; m < 6; m++)
            {
                if (actions.SwitchClosed[m])
                {
                    on++;
                    onTicks[m]++;
                    packUa += actions.CurrentSetpointUa[m];
                }
            }

            // Exactly one module on in every tick: the load never sees a gap nor two modules at once.
            Assert.Equal(1, on);
            Assert.Equal(PulseUa, packUa);
        }

        // 60 s of 1 s pulses handed round six modules: each gets 10 s of current (1000 ticks), i.e. 1 s on, 5 s off.
        Assert.All(onTicks, t => Assert.Equal(1000, t));
        Assert.All(Enumerable.Range(0, 6), m => Assert.Equal(10, controller.Module(m).SwitchCloseCount));
    }

    [Fact]
    public void TooFewModulesDerateAndSaySo()
    {
        // Three modules cannot give a continuous 1 s pulse current with 5 s rests: at most 3 s in every 6 s.
        var (controller, frame, actions) = Build(3, PulseUa);
        bool derated = false;
        int onTicks = 0;
        for (long tick = 0; tick < 6000; tick++)
        {
            Feed(frame, actions, tick);
            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = controller.Telemetry[i];
                derated |= record.Kind == TelemetryRecordKind.Event && record.EventKind == EventKind.Derated;
            }

            for (int m = 0; m < 3; m++)
            {
                Assert.True(actions.CurrentSetpointUa[m] <= PulseUa);
                onTicks += actions.SwitchClosed[m] ? 1 : 0;
            }
        }

        Assert.True(derated);
        // Each module pulses 1 s then must rest 5 s: 3 modules deliver half the time.
        Assert.InRange(onTicks, 2900, 3100);
    }

    [Fact]
    public void IsolatedModuleIsSkippedAndTheRotationContinues()
    {
        var (controller, frame, actions) = Build(6, PulseUa);
        int gaps = 0;
        int deratedEvents = 0;
        for (long tick = 0; tick < 6000; tick++)
        {
            Feed(frame, actions, tick);
            if (tick >= 2000 && actions.SwitchClosed[2])
            {
                frame.CellVoltageMv[2] = 1; // hard short on module 2 while it carries current
            }

            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                deratedEvents += controller.Telemetry[i].Kind == TelemetryRecordKind.Event && controller.Telemetry[i].EventKind == EventKind.Derated ? 1 : 0;
            }

            if (tick > 2000)
            {
                gaps += actions.SwitchClosed.Count(c => c) == 1 ? 0 : 1;
            }
        }

        Assert.Equal(ModuleState.Hold, controller.Module(2).State);
        // Five modules with 1 s pulses and 5 s rests fill five of every six 1 s slots: the gap is the slot the
        // lost module can no longer give (1/6 of the remaining 4000 ticks), plus at most the rest of the slot in
        // which it was isolated (no other module is ready mid-slot).
        Assert.InRange(gaps, 4000 / 6 - 100, 4000 / 6 + 100);

        // One slot lost per 6 s rotation is one derating episode: the 10 s hold keeps it from flapping.
        Assert.Equal(1, deratedEvents);
    }

    [Fact]
    public void AModuleThatLowersItsCurrentIsToppedUpByTheNextReadyModule()
    {
        // Act mode, seven modules, demand one module's pulse current. Module 0's second pulse runs away from 0.5 s
        // on (climbs of 20, 60, 100 mV a sample, ever faster): act mode ends it and lowers its current to 80 %,
        // 308 uA. Whenever module 0 pulses after that, one more module covers the missing 385 - 308 = 77 uA, so the
        // load still sees 385 uA in every tick.
        var (controller, frame, actions) = Build(7, PulseUa, ControlMode.Act);
        int module0Pulses = 0;
        long pulseStartTick = 0;
        bool wasOn = false;
        int toppedUpTicks = 0;
        var lowPackTicks = new List<long>();
        for (long tick = 0; tick < 30000; tick++)
        {
            Feed(frame, actions, tick);
            bool on0 = actions.SwitchClosed[0];
            if (on0 && !wasOn)
            {
                module0Pulses++;
                pulseStartTick = tick;
            }

            wasOn = on0;
            if (on0 && module0Pulses == 2 && tick - pulseStartTick >= 50)
            {
                long sinceRunawayTicks = tick - pulseStartTick - 49;
                frame.CellVoltageMv[0] = 150 + (int)(20 * sinceRunawayTicks * sinceRunawayTicks);
            }

            controller.Tick(frame, actions);
            int packUa = 0;
            int on = 0;
            for (int m = 0; m < 7; m++)
            {
                if (actions.SwitchClosed[m])
                {
                    packUa += actions.CurrentSetpointUa[m];
                    on++;
                }
            }

            if (packUa < PulseUa - (PulseUa / 100))
            {
                lowPackTicks.Add(tick);
            }

            if (module0Pulses > 2 && actions.SwitchClosed[0])
            {
                Assert.Equal(308, actions.CurrentSetpointUa[0]);
                Assert.Equal(2, on);
                Assert.Equal(PulseUa, packUa);
                toppedUpTicks++;
            }
        }

        Assert.Equal(80, controller.Module(0).CurrentPercent);
        Assert.Empty(lowPackTicks);

        // 300 s: module 0 pulsed many more times after the abort, each 1 s (100 ticks) topped up.
        Assert.True(toppedUpTicks >= 20 * 100, $"{toppedUpTicks} ticks topped up");
    }

    private static (EdgeController Controller, SampleFrame Frame, ActionFrame Actions) BuildShortRests(int modules)
    {
        var layout = new PackLayout(modules, 1, 0);
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, PulseUa, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 500) };
        configuration.Scheduling.Enabled = true;
        configuration.Scheduling.DemandUa = PulseUa;
        return (new EdgeController(layout, configuration), new SampleFrame(layout), new ActionFrame(layout));
    }

    [Fact]
    public void SevenModulesWithShortRestsSpreadTheDemandOverFourAtOnce()
    {
        // 1 s pulses, 0.5 s rests: a module can carry current 1/1.5 of the time, seven sustain 4.67 at once, and the
        // 10 % headroom plans floor(0.9 x 4.67) = 4. Each of the four carries 385 / 4 = 96 uA (a quarter of the pulse
        // current), 384 uA in all, within the 1 % tolerance (3 uA) of the 385 uA demand; one module's worth waits.
        var (controller, frame, actions) = BuildShortRests(7);
        var onTicks = new int[7];
        int shortTicks = 0;
        for (long tick = 0; tick < 6000; tick++)
        {
            Feed(frame, actions, tick);
            controller.Tick(frame, actions);
            Assert.Equal(4, controller.Scheduler!.ModulesWanted);
            int packUa = 0;
            for (int m = 0; m < 7; m++)
            {
                if (actions.SwitchClosed[m])
                {
                    Assert.Equal(96, actions.CurrentSetpointUa[m]);
                    packUa += actions.CurrentSetpointUa[m];
                    onTicks[m] += tick >= 1000 ? 1 : 0;
                }
            }

            Assert.True(packUa <= 4 * 96, $"tick {tick}: {packUa} uA");
            shortTicks += packUa < 4 * 96 && tick >= 1000 ? 1 : 0;
        }

        // After the first 10 s the rotation has no gap, and the load is shared evenly: 50 s x 4 on at once over
        // seven modules is 50 / 7 x 4 = 28.6 s (2857 ticks) of current each, give or take one pulse (100 ticks).
        Assert.Equal(0, shortTicks);
        Assert.All(onTicks, t => Assert.InRange(t, 2857 - 100, 2857 + 100));
    }

    [Fact]
    public void AnIsolatedModuleLeavesThePlanAndTheOthersCarryMoreEach()
    {
        // Module 2 is hard-shorted from 20 s on: six modules sustain 6 / 1.5 = 4 at once, 90 % plans 3, so each
        // carries 385 / 3 = 128 uA (384 uA in all).
        var (controller, frame, actions) = BuildShortRests(7);
        int shortTicks = 0;
        for (long tick = 0; tick < 6000; tick++)
        {
            Feed(frame, actions, tick);
            if (tick >= 2000 && actions.SwitchClosed[2])
            {
                frame.CellVoltageMv[2] = 1;
            }

            controller.Tick(frame, actions);
            if (tick < 3000)
            {
                continue;
            }

            Assert.Equal(ModuleState.Hold, controller.Module(2).State);
            Assert.Equal(3, controller.Scheduler!.ModulesWanted);
            int packUa = 0;
            for (int m = 0; m < 7; m++)
            {
                if (actions.SwitchClosed[m])
                {
                    Assert.Equal(128, actions.CurrentSetpointUa[m]);
                    packUa += actions.CurrentSetpointUa[m];
                }
            }

            shortTicks += packUa < 3 * 128 ? 1 : 0;
        }

        Assert.Equal(0, shortTicks);
    }
    [Fact]
    public void AfterAModuleRunsOutTheOthersKeepTheirShareAndThePackDerates()
    {
        // As above, four of seven carry 96 uA each. Module 2 reaches the 3 V cut-off at 20 s and module 5 at 30 s.
        // Unlike an isolation (previous test: the others step up to 128 uA), a cut-off means the pack has reached the
        // end of its life: the others keep 96 uA. Six modules still sustain 6 / 1.5 = 4 at once (the demand is met);
        // five sustain only 3.33, so the pack delivers less and says so rather than raising anyone's current.
        var (controller, frame, actions) = BuildShortRests(7);
        var telemetry = new List<(EventKind Kind, long TimestampMs)>();
        int maxSetpointUa = 0;
        int shortTicksWithSix = 0;
        int shortTicksWithFive = 0;
        for (long tick = 0; tick < 6000; tick++)
        {
            Feed(frame, actions, tick);
            if ((tick >= 2000 && actions.SwitchClosed[2]) || (tick >= 3000 && actions.SwitchClosed[5]))
            {
                int m = tick >= 2000 && actions.SwitchClosed[2] ? 2 : 5;
                frame.CellVoltageMv[m] = 3100;
            }

            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                var record = controller.Telemetry[i];
                if (record.Kind == TelemetryRecordKind.Event)
                {
                    telemetry.Add((record.EventKind, record.TimestampMs));
                }
            }

            int packUa = 0;
            for (int m = 0; m < 7; m++)
            {
                if (actions.SwitchClosed[m])
                {
                    maxSetpointUa = System.Math.Max(maxSetpointUa, actions.CurrentSetpointUa[m]);
                    packUa += actions.CurrentSetpointUa[m];
                }
            }

            shortTicksWithSix += tick >= 2500 && tick < 3000 && packUa < 4 * 96 ? 1 : 0;
            shortTicksWithFive += tick >= 4000 && packUa < 4 * 96 ? 1 : 0;
        }

        Assert.Equal(ModuleState.Done, controller.Module(2).State);
        Assert.Equal(StopReason.Cutoff, controller.Module(2).StopReason);
        Assert.Equal(ModuleState.Done, controller.Module(5).State);
        Assert.Equal(96, maxSetpointUa);
        Assert.Equal(0, shortTicksWithSix);
        Assert.True(shortTicksWithFive > 1000, $"{shortTicksWithFive} short ticks with five modules left");

        // The pack says it derates from the first cut-off on and never claims the demand met again.
        var packEvents = telemetry.FindAll(e => e.Kind == EventKind.Derated || e.Kind == EventKind.DemandMet);
        Assert.Equal(EventKind.Derated, packEvents[^1].Kind);
        Assert.InRange(packEvents[^1].TimestampMs, 20000, 30000);
    }
}
