// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Output;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Replay;

/// <summary>replay.json: where a replay's data came from and how it was fitted to the core's tick.</summary>
public sealed class ReplaySource
{
    public const string File = "replay.json";

    public string Source { get; init; } = string.Empty;

    public string Format { get; init; } = string.Empty;

    public int Samples { get; init; }

    public double MedianSampleIntervalS { get; init; }

    public int TickPeriodMs { get; init; }

    /// <summary>
    /// Recording time of the replay's t = 0 (the first pulse's start unless a scenario says otherwise), s: the one place
    /// the recording's own clock is given; every other time of a replay's outputs counts from that tick.
    /// </summary>
    public double StartS { get; init; }

    public long TicksFed { get; init; }

    public IReadOnlyList<string> Steps { get; init; } = Array.Empty<string>();

    /// <summary>"inferred" from the recorded current, or "scenario".</summary>
    public string Protocol { get; init; } = string.Empty;

    /// <summary>The recording's gaps, in the replay's time (s from its first tick, as the events), with where the core restarted after each.</summary>
    public IReadOnlyList<ReplayGap> Gaps { get; init; } = Array.Empty<ReplayGap>();

    /// <summary>Core sessions: 1, plus one restarted at the first pulse after each gap (the core's history starts again there).</summary>
    public int Sessions { get; init; } = 1;

    /// <summary>
    /// Ticks whose recorded current disagreed with the core's switch (on against off): 0, or 1 where the replay ended
    /// at the first such tick, unfed (<see cref="ReplayRunner.Departure"/>).
    /// </summary>
    public long MisalignedTicks { get; init; }

    /// <summary>That tick's time, s from the replay's first tick; null when the switch followed the recording throughout.</summary>
    public double? FirstMisalignedS { get; init; }

    /// <summary>The recording began inside a pulse whose first point had already jumped: the replay starts at the next.</summary>
    public bool FirstPulseSkipped { get; init; }

    /// <summary>
    /// Mean samples per recorded pulse (null: no pulse ended in the recording). Under
    /// <see cref="ProtocolInference.DependableSamplesPerPulse"/> depletion-trend events may be false.
    /// </summary>
    public double? SamplesPerPulse { get; init; }

    /// <summary>
    /// The file's last line left out because no line break ends it (<see cref="LabRecording.LastLineLeftOut"/>); absent
    /// when none was. What the replay prints is also kept here, so a batch of replays whose output nobody read loses nothing.
    /// </summary>
    public string? LastLineLeftOut { get; init; }

    /// <summary>Rows at the time of the row before them, of which the last was read (<see cref="LabRecording.SameTimeRows"/>); absent when none.</summary>
    public string? SameTimeRows { get; init; }

    /// <summary>Why the file was read as Latin-1 (<see cref="LabRecording.ReadAsLatin1Because"/>); absent when it was read in one encoding from the start.</summary>
    public string? ReadAsLatin1Because { get; init; }

    public void Write(string directory) =>
        System.IO.File.WriteAllText(Path.Combine(directory, File), JsonSerializer.Serialize(this, OutputJson.Readable) + "\n");
}
