// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>A stretch of a recording without samples, longer than the gap threshold: no ticks are fed across it.</summary>
public sealed record RecordingGap(double StartS, double EndS)
{
    public double DurationS => EndS - StartS;
}
