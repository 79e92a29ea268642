// Licensed under the MIT License.

using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Simulation;

/// <summary>One variant of a sweep and its result; the module figures are means over the modules.</summary>
public sealed class SweepPoint
{
    public SweepPoint(Scenario scenario, double restS, SimulationResult result)
    {
        Scenario = scenario;
        RestS = restS;
        Result = result;
        double capacity = 0;
        double duty = 0;
        foreach (ModuleResult m in result.Modules)
        {
            capacity += m.CapacityMAhPerCm2;
            duty += m.DutyCycle;
        }

        CapacityMAhPerCm2 = capacity / result.Modules.Count;
        DutyCycle = duty / result.Modules.Count;
        StopReason = result.TerminatedBy == "cancelled" ? "cancelled" : result.Modules.Count > 0 ? result.Modules[0].StopReason : string.Empty;
        HoldDiagnosis = result.TerminatedBy != "cancelled" && result.Modules.Count > 0 ? result.Modules[0].HoldDiagnosis ?? string.Empty : string.Empty;
    }

    public Scenario Scenario { get; }

    public double RestS { get; }

    public SimulationResult Result { get; }

    public double CapacityMAhPerCm2 { get; }

    public double DutyCycle { get; }

    /// <summary>
    /// Every event the variant's run wrote: the kept ones and those past the sweep's cap on kept events (1000), counted
    /// only, as summary.json's events and eventsDropped and study.csv's events count them.
    /// </summary>
    public long EventCount => Result.Events.Count + Result.EventsDropped;

    /// <summary>The first module's stop reason, or "cancelled" when the sweep was interrupted while this variant ran.</summary>
    public string StopReason { get; }

    /// <summary>The first module's latching diagnosis when it ended in hold (as its events name it), else empty.</summary>
    public string HoldDiagnosis { get; }

    /// <summary>
    /// Whether a module was still running when the variant's run ended (at the time limit, or interrupted): that
    /// module's capacity, and so the mean, is what it had delivered by then, a lower bound of what it would deliver to
    /// its stop, as <see cref="Studies.StudyRow.CapacityIsLowerBound"/> marks a study's.
    /// </summary>
    public bool CapacityIsLowerBound => Result.Modules.Any(m => m.StopReason == RunTelemetry.Running);

    /// <summary>The stop reason as tables show it: a module in hold with the diagnosis that latched it, "softShort (softShortConfirmed)".</summary>
    public string StopText => ModuleResult.StopTextOf(StopReason, HoldDiagnosis);
}
