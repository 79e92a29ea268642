// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>
/// Where a closed-loop run stands, handed to <see cref="RunOptions.Progress"/> about once per
/// <see cref="RunOptions.ProgressIntervalS"/> of wall time, and the stop it is heading for.
/// </summary>
public sealed class RunProgress
{
    public double SimulatedS { get; init; }

    public double TimeLimitS { get; init; }

    public double WallS { get; init; }

    /// <summary>Capacity limit of the protocol, mAh/cm2 (0 = none).</summary>
    public double CapacityLimitMAhPerCm2 { get; init; }

    /// <summary>Smallest net stripped capacity among the modules still running, mAh/cm2 (the run ends with the last module).</summary>
    public double RunningCapacityMAhPerCm2 { get; init; }

    public int ModulesRunning { get; init; }

    public int Modules { get; init; }

    /// <summary>
    /// Simulated time at which the run is expected to stop: the time limit, or earlier the time the slowest
    /// running module reaches the capacity limit at its mean rate so far. A cut-off or a fault can end it
    /// sooner; no voltage model predicts those here.
    /// </summary>
    public double ExpectedStopS
    {
        get
        {
            double stopS = TimeLimitS;
            if (StopsAtCapacityLimit)
            {
                stopS = Math.Min(stopS, SimulatedS * CapacityLimitMAhPerCm2 / RunningCapacityMAhPerCm2);
            }

            return Math.Max(stopS, SimulatedS);
        }
    }

    /// <summary>True when the capacity limit, at the mean rate so far, comes before the time limit.</summary>
    public bool StopsAtCapacityLimit =>
        CapacityLimitMAhPerCm2 > 0 && RunningCapacityMAhPerCm2 > 0 && SimulatedS > 0
        && SimulatedS * CapacityLimitMAhPerCm2 / RunningCapacityMAhPerCm2 < TimeLimitS;

    /// <summary>Fraction (0..1) of the expected stop reached.</summary>
    public double Fraction => ExpectedStopS > 0 ? Math.Clamp(SimulatedS / ExpectedStopS, 0, 1) : 1;

    /// <summary>Simulated seconds per wall second.</summary>
    public double SpeedFactor => SimulatedS / Math.Max(WallS, 1e-9);
}
