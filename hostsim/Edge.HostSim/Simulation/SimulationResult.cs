// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>What a closed-loop run produced.</summary>
public sealed class SimulationResult
{
    public string Scenario { get; init; } = string.Empty;

    /// <summary>"allModulesStopped", "timeLimit" or "cancelled".</summary>
    public string TerminatedBy { get; init; } = string.Empty;

    public double SimulatedS { get; init; }

    /// <summary>
    /// For a replay, the recording its voltages and currents came from (file name and format); null for a run, whose
    /// voltages and currents are the cell model's. The outputs say which.
    /// </summary>
    public string? RecordedFrom { get; init; }

    /// <summary>
    /// For a replay, the recording time of its first tick, s: the replay's times (events, trace, plots) count from there.
    /// Null for a run.
    /// </summary>
    public double? RecordingStartS { get; init; }

    /// <summary>
    /// For a replay of a file known to hold simulator output (an edge-sim trace, or an export whose header says it is
    /// simulated), why; null for a run and for lab data. Such a replay's outputs call its values simulated, not recorded.
    /// </summary>
    public string? RecordingSimulatedBecause { get; init; }

    /// <summary>
    /// For a replay, where its area, cell kind, cut-off, tick and protocol came from (the option, the default, the
    /// --scenario file, the recording); null for a run, whose scenario gives them all.
    /// </summary>
    public ReplaySettingSources? SettingSources { get; init; }

    /// <summary>
    /// For a replay, the recording's gaps (intervals without samples past the gap threshold, no ticks fed across them)
    /// in the replay's time, rising; empty when it has none, null for a run.
    /// </summary>
    public IReadOnlyList<ReplayGap>? RecordingGaps { get; init; }

    /// <summary>
    /// For a replay that fed the temperature sensors a reading the recording does not hold, what and why
    /// (<see cref="Replay.AssumedTemperature"/>); null for a run and for a replay that fed the recording's or had no sensors.
    /// </summary>
    public string? TemperatureAssumed { get; init; }

    /// <summary>Where the voltages and currents come from, as the outputs state it.</summary>
    public string Provenance => (RecordedFrom == null
        ? "simulated: the control core in closed loop with the cell model (true cell voltages), not a bench measurement"
        : RecordingSimulatedBecause != null
            ? "simulated recording: " + RecordedFrom + ", simulator output (" + RecordingSimulatedBecause + "), not a bench measurement; resampled to the core's tick and replayed through the control core in observe mode; the events are the core's"
            : "recorded: " + RecordedFrom + ", resampled to the core's tick and replayed through the control core in observe mode (no cell model); the events are the core's")
        + (TemperatureAssumed != null ? "; temperatures: " + TemperatureAssumed : string.Empty);

    public double WallS { get; init; }

    public long Ticks { get; init; }

    /// <summary>Cells times ticks: the throughput measure.</summary>
    public long CellSteps { get; init; }

    public IReadOnlyList<ModuleResult> Modules { get; init; } = Array.Empty<ModuleResult>();

    public IReadOnlyList<SimulationEvent> Events { get; init; } = Array.Empty<SimulationEvent>();

    /// <summary>Events beyond the kept ones (the list is capped).</summary>
    public long EventsDropped { get; init; }

    /// <summary>The events beyond the kept ones by severity and kind (none for a result made without a run).</summary>
    public DroppedEventCounts Dropped { get; init; } = new DroppedEventCounts();

    public TraceBuffer? Trace { get; init; }

    /// <summary>Pack delivery against the demand; null without <c>pack.demand</c>.</summary>
    public PackResult? Pack { get; init; }

    /// <summary>How late ticks started and how long they ran.</summary>
    public TickTimingSummary? TickTiming { get; init; }

    /// <summary>The board's parse warnings (e.g. no hardware enable: unsafe for act mode); empty without a board.</summary>
    public IReadOnlyList<string> BoardWarnings { get; init; } = Array.Empty<string>();

    /// <summary>Board chains: the simulated unit's ADC Vref, mV; null without a board.</summary>
    public double? UnitAdcVrefMv { get; init; }

    /// <summary>Board chains: whether the unit ran on its per-unit calibration (false: observe only).</summary>
    public bool? UnitCalibrated { get; init; }
}
