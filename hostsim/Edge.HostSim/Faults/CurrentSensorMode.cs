// Licensed under the MIT License.

namespace Edge.HostSim.Faults;

/// <summary>How a <see cref="FaultKind.CurrentSensor"/> fault falsifies a module's current reading (scenario "mode"): the first three leave it valid, the last two do not.</summary>
public enum CurrentSensorMode
{
    /// <summary>The reading stays at <c>valueUa</c> (0 by default: a bridged shunt, an amplifier output at REF, broken sense leads).</summary>
    Stuck,

    /// <summary>The reading is off by <c>offsetUa</c> (a drifted REF, a leak into the sense node).</summary>
    Offset,

    /// <summary>The reading has the wrong sign (the sense leads or the shunt wired the other way round).</summary>
    Reversed,

    /// <summary>
    /// The channel's ADC sits at a rail (<c>rail</c>: high or low; an amplifier driven into its supply, a shorted or
    /// open shunt): the reading is marked Saturated, as the firmware's conversion marks 0 or full-scale counts.
    /// </summary>
    Saturated,

    /// <summary>
    /// The channel gives no conversion (a failed ADC read, an input not opened): the firmware's acquisition reads -1
    /// counts, which its conversion marks Implausible with the value 0.
    /// </summary>
    Missing,
}
