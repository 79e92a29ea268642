// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>
/// A gap as the replay's outputs report it: in the replay's time (s from its first tick), the time its events, summary
/// and trace use, not the recording's own clock, which replay.json gives once as the recording time of that first
/// tick. <see cref="RestartS"/> is where the core's next session started (null: none did after it).
/// </summary>
public sealed record ReplayGap(double StartS, double EndS, double DurationS, double? RestartS);
