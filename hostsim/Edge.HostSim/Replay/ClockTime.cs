// Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;

namespace Edge.HostSim.Replay;

/// <summary>
/// A time written as hours, minutes and seconds, "h:mm:ss" with an optional fraction of a second ("0:00:01.020",
/// "00:00:00.000", "27:46:40.5"), as Neware's exports write their time columns ("Total Time", "Relative
/// Time(h:min:s.ms)"): the hours go on past 24, the minutes and the seconds stay under 60. Such a value states its own
/// unit, so it is read so in any time column, whatever the time unit.
/// </summary>
public static partial class ClockTime
{
    /// <summary>What a time column holds besides plain numbers, for messages.</summary>
    public const string Form = "h:mm:ss(.fff)";

    /// <summary>Units a column's name states for such values (Neware writes "(h:min:s.ms)").</summary>
    public static bool IsUnit(string unit) => unit.ToLowerInvariant() is "h:min:s.ms" or "h:min:s" or "h:mm:ss" or "hh:mm:ss" or "h:mm:ss.fff" or "hh:mm:ss.fff";

    /// <summary>The seconds <paramref name="text"/> (a decimal point, not a comma) stands for; false when it is not in that form.</summary>
    public static bool TryParse(string text, out double seconds)
    {
        seconds = 0;
        Match match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        // Hours that overflow a double's exact integers are no recording's.
        if (!long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long hours) || hours > 1_000_000_000)
        {
            return false;
        }

        int minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        double wholeAndFraction = double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        seconds = (hours * 3600.0) + (minutes * 60.0) + wholeAndFraction;
        return true;
    }

    // Hours of any length, minutes and seconds 00-59 (one or two digits), a fraction of any length.
    [GeneratedRegex(@"^(\d+):([0-5]?\d):([0-5]?\d(?:\.\d+)?)$")]
    private static partial Regex Pattern();
}
