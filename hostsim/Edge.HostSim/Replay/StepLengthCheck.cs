// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Replay;

/// <summary>
/// Whether the pulses and rests read from a recording last at least one tick: the core times its protocol in whole
/// ticks, and a scenario's pulse shorter than one is refused. Read from a file, such steps most often mean a time
/// column read in too small a unit (seconds as milliseconds made 1 s pulses 1 ms long, and the replay ran them as
/// 10 ms without a word), so the refusal names the lengths read, the unit and the option that reads it otherwise.
/// The same for a time column read in too large a unit, where the unit is one the user can change (given with
/// --time-unit, or the default): pulses and rests that both last longer than <see cref="LongestPlausibleStepS"/>
/// (seconds read as minutes made 1 s pulses and 2 s rests 60 and 120 s long, and the replay ran them so, exit 0).
/// </summary>
public static class StepLengthCheck
{
    /// <summary>
    /// Longest median pulse and rest, s, both of which a recording's time column may give before its unit is taken
    /// for a mistake: 30 s. The pulsed protocols this controller runs last seconds (the [W] protocol's 1 s pulses and
    /// 5 s rests; the shipped scenarios and studies at most 2 s pulses and 10 s rests; the core's adaptive rests at most
    /// 10 s, maximumRestMs), so 30 s is 15 times the longest pulse and 3 times the longest rest, and a time column one
    /// unit too large makes 1 s pulses and 2 s rests 60 and 120 s long (seconds read as minutes), or 1000 and 2000 s
    /// (milliseconds read as seconds).
    /// </summary>
    public const double LongestPlausibleStepS = 30;

    /// <summary>
    /// Throws a <see cref="LabFileException"/> when the median pulse or rest is shorter than the tick, or both are longer
    /// than <see cref="LongestPlausibleStepS"/> in a time unit the user chose or left to the default.
    /// </summary>
    /// <param name="pulseS">The median pulse length, s; null when no pulse ended in the recording.</param>
    /// <param name="restS">The median rest length, s; null when the recording has no rest between pulses.</param>
    /// <param name="tickSetting">Where the tick is set, for the message ("--sample-period-ms", or a scenario's field).</param>
    public static void Check(LabRecording recording, double? pulseS, double? restS, int periodMs, string tickSetting = "--sample-period-ms")
    {
        CheckNotTooLong(recording, pulseS, restS);
        double tickS = periodMs / 1000.0;
        bool shortPulse = pulseS < tickS - 1e-9;
        bool shortRest = restS < tickS - 1e-9;
        if (!shortPulse && !shortRest)
        {
            return;
        }

        CultureInfo inv = CultureInfo.InvariantCulture;
        string lengths = (pulseS is double p ? string.Format(inv, "its pulses last {0:0.###} ms", p * 1000) : string.Empty)
            + (pulseS.HasValue && restS.HasValue ? " and " : string.Empty)
            + (restS is double r ? string.Format(inv, "its rests {0:0.###} ms", r * 1000) : string.Empty);
        string message = string.Format(inv,
            "{0} (medians; a sample every {1:0.######} ms), {2} shorter than the {3} ms tick the core times its protocol in",
            lengths, MedianIntervalS(recording.TimeS) * 1000, shortPulse && shortRest ? "both" : shortPulse ? "the pulses" : "the rests", periodMs);
        if (UnitMistakeHint.For(recording.TimeReading, "--time-unit", UnitMistakeHint.TimeUnits, true) is string hint)
        {
            message += " (" + hint + ")";
        }

        // Steps truly that short need a shorter tick, one the core takes.
        int shortestMs = (int)Math.Floor(Math.Min(pulseS ?? double.MaxValue, restS ?? double.MaxValue) * 1000 + 1e-9);
        if (shortestMs >= CoreTick.ShortestMs)
        {
            message += string.Format(inv, "; if they are that short, give a tick of at most {0} ms ({1})", shortestMs, tickSetting);
        }

        throw new LabFileException(message);
    }

    /// <summary>
    /// Pulses and rests both longer than <see cref="LongestPlausibleStepS"/>, in a unit the user may change: a column whose
    /// name states its unit (the file says what it is) or a format that fixes it is left as read.
    /// </summary>
    private static void CheckNotTooLong(LabRecording recording, double? pulseS, double? restS)
    {
        ColumnReading? reading = recording.TimeReading;
        if (reading == null || reading.Source is ColumnUnitSource.Name or ColumnUnitSource.UnitsRow || !(pulseS > LongestPlausibleStepS && restS > LongestPlausibleStepS))
        {
            return;
        }

        CultureInfo inv = CultureInfo.InvariantCulture;
        string message = string.Format(inv,
            "its pulses last {0:0.###} s and its rests {1:0.###} s (medians; a sample every {2:0.######} s), both longer than the {3} s a pulsed protocol's steps are taken to last",
            pulseS, restS, MedianIntervalS(recording.TimeS), LongestPlausibleStepS);
        throw new LabFileException(message + " (" + UnitMistakeHint.For(reading, "--time-unit", UnitMistakeHint.TimeUnits, false) + ")");
    }

    /// <summary>The median interval between samples, s: only for the message, so a month's millions are sorted only when refused.</summary>
    private static double MedianIntervalS(double[] timeS)
    {
        double[] intervals = new double[timeS.Length - 1];
        for (int i = 1; i < timeS.Length; i++)
        {
            intervals[i - 1] = timeS[i] - timeS[i - 1];
        }

        Array.Sort(intervals);
        return intervals.Length == 0 ? 0 : intervals[intervals.Length / 2];
    }
}
