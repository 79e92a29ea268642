// Licensed under the MIT License.

using Edge.Core.Sampling;

namespace Edge.HostSim.Measurement;

/// <summary>
/// The board between the cells and the core: true cell voltages (V) and module currents (uA) in, a
/// <see cref="SampleFrame"/> in engineering units with channel statuses out. Fault overlays are per cell, and per module for the current channels.
/// </summary>
public interface IMeasurementChain
{
    /// <summary>Fills the frame's voltage, current and temperature channels for this sample.</summary>
    void Convert(double[] cellVoltageV, int[] moduleCurrentUa, SampleFrame frame);

    /// <summary>True temperature of each of the pack's sensors, 0.1 degC, for the next <see cref="Convert"/> (the runner fills it).</summary>
    int[] TemperatureDeciCelsius { get; }

    /// <summary>Reading of the cell frozen at its last value (stuck channel).</summary>
    bool[] Stuck { get; }

    /// <summary>Cell channel at the ADC rail (saturated channel).</summary>
    bool[] Saturated { get; }

    /// <summary>
    /// Per module, its current channel at an ADC rail or without a conversion (currentSensor faults in mode saturated or
    /// missing); <see cref="CurrentChannelOverlay.None"/>: it reads its current.
    /// </summary>
    CurrentChannelOverlay[] CurrentOverlays { get; }

    /// <summary>Extra Gaussian noise per cell, mV (noise burst); 0 = none.</summary>
    double[] ExtraNoiseMv { get; }

    /// <summary>
    /// Multiplexer select lines stuck high, bit i for S<em>i</em> (muxSelectLine faults); 0 = none. Only a board chain
    /// with a <c>[mux]</c> has select lines: the scenario loader refuses the fault on any other.
    /// </summary>
    int SelectLinesStuckHigh { get; set; }

    /// <summary>Select lines stuck low, as <see cref="SelectLinesStuckHigh"/>.</summary>
    int SelectLinesStuckLow { get; set; }
}
