// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;

namespace Edge.HostSim.Replay;

/// <summary>
/// Whether a --scenario's current steps command the currents the recording's pulses carry. The core compares its
/// setpoint with the current read and holds a reading more than the plausibility tolerance (20 uA + 25 % of the
/// setpoint by default) from it for implausible; a scenario written for another current density or another electrode
/// area was replayed, exit 0, with that fault latched 30 ms in and the module held, a fault the cell never had.
/// </summary>
public static class ScenarioPulseCurrentCheck
{
    /// <summary>
    /// The refusal of the first pulse whose median current lies within the tolerance of none of the scenario's steps of
    /// its direction (a Plate step's setpoint capped at the critical plating current, as the core commands it), naming
    /// the pulse, the steps' currents and what to change; null when every pulse has such a step, or the tolerance judges
    /// no magnitude.
    /// </summary>
    public static string? Refusal(InferredProtocol inferred, ControllerConfiguration compiled, double areaCm2)
    {
        PlausibilityConfiguration plausibility = compiled.Plausibility;
        if (!plausibility.CurrentMagnitudeJudged)
        {
            return null;
        }

        foreach ((double startS, double currentMA) in inferred.PulseMedianCurrentsMA)
        {
            ProtocolStepKind kind = currentMA > 0 ? ProtocolStepKind.Strip : ProtocolStepKind.Plate;
            List<long> setpointsUa = Setpoints(compiled.Protocol, kind);
            long readUa = (long)Math.Round(Math.Abs(currentMA) * 1000.0);
            if (setpointsUa.Any(setpointUa => Within(readUa, setpointUa, plausibility)))
            {
                continue;
            }

            string pulse = string.Format(CultureInfo.InvariantCulture,
                "the recording's {0} pulse at t = {1:0.###} s carries {2:0.###} mA (its median), {3:0.##} mA/cm2 of {4:0.####} cm2",
                kind == ProtocolStepKind.Strip ? "stripping" : "plating", startS, Math.Abs(currentMA), Math.Abs(currentMA) / areaCm2, areaCm2);
            string steps = setpointsUa.Count == 0
                ? "the --scenario file's protocol has no " + kind + " step"
                : string.Format(CultureInfo.InvariantCulture, "the --scenario file's {0} steps command {1} ({2})", kind,
                    string.Join(", ", setpointsUa.Select(ua => ua.ToString(CultureInfo.InvariantCulture) + " uA")),
                    string.Join(", ", setpointsUa.Select(ua => (ua / 1000.0 / areaCm2).ToString("0.##", CultureInfo.InvariantCulture) + " mA/cm2")));
            return string.Format(CultureInfo.InvariantCulture,
                "{0}, but {1}: the core holds a reading more than {2} uA + {3} % from its setpoint for an implausible current and would latch that fault, one the cell never had; give the scenario the recording's steps (a {4} step at {5:0.##} mA/cm2), or its pack.areaCm2 where that is what differs",
                pulse, steps, plausibility.CurrentToleranceUa, plausibility.CurrentTolerancePercent, kind, Math.Abs(currentMA) / areaCm2);
        }

        return null;
    }

    /// <summary>The distinct setpoints, uA, of the protocol's steps of <paramref name="kind"/>, as the core commands them.</summary>
    private static List<long> Setpoints(ProtocolConfiguration protocol, ProtocolStepKind kind)
    {
        List<long> setpoints = new List<long>();
        foreach (ProtocolStep step in protocol.Steps)
        {
            if (step.Kind != kind)
            {
                continue;
            }

            long setpointUa = kind == ProtocolStepKind.Plate ? Math.Min(step.CurrentUa, protocol.PlatingCriticalCurrentUa) : step.CurrentUa;
            if (!setpoints.Contains(setpointUa))
            {
                setpoints.Add(setpointUa);
            }
        }

        return setpoints;
    }

    /// <summary>The core's test (PlausibilityMonitor), integer and without division.</summary>
    private static bool Within(long readUa, long setpointUa, PlausibilityConfiguration plausibility) =>
        Math.Abs(readUa - setpointUa) * 100 <= (plausibility.CurrentToleranceUa * 100L) + (setpointUa * plausibility.CurrentTolerancePercent);
}
