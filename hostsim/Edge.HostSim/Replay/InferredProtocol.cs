// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// What <see cref="ProtocolInference"/> read from a recording: the protocol's steps, the recording time the replay
/// starts (s), whether the first pulse was passed over, the mean samples per ended pulse (null when no pulse
/// ended inside the recording, a continuous current), and the pulses' period when a fixed timeline fits them
/// (<see cref="PulseTimeline"/>; null otherwise), on which the pulses after a gap start too.
/// </summary>
public sealed record InferredProtocol(List<string> Steps, double FirstPulseS, bool FirstPulseSkipped, double? SamplesPerPulse, int? PulsePeriodMs)
{
    /// <summary>The median current of the pulses, mA (positive while stripping), of which the steps take the microamperes.</summary>
    public double PulseCurrentMA { get; init; }

    /// <summary>
    /// The timeline the pulses follow at 1 ms when the tick divides not its pulse or its period, so fits none (null
    /// otherwise): the tick, not the recording, is what keeps the core from following it (<see cref="TickFit"/>).
    /// </summary>
    public PulseTimeline? UntimedTimeline { get; init; }

    /// <summary>
    /// The rest after the recording's only pulse as far as the recording goes, s, when its end cut that rest off (null
    /// otherwise): the rest's length is unknown, so the inferred one outlasts the recording.
    /// </summary>
    public double? RestCutOffS { get; init; }

    /// <summary>Pulses of module 0 that strip (positive current, at least <see cref="ProtocolInference.MinimumSamplesPerPulse"/> samples).</summary>
    public int StrippingPulses { get; init; }

    /// <summary>Pulses of module 0 that plate (negative current, at least <see cref="ProtocolInference.MinimumSamplesPerPulse"/> samples).</summary>
    public int PlatingPulses { get; init; }

    /// <summary>Recording time of the first plating pulse's first sample, s; NaN when none plates.</summary>
    public double FirstPlatingS { get; init; } = double.NaN;

    /// <summary>Each pulse of module 0 (as <see cref="StrippingPulses"/> counts them): its first sample's time, s, and its median current, mA.</summary>
    public List<(double StartS, double CurrentMA)> PulseMedianCurrentsMA { get; init; } = new List<(double, double)>();

    /// <summary>The median current of the plating pulses' samples, mA (negative); null when none plates.</summary>
    public double? PlatingCurrentMA { get; init; }

    /// <summary>True when the pulses hold too few samples for the depletion-trend events to be trusted.</summary>
    public bool SparselySampled => SamplesPerPulse < ProtocolInference.DependableSamplesPerPulse;
}
