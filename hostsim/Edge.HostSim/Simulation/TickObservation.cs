// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Boards;
using Edge.Core.Sampling;

namespace Edge.HostSim.Simulation;

/// <summary>What one tick saw and did, for observers (tests); the arrays are live and reused.</summary>
public sealed class TickObservation
{
    public long TickIndex { get; internal set; }

    /// <summary>Simulated time of the sample, s (the frame's timestamp may carry jitter).</summary>
    public double TimeS { get; internal set; }

    public double[] TrueCellVoltageV { get; internal set; } = Array.Empty<double>();

    public SampleFrame Frame { get; internal set; } = null!;

    public ActionFrame Actions { get; internal set; } = null!;

    public EdgeController Controller { get; internal set; } = null!;

    /// <summary>The scenario's board (measurement.board), or null on the virtual chain; its warnings are the device's board-warning events.</summary>
    public BoardDefinition? Board { get; internal set; }

    /// <summary>With a board: whether the simulated unit has its per-unit calibration (measurement.unitCalibrated); true without one.</summary>
    public bool UnitCalibrated { get; internal set; } = true;

    /// <summary>Whether the controller ticked at this release (false while the runtime hangs or when a late tick swallowed it).</summary>
    public bool Ticked { get; internal set; }

    /// <summary>
    /// When <see cref="Ticked"/>: how late the tick started after the latest release it answers, us, as the simulated
    /// scheduling made it (0 without a nanoFramework-mode tickJitter), the figure the device's health reports.
    /// </summary>
    public int ReleaseLatencyUs { get; internal set; }

    /// <summary>
    /// When <see cref="Ticked"/>: the core's tick time on this host, us (.NET, not the device; one tick in
    /// <see cref="ClosedLoopRunner.ExecutionSampleTicks"/> is timed and stands for the ticks up to the next one).
    /// </summary>
    public int HostExecutionUs { get; internal set; }

    /// <summary>Current each module's cells carried over the interval that ended at this release, uA (switch and gate drive together).</summary>
    public int[] TrueCurrentUa { get; internal set; } = Array.Empty<int>();

    /// <summary>Whether the hardware enable lets the gate drivers on now; true on boards without one (nothing gates them).</summary>
    public bool GateDriveEnabled { get; internal set; }
}
