// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;

namespace Edge.HostSim.Output;

/// <summary>
/// How a run's protocol rests, as summary.json's <c>rest</c> names it: the rest setting (<see cref="Adaptive"/>,
/// <see cref="Fixed"/>) only where the protocol has a rest step for it to apply to. A protocol without rest steps has
/// no rest in one current direction (<see cref="None"/>: the switch stays closed until a stop) and only the core's
/// direction-change rests when it strips and plates (<see cref="DirectionChangeOnly"/>).
/// </summary>
public static class ProtocolRest
{
    public const string Adaptive = "adaptive";

    public const string Fixed = "fixed";

    public const string None = "none";

    public const string DirectionChangeOnly = "directionChangeOnly";

    /// <summary>One of <see cref="Adaptive"/>, <see cref="Fixed"/>, <see cref="None"/>, <see cref="DirectionChangeOnly"/>.</summary>
    public static string Of(ControllerConfiguration configuration)
    {
        ProtocolStep[] steps = configuration.Protocol.Steps;
        if (steps.Any(s => !s.IsCurrentStep))
        {
            return configuration.Protocol.RestMode == RestMode.Adaptive ? Adaptive : Fixed;
        }

        return steps.Select(s => s.Kind).Distinct().Count() > 1 ? DirectionChangeOnly : None;
    }

    /// <summary>
    /// The same in words, as titles and report.html say it: "adaptive rest", "fixed rest", "continuous current",
    /// "direction-change rests only".
    /// </summary>
    public static string Text(ControllerConfiguration configuration) => Of(configuration) switch
    {
        Adaptive => "adaptive rest",
        Fixed => "fixed rest",
        None => "continuous current",
        _ => "direction-change rests only",
    };
}
