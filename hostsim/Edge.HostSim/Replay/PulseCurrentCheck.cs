// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Replay;

/// <summary>
/// Whether the pulse current read from a recording is one the core can take: it counts whole microamperes, and an
/// inferred protocol's pulse must lie within the safety envelope for the electrode. A current outside either is most
/// often a column read in the wrong unit (amperes as milliamperes read 0.385 mA as 0.385 uA, which counts as 0), so
/// the refusal names the current read, the unit it was read in, and the option that reads it otherwise.
/// </summary>
public static class PulseCurrentCheck
{
    /// <summary>Throws a <see cref="LabFileException"/> when the median pulse current counts as 0 uA.</summary>
    public static void CheckCountable(LabRecording recording, double pulseCurrentMA)
    {
        if (Math.Round(Math.Abs(pulseCurrentMA) * 1000.0) >= 1)
        {
            return;
        }

        string message = string.Format(CultureInfo.InvariantCulture,
            "the pulses' current reads {0:0.####} uA (median), which the core, counting whole uA, takes for 0",
            Math.Abs(pulseCurrentMA) * 1000.0);
        throw new LabFileException(WithHint(message, recording, true));
    }

    /// <summary>
    /// The refusal of a median pulse current above <paramref name="maximumUa"/>, the safety envelope of an electrode
    /// of <paramref name="areaCm2"/>: a current column read in too small a unit, or a larger electrode
    /// (<paramref name="largerArea"/>: "give its --area", or the scenario's field with --scenario).
    /// </summary>
    public static string TooLarge(LabRecording recording, double pulseCurrentMA, int maximumUa, double areaCm2, string largerArea)
    {
        string message = string.Format(CultureInfo.InvariantCulture,
            "the pulses' current reads {0:0.###} mA (median), above the {1:0.###} mA the safety envelope allows an electrode of {2:0.####} cm2",
            Math.Abs(pulseCurrentMA), maximumUa / 1000.0, areaCm2);
        return WithHint(message, recording, false) + "; if the electrode is larger, " + largerArea;
    }

    private static string WithHint(string message, LabRecording recording, bool tooSmall) =>
        UnitMistakeHint.For(recording.CurrentReading, "--current-unit", UnitMistakeHint.CurrentUnits, tooSmall) is string hint
            ? message + " (" + hint + ")"
            : message;
}
