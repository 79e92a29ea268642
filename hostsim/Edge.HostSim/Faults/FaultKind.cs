// Licensed under the MIT License.

namespace Edge.HostSim.Faults;

/// <summary>Kinds of injected faults (scenario "faults[].kind", camelCase in JSON).</summary>
public enum FaultKind
{
    /// <summary>A shunt across a cell (ohm cm2), permanent or intermittent: a filament through the electrolyte.</summary>
    SoftShort,

    /// <summary>A latched metallic short: voltage near 0 V, proportional to the current.</summary>
    HardShort,

    /// <summary>The cell's voltage reading freezes at its last value.</summary>
    StuckChannel,

    /// <summary>The cell's ADC sits at the rail: value clipped, status Saturated.</summary>
    SaturatedChannel,

    /// <summary>Extra Gaussian noise on a cell's reading (or every cell of a module when cell is omitted).</summary>
    NoiseBurst,

    /// <summary>Sample timestamps jitter by up to the given ms (uniform, both ways).</summary>
    TickJitter,

    /// <summary>MQTT broker unreachable; carried for the telemetry bridge, no effect on the closed loop.</summary>
    BrokerOutage,
}
