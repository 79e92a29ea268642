using System.Globalization;
using System.Reflection;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Telemetry;
using Edge.Core.Tests.Support;
using Xunit;
using Edge.Core.Records;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Sampling;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// The duty-cycle engine (<see cref="ModuleDutyCycle"/>) driven directly, tick by tick every 10 ms, with
/// hand-filled snapshots and reaction requests, without measurement, detectors or controller. The snapshot's
/// phase follows the engine's previous output (the sample ends the interval the last setpoint ruled), and with
/// no current reading the engine counts its own setpoint as the current.
/// </summary>
public class ModuleDutyCycleTests
{
    private sealed class Engine
    {
        private bool _lastClosed;

        public Engine(Action<ControllerConfiguration> configure = null, params ProtocolStep[] steps)
        {
            var configuration = Rig.Configuration;
            configuration.Protocol.Steps = steps.Length > 0 ? steps : new[]
            {
                new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
                new ProtocolStep(ProtocolStepKind.Rest, 0, 5000),
            };
            configure?.Invoke(configuration);
            Detector = new DepletionOnsetDetector(configuration, Rig.Layout);
            Module = new ModuleDutyCycle(0, 0, 2, configuration, new ActiveProtectionLevels(new PackLayout(1, 2, 0)), Detector);
        }

        public SnapshotRig Rig { get; } = new SnapshotRig();

        /// <summary>The detector the engine tells to learn afresh when depletion's reductions are undone; the engine's ticks do not evaluate it.</summary>
        public DepletionOnsetDetector Detector { get; }

        public ModuleDutyCycle Module { get; }

        public ModuleReactionRequests Requests { get; } = new ModuleReactionRequests(1);

        public bool Latched { get; set; }

        /// <summary>Cells' slopes settled (valid and 0) when true; not yet valid when false.</summary>
        public bool Settled { get; set; }

        public long NowMs { get; private set; } = -10;

        public List<RecordCopy> Records => Rig.Records;

        public List<RecordCopy> States => Records.Where(r => r.Kind == TelemetryRecordKind.StateChanged).ToList();

        public List<RecordCopy> Rests => Records.Where(r => r.Kind == TelemetryRecordKind.RestTuned).ToList();

        /// <summary>
        /// One tick: <paramref name="before"/> runs where the controller applies commands (before the decision),
        /// <paramref name="request"/> fills this tick's reaction requests, <paramref name="after"/> runs where the
        /// pack scheduler does (after it).
        /// </summary>
        public void Tick(Action<Engine> before = null, Action<ModuleReactionRequests> request = null, Action<Engine> after = null, Action<SnapshotRig> cells = null)
        {
            NowMs += 10;
            Rig.Begin(NowMs);
            Rig.Snapshot.Phase[0] = _lastClosed ? ModulePhase.Current : ModulePhase.Open;
            Rig.Snapshot.ModuleCurrentValid[0] = false;
            Rig.SetCells(0, 500, 500);
            Rig.Snapshot.RestSlopeValid[0] = Settled;
            cells?.Invoke(Rig);
            before?.Invoke(this);
            Requests.Clear();
            request?.Invoke(Requests);
            Module.Trigger(Rig.Snapshot, Requests, Latched, false, Rig.Telemetry);
            after?.Invoke(this);
            _lastClosed = Module.SwitchClosed;
            Rig.End();
        }

        public void Start() => Tick(before: e => e.Module.Start(e.NowMs, e.Rig.Telemetry));

        public void RunThrough(long untilMs)
        {
            while (NowMs < untilMs)
            {
                Tick();
            }
        }

        public List<RecordCopy> At(long timestampMs) => Records.Where(r => r.TimestampMs == timestampMs).ToList();
    }

    [Fact]
    public void FixedCycleRunsPulseRestPulseAtTheProtocolsTimes()
    {
        var engine = new Engine();
        engine.Start();
        Assert.Equal((ModuleSubState.Pulse, ModuleState.Pulse), (engine.Module.SubState, engine.Module.State));
        Assert.True(engine.Module.SwitchClosed);
        Assert.Equal(385, engine.Module.SetpointUa);
        var first = engine.At(0);
        Assert.Equal(EventKind.Started, first[0].EventKind);
        Assert.Equal((TelemetryRecordKind.StateChanged, ModuleState.Pulse, StopReason.None), (first[1].Kind, first[1].State, first[1].StopReason));

        engine.RunThrough(990);
        Assert.True(engine.Module.SwitchClosed);
        engine.Tick();
        Assert.Equal((ModuleSubState.Rest, ModuleState.Rest, 1000L), (engine.Module.SubState, engine.Module.State, engine.States[1].TimestampMs));
        Assert.False(engine.Module.SwitchClosed);

        engine.RunThrough(5990);
        Assert.Equal(ModuleSubState.Rest, engine.Module.SubState);
        engine.Tick();
        var rest = Assert.Single(engine.Rests);
        Assert.Equal((6000L, 5000, RestEndReason.Fixed), (rest.TimestampMs, rest.RestMs, rest.RestEndReason));
        Assert.Equal(ModuleSubState.Pulse, engine.Module.SubState);

        // 100 ticks of 385 uA x 10 ms in the first pulse (10 ms to 1000 ms); 500 rest ticks (1010 ms to 6000 ms).
        Assert.Equal(385000, engine.Module.StrippedChargeNc);
        Assert.Equal(1000, engine.Module.PulseTimeMs);
        Assert.Equal(5000, engine.Module.RestTimeMs);
        Assert.Equal((1L, 2L), (engine.Module.RestCount, engine.Module.SwitchCloseCount));
        Assert.Equal(new[] { ModuleState.Pulse, ModuleState.Rest, ModuleState.Pulse }, engine.States.Select(s => s.State));
    }

    [Fact]
    public void ALiftedDerateGivesBackItsOwnStepAndNotDepletionsReduction()
    {
        // A protection derate (20 %) at 10 ms, then a depletion reduction (20 %) at 20 ms: 100 -> 80 -> 64 %, so the pulse
        // runs 385 x 64 / 100 = 246 uA. No protection level is active in these ticks (no diagnosis behind the engine),
        // so the 60 s of recovery count from the derate's own tick: at 10 + 5999 x 10 = 60000 ms one step comes back,
        // 64 -> 80 % (the depletion's 80 %, 308 uA), and the depletion reduction, with nothing plated back, is never undone.
        var engine = new Engine();
        engine.Start();
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.CellOvervoltageDerate));
        Assert.Equal((80, 1, 308), (engine.Module.CurrentPercent, engine.Module.DerateSteps, engine.Module.SetpointUa));
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.DepletionTrendWarning));
        Assert.Equal((64, 246), (engine.Module.CurrentPercent, engine.Module.SetpointUa));

        engine.RunThrough(59990);
        Assert.Equal(64, engine.Module.CurrentPercent);
        engine.Tick();
        Assert.Equal((80, 0), (engine.Module.CurrentPercent, engine.Module.DerateSteps));
        var lift = Assert.Single(engine.Records, r => r.Kind == TelemetryRecordKind.Event && r.EventKind == EventKind.DerateLifted);
        Assert.Equal((60000L, 80, 64, Severity.Info), (lift.TimestampMs, lift.Value, lift.Threshold, lift.Severity));

        engine.RunThrough(300000);
        Assert.Equal(80, engine.Module.CurrentPercent);
        engine.RunThrough(300500);
        Assert.Equal((ModuleSubState.Pulse, 308), (engine.Module.SubState, engine.Module.SetpointUa));
    }

    [Fact]
    public void ADerateUndoneAtTheCurrentsFloorIsNotReportedAsALift()
    {
        // Depletion steps of 50 %, derate steps of 10 %, floor 25 %. A derate (100 -> 90 %), then two depletion steps:
        // depletion's own 100 -> 50 -> 25 %, combined 50 x 0.9 = 45 and 25 x 0.9 = 22.5, held at the floor, 25. Undoing
        // the derate gives 25 % again: nothing rises, so there is no lift to report.
        var engine = new Engine(c =>
        {
            c.Depletion.CurrentReductionPercent = 50;
            c.Protection.DerateCurrentPercent = 10;
        });
        engine.Start();
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.CellOvervoltageDerate));
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.DepletionTrendWarning));
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.DepletionTrendWarning));
        Assert.Equal((25, 1), (engine.Module.CurrentPercent, engine.Module.DerateSteps));

        engine.RunThrough(61000);
        Assert.Equal((25, 0), (engine.Module.CurrentPercent, engine.Module.DerateSteps));
        Assert.DoesNotContain(engine.Records, r => r.Kind == TelemetryRecordKind.Event && r.EventKind == EventKind.DerateLifted);
    }

    private static readonly ProtocolStep[] StripAndRest = { new ProtocolStep(ProtocolStepKind.Strip, 385, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 5000) };

    /// <summary>
    /// The refill tests' settings: strip 385 uA 1 s / rest 5 s, a plating cap (1000 uA) that leaves a 385 uA plate step
    /// as it is, the short direction-change rest, and derates never undone by time (<c>protection.derateRecoveryMs</c> 0).
    /// </summary>
    private static void RefillSetUp(ControllerConfiguration configuration)
    {
        ShortDirectionChange(configuration);
        configuration.Protocol.PlatingCriticalCurrentUa = 1000;
        configuration.Protection.DerateRecoveryMs = 0;
    }

    /// <summary>Ticks on to <paramref name="startMs"/> and starts <paramref name="steps"/> there, as a protocol change with start does.</summary>
    private static void StartProtocol(Engine engine, long startMs, bool repeat, params ProtocolStep[] steps)
    {
        engine.RunThrough(startMs - 10);
        engine.Tick(before: e =>
        {
            e.Rig.Configuration.Protocol.Steps = steps;
            e.Rig.Configuration.Protocol.Repeat = repeat;
            e.Module.Start(e.NowMs, e.Rig.Telemetry);
        });
    }

    private static List<RecordCopy> DepletionLifts(Engine engine) =>
        engine.Records.Where(r => r.Kind == TelemetryRecordKind.Event && r.EventKind == EventKind.DepletionLifted).ToList();

    /// <summary>
    /// Gives the engine's detector a depletion trend on both cells, as <c>DepletionOnsetDetectorOnSnapshotsTests</c> does:
    /// a 100 mV baseline over 5 pulses, then six pulses at 115 mV add 115 - 100 - 2 = 13 mV each, a CUSUM of 78 mV.
    /// </summary>
    private static void BuildDepletionTrend(DepletionOnsetDetector detector)
    {
        var rig = new SnapshotRig();
        rig.SetCells(0, 500, 500);
        rig.SetCurrent(0, ModulePhase.Open, 0);
        for (int i = 0; i < 11; i++)
        {
            rig.Begin(i * 1000);
            rig.Snapshot.PulseEnded[0] = true;
            rig.Snapshot.EdgeCurrentUa[0] = 385;
            for (int c = 0; c < 2; c++)
            {
                rig.Snapshot.PulseOverpotentialMv[c] = i < 5 ? 100 : 115;
                rig.Snapshot.EdgeResistanceMilliohm[c] = 1000;
            }

            detector.Evaluate(rig.Snapshot, rig.Diagnosis);
            rig.End();
        }

        Assert.Equal((78, 78), (detector.CusumMv(0), detector.CusumMv(1)));
    }

    [Theory]
    [InlineData(1010, true)]
    [InlineData(500, false)]
    public void PlatingBackWhatTheRunStrippedUndoesDepletionsReduction(int plateMs, bool refilled)
    {
        // Run 1 strips 385 uA 1 s / rest 5 s from 0 nC net. Depletion's reduction (20 %) comes in the pulse's first tick:
        // 385 uA for that tick, 308 uA for the other 99: 3850 + 99 x 3080 = 308,770 nC. Stopped in the rest.
        var engine = new Engine(RefillSetUp) { Settled = true };
        BuildDepletionTrend(engine.Detector);
        engine.Start();
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.DepletionTrendWarning));
        Assert.Equal((80, 80, 308), (engine.Module.CurrentPercent, engine.Module.DepletionPercent, engine.Module.SetpointUa));
        engine.RunThrough(1000);
        engine.Tick(before: e => e.Module.Stop(e.NowMs, e.Rig.Telemetry));
        Assert.Equal((308770L, 0L), (engine.Module.StrippedChargeNc, engine.Module.PlatedChargeNc));

        // Run 2 plates once, at 385 x 80 % = 308 uA (3080 nC a tick), after the 2 s direction-change rest from the strip's
        // end at 1 s: from 3 s. 1010 ms are 101 ticks, 311,080 nC: net -2310 nC, at or below the run's start. 500 ms are
        // 50 ticks, 154,000 nC: net 154,770 nC, half of what run 1 stripped still out. The plate step itself began
        // before the charge came back, so it keeps 80 % to its end.
        StartProtocol(engine, 2000, false, new ProtocolStep(ProtocolStepKind.Plate, 385, plateMs));
        engine.RunThrough(3000);
        Assert.Equal(-308, engine.Module.SetpointUa);
        engine.RunThrough(3000 + plateMs);
        Assert.Equal((ModuleState.Done, 80), (engine.Module.State, engine.Module.CurrentPercent));
        Assert.Equal(plateMs / 10 * 3080L, engine.Module.PlatedChargeNc);

        // Run 3 strips again: after the whole charge, the full 385 uA from its first pulse, with a depletionLifted event
        // (100 % now, 80 % before), and the detector learns afresh (CUSUM 0). After half of it, still 308 uA, no event,
        // the CUSUM as it was.
        StartProtocol(engine, 10000, true, StripAndRest);
        Assert.Equal(ModuleSubState.Pulse, engine.Module.SubState);
        Assert.Equal(refilled ? (100, 100, 385) : (80, 80, 308), (engine.Module.CurrentPercent, engine.Module.DepletionPercent, engine.Module.SetpointUa));
        Assert.Equal(refilled ? 0 : 78, engine.Detector.CusumMv(0));
        if (refilled)
        {
            var lift = Assert.Single(DepletionLifts(engine));
            Assert.Equal((10000L, -1, 100, 80, Severity.Info), (lift.TimestampMs, lift.Cell, lift.Value, lift.Threshold, lift.Severity));
        }
        else
        {
            Assert.Empty(DepletionLifts(engine));
        }
    }

    [Fact]
    public void ARefillUndoesDepletionsReductionAndKeepsTheDerate()
    {
        // A derate (20 %) in the pulse's first tick, depletion's reduction (20 %) in its second: 385, 308, then
        // 385 x 64 % = 246 uA for 98 ticks: 3850 + 3080 + 98 x 2460 = 248,010 nC. Plating at 246 uA for 1010 ms, 101 x 2460
        // = 248,460 nC, brings the net to -450 nC. The next strip pulse runs at the derate's 80 %, 308 uA: depletion's
        // reduction undone, the derate kept (derateRecoveryMs 0 never undoes it); the event says 80 % now, 64 % before.
        var engine = new Engine(RefillSetUp) { Settled = true };
        engine.Start();
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.CellOvervoltageDerate));
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.DepletionTrendWarning));
        Assert.Equal((64, 1, 246), (engine.Module.CurrentPercent, engine.Module.DerateSteps, engine.Module.SetpointUa));
        engine.RunThrough(1000);
        engine.Tick(before: e => e.Module.Stop(e.NowMs, e.Rig.Telemetry));
        Assert.Equal(248010L, engine.Module.StrippedChargeNc);

        StartProtocol(engine, 2000, false, new ProtocolStep(ProtocolStepKind.Plate, 385, 1010));
        engine.RunThrough(5000);
        Assert.Equal((ModuleState.Done, 248460L), (engine.Module.State, engine.Module.PlatedChargeNc));

        StartProtocol(engine, 10000, true, StripAndRest);
        Assert.Equal((80, 100, 1, 308), (engine.Module.CurrentPercent, engine.Module.DepletionPercent, engine.Module.DerateSteps, engine.Module.SetpointUa));
        var lift = Assert.Single(DepletionLifts(engine));
        Assert.Equal((10000L, 80, 64), (lift.TimestampMs, lift.Value, lift.Threshold));
    }

    [Theory]
    [InlineData(1010, true)]
    [InlineData(500, false)]
    public void ARunThatPlatedFirstMustBePlatedBackToItsFullestPoint(int plateMs, bool refilled)
    {
        // Run 1 plates first: 385 uA for 1 s, 100 x 3850 = 385,000 nC, net -385,000 nC (its fullest point), rests 5 s, then
        // strips from 6 s with depletion's reduction in the pulse's first tick: 3850 + 99 x 3080 = 308,770 nC, net
        // -76,230 nC; it ends after the rest. Run 2 plates at 308 uA: 1010 ms (311,080 nC) bring the net to -387,310 nC,
        // past the fullest point; 500 ms (154,000 nC) to -230,230 nC, back below the run's start (0) but 154,770 nC short
        // of where the pulses last ran at their full current. Only the first undoes the reduction.
        var engine = new Engine(RefillSetUp) { Settled = true };
        StartProtocol(engine, 0, false, new ProtocolStep(ProtocolStepKind.Plate, 385, 1000), StripAndRest[1], StripAndRest[0], StripAndRest[1]);
        engine.RunThrough(6000);
        Assert.Equal((385000L, 385), (engine.Module.PlatedChargeNc, engine.Module.SetpointUa));
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.DepletionTrendWarning));
        engine.RunThrough(12000);
        Assert.Equal((ModuleState.Done, StopReason.ProtocolComplete, 308770L), (engine.Module.State, engine.Module.StopReason, engine.Module.StrippedChargeNc));

        StartProtocol(engine, 13000, false, new ProtocolStep(ProtocolStepKind.Plate, 385, plateMs));
        engine.RunThrough(20000);
        Assert.Equal((ModuleState.Done, 385000L + (plateMs / 10 * 3080L)), (engine.Module.State, engine.Module.PlatedChargeNc));

        StartProtocol(engine, 30000, true, StripAndRest);
        Assert.Equal(refilled ? 385 : 308, engine.Module.SetpointUa);
        Assert.Equal(refilled ? 1 : 0, DepletionLifts(engine).Count);
    }

    [Fact]
    public void AReductionWhilePlatingIsNotUndoneByPlating()
    {
        // A convex rise while plating (AbortPulse asks for the lower current too) reduces the current with nothing
        // stripped in the run: no metal is missing that plating could put back. Plate 385 uA 1 s / rest 5 s, the
        // reduction 500 ms into the first plate pulse; the next plate pulse, at 6 s with 346,500 nC more plated, keeps
        // 308 uA.
        var engine = new Engine(RefillSetUp) { Settled = true };
        StartProtocol(engine, 0, true, new ProtocolStep(ProtocolStepKind.Plate, 385, 1000), StripAndRest[1]);
        engine.RunThrough(490);
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.DepletionNonlinearRise));
        Assert.Equal(-308, engine.Module.SetpointUa);
        engine.RunThrough(6000);
        Assert.Equal((ModuleSubState.Pulse, -308, 346500L), (engine.Module.SubState, engine.Module.SetpointUa, engine.Module.PlatedChargeNc));
        Assert.Empty(DepletionLifts(engine));
    }

    /// <summary>The first cycle after <paramref name="fromMs"/>: when its pulse ended, how long its rest lasted, when the next pulse began.</summary>
    private static (long PulseEndMs, int RestMs, long NextPulseMs) CycleAfter(Engine engine, long fromMs)
    {
        var states = engine.States.Where(s => s.TimestampMs > fromMs).ToList();
        var rest = engine.Rests.First(r => r.TimestampMs > fromMs);
        return (states.First(s => s.State == ModuleState.Rest).TimestampMs, rest.RestMs, states.First(s => s.State == ModuleState.Pulse).TimestampMs);
    }

    [Theory]
    [InlineData(2000, true)]
    [InlineData(1000, false)]
    public void ARefillGivesBackTheProtocolsPulseAndFixedRestAndKeepsTheDerate(int plateStepMs, bool refilled)
    {
        // Pulse tuning on (25 % shorter per answer, minimum 500 ms: the 1 s pulse's floor is 50 %). Four depletion warnings
        // in the first pulse's first ticks: 100 -> 75 -> 56 -> 50 % (42 held at the floor), then, the pulse at its minimum,
        // the rests stretched to 150 %: the fixed rest is 5000 x 150 % x 50 % = 3750 ms after a 500 ms pulse. A protection
        // derate at 50 ms: 80 %, 308 uA. Stripped: ticks 10-50 at 385 uA (5 x 3850 nC), ticks 60-500 at 308 uA
        // (45 x 3080 nC): 157,850 nC. Stopped in the rest.
        var engine = new Engine(c =>
        {
            RefillSetUp(c);
            c.PulseTuning.Enabled = true;
            c.PulseTuning.MinimumPulseMs = 500;
        }) { Settled = true };
        engine.Start();
        for (int i = 0; i < 4; i++)
        {
            engine.Tick(request: r => r.Request(0, DiagnosisReaction.ExtendRest, DiagnosisId.DepletionTrendWarning));
        }

        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ReduceCurrent, DiagnosisId.CellOvervoltageDerate));
        Assert.Equal((50, 150, 80, 100, 1), (engine.Module.PulsePercent, engine.Module.RestTuner.ExtensionPercent, engine.Module.CurrentPercent, engine.Module.DepletionPercent, engine.Module.DerateSteps));
        Assert.Equal(3750, engine.Module.RestTuner.FixedRestMs(StripAndRest[1]));
        engine.RunThrough(500);
        Assert.Equal(ModuleState.Rest, engine.Module.State);
        engine.Tick(before: e => e.Module.Stop(e.NowMs, e.Rig.Telemetry));
        Assert.Equal(157850L, engine.Module.StrippedChargeNc);

        // The plating run's step is shortened alike (50 %, its own floor 25 or 50 %): 2000 ms run 1000 ms at 308 uA from
        // 2.5 s (the 2 s direction-change rest after the strip's end at 0.5 s), 100 x 3080 = 308,000 nC, net -150,150 nC;
        // 1000 ms run 500 ms, 154,000 nC, net 3850 nC still out.
        StartProtocol(engine, 1000, false, new ProtocolStep(ProtocolStepKind.Plate, 385, plateStepMs));
        engine.RunThrough(5000);
        Assert.Equal((ModuleState.Done, plateStepMs / 20 * 3080L), (engine.Module.State, engine.Module.PlatedChargeNc));

        // Stripping again at 10 s: refilled, the pulse is the protocol's 1 s and the rest its 5 s (pulse 10-11 s, next
        // pulse at 16 s), the derate's 80 % kept; the event says the current, 80 % now and before. Not refilled: 500 ms
        // pulses and 3750 ms rests (10-10.5 s, next pulse at 14.25 s), no event. The start at 10 s is 6.5 s or more after
        // the plating, longer than either rest: the run begins with its pulse.
        StartProtocol(engine, 10000, true, StripAndRest);
        Assert.Equal(refilled ? (100, 100) : (50, 150), (engine.Module.PulsePercent, engine.Module.RestTuner.ExtensionPercent));
        Assert.Equal((80, 1, 308), (engine.Module.CurrentPercent, engine.Module.DerateSteps, engine.Module.SetpointUa));
        engine.RunThrough(17000);
        Assert.Equal(refilled ? (11000L, 5000, 16000L) : (10500L, 3750, 14250L), CycleAfter(engine, 10000));
        if (refilled)
        {
            var lift = Assert.Single(DepletionLifts(engine));
            Assert.Equal((10000L, 80, 80), (lift.TimestampMs, lift.Value, lift.Threshold));
        }
        else
        {
            Assert.Empty(DepletionLifts(engine));
        }
    }

    [Fact]
    public void ARefillUndoesTheCurrentRungAndTheStretchWarningsGaveAfterIt()
    {
        // Pulse tuning off. Warnings at 10 and 20 ms stretch the rests to 150 and 225 % (the maximum); the third at 30 ms
        // takes the next rung, 80 % current, which trades the stretch away (100 %); a fourth at 40 ms stretches again,
        // 150 %: 7500 ms rests. Stripped: ticks 10-30 at 385 uA (3 x 3850 nC), 40-1000 at 308 uA (97 x 3080 nC): 310,310 nC.
        // Plated at 308 uA for 1010 ms from 3 s: 101 x 3080 = 311,080 nC, net -770 nC. Stripping again at 12 s (7.99 s
        // after the plating, past the stretched 7.5 s rest, so the run begins with its pulse): 385 uA, 1 s pulse, 5 s
        // rest, and the event says 100 % now, 80 % before.
        var engine = new Engine(RefillSetUp) { Settled = true };
        engine.Start();
        for (int i = 0; i < 4; i++)
        {
            engine.Tick(request: r => r.Request(0, DiagnosisReaction.ExtendRest, DiagnosisId.DepletionTrendWarning));
        }

        Assert.Equal((150, 80, 308), (engine.Module.RestTuner.ExtensionPercent, engine.Module.CurrentPercent, engine.Module.SetpointUa));
        engine.RunThrough(1000);
        engine.Tick(before: e => e.Module.Stop(e.NowMs, e.Rig.Telemetry));
        Assert.Equal(310310L, engine.Module.StrippedChargeNc);

        StartProtocol(engine, 2000, false, new ProtocolStep(ProtocolStepKind.Plate, 385, 1010));
        engine.RunThrough(5000);
        Assert.Equal((ModuleState.Done, 311080L), (engine.Module.State, engine.Module.PlatedChargeNc));

        StartProtocol(engine, 12000, true, StripAndRest);
        Assert.Equal((100, 100, 100, 385), (engine.Module.RestTuner.ExtensionPercent, engine.Module.CurrentPercent, engine.Module.DepletionPercent, engine.Module.SetpointUa));
        engine.RunThrough(19000);
        Assert.Equal((13000L, 5000, 18000L), CycleAfter(engine, 12000));
        var lift = Assert.Single(DepletionLifts(engine));
        Assert.Equal((12000L, 100, 80), (lift.TimestampMs, lift.Value, lift.Threshold));
    }

    [Theory]
    [InlineData(2010, true)]
    [InlineData(1000, false)]
    public void ARefillTakesTheStretchOutOfAnAdaptiveRestAndKeepsWhatItLearned(int plateMs, bool refilled)
    {
        // Adaptive rests (minimum 500 ms, maximum 10 s; the learned target moves an eighth of the way to each settle time).
        // Two warnings in the first pulse stretch the target from 500 ms to 750 and 1125 ms (225 %, the maximum), and
        // the floor to 1125 ms. The first rest never settles and runs to the 10 s maximum: target 1125 + 8875 / 8 =
        // 2234 ms, what the tuner learned on top of the stretch. A second pulse (11-12 s), stopped in its rest:
        // 2 x 100 x 3850 = 770,000 nC stripped.
        var engine = new Engine(c =>
        {
            RefillSetUp(c);
            c.Protocol.RestMode = RestMode.Adaptive;
        });
        engine.Start();
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ExtendRest, DiagnosisId.DepletionTrendWarning));
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.ExtendRest, DiagnosisId.DepletionTrendWarning));
        Assert.Equal((225, 1125L), (engine.Module.RestTuner.ExtensionPercent, engine.Module.RestTuner.TargetMs));
        engine.RunThrough(12000);
        Assert.Equal((10000, RestEndReason.MaximumReached), (engine.Rests[0].RestMs, engine.Rests[0].RestEndReason));
        Assert.Equal(2234L, engine.Module.RestTuner.TargetMs);
        engine.Tick(before: e => e.Module.Stop(e.NowMs, e.Rig.Telemetry));
        Assert.Equal(770000L, engine.Module.StrippedChargeNc);

        // The cells settle from here on (slopes valid and 0: settled from a rest's first tick, held 500 ms, so a rest
        // observes its settling at 510 ms). Plating at 385 uA from 14 s: 2010 ms, 201 x 3850 = 773,850 nC, net -3850 nC;
        // 1000 ms, 385,000 nC, half still out.
        engine.Settled = true;
        StartProtocol(engine, 13000, false, new ProtocolStep(ProtocolStepKind.Plate, 385, plateMs));
        engine.RunThrough(17000);
        Assert.Equal((ModuleState.Done, plateMs / 10 * 3850L), (engine.Module.State, engine.Module.PlatedChargeNc));

        // Refilled: the stretch is taken out of what was learned, 2234 x 100 / 225 = 992 ms, and the floor is the plain
        // 500 ms. The rest after the pulse at 20-21 s ends at the first tick past 992 ms (1000 ms, settled since 510), and
        // the target moves on from there: 992 + (510 - 992) / 8 = 932 ms, below the 1125 ms the stretch held it at.
        // Not refilled: 2234 ms (the rest ends at 2240 ms) and 2234 + (510 - 2234) / 8 = 2019 ms.
        StartProtocol(engine, 20000, true, StripAndRest);
        Assert.Equal(refilled ? (100, 992L, 500L) : (225, 2234L, 1125L), (engine.Module.RestTuner.ExtensionPercent, engine.Module.RestTuner.TargetMs, engine.Module.RestTuner.FloorRestMs(StripAndRest[1])));
        while (!engine.Rests.Any(r => r.TimestampMs > 20000))
        {
            engine.Tick();
        }

        var rest = engine.Rests.Single(r => r.TimestampMs > 20000);
        Assert.Equal(refilled ? (22000L, 1000) : (23240L, 2240), (rest.TimestampMs, rest.RestMs));
        Assert.Equal(refilled ? 932L : 2019L, engine.Module.RestTuner.TargetMs);
        Assert.Equal(refilled ? 1 : 0, DepletionLifts(engine).Count);
    }

    private static readonly ProtocolStep Strip1s = new ProtocolStep(ProtocolStepKind.Strip, 385, 1000);
    private static readonly ProtocolStep Plate1s = new ProtocolStep(ProtocolStepKind.Plate, 385, 1000);

    private static void ShortDirectionChange(ControllerConfiguration configuration)
    {
        configuration.Protocol.DirectionChangeRestMs = 2000;
        configuration.Protocol.DirectionChangeMaximumRestMs = 4000;
    }

    [Theory]
    [InlineData(false, 5000)]
    [InlineData(true, 3000)]
    public void PlatingStraightAfterStrippingWaitsInADirectionChangeRest(bool settled, long plateFromMs)
    {
        // Strip 0-1 s, then the plate step: first a direction-change rest of at least 2 s that settled (ends at 3 s), or
        // the 4 s maximum when it never settles (ends at 5 s). The plate current is capped at the critical 154 uA.
        var engine = new Engine(ShortDirectionChange, Strip1s, Plate1s) { Settled = settled };
        engine.Start();
        engine.RunThrough(1000);
        Assert.Equal((ModuleSubState.DirectionChangeRest, ModuleState.Rest), (engine.Module.SubState, engine.Module.State));
        Assert.Equal(1, engine.Module.StepIndex);

        engine.RunThrough(plateFromMs - 10);
        Assert.False(engine.Module.SwitchClosed);
        engine.Tick();
        var rest = Assert.Single(engine.Rests);
        Assert.Equal((plateFromMs, (int)(plateFromMs - 1000), RestEndReason.DirectionChange), (rest.TimestampMs, rest.RestMs, rest.RestEndReason));
        Assert.Equal(ModuleSubState.Pulse, engine.Module.SubState);
        Assert.Equal(-154, engine.Module.SetpointUa);

        // Plate to strip needs no wait: the strip pulse follows the plate pulse in the same tick, with no state change.
        engine.RunThrough(plateFromMs + 1000);
        Assert.Equal((ModuleSubState.Pulse, 0, 385), (engine.Module.SubState, engine.Module.StepIndex, engine.Module.SetpointUa));
        Assert.Equal(new[] { ModuleState.Pulse, ModuleState.Rest, ModuleState.Pulse }, engine.States.Select(s => s.State));
    }

    [Theory]
    [InlineData(true, ModuleSubState.Pulse)]
    [InlineData(false, ModuleSubState.DirectionChangeRest)]
    public void ARestBeforePlatingCountsOnlyIfItSettled(bool settled, ModuleSubState atRestEnd)
    {
        // Strip 0-1 s, rest 1-4 s, plate. The 3 s rest is longer than the 2 s direction-change rest; settled, the plate
        // pulse starts at 4 s; unsettled, a direction-change rest follows and ends at the 4 s maximum after the current,
        // at 5 s, reported as a 1 s rest.
        var engine = new Engine(ShortDirectionChange, Strip1s, new ProtocolStep(ProtocolStepKind.Rest, 0, 3000), Plate1s) { Settled = settled };
        engine.Start();
        engine.RunThrough(4000);
        Assert.Equal(atRestEnd, engine.Module.SubState);
        Assert.Equal(2, engine.Module.StepIndex);
        if (!settled)
        {
            engine.RunThrough(5000);
            Assert.Equal(ModuleSubState.Pulse, engine.Module.SubState);
            Assert.Equal((1000, RestEndReason.DirectionChange), (engine.Rests[1].RestMs, engine.Rests[1].RestEndReason));
        }

        Assert.Equal(-154, engine.Module.SetpointUa);
    }

    private static void Scheduled(ControllerConfiguration configuration) => configuration.Scheduling.Enabled = true;

    [Fact]
    public void AScheduledRestThatRanToItsMaximumIsReportedAsSuchWhenGranted()
    {
        // Adaptive rests of at most 3 s whose relaxation never settles: the tuner ends the rest at its maximum, 3 s
        // after the pulse of 100-1100 ms, and the module waits for its grant from 4100 ms. Granted at 5 s, the rest is
        // reported at its true length, 3900 ms, and as ended by the maximum, not as relaxed.
        var engine = new Engine(c =>
        {
            Scheduled(c);
            c.Protocol.RestMode = RestMode.Adaptive;
            c.Protocol.MaximumRestMs = 3000;
        });
        engine.Start();
        engine.RunThrough(90);
        engine.Tick(after: e => e.Module.GrantPulse(385, e.NowMs, e.Rig.Telemetry));
        engine.RunThrough(4090);
        Assert.Equal(ModuleSubState.Rest, engine.Module.SubState);
        engine.Tick();
        Assert.Equal(ModuleSubState.ReadyForPulse, engine.Module.SubState);

        engine.RunThrough(4990);
        engine.Tick(after: e => e.Module.GrantPulse(385, e.NowMs, e.Rig.Telemetry));
        var rest = Assert.Single(engine.Rests);
        Assert.Equal((5000L, 3900, RestEndReason.MaximumReached), (rest.TimestampMs, rest.RestMs, rest.RestEndReason));
    }

    [Fact]
    public void ScheduledModuleIsReadyAtStartAndWaitsForEachGrant()
    {
        var engine = new Engine(Scheduled);
        engine.Start();
        Assert.Equal((ModuleSubState.ReadyAfterStart, ModuleState.Rest), (engine.Module.SubState, engine.Module.State));
        Assert.True(engine.Module.ReadyForPulse);
        Assert.False(engine.Module.SwitchClosed);

        // The grant at 100 ms: a pulse at the granted 300 uA, and no rest ended (nothing had rested).
        engine.RunThrough(90);
        engine.Tick(after: e => e.Module.GrantPulse(300, e.NowMs, e.Rig.Telemetry));
        Assert.Equal((ModuleSubState.Pulse, 300), (engine.Module.SubState, engine.Module.SetpointUa));
        Assert.Empty(engine.Rests);

        // Pulse 100-1100 ms, then the 5 s rest: ready at 6100 ms, without a state change; a grant before is ignored.
        engine.RunThrough(1100);
        Assert.Equal(ModuleSubState.Rest, engine.Module.SubState);
        Assert.False(engine.Module.ReadyForPulse);
        engine.Tick(after: e => e.Module.GrantPulse(300, e.NowMs, e.Rig.Telemetry));
        Assert.Equal(ModuleSubState.Rest, engine.Module.SubState);
        engine.RunThrough(6090);
        Assert.False(engine.Module.ReadyForPulse);
        engine.Tick();
        Assert.Equal(ModuleSubState.ReadyForPulse, engine.Module.SubState);
        Assert.Empty(engine.At(6100));

        // Granted at 8 s: the rest is reported at its true length, 8000 - 1100 ms.
        engine.RunThrough(7990);
        engine.Tick(after: e => e.Module.GrantPulse(385, e.NowMs, e.Rig.Telemetry));
        var rest = Assert.Single(engine.Rests);
        Assert.Equal((8000L, 6900, RestEndReason.Fixed), (rest.TimestampMs, rest.RestMs, rest.RestEndReason));
        Assert.Equal((ModuleSubState.Pulse, 385), (engine.Module.SubState, engine.Module.SetpointUa));

        // Demand fell: the pulse ends early, back to a timed rest.
        engine.Tick(after: e => e.Module.EndPulseEarly(e.NowMs, e.Rig.Telemetry));
        Assert.Equal(ModuleSubState.Rest, engine.Module.SubState);
        Assert.Equal(new[] { ModuleState.Rest, ModuleState.Pulse, ModuleState.Rest, ModuleState.Pulse, ModuleState.Rest }, engine.States.Select(s => s.State));
    }

    [Theory]
    [InlineData(DiagnosisId.DepletionTrendFault, StopReason.DepletionOnset)]
    [InlineData(DiagnosisId.SoftShortConfirmed, StopReason.SoftShort)]
    [InlineData(DiagnosisId.HardShort, StopReason.HardShort)]
    [InlineData(DiagnosisId.CellOvervoltage, StopReason.Protection)]
    [InlineData(DiagnosisId.TickMissed, StopReason.Plausibility)]
    public void ADiagnosisStopReportsItsFamily(DiagnosisId cause, StopReason expected)
    {
        var engine = new Engine();
        engine.Start();
        engine.RunThrough(490);
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.StopModule, cause));
        Assert.Equal((ModuleSubState.Done, ModuleState.Done, expected), (engine.Module.SubState, engine.Module.State, engine.Module.StopReason));
        Assert.False(engine.Module.SwitchClosed);

        // The stopped event first (net charge 50 x 3850 nC = 0 mC), then the state change with the reason.
        var records = engine.At(500);
        Assert.Equal((EventKind.Stopped, 0, 0), (records[0].EventKind, records[0].Value, records[0].Threshold));
        Assert.Equal((ModuleState.Done, expected), (records[1].State, records[1].StopReason));
    }

    [Fact]
    public void IsolationHoldsTheModuleWithTheCauseAndOnlyAResetLeavesHold()
    {
        var engine = new Engine();
        engine.Start();
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.IsolateModule, DiagnosisId.HardShort));
        Assert.Equal((ModuleSubState.Hold, ModuleState.Hold, StopReason.HardShort), (engine.Module.SubState, engine.Module.State, engine.Module.StopReason));
        Assert.False(engine.Module.SwitchClosed);

        // Held: a later isolation names nothing new, a start is ignored, the switch stays open.
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.IsolateModule, DiagnosisId.CellOvervoltage));
        engine.Tick(before: e => e.Module.Start(e.NowMs, e.Rig.Telemetry));
        Assert.Equal((ModuleSubState.Hold, StopReason.HardShort), (engine.Module.SubState, engine.Module.StopReason));
        Assert.Single(engine.States, s => s.State == ModuleState.Hold);

        engine.Tick(before: e => e.Module.ResetFault(e.NowMs, e.Rig.Telemetry));
        Assert.Equal((ModuleSubState.Idle, StopReason.None), (engine.Module.SubState, engine.Module.StopReason));
        Assert.Equal((ModuleState.Idle, StopReason.None), (engine.States[^1].State, engine.States[^1].StopReason));
        // The pulse the isolation cut short ended tens of ms ago: the new run rests its 5 s first, then pulses.
        engine.Tick(before: e => e.Module.Start(e.NowMs, e.Rig.Telemetry));
        Assert.Equal((ModuleSubState.Rest, 1), (engine.Module.SubState, engine.Module.StepIndex));
    }

    [Fact]
    public void ALatchedFaultHoldsWithItsCauseOrPlainFaultWhenTheTickNamesNone()
    {
        var named = new Engine();
        named.Start();
        named.Latched = true;
        named.Tick(request: r => r.NoteLatch(0, DiagnosisId.CellChannelStuck));
        Assert.Equal((ModuleState.Hold, StopReason.Plausibility), (named.Module.State, named.Module.StopReason));

        var unnamed = new Engine();
        unnamed.Start();
        unnamed.Latched = true;
        unnamed.Tick();
        Assert.Equal((ModuleState.Hold, StopReason.Fault), (unnamed.Module.State, unnamed.Module.StopReason));
    }

    [Fact]
    public void ACellAtTheCutoffEndsTheRunWithTheCellsEventThenDone()
    {
        var engine = new Engine();
        engine.Start();
        engine.RunThrough(290);
        engine.Tick(cells: r => r.SetCells(0, 500, 3000));
        Assert.Equal((ModuleState.Done, StopReason.Cutoff), (engine.Module.State, engine.Module.StopReason));
        var records = engine.At(300);
        Assert.Equal((EventKind.Cutoff, 1, 3000, 3000), (records[0].EventKind, records[0].Cell, records[0].Value, records[0].Threshold));
        Assert.Equal((ModuleState.Done, StopReason.Cutoff), (records[1].State, records[1].StopReason));
    }

    [Fact]
    public void CapacityLimitStopsInTheTickTheNetChargeReachesIt()
    {
        // 1000 uC = 1,000,000 nC at 3850 nC per tick: 260 current ticks. Pulses carry 100 each (10-1000, 6010-7000 ms),
        // so the 60th tick of the third pulse, at 12600 ms.
        var engine = new Engine(c => c.Protocol.CapacityLimitUc = 1000);
        engine.Start();
        engine.RunThrough(12590);
        Assert.Equal(ModuleState.Pulse, engine.Module.State);
        engine.Tick();
        Assert.Equal((ModuleState.Done, StopReason.CapacityLimit), (engine.Module.State, engine.Module.StopReason));
        Assert.Equal(1001000, engine.Module.StrippedChargeNc);
        var limit = engine.At(12600).First(r => r.Kind == TelemetryRecordKind.Event);
        Assert.Equal((EventKind.CapacityLimit, 1, 1), (limit.EventKind, limit.Value, limit.Threshold));
    }

    [Fact]
    public void ARunStoppedByItsCapacityLimitStartsAgainAndCountsFromItsNewStart()
    {
        // As above, the limit at 12600 ms. Started again at 20000 ms, the run pulses from 20010 ms and reaches the
        // same 1000 uC 12600 ms after its start; its first pulse is number 1 with the 385 uC of that pulse alone.
        var engine = new Engine(c => c.Protocol.CapacityLimitUc = 1000);
        engine.Start();
        engine.RunThrough(19990);
        Assert.Equal(StopReason.CapacityLimit, engine.Module.StopReason);
        engine.Start();
        Assert.Equal(20000, engine.NowMs);
        engine.RunThrough(20010);
        Assert.Equal(ModuleState.Pulse, engine.Module.State);

        // The pulse's switch opens at 21000 ms; the next sample (21010 ms) ends it.
        engine.RunThrough(21000);
        engine.Tick(cells: r => r.Snapshot.PulseEnded[0] = true);
        RecordCopy summary = engine.At(21010).Single(r => r.Kind == TelemetryRecordKind.PulseSummary);
        Assert.Equal((1L, 385L), (summary.PulseIndex, summary.TotalChargeUc));

        engine.RunThrough(32590);
        Assert.Equal(ModuleState.Pulse, engine.Module.State);
        engine.Tick();
        Assert.Equal((ModuleState.Done, StopReason.CapacityLimit), (engine.Module.State, engine.Module.StopReason));
        var limit = engine.At(32600).First(r => r.Kind == TelemetryRecordKind.Event);
        Assert.Equal((EventKind.CapacityLimit, 1, 1), (limit.EventKind, limit.Value, limit.Threshold));
        Assert.Equal(2 * 1001000, engine.Module.StrippedChargeNc);
    }

    [Theory]
    [InlineData(9007199254740991L)] // 2^53 - 1, the largest limit a configuration may have: 9.007e18 nC, 2.4 % below a long's end
    [InlineData(9223372036854776L)] // long.MaxValue / 1000 + 1: in nC past a long's end (a configuration not through the validator)
    public void AnUnreachableCapacityLimitNeverStopsTheRun(long capacityLimitUc)
    {
        // The engine does not rely on the validator: a limit whose nanocoulombs are past a long's end turned negative
        // as a product (-9,223,372,036,854,775,616 nC) and stopped the run at its first tick with 0 uC stripped.
        var engine = new Engine(c => c.Protocol.CapacityLimitUc = capacityLimitUc);
        engine.Start();
        engine.RunThrough(12600);
        Assert.Equal(StopReason.None, engine.Module.StopReason);
        Assert.Equal(ModuleState.Pulse, engine.Module.State);
        Assert.DoesNotContain(engine.Records, r => r.EventKind == EventKind.CapacityLimit && r.Kind == TelemetryRecordKind.Event);
    }

    [Fact]
    public void PulseRestAndSwitchCountsGoOnPastTwoToTheThirtyFirst()
    {
        // 2^31 - 1 pulses, rests and switch closes counted already, all in this run (10 ms pulses back to back count
        // that many in 248 days): set, since ticking them would take hours. The pulse ending at 1010 ms is the run's
        // 2,147,483,648th, the rest ending at 6000 ms and the close starting the next pulse there the same numbers.
        var engine = new Engine();
        engine.Start();
        SetCount(engine.Module, "_pulseCount", int.MaxValue);
        SetCount(engine.Module, "<RestCount>k__BackingField", int.MaxValue);
        SetCount(engine.Module, "<SwitchCloseCount>k__BackingField", int.MaxValue);

        engine.RunThrough(1000);
        engine.Tick(cells: r => r.Snapshot.PulseEnded[0] = true);
        engine.RunThrough(6000);

        RecordCopy summary = Assert.Single(engine.Records, r => r.Kind == TelemetryRecordKind.PulseSummary);
        Assert.Equal(1010L, summary.TimestampMs);
        Assert.Equal(2147483648L, summary.PulseIndex);
        Assert.Equal(2147483648L, engine.Module.PulseCount);
        Assert.Equal(2147483648L, engine.Module.RestCount);
        Assert.Equal(2147483648L, engine.Module.SwitchCloseCount);
        Assert.Equal(ModuleState.Pulse, engine.Module.State);
    }

    /// <summary>Sets a private count of the engine, whatever its width (the value fits an int).</summary>
    private static void SetCount(ModuleDutyCycle module, string name, int value)
    {
        FieldInfo field = typeof(ModuleDutyCycle).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)!;
        field.SetValue(module, Convert.ChangeType(value, field.FieldType, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(true, 4050, 4800, 385)]
    [InlineData(false, 7800, 8800, 308)]
    public void AnAbortedPulseIsAnsweredByPulseTuningOrByLongerRestsAndLessCurrent(bool tuning, long nextPulseMs, long nextPulseEndMs, int nextCurrentUa)
    {
        // Aborted at 300 ms. Tuning: pulses and the fixed rest at 75 %, so a 3750 ms rest and a 750 ms pulse. Without:
        // rests at 150 % (7500 ms) and the current at 80 % (308 uA), the pulse keeps its 1000 ms.
        var engine = new Engine(c => c.PulseTuning.Enabled = tuning);
        engine.Start();
        engine.RunThrough(290);
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.AbortPulse, DiagnosisId.DepletionNonlinearRise));
        Assert.Equal(ModuleSubState.Rest, engine.Module.SubState);
        Assert.Equal(tuning ? (75, 100, 100) : (100, 150, 80), (engine.Module.PulsePercent, engine.Module.RestTuner.ExtensionPercent, engine.Module.CurrentPercent));

        engine.RunThrough(nextPulseMs - 10);
        Assert.False(engine.Module.SwitchClosed);
        engine.Tick();
        Assert.Equal((ModuleSubState.Pulse, nextCurrentUa), (engine.Module.SubState, engine.Module.SetpointUa));
        engine.RunThrough(nextPulseEndMs - 10);
        Assert.True(engine.Module.SwitchClosed);
        engine.Tick();
        Assert.Equal(ModuleSubState.Rest, engine.Module.SubState);
    }

    [Fact]
    public void AnAbortedPulseRestsEvenWhenTheProtocolStepsItsCurrentDownFirst()
    {
        // A pulse in two levels, 385 then 192 uA, before its rest: a convex rise in the first level ends the pulse into
        // the rest at once, not into the lower level, which would close the switch again on the interface that ran dry.
        var engine = new Engine(
            null,
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Strip, 192, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 5000));
        AbortAndExpectRest(engine, 290, pulseStep: 0, restStep: 2);
    }

    [Fact]
    public void AnAbortedPulseRestsAtTheProtocolsFirstRestWhenNoneFollowsBeforeItRepeats()
    {
        // Rest first, then two levels: the rest after the second level is the first step of the next round.
        var engine = new Engine(
            null,
            new ProtocolStep(ProtocolStepKind.Rest, 0, 2000),
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Strip, 192, 1000));
        AbortAndExpectRest(engine, 2290, pulseStep: 1, restStep: 0);
    }

    /// <summary>Runs to <paramref name="untilMs"/> inside step <paramref name="pulseStep"/>'s pulse, asks for an abort, and expects the switch open in rest step <paramref name="restStep"/>.</summary>
    private static void AbortAndExpectRest(Engine engine, long untilMs, int pulseStep, int restStep)
    {
        engine.Start();
        engine.RunThrough(untilMs);
        Assert.Equal((ModuleSubState.Pulse, pulseStep), (engine.Module.SubState, engine.Module.StepIndex));
        engine.Tick(request: r => r.Request(0, DiagnosisReaction.AbortPulse, DiagnosisId.DepletionNonlinearRise));
        Assert.False(engine.Module.SwitchClosed);
        Assert.Equal((ModuleSubState.Rest, restStep), (engine.Module.SubState, engine.Module.StepIndex));
    }

    [Fact]
    public void AStopAskedForInTheSameTickAsAnAbortStopsTheModule()
    {
        // Two rows activating in one tick: a convex rise (abort the pulse) and a row whose reaction is to stop. Rows ask
        // for their reaction only on the tick they activate, so a stop passed over for the abort is never asked again.
        var engine = new Engine();
        engine.Start();
        engine.RunThrough(290);
        engine.Tick(request: r =>
        {
            r.Request(0, DiagnosisReaction.AbortPulse, DiagnosisId.DepletionNonlinearRise);
            r.Request(0, DiagnosisReaction.StopModule, DiagnosisId.SoftShortSelfDischarge);
        });
        Assert.Equal((ModuleState.Done, StopReason.SoftShort), (engine.Module.State, engine.Module.StopReason));
        Assert.False(engine.Module.SwitchClosed);
        engine.RunThrough(20000);
        Assert.False(engine.Module.SwitchClosed);
    }

    [Fact]
    public void AdaptiveRestsStayAtOrAboveTheStretchedMinimumAfterADepletionWarning()
    {
        // A cell that relaxes by nothing: adaptive rests learn the protocol's 500 ms minimum. A depletion warning at the
        // third pulse's end (pulse tuning off) stretches the rests by 50 %: none may fall back below 750 ms after it.
        var engine = new Engine(
            c =>
            {
                c.Protocol.RestMode = RestMode.Adaptive;
                c.PulseTuning.Enabled = false;
            },
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 0));
        engine.Start();
        bool wasCurrent = true;
        int pulses = 0;
        long warnedAtMs = -1;
        while (engine.Rests.Count < 15 && engine.NowMs < 100000)
        {
            bool current = engine.Module.SwitchClosed;
            bool ended = wasCurrent && !current;
            wasCurrent = current;
            pulses += ended ? 1 : 0;
            bool warn = ended && pulses == 3;
            warnedAtMs = warn ? engine.NowMs + 10 : warnedAtMs;
            engine.Tick(
                request: warn ? r => r.Request(0, DiagnosisReaction.ExtendRest, DiagnosisId.DepletionTrendWarning) : null,
                cells: rig =>
                {
                    rig.Snapshot.PulseEnded[0] = ended;
                    rig.Snapshot.PrePulseVoltageMv[0] = 500;
                    rig.Snapshot.PrePulseVoltageMv[1] = 500;
                });
        }

        Assert.Equal(150, engine.Module.RestTuner.ExtensionPercent);
        var after = engine.Rests.Where(r => r.TimestampMs > warnedAtMs).ToList();
        Assert.True(after.Count >= 10, $"{after.Count} rests after the warning");
        Assert.All(after, r => Assert.True(r.RestMs >= 750, $"a {r.RestMs} ms rest at {r.TimestampMs} ms, below the stretched 750"));
    }
}
