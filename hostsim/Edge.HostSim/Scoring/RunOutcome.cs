// Licensed under the MIT License.

using Edge.HostSim.Simulation;

namespace Edge.HostSim.Scoring;

/// <summary>What one corpus run produced, in the terms the scorecard judges.</summary>
public sealed class RunOutcome
{
    public string Family { get; init; } = string.Empty;

    public int Draw { get; init; }

    public string Variant { get; init; } = string.Empty;

    public long Seed { get; init; }

    /// <summary>Scenario file, relative to the corpus directory.</summary>
    public string File { get; init; } = string.Empty;

    /// <summary>The scenario's cell preset (pack.preset).</summary>
    public string Preset { get; init; } = string.Empty;

    /// <summary>Act mode (detectors change what the controller does); false: observe.</summary>
    public bool Act { get; init; }

    public int CellsPerModule { get; init; } = 1;

    public double SimulatedS { get; init; }

    public double WallS { get; init; }

    /// <summary>allModulesStopped, timeLimit or cancelled.</summary>
    public string TerminatedBy { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<ModuleResult> Modules { get; init; } = Array.Empty<ModuleResult>();

    /// <summary>
    /// True when <see cref="ModuleResult.CellHardShortS"/> holds the simulated cells' own hard shorts (every simulated
    /// run); false judges shorts by the controller's hardShort events alone.
    /// </summary>
    public bool CellGroundTruth { get; init; }

    /// <summary>The controller's events, in time order.</summary>
    public IReadOnlyList<SimulationEvent> Events { get; init; } = Array.Empty<SimulationEvent>();

    /// <summary>Events past the run's cap (<see cref="ScoreRunner.MaximumEventsPerRun"/>): not kept, so not scored.</summary>
    public long EventsDropped { get; init; }

    /// <summary>Pack delivery against the demand (runs with pack.demand only).</summary>
    public PackResult? Pack { get; init; }

    /// <summary>Mean net capacity over the modules, mAh/cm2.</summary>
    public double CapacityMAhPerCm2 => Modules.Count == 0 ? 0 : Modules.Average(m => m.CapacityMAhPerCm2);

    /// <summary>Mean duty cycle over the modules.</summary>
    public double DutyCycle => Modules.Count == 0 ? 0 : Modules.Average(m => m.DutyCycle);

    /// <summary>How long a module ran: until it stopped, else the whole run (s).</summary>
    public double RunningS(ModuleResult module) => module.StoppedAtS ?? SimulatedS;
}
