// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.Core.Records;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Studies;

/// <summary>
/// The outcome of one finished variant, as stored in variants/&lt;id&gt;/result.json and as one row of
/// study.csv. Deterministic: no wall time (that goes to timing.json), so shards merge byte for byte.
/// Module figures are means over the modules; the stop reason is the first module's.
/// </summary>
public sealed class StudyRow
{
    public string Variant { get; init; } = string.Empty;

    public int Index { get; init; }

    /// <summary>Axis values by axis name, in the manifest's order.</summary>
    public JsonObject Parameters { get; init; } = new JsonObject();

    public double CapacityMAhPerCm2 { get; init; }

    public double DutyCycle { get; init; }

    public double MeanRestS { get; init; }

    public string StopReason { get; init; } = string.Empty;

    public string TerminatedBy { get; init; } = string.Empty;

    /// <summary>The first module's latching diagnosis when it ended in hold (as its events name it), else empty.</summary>
    public string HoldDiagnosis { get; init; } = string.Empty;

    public double SimulatedS { get; init; }

    public int Events { get; init; }

    public int Warnings { get; init; }

    public int Faults { get; init; }

    public int DepletionOnsets { get; init; }

    public int SoftShorts { get; init; }

    public int HardShorts { get; init; }

    /// <summary>Switch closes summed over the modules (switch wear).</summary>
    public long SwitchCloses { get; init; }

    /// <summary>The variant's <see cref="StudyVariant.ScenarioSha256"/>: which scenario the row's run ran.</summary>
    public string ScenarioSha256 { get; init; } = string.Empty;

    /// <summary>
    /// Whether the run ended at its time limit with a module still running, or a replay where it parted from its
    /// recording: that module's capacity, and so the row's mean, is what it had delivered by then, a lower bound of what
    /// it would deliver to its stop.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool CapacityIsLowerBound => TerminatedBy == "timeLimit" || TerminatedBy == Simulation.RunTelemetry.DepartedFromRecording || StopReason == "running";

    /// <summary>The capacity as the printed table shows it: "&gt;= 4.745" when it is a lower bound (<see cref="CapacityIsLowerBound"/>), as sweep's.</summary>
    public string CapacityText(string format) => Output.LowerBoundCapacity.Text(CapacityMAhPerCm2, CapacityIsLowerBound, format);

    /// <summary>The stop reason as tables show it: a module in hold with the diagnosis that latched it, "softShort (softShortConfirmed)".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string StopText => ModuleResult.StopTextOf(StopReason, HoldDiagnosis);

    public static StudyRow From(StudyVariant variant, SimulationResult result)
    {
        JsonObject parameters = new JsonObject();
        foreach (KeyValuePair<string, JsonNode> p in variant.Parameters)
        {
            parameters[p.Key] = p.Value.DeepClone();
        }

        int modules = Math.Max(1, result.Modules.Count);
        return new StudyRow
        {
            Variant = variant.Id,
            Index = variant.Index,
            Parameters = parameters,
            CapacityMAhPerCm2 = result.Modules.Sum(m => m.CapacityMAhPerCm2) / modules,
            DutyCycle = result.Modules.Sum(m => m.DutyCycle) / modules,
            MeanRestS = result.Modules.Sum(m => m.MeanRestS) / modules,
            StopReason = result.Modules.Count > 0 ? result.Modules[0].StopReason : string.Empty,
            TerminatedBy = result.TerminatedBy,
            HoldDiagnosis = result.Modules.Count > 0 ? result.Modules[0].HoldDiagnosis ?? string.Empty : string.Empty,
            SimulatedS = result.SimulatedS,
            // Every event of the run: a run keeps at most RunOptions.MaximumEvents and only counts the rest.
            Events = result.Events.Count + (int)result.EventsDropped,
            Warnings = result.Events.Count(e => e.Severity == "warning") + (int)result.Dropped.OfSeverity(Severity.Warning),
            Faults = result.Events.Count(e => e.Severity == "fault") + (int)result.Dropped.OfSeverity(Severity.Fault),
            DepletionOnsets = result.Events.Count(e => e.Kind == "depletionOnset") + (int)result.Dropped.OfKind(EventKind.DepletionOnset),
            SoftShorts = result.Events.Count(e => e.Kind == "softShort") + (int)result.Dropped.OfKind(EventKind.SoftShort),
            HardShorts = result.Events.Count(e => e.Kind == "hardShort") + (int)result.Dropped.OfKind(EventKind.HardShort),
            SwitchCloses = result.Modules.Sum(m => m.SwitchCount),
            ScenarioSha256 = variant.ScenarioSha256,
        };
    }
}
