// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>
/// How well the pack met the load demand (runs with <c>pack.demand</c> only). Everything is measured on the
/// true module currents (what flowed, not what was measured), summed over the modules each tick, over the
/// <em>pack window</em>: from the start until the first module reaches Done (cut-off, capacity or time limit,
/// depletion stop: the pack approaches exhaustion) or the end of the run. A module isolated by a fault (Hold)
/// does not end the window: the pack is meant to re-plan around it, and its loss counts against delivery.
/// </summary>
public sealed class PackResult
{
    /// <summary>End of the pack window, s.</summary>
    public double WindowEndS { get; init; }

    /// <summary>Demanded charge over the window (demand of the tick that commanded each interval), mAh.</summary>
    public double DemandedMAh { get; init; }

    /// <summary>Delivered charge over the window (sum of the true module currents), mAh.</summary>
    public double DeliveredMAh { get; init; }

    /// <summary>Delivered / demanded charge over the window (1 when nothing was demanded).</summary>
    public double DeliveredFraction { get; init; }

    /// <summary>Lowest pack current over the window's intervals with a demand above 0, mA.</summary>
    public double CurrentMinMA { get; init; }

    /// <summary>Mean pack current over the window's intervals with a demand above 0, weighted by their lengths, mA.</summary>
    public double CurrentMeanMA { get; init; }

    /// <summary>Time in the window in which the pack current was below the demand (beyond the share rounding of 1 uA per module), s.</summary>
    public double DeratedS { get; init; }

    /// <summary>
    /// Time the controller's scheduler had fewer modules on than wanted (whole run), s: each tick it counts as short
    /// stands until the next tick starts, releases no tick answered included; the run's last tick counts one sample period.
    /// </summary>
    public double ControllerShortfallS { get; init; }
}
