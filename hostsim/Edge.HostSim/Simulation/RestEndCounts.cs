// Licensed under the MIT License.

using System.Text.Json.Serialization;
using Edge.Core.Records;

namespace Edge.HostSim.Simulation;

/// <summary>
/// A module's completed rests by why each ended, as the device's <c>restEnded</c> messages name the reasons
/// (CONTRACT.md): what tells a user designing a protocol whether the adaptive rests settled, ran to the maximum or were
/// cut by the pack scheduler. The counts add up to <see cref="ModuleResult.Rests"/>.
/// </summary>
public sealed class RestEndCounts
{
    /// <summary>Fixed rests: the configured length elapsed.</summary>
    public int Fixed { get; private set; }

    /// <summary>Adaptive rests that ended once the relaxation settled.</summary>
    public int Relaxed { get; private set; }

    /// <summary>Adaptive rests that reached the maximum before the relaxation settled.</summary>
    public int MaximumReached { get; private set; }

    /// <summary>The long rests between a strip and a plate.</summary>
    public int DirectionChange { get; private set; }

    /// <summary>Adaptive rests the pack scheduler ended before they settled.</summary>
    public int Scheduled { get; private set; }

    /// <summary>Every completed rest: <see cref="ModuleResult.Rests"/>, the reasons' own field in summary.json.</summary>
    [JsonIgnore]
    public int Total => Fixed + Relaxed + MaximumReached + DirectionChange + Scheduled;

    public void Add(RestEndReason reason)
    {
        switch (reason)
        {
            case RestEndReason.Fixed:
                Fixed++;
                break;
            case RestEndReason.Relaxed:
                Relaxed++;
                break;
            case RestEndReason.MaximumReached:
                MaximumReached++;
                break;
            case RestEndReason.DirectionChange:
                DirectionChange++;
                break;
            case RestEndReason.Scheduled:
                Scheduled++;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reason), reason, "a rest end reason this simulator does not know");
        }
    }
}
