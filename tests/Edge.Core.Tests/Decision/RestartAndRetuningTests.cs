using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Diagnosis;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// The duty cycle across run boundaries and retuning: a restart soon after a current, a protocol change, a derate
/// over a depletion stretch, pulse tuning at its minimum. Expectations are hand-computed from the protocol, the seeds
/// ([W]) and the README's stated rules, never read back from the code.
/// </summary>
public class RestartAndRetuningTests
{
    private static ProtocolStep Strip(int ua, long ms) => new ProtocolStep(ProtocolStepKind.Strip, ua, ms);

    private static ProtocolStep Plate(int ua, long ms) => new ProtocolStep(ProtocolStepKind.Plate, ua, ms);

    private static ProtocolStep Rest(long ms) => new ProtocolStep(ProtocolStepKind.Rest, 0, ms);

    // ------------------------------------------------------------------------------------------------------------
    // 1 (high, safety). The direction-change rule lives only inside one run: Start() clears _hasRunCurrent, so a
    // protocol change (or stop + start) that begins with a plate step plates straight after stripping.
    // Correct: [W] critical current test / seeds.md rule 4 "never plate straight after stripping without a long,
    // relaxation-confirmed rest": the first plating after a strip current must wait DirectionChangeRestMs (35 s)
    // since that current ended, whichever run or protocol the strip current belonged to.
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void PlateFirstProtocolStartedRightAfterStrippingWaitsForTheDirectionChangeRest()
    {
        var layout = new PackLayout(1, 2, 0);
        var configuration = new ControllerConfiguration();
        var pack = new SyntheticPack(layout, configuration, c => SyntheticCells.Healthy(c));

        // Mid-way through the first 1 s strip pulse at 385 uA (1 mA/cm2).
        pack.RunUntil(500);
        Assert.True(pack.Actions.SwitchClosed[0]);
        Assert.True(pack.Actions.CurrentSetpointUa[0] > 0);

        // A validated change: same limits (154 uA critical current, 35 s direction-change rest), plating first.
        ProtocolConfiguration plating = configuration.Protocol.Clone();
        plating.Steps = new[] { Plate(154, 1000), Rest(5000) };
        pack.Controller.RequestProtocol(plating, startAfter: true);

        long lastStripMs = pack.NowMs;
        long firstPlateMs = -1;
        while (pack.NowMs < 60000 && firstPlateMs < 0)
        {
            pack.Step();
            int setpoint = pack.Actions.CurrentSetpointUa[0];
            if (pack.Actions.SwitchClosed[0] && setpoint > 0)
            {
                lastStripMs = pack.NowMs;
            }

            if (pack.Actions.SwitchClosed[0] && setpoint < 0)
            {
                firstPlateMs = pack.NowMs;
            }
        }

        // Strip current was commanded up to about 500 ms; plating must not start before it ended + 35 000 ms.
        Assert.InRange(lastStripMs, 400, 600);
        Assert.True(firstPlateMs < 0 || firstPlateMs - lastStripMs >= 35000,
            $"plating started {firstPlateMs - lastStripMs} ms after the strip current (at {firstPlateMs} ms); at least 35000 ms required");
    }

    // ------------------------------------------------------------------------------------------------------------
    // 2 (medium-high). Stop and start in the same tick mid-pulse: Start() enters the strip step at once with the
    // switch still closed, so the interrupted pulse and the new one merge into one continuous current.
    // Correct: a pulse-stripping engine never drives more continuous current than one configured pulse (1 s =
    // 100 samples at 10 ms); [W]/cell-model: 2 s pulses at 1 mA/cm2 fail on the first pulse. The protocol-change
    // path already defers its start for this reason; the start command does not.
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void StopAndStartInOneTickMidPulseRestsBeforeTheNextPulse()
    {
        var layout = new PackLayout(1, 2, 0);
        var pack = new SyntheticPack(layout, new ControllerConfiguration(), c => SyntheticCells.Healthy(c));
        int run = 0;
        int longestRun = 0;
        while (pack.NowMs < 8000)
        {
            if (pack.TickCount == 90)
            {
                // 900 ms into the first pulse: operator stop, then start, arriving within one tick.
                pack.Controller.RequestStop(0);
                pack.Controller.RequestStart(0);
            }

            pack.Step();
            run = pack.Actions.SwitchClosed[0] ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        Assert.True(longestRun <= 100, $"the switch stayed closed for {longestRun} ticks in a row (max 100 = one 1 s pulse)");
    }

    // ------------------------------------------------------------------------------------------------------------
    // 3 (medium). ModuleDutyCycle caches _firstCurrentStep / _firstRestStep at construction; a protocol change
    // (CopySettingsFrom replaces Steps) leaves them pointing at the old layout, so CapabilityPermille, FloorRestMs
    // and MayPulseEarly read the wrong steps (and index past the end when the new protocol is shorter).
    // Correct, scheduled pack after a change to [Rest 5 s, Strip 385 uA 1 s]: capability = 1000 ms pulse /
    // (1000 + 5000) ms cycle x 100 % = 166 permille per module; 7 modules: 7 x 166 = 1162, x 0.9 headroom =
    // 1.05 -> 1 module on (and ceil(385 / 385) = 1).
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void SchedulerPlansOnTheNewProtocolsStepsAfterAChange()
    {
        var layout = new PackLayout(7, 1, 0);
        var configuration = new ControllerConfiguration();
        configuration.Scheduling.Enabled = true;
        configuration.Scheduling.DemandUa = 385;
        var pack = new SyntheticPack(layout, configuration, c => SyntheticCells.Healthy(c));
        pack.RunUntil(3000);

        ProtocolConfiguration reordered = configuration.Protocol.Clone();
        reordered.Steps = new[] { Rest(5000), Strip(385, 1000) };
        Assert.Null(ConfigurationValidator.Validate(WithProtocol(configuration, reordered), layout));
        pack.Controller.RequestProtocol(reordered, startAfter: true);
        pack.RunUntil(4000);

        Assert.Equal(ModuleState.Rest, pack.Controller.Module(1).State);
        Assert.Equal(166, pack.Controller.Module(1).CapabilityPermille);
        Assert.Equal(1, pack.Controller.Scheduler.ModulesWanted);
    }

    private static ControllerConfiguration WithProtocol(ControllerConfiguration source, ProtocolConfiguration protocol)
    {
        var copy = new ControllerConfiguration();
        copy.Scheduling.Enabled = source.Scheduling.Enabled;
        copy.Scheduling.DemandUa = source.Scheduling.DemandUa;
        copy.Protocol.CopySettingsFrom(protocol);
        return copy;
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4 (medium). A protection derate undoes depletion's rest stretch (Derate -> LowerCurrent ->
    // RestTuner.OnCurrentReduced), and lifting the derate restores the current but not the stretch: a standing
    // depletion reaction is silently lost. Correct: the code itself keeps depletion and derate apart because "only
    // a derate is ever undone"; after the derate is lifted the module is back at 100 % current and must still rest
    // 5000 ms x 150 % = 7500 ms as the depletion warning asked.
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void ProtectionDerateAndItsLiftKeepTheDepletionRestExtension()
    {
        var layout = new PackLayout(1, 2, 0);
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act };
        var rig = new SnapshotRig(layout, configuration);
        var module = new ModuleDutyCycle(0, 0, 2, configuration, new ActiveProtectionLevels(layout));
        var requests = new ModuleReactionRequests(1);
        ProtocolStep rest = configuration.Protocol.Steps[1];
        bool lastClosed = false;
        long now = 0;

        void Tick(Action<ModuleReactionRequests> request = null, bool start = false)
        {
            rig.Begin(now);
            rig.Snapshot.Phase[0] = lastClosed ? ModulePhase.Current : ModulePhase.Open;
            rig.Snapshot.ModuleCurrentValid[0] = false;
            rig.SetCells(0, 100, 100);
            if (start)
            {
                module.Start(now, rig.Telemetry);
            }

            requests.Clear();
            request?.Invoke(requests);
            module.Trigger(rig.Snapshot, requests, false, false, rig.Telemetry);
            lastClosed = module.SwitchClosed;
            rig.End();
            now += 10;
        }

        Tick(start: true);
        Tick(r => r.Request(0, DiagnosisReaction.ExtendRest, DiagnosisId.DepletionTrendWarning));
        Assert.Equal(150, module.RestTuner.ExtensionPercent);
        Assert.Equal(7500L, module.RestTuner.FixedRestMs(rest));

        Tick(r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.CellOvertemperatureDerate));
        Assert.Equal(80, module.CurrentPercent);

        // 60 s (protection.derateRecoveryMs) inside the limits: the derate is lifted.
        while (now < 62000)
        {
            Tick();
        }

        Assert.Equal(100, module.CurrentPercent);
        Assert.True(module.RestTuner.FixedRestMs(rest) == 7500,
            $"after the derate was lifted the rest is {module.RestTuner.FixedRestMs(rest)} ms (stretch {module.RestTuner.ExtensionPercent} %), expected 7500 ms (150 %)");
    }

    // ------------------------------------------------------------------------------------------------------------
    // 5 (medium). Adaptive rests with a negligible relaxation end at the learned target without any check against
    // MaximumRestMs (RestTuner.ObserveRestTick, negligible branch). The target is clamped only when it moves, so
    // after a protocol change that lowers the maximum (the tuner keeps its state, the protocol object is live) the
    // rests run past the new maximum. Correct: "always by MaximumRestMs" (README, RestTuner summary): every rest
    // after the change to max 2000 ms ends by 2000 ms (+ one 10 ms tick).
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void AdaptiveRestEndsByTheNewMaximumAfterProtocolChange()
    {
        var layout = new PackLayout(1, 2, 0);
        var configuration = new ControllerConfiguration();
        configuration.Protocol.RestMode = RestMode.Adaptive;
        configuration.Protocol.MinimumRestMs = 5000;
        configuration.Protocol.MaximumRestMs = 10000;

        // A cell the interface sustains easily: 5 mV/sqrt(s) leaves about 4.5 mV after a 1 s pulse (< 10 mV negligible).
        var pack = new SyntheticPack(layout, configuration, c => SyntheticCells.Healthy(c, 5.0));
        pack.RunUntil(60000);

        ProtocolConfiguration shorter = configuration.Protocol.Clone();
        shorter.MinimumRestMs = 500;
        shorter.MaximumRestMs = 2000;
        pack.Controller.RequestProtocol(shorter, startAfter: true);
        long changedMs = pack.NowMs;
        pack.RunUntil(90000);

        var restsAfter = pack.RecordsOf(TelemetryRecordKind.RestTuned).Where(r => r.TimestampMs > changedMs + 20).ToList();
        Assert.NotEmpty(restsAfter);
        int longest = restsAfter.Max(r => r.RestMs);
        Assert.True(longest <= 2010, $"a rest lasted {longest} ms against a maximum of 2000 ms");
    }

    // ------------------------------------------------------------------------------------------------------------
    // 6 (low). Pulse tuning keeps the duty cycle by scaling fixed rests with PulsePercent, but the pulse is clamped up
    // to MinimumPulseMs while the rest is scaled by the unclamped percentage. Defaults (1000 ms pulse, 25 % per
    // warning, 250 ms minimum): 100 -> 75 -> 56 -> 42 -> 31 -> 23 %; the pulse is 250 ms (clamped), the rest
    // 5000 x 23 % = 1150 ms. Correct (PulseTuningConfiguration: "the mean current stays the same"): rest =
    // 5000 x 250 / 1000 = 1250 ms, duty 1/6; 1150 ms gives duty 250/1400 = 17.9 %, a harder cycle as the answer
    // to depletion.
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void FixedRestKeepsTheDutyCycleOnceThePulseIsAtItsMinimum()
    {
        var configuration = new ControllerConfiguration();
        configuration.PulseTuning.Enabled = true;
        var pulseTuner = new PulseTuner(configuration.PulseTuning, configuration.Protocol);
        var restTuner = new RestTuner(configuration.RestTuning, configuration.Protocol, pulseTuner, 0, 1, configuration.SamplePeriodMs);
        while (pulseTuner.Shorten())
        {
        }

        ProtocolStep pulse = configuration.Protocol.Steps[0];
        ProtocolStep rest = configuration.Protocol.Steps[1];
        Assert.Equal(250, pulseTuner.PulseLengthMs(pulse));

        // Duty held at 1000 / 6000: rest = pulse x 5.
        Assert.Equal(1250, restTuner.FixedRestMs(rest));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Safety. The cross-run direction-change rule checks only the time
    // since the strip current: ModuleDutyCycle.Start enters a plate step with relaxed = (now - _lastCurrentEndMs >=
    // DirectionChangeRestMs), never asking the rest tuner whether the interface has settled. Within a run the same
    // plate step waits for BOTH (AdvanceWhenDue: IsSettled && >= directionChangeRestMs, else DirectionChangeRest until
    // settled or directionChangeMaximumRestMs), and CONTRACT.md now says a plate-first protocol started after
    // stripping "waits for directionChangeRestMs since the strip current ended (and a settled relaxation) like a plate
    // step within a run".
    // Expected: a cell still relaxing at ~3 mV/s (limit 1.3 mV/s) 40 s after the strip is not plated on until it has
    // settled or 600 s (directionChangeMaximumRestMs) have passed.
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void PlateFirstProtocolStartedAfterTheDirectionChangeRestStillWaitsForASettledRelaxation()
    {
        var layout = new PackLayout(1, 2, 0);
        var configuration = new ControllerConfiguration();

        // A slowly relaxing interface: 300 mV decaying with a 30 s time constant after every pulse.
        var pack = new SyntheticPack(layout, configuration, c =>
        {
            double v = SyntheticCells.Healthy(c);
            if (!c.InPulse && c.SincePulseEndMs >= 0)
            {
                v += 300.0 * Math.Exp(-c.SincePulseEndMs / 30000.0);
            }

            return v;
        });

        // Strip for 500 ms of the first pulse, then stop.
        pack.RunUntil(500);
        Assert.True(pack.Actions.CurrentSetpointUa[0] > 0);
        pack.Controller.RequestStop(0);
        pack.Step();
        long stopMs = pack.NowMs;

        // 40 s later (past the 35 s direction-change rest) the interface is still relaxing.
        pack.RunUntil(stopMs + 40000);
        Assert.False(pack.Controller.Module(0).RestTuner.IsSettled(pack.Controller.Measurement, 0), "precondition: still relaxing");

        ProtocolConfiguration plating = configuration.Protocol.Clone();
        plating.Steps = new[] { Plate(154, 1000), Rest(5000) };
        pack.Controller.RequestProtocol(plating, startAfter: true);

        long firstPlateMs = -1;
        bool settledWhenPlated = false;
        while (pack.NowMs < stopMs + 120000 && firstPlateMs < 0)
        {
            pack.Step();
            if (pack.Actions.SwitchClosed[0] && pack.Actions.CurrentSetpointUa[0] < 0)
            {
                firstPlateMs = pack.NowMs;
                settledWhenPlated = pack.Controller.Module(0).RestTuner.IsSettled(pack.Controller.Measurement, 0);
            }
        }

        Assert.True(firstPlateMs < 0 || settledWhenPlated,
            $"plated {firstPlateMs - stopMs} ms after the strip current on an interface that had not settled (slope {pack.Controller.Measurement.RestSlopeUvPerS[0]} uV/s)");
    }

    // ------------------------------------------------------------------------------------------------------------
    // A start soon after a current "begins with the protocol's rest step and
    // then runs from its first step". For a protocol whose FIRST step is that rest ([Rest 5 s, Strip 1 s]), Start
    // enters the rest (rest-first), and NextStep then jumps to step 0 - the same rest - again: the module rests 10 s
    // instead of 5 s (before 30f912c such a restart rested once), losing duty and run time under a timeLimitMs.
    // Expected: the run's own first rest satisfies the rest before the first current: the strip closes 5 s (one rest)
    // after the stop+start, not 10 s.
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void RestartOfAProtocolThatBeginsWithARestRestsOnce()
    {
        var layout = new PackLayout(1, 2, 0);
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = new[] { Rest(5000), Strip(385, 1000) };
        var pack = new SyntheticPack(layout, configuration, c => SyntheticCells.Healthy(c));

        // The first pulse runs from 5 s to 6 s; stop and start arrive together at 5.5 s.
        pack.RunUntil(5500);
        Assert.True(pack.Actions.SwitchClosed[0]);
        pack.Controller.RequestStop(0);
        pack.Controller.RequestStart(0);
        long restartMs = pack.NowMs;

        long nextCloseMs = -1;
        while (pack.NowMs < restartMs + 20000 && nextCloseMs < 0)
        {
            pack.Step();
            if (pack.Actions.SwitchClosed[0])
            {
                nextCloseMs = pack.NowMs;
            }
        }

        Assert.InRange(nextCloseMs - restartMs, 5000, 5100);
    }
}
