// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Configuration;

namespace Edge.HostSim.Replay;

/// <summary>
/// Whether a recording's pulses hold one current the inferred protocol can command. The core, following one pulse
/// current (the median), holds a reading further from its setpoint than the plausibility tolerance (20 uA + 25 % of the
/// setpoint by default) for implausible and latches that fault; a recording whose pulse current changes (a rate test, a
/// critical-current test's rising steps) was replayed so, exit 0, with a fault the cell never had 30 ms in.
/// </summary>
public static class PulseCurrentSpread
{
    /// <summary>
    /// The refusal of a recording with a pulse whose median current lies outside the tolerance around the inferred
    /// pulse current, naming the range of the pulses' currents and the first such pulse; null when every pulse lies
    /// within it, or the tolerance judges no magnitude.
    /// </summary>
    public static string? Refusal(InferredProtocol inferred, PlausibilityConfiguration plausibility)
    {
        List<(double StartS, double CurrentMA)> pulses = inferred.PulseMedianCurrentsMA;
        if (!plausibility.CurrentMagnitudeJudged || pulses.Count == 0)
        {
            return null;
        }

        // As the steps command it: whole microamperes of the median's magnitude.
        long setpointUa = (long)Math.Round(Math.Abs(inferred.PulseCurrentMA) * 1000.0);
        foreach ((double startS, double currentMA) in pulses)
        {
            long deviationUa = Math.Abs((long)Math.Round(Math.Abs(currentMA) * 1000.0) - setpointUa);
            // The core's test (PlausibilityMonitor), integer and without division.
            if (deviationUa * 100 > (plausibility.CurrentToleranceUa * 100L) + (setpointUa * plausibility.CurrentTolerancePercent))
            {
                return string.Format(
                    CultureInfo.InvariantCulture,
                    "its pulses' currents differ, {0:0.###} to {1:0.###} mA (medians of {2} pulses), where the core follows one pulse current, their median {3:0.###} mA, and holds a reading more than {4} uA + {5} % from it for an implausible current, a fault the cell never had (the first such pulse at t = {6:0.###} s of the recording, {7:0.###} mA); replay the recording in parts of one pulse current each, or give --scenario with the steps it followed",
                    pulses.Min(p => Math.Abs(p.CurrentMA)),
                    pulses.Max(p => Math.Abs(p.CurrentMA)),
                    pulses.Count,
                    Math.Abs(inferred.PulseCurrentMA),
                    plausibility.CurrentToleranceUa,
                    plausibility.CurrentTolerancePercent,
                    startS,
                    Math.Abs(currentMA));
            }
        }

        return null;
    }
}
