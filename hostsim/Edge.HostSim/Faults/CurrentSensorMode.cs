// Licensed under the MIT License.

namespace Edge.HostSim.Faults;

/// <summary>How a <see cref="FaultKind.CurrentSensor"/> fault falsifies a module's current reading (scenario "mode").</summary>
public enum CurrentSensorMode
{
    /// <summary>The reading stays at <c>valueUa</c> (0 by default: a bridged shunt, an amplifier output at REF, broken sense leads).</summary>
    Stuck,

    /// <summary>The reading is off by <c>offsetUa</c> (a drifted REF, a leak into the sense node).</summary>
    Offset,

    /// <summary>The reading has the wrong sign (the sense leads or the shunt wired the other way round).</summary>
    Reversed,
}
