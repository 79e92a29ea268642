// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// The ticks the core takes, for advice that names one: its 500 ms rest-slope window must hold at least one sample
/// and at most 256 (ScenarioCompiler refuses a samplePeriodMs outside), so 2 to 500 ms.
/// </summary>
public static class CoreTick
{
    public const int ShortestMs = 2;

    public const int LongestMs = 500;
}
