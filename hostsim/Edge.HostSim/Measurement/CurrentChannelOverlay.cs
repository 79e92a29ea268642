// Licensed under the MIT License.

namespace Edge.HostSim.Measurement;

/// <summary>
/// What a currentSensor fault in mode saturated or missing makes a module's current channel deliver (the
/// <see cref="IMeasurementChain.CurrentOverlays"/>): the ADC at a rail, or no conversion at all.
/// </summary>
public enum CurrentChannelOverlay
{
    /// <summary>The channel reads its current.</summary>
    None,

    /// <summary>The ADC at full scale: status Saturated, the value the channel's calibration gives there.</summary>
    RailHigh,

    /// <summary>The ADC at 0 counts: status Saturated, the value the channel's calibration gives there.</summary>
    RailLow,

    /// <summary>
    /// No conversion (a failed read, an open input): the firmware's acquisition gets -1 counts, which the conversion
    /// marks Implausible with the value 0.
    /// </summary>
    NoConversion,
}
