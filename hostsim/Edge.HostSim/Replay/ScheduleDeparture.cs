// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// The first fed tick where the core's switch, timed by its protocol, disagreed with the recorded current: the replay
/// ends there without feeding it, since from then on the core judges the cell against a pulse or a rest the
/// recording does not hold.
/// </summary>
/// <param name="AtS">The tick's time, s from the replay's first tick (the time events use).</param>
/// <param name="Module">The first module whose switch disagreed.</param>
/// <param name="SwitchClosed">The core's switch was closed (a pulse) where the recording has no current; false: open, with current recorded.</param>
/// <param name="RecordedUa">The recorded current over the interval ending at the tick, uA.</param>
public sealed record ScheduleDeparture(double AtS, int Module, bool SwitchClosed, int RecordedUa);
