// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Decision;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Simulation;

/// <summary>
/// What a run keeps from the core's telemetry records, tick by tick: events (capped), completed rests and
/// the time each module stopped; and the module results at the end. Shared by the closed loop and replay.
/// </summary>
public sealed class RunTelemetry
{
    /// <summary>The stop reason of a module still pulsing or resting when the run ended.</summary>
    public const string Running = "running";

    /// <summary>
    /// A replay's terminatedBy where the core's protocol parted from its recording, and the stop reason of the modules it
    /// still pulsed or rested there.
    /// </summary>
    public const string DepartedFromRecording = "departedFromRecording";

    private const double CoulombPerMAh = 3.6;

    private readonly int _cellsPerModule;
    private readonly int _maximumEvents;
    private readonly long[] _restSumMs;
    private readonly RestEndCounts[] _restEnds;
    private readonly double?[] _stoppedAtS;
    private double _lastTickS;

    public RunTelemetry(int modules, int cellsPerModule, int maximumEvents)
    {
        _cellsPerModule = cellsPerModule;
        _maximumEvents = maximumEvents;
        _restSumMs = new long[modules];
        _restEnds = new RestEndCounts[modules];
        for (int m = 0; m < modules; m++)
        {
            _restEnds[m] = new RestEndCounts();
        }

        _stoppedAtS = new double?[modules];
    }

    public List<SimulationEvent> Events { get; } = new List<SimulationEvent>();

    public long EventsDropped { get; private set; }

    /// <summary>The dropped events by severity and kind.</summary>
    public DroppedEventCounts Dropped { get; } = new DroppedEventCounts();

    /// <summary>Takes this tick's records; allocates only for kept events.</summary>
    public void Consume(TelemetryBuffer telemetry, double timeS)
    {
        _lastTickS = timeS;
        for (int r = 0; r < telemetry.Count; r++)
        {
            TelemetryRecord record = telemetry[r];
            switch (record.Kind)
            {
                case TelemetryRecordKind.Event:
                    if (Events.Count < _maximumEvents)
                    {
                        Events.Add(ToEvent(record, timeS));
                    }
                    else
                    {
                        EventsDropped++;
                        Dropped.Add(record.Severity, record.EventKind);
                    }

                    break;
                case TelemetryRecordKind.RestTuned:
                    _restSumMs[record.Module] += record.RestMs;
                    _restEnds[record.Module].Add(record.RestEndReason);
                    break;
                case TelemetryRecordKind.StateChanged:
                    if (record.Module >= 0)
                    {
                        // The time of the stop the module is in: a fault reset (Idle) or a start after it ends that stop,
                        // and a module running again at the end has none, as its state and stop reason say.
                        bool stopped = record.State == ModuleState.Done || record.State == ModuleState.Hold;
                        _stoppedAtS[record.Module] = stopped ? timeS : null;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// After the run's last tick: the records that tick had no room for. The core counts them and reports them in a
    /// telemetryOverflow event at its next tick, which a run that ends there never has: every module of a large pack
    /// stopping in one tick (256 modules reaching the cut-off together kept 132 cutoff events and said nothing of the
    /// other 124), or the time limit. Written here as the core writes it, at the last tick's time.
    /// </summary>
    public void Finish(TelemetryBuffer telemetry)
    {
        int dropped = telemetry.DroppedCount;
        if (dropped <= 0)
        {
            return;
        }

        TelemetryRecord record = new TelemetryRecord(_cellsPerModule)
        {
            Kind = TelemetryRecordKind.Event,
            EventKind = EventKind.TelemetryOverflow,
            Severity = Severity.Info,
            Module = -1,
            Cell = -1,
            Value = dropped,
            Threshold = 0,
        };
        if (Events.Count < _maximumEvents)
        {
            Events.Add(ToEvent(record, _lastTickS));
        }
        else
        {
            EventsDropped++;
            Dropped.Add(record.Severity, record.EventKind);
        }
    }

    /// <summary>
    /// Per-module results; <paramref name="chargeNc"/> is the net charge that flowed through each module (positive =
    /// stripped), <paramref name="platedChargeNc"/> the charge it moved in the plating direction (positive).
    /// </summary>
    /// <param name="currentOnOffMs">
    /// A replay's time with the recorded current on and off per module (ms; null in a run): the duty cycle is then the
    /// recording's, as its capacity is, not the core's switch's, which follows the protocol the replay runs.
    /// </param>
    /// <param name="endedRunningBy">
    /// Why the run ended where that, not the core, stopped the modules still pulsing or resting (a replay that parted from
    /// its recording: <c>departedFromRecording</c>): their stop reason, stopped at the last tick fed. Null: such a module is
    /// <c>running</c>, as at a run's time limit, with no stop time.
    /// </param>
    public ModuleResult[] Results(EdgeController controller, long[] chargeNc, long[] platedChargeNc, double areaCm2, double?[] cellHardShortS, (long OnMs, long OffMs)[]? currentOnOffMs = null, string? endedRunningBy = null)
    {
        ModuleResult[] results = new ModuleResult[chargeNc.Length];
        for (int m = 0; m < results.Length; m++)
        {
            ModuleDutyCycle module = controller.Module(m);
            long onMs = currentOnOffMs != null ? currentOnOffMs[m].OnMs : module.PulseTimeMs;
            long offMs = currentOnOffMs != null ? currentOnOffMs[m].OffMs : module.RestTimeMs;
            string stopReason = StopReasonName(module);
            bool endedRunning = stopReason == Running && endedRunningBy != null;
            results[m] = new ModuleResult
            {
                Index = m,
                CapacityMAhPerCm2 = chargeNc[m] / 1e9 / CoulombPerMAh / areaCm2,
                StrippedMAhPerCm2 = (chargeNc[m] + platedChargeNc[m]) / 1e9 / CoulombPerMAh / areaCm2,
                PlatedMAhPerCm2 = platedChargeNc[m] / 1e9 / CoulombPerMAh / areaCm2,
                DutyCycle = onMs + offMs > 0 ? (double)onMs / (onMs + offMs) : 0,
                MeanRestS = _restEnds[m].Total > 0 ? _restSumMs[m] / 1000.0 / _restEnds[m].Total : 0,
                Pulses = module.PulseCount,
                Rests = _restEnds[m].Total,
                RestEnds = _restEnds[m],
                State = ScenarioNames.Camel(module.State.ToString()),
                StopReason = endedRunning ? endedRunningBy! : stopReason,
                HoldDiagnosis = HoldDiagnosisName(controller, m),
                HoldCell = HoldCellInModule(controller, m),
                HoldCellUnknown = HoldDiagnosisName(controller, m) != null && controller.Diagnosis.IsLatchRestored(m) && controller.Diagnosis.LatchCell(m) < 0,
                StoppedAtS = endedRunning ? _lastTickS : _stoppedAtS[m],
                CellHardShortS = cellHardShortS[m],
                SwitchCount = module.SwitchCloseCount,
                CurrentPercent = module.CurrentPercent,
                DerateSteps = module.DerateSteps,
            };
        }

        return results;
    }

    public static bool AllStopped(EdgeController controller, int modules)
    {
        for (int m = 0; m < modules; m++)
        {
            ModuleState state = controller.Module(m).State;
            if (state != ModuleState.Done && state != ModuleState.Hold)
            {
                return false;
            }
        }

        // A protocol change with start stops every module first and starts them a tick later: not the end.
        return !controller.IsStartPending;
    }

    // A held module's is the core's own, as the device's telemetry says it: the family of the diagnosis that latched it
    // (softShort, hardShort, protection, plausibility), or fault when that is not known.
    private static string StopReasonName(ModuleDutyCycle module)
    {
        if (module.State == ModuleState.Pulse || module.State == ModuleState.Rest)
        {
            return Running;
        }

        return ScenarioNames.Camel(module.StopReason.ToString());
    }

    private static string? HoldDiagnosisName(EdgeController controller, int module)
    {
        DiagnosisManager diagnosis = controller.Diagnosis;
        bool held = controller.Module(module).State == ModuleState.Hold && diagnosis.HasLatchedFault(module);
        return held && diagnosis.IsLatchCauseKnown(module) ? ScenarioNames.Camel(diagnosis.LatchCause(module).ToString()) : null;
    }

    // The cell of a held module's latch as telemetry/modules names it (pack-wide, NoCell for none), counted in the module.
    private int? HoldCellInModule(EdgeController controller, int module)
    {
        if (HoldDiagnosisName(controller, module) == null)
        {
            return null;
        }

        int cell = controller.Diagnosis.LatchCell(module);
        return cell >= 0 ? cell % _cellsPerModule : null;
    }

    private SimulationEvent ToEvent(TelemetryRecord record, double timeS)
    {
        string kind = ScenarioNames.Camel(record.EventKind.ToString());
        string? diagnosis = record.HasDiagnosis ? ScenarioNames.Camel(record.Diagnosis.ToString()) : null;
        return new SimulationEvent
        {
            TS = timeS,
            Module = record.Module,
            Cell = record.Cell >= 0 ? record.Cell % _cellsPerModule : -1,
            Kind = kind,
            Severity = ScenarioNames.Camel(record.Severity.ToString()),
            Diagnosis = diagnosis,
            Value = record.Value,
            Threshold = record.Threshold,
            Unit = EventUnits.Of(kind, diagnosis),
        };
    }
}
