// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Faults;

namespace Edge.HostSim.Replay;

/// <summary>
/// What a replay feeds the temperature sensors of a --scenario's pack when the recording holds no temperature at every
/// tick (a lab file, a trace written before its temperature columns, a thinned trace): the scenario's ambient,
/// <see cref="FaultInjector.AmbientDeciCelsius"/>, each as a valid reading, said to be assumed. Fed as missing, every
/// sensor would latch a channel fault and hold the module; the frame's 0.0 degC, fed before, was a valid reading made up
/// and far below any pack's.
/// </summary>
public static class AssumedTemperature
{
    /// <summary>The reading each sensor is fed, 0.1 degC.</summary>
    public const int DeciCelsius = FaultInjector.AmbientDeciCelsius;

    /// <summary>
    /// The sentence replay prints and the report and summary carry: the temperature fed to the pack's
    /// <paramref name="sensors"/>, that it is assumed, and why (<paramref name="recordingSensors"/>: the recording's
    /// temperature columns, read only at its rows when it has some).
    /// </summary>
    public static string Text(int sensors, int recordingSensors) => string.Format(
        CultureInfo.InvariantCulture,
        "{0:0.0} degC, the scenario's ambient, fed to {1} (pack.temperatureSensors) as a valid reading: assumed, not measured, as {2}; an overtemperature the recorded cell met is not seen",
        DeciCelsius / 10.0,
        sensors == 1 ? "the pack's temperature sensor" : "each of the pack's " + sensors.ToString(CultureInfo.InvariantCulture) + " temperature sensors",
        recordingSensors > 0 ? "the trace's temperature columns, like its measured columns, are of its rows only, not of every tick" : "the recording holds no temperatures");
}
