using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Decision.Scheduling;

/// <summary>
/// The pack scheduler (InterleavedScheduler driven by EdgeController) at the edges of its arithmetic: small demands,
/// rounding, a demand that falls within a pulse, and a protocol that does not repeat.
/// </summary>
public class SchedulerDemandEdgeTests
{
    private const int PulseUa = 385;

    private static ControllerConfiguration Configuration(int demandUa) => SchedulerRig.Configuration(demandUa);

    private static (EdgeController Controller, SampleFrame Frame, ActionFrame Actions) Build(int modules, ControllerConfiguration configuration)
    {
        // 64 modules report more than the default 64 records in a tick.
        configuration.Telemetry.RecordsPerTick = 4096;
        return SchedulerRig.Build(modules, configuration);
    }

    private static void Feed(SampleFrame frame, ActionFrame actions, long tick) => SchedulerRig.Feed(frame, actions, tick);

    private static (int On, int PackUa) Pack(ActionFrame actions) => SchedulerRig.Pack(actions);

    [Fact]
    public void ManyModulesSmallDemandNeverDeliverMoreThanTheDemand()
    {
        // 64 modules, 1 s pulses and 5 s fixed rests: capability 64 x 166 permille, 90 % plans 9 at once. A demand of
        // 8 uA (above the 3 uA tolerance) gives a share of 8 / 9 = 0 uA; a grant of 0 uA must not become the full
        // protocol current (385 uA, 48 times the demand).
        const int demandUa = 8;
        var (controller, frame, actions) = Build(64, Configuration(demandUa));
        for (long tick = 0; tick < 300; tick++)
        {
            Feed(frame, actions, tick);
            controller.Tick(frame, actions);
            var (on, packUa) = Pack(actions);
            Assert.True(packUa <= demandUa, $"tick {tick}: pack {packUa} uA from {on} module(s) for a demand of {demandUa} uA (ModulesWanted {controller.Scheduler!.ModulesWanted})");
        }
    }

    [Fact]
    public void DemandFallMidPulseDoesNotOvershootForTheRestOfThePulse()
    {
        // Six modules, one on at a time at 385 uA. At 10.5 s (mid-pulse) the profile drops the demand to 200 uA. The
        // scheduler's own promise (InterleavedScheduler: "end the pulses the others can do without now rather than
        // overshoot for the rest of the pulse") and the truthful-delivery rule: the pack must not go on carrying
        // 385 uA for another 0.5 s against a 200 uA demand.
        const int fallenUa = 200;
        var configuration = Configuration(PulseUa);
        configuration.Scheduling.ProfileStartMs = new long[] { 10500 };
        configuration.Scheduling.ProfileDemandUa = new int[] { fallenUa };
        var (controller, frame, actions) = Build(6, configuration);
        for (long tick = 0; tick < 1500; tick++)
        {
            Feed(frame, actions, tick);
            controller.Tick(frame, actions);
            var (_, packUa) = Pack(actions);
            if (frame.TimestampMs >= 10500)
            {
                Assert.True(packUa <= fallenUa, $"t {frame.TimestampMs} ms: pack {packUa} uA after the demand fell to {fallenUa} uA");
            }
        }
    }

    [Fact]
    public void ShareRoundingDoesNotPutAnExtraModuleOn()
    {
        // 64 modules, 5 s fixed rests: 9 modules planned at once. 1007 uA / 9 = 111 uA each leaves 8 uA of rounding,
        // more than the 1 % tolerance (3 uA): the remainder must go into the shares, not into a tenth module that
        // closes its switch for a whole 1 s pulse at 8 uA (and then rests 5 s) every rotation.
        const int demandUa = 1007;
        var (controller, frame, actions) = Build(64, Configuration(demandUa));
        for (long tick = 0; tick < 1200; tick++)
        {
            Feed(frame, actions, tick);
            controller.Tick(frame, actions);
            var (on, packUa) = Pack(actions);
            int wanted = controller.Scheduler!.ModulesWanted;
            Assert.True(on <= wanted, $"tick {tick}: {on} modules on ({packUa} uA) with ModulesWanted {wanted}");
        }
    }

    [Fact]
    public void ScheduledProtocolWithoutRepeatStillPulsesOnce()
    {
        // protocol.repeat false: one 1 s strip pulse, one 5 s rest, done. Scheduled, a started module waits in
        // ReadyAfterStart (README: "Start: to the first step (ReadyAfterStart when scheduled)"); its grant must start
        // the pulse, not skip past the last step into protocolDone without a single pulse.
        var configuration = Configuration(PulseUa);
        configuration.Protocol.Repeat = false;
        var (controller, frame, actions) = Build(2, configuration);
        int onTicks = 0;
        for (long tick = 0; tick < 1000; tick++)
        {
            Feed(frame, actions, tick);
            controller.Tick(frame, actions);
            onTicks += Pack(actions).On;
        }

        Assert.True(controller.Module(0).SwitchCloseCount == 1 && controller.Module(1).SwitchCloseCount == 1,
            $"switch closes: module 0 {controller.Module(0).SwitchCloseCount}, module 1 {controller.Module(1).SwitchCloseCount}; " +
            $"{onTicks} ticks with current; stop reasons {controller.Module(0).StopReason}, {controller.Module(1).StopReason}");
    }
}
