// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// A gap as the replay's outputs report it: in the replay's time (s from its first tick), the time its events, summary
/// and trace use, not the recording's own clock, which replay.json gives once as the recording time of that first
/// tick. <see cref="RestartS"/> is where the core's next session started (null: none did after it).
/// </summary>
public sealed record ReplayGap(double StartS, double EndS, double DurationS, double? RestartS)
{
    /// <param name="gap">The gap in the recording's time.</param>
    /// <param name="recordingStartS">The recording time of the replay's first tick.</param>
    /// <param name="restartsS">Where each session after the first started, replay time, rising.</param>
    public static ReplayGap Of(RecordingGap gap, double recordingStartS, IReadOnlyList<double> restartsS)
    {
        double start = gap.StartS - recordingStartS;
        double end = gap.EndS - recordingStartS;

        // The first session that starts after the gap; two gaps crossed while looking for the next pulse share it.
        double? restart = restartsS.Where(r => r >= end - 1e-9).Cast<double?>().FirstOrDefault();
        return new ReplayGap(start, end, gap.DurationS, restart);
    }
}
