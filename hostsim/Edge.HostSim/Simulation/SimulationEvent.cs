// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Edge.HostSim.Simulation;

/// <summary>One event the controller reported, in the simulator's output form (names camelCase).</summary>
public sealed class SimulationEvent
{
    /// <summary>Simulated time, s.</summary>
    [JsonPropertyName("tS")]
    public double TS { get; init; }

    /// <summary>Module index, -1 for the pack.</summary>
    public int Module { get; init; }

    /// <summary>Cell index within its module, -1 when the event is about a module or the pack.</summary>
    public int Cell { get; init; }

    /// <summary>Event kind, camelCase (depletionOnset, softShort, hardShort, cutoff, ...).</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>info, warning or fault.</summary>
    public string Severity { get; init; } = string.Empty;

    /// <summary>Diagnosis row that raised it (camelCase), or null for protocol events.</summary>
    public string? Diagnosis { get; init; }

    public long Value { get; init; }

    public long Threshold { get; init; }

    /// <summary>The unit of <see cref="Value"/> and <see cref="Threshold"/> (<see cref="EventUnits"/>); null when both are 0.</summary>
    public string? Unit { get; init; }
}
