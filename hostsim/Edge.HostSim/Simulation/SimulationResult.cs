// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>What a closed-loop run produced.</summary>
public sealed class SimulationResult
{
    public string Scenario { get; init; } = string.Empty;

    /// <summary>"allModulesStopped", "timeLimit" or "cancelled".</summary>
    public string TerminatedBy { get; init; } = string.Empty;

    public double SimulatedS { get; init; }

    public double WallS { get; init; }

    public long Ticks { get; init; }

    /// <summary>Cells times ticks: the throughput measure.</summary>
    public long CellSteps { get; init; }

    public IReadOnlyList<ModuleResult> Modules { get; init; } = Array.Empty<ModuleResult>();

    public IReadOnlyList<SimulationEvent> Events { get; init; } = Array.Empty<SimulationEvent>();

    /// <summary>Events beyond the kept ones (the list is capped).</summary>
    public long EventsDropped { get; init; }

    public TraceBuffer? Trace { get; init; }

    /// <summary>Pack delivery against the demand; null without <c>pack.demand</c>.</summary>
    public PackResult? Pack { get; init; }
}
