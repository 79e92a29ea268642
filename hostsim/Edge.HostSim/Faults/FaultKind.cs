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

    /// <summary>
    /// Ticks do not start on time: <see cref="TickJitterMode.Uniform"/> moves sample timestamps by up to the
    /// given ms both ways; <see cref="TickJitterMode.NanoFramework"/> starts ticks late as nanoFramework does
    /// (a thread quantum of up to <c>jitterMs</c>, plus garbage-collection pauses), physics following the real intervals.
    /// </summary>
    TickJitter,

    /// <summary>MQTT broker unreachable; carried for the telemetry bridge, no effect on the closed loop.</summary>
    BrokerOutage,

    /// <summary>
    /// The runtime stops ticking (a hang, a debugger break): no sample, no decision, and the outputs keep
    /// what the last tick wrote, as LEDC PWM and GPIO levels do. Only the board's hardware enable can stop the current.
    /// </summary>
    RuntimeHang,

    /// <summary>
    /// A temperature sensor's reading rises from the pack's ambient temperature at <c>rateCPerS</c> (a cell
    /// heating up): the graded over-temperature levels warn, derate and at last isolate the pack.
    /// </summary>
    TemperatureRise,

    /// <summary>
    /// A module's current reading is false, still valid: stuck at <c>valueUa</c>, off by <c>offsetUa</c>, or of the wrong
    /// sign (<see cref="CurrentSensorMode"/>); the current that flows is unchanged.
    /// </summary>
    CurrentSensor,

    /// <summary>
    /// A multiplexer select line (<c>line</c>, 0 = S0) stuck at a <c>level</c>: every multiplexed channel reads the input
    /// its address reaches with that bit forced (a board with a <c>[mux]</c> only).
    /// </summary>
    MuxSelectLine,
}
