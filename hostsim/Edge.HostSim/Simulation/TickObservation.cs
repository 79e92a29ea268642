// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Actuation;
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
}
