// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>How a closed-loop run is executed (not part of the scenario).</summary>
public sealed class RunOptions
{
    /// <summary>Keep a decimated trace.</summary>
    public bool RecordTrace { get; set; } = true;

    /// <summary>Rows the trace keeps at most (adaptive decimation beyond).</summary>
    public int TraceRows { get; set; } = 20000;

    /// <summary>Events kept at most; later ones are only counted.</summary>
    public int MaximumEvents { get; set; } = 100000;

    /// <summary>Paces simulated time against the wall clock: 1 = real time, 10 = ten times faster; 0 = as fast as possible.</summary>
    public double RealtimeFactor { get; set; }

    /// <summary>Called about once per <see cref="ProgressIntervalS"/> of wall time with where the run stands.</summary>
    public Action<RunProgress>? Progress { get; set; }

    /// <summary>Wall time between two <see cref="Progress"/> calls, s.</summary>
    public double ProgressIntervalS { get; set; } = 1;

    public CancellationToken Cancellation { get; set; }

    /// <summary>
    /// Keep ticking when every module is Done or Hold, until the time limit or a cancel: a live device (bridged to
    /// MQTT in real time) waits for an operator's start or resetFault, as the firmware does, instead of going offline.
    /// </summary>
    public bool RunOnWhenAllModulesStop { get; set; }

    /// <summary>
    /// Period of the core's telemetry/cells records, ms; 0 (offline runs) publishes none, since the trace
    /// keeps the voltages. A run bridged to MQTT sets it so the dashboard gets live cell voltages.
    /// </summary>
    public int CellVoltagePeriodMs { get; set; }

    /// <summary>Called after every tick (tests inspect the loop); null in normal runs.</summary>
    public Action<TickObservation>? Observer { get; set; }
}
