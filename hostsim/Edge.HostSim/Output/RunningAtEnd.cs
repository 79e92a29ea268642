// Licensed under the MIT License.

using Edge.HostSim.Simulation;

namespace Edge.HostSim.Output;

/// <summary>
/// A module still running when its run ended at the time limit or was cancelled, or its replay at the end of the recording
/// or where the core's protocol departed from the recording (its stop then reads departedFromRecording),
/// as run's and replay's tables and report.html show it:
/// the capacity is marked a lower bound (<see cref="LowerBoundCapacity"/>), as sweep and study mark it, the line under
/// the table says why the run ended, and report.html's stop reads "running at the time limit" (the printed table keeps
/// "running", as sweep's does: the longer text broke over three lines of an 80-column table). The table said "running"
/// with a capacity as final as a cut-off's. summary.json keeps stopReason "running" beside its terminatedBy, the value
/// sweep and study read.
/// </summary>
public static class RunningAtEnd
{
    /// <summary>
    /// The line under a table in which a capacity of the run that ended by <paramref name="terminatedBy"/> is marked with
    /// <see cref="LowerBoundCapacity.Prefix"/>: "... still running at the time limit, ...".
    /// </summary>
    public static string Note(string terminatedBy) =>
        "A capacity marked >= is a lower bound: " + (Departed(terminatedBy)
            ? "the replay stopped following the module where the core's protocol departed from the recording"
            : "the module was still " + RunningText(terminatedBy)) + ", so it had delivered that much and would have delivered more to its stop.";

    /// <summary>
    /// True when <paramref name="module"/> was still running as its run ended at the time limit, was cancelled, or its
    /// replay reached the recording's end or departed from it (the replay, not the module, stopped it there).
    /// </summary>
    public static bool IsLowerBound(ModuleResult module, string terminatedBy) =>
        (module.StopReason == RunTelemetry.Running && EndedBy(terminatedBy) != null)
        || (module.StopReason == RunTelemetry.DepartedFromRecording && Departed(terminatedBy));

    /// <summary>The module's stop: "running at the time limit", "running when cancelled", else <see cref="ModuleResult.StopText"/> (departedFromRecording too).</summary>
    public static string StopText(ModuleResult module, string terminatedBy) =>
        module.StopReason == RunTelemetry.Running && EndedBy(terminatedBy) != null ? RunningText(terminatedBy) : module.StopText;

    /// <summary>The module's net capacity in <paramref name="format"/>, "&gt;= " first where it is a lower bound.</summary>
    public static string Capacity(ModuleResult module, string terminatedBy, string format) =>
        LowerBoundCapacity.Text(module.CapacityMAhPerCm2, IsLowerBound(module, terminatedBy), format);

    private static bool Departed(string terminatedBy) => terminatedBy == RunTelemetry.DepartedFromRecording;

    private static string RunningText(string terminatedBy) => RunTelemetry.Running + " " + EndedBy(terminatedBy);

    private static string? EndedBy(string terminatedBy) => terminatedBy switch
    {
        "timeLimit" => "at the time limit",
        "cancelled" => "when cancelled",
        "endOfData" => "at the end of the recording",
        _ => null,
    };
}
