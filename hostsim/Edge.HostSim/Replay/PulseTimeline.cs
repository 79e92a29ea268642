// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// The timing of a recording's pulses as the core will follow it: a fixed period and pulse length, whole ticks,
/// and the time of the first pulse's start. A logger that records every so often, not at each step change, sees a
/// step at its next sample, up to a sample interval late and by a different amount at every pulse; the core,
/// timing its protocol from the first pulse seen, would then switch before or after the recording's current at
/// the other pulses, and current through its open switch is a fault. Fitted here instead: the period from the
/// first and the last pulse's start (a sample interval's error shared by all the pulses between), the pulse
/// length from the mean of the measured ones (each off by up to a sample interval either way, which averages
/// out), and the latest first start that keeps every edge inside the interval its step was recorded in. Pulses
/// lost in a gap of the recording are counted over. A recording whose pulses fit no such timeline (adaptive
/// rests, a pulse skipped while the logger recorded) gets none.
/// </summary>
public sealed record PulseTimeline(double FirstStartS, int PeriodMs, int PulseMs)
{
    /// <summary>
    /// One recorded pulse: the last sample before it (-infinity at the recording's start), its first and last
    /// sample, the first sample after it (NaN while the recording ends inside it), and the longest time without a
    /// sample in the rest before it (up to its first sample), where a pulse could have gone unseen.
    /// </summary>
    public readonly record struct RecordedPulse(double BeforeS, double FirstS, double LastS, double AfterS, double WidestRestIntervalS = 0);

    /// <summary>The timeline, or null when fewer than three pulses are complete or no timeline fits them all.</summary>
    public static PulseTimeline? Fit(IReadOnlyList<RecordedPulse> pulses, int tickMs)
    {
        List<RecordedPulse> complete = pulses.Where(p => !double.IsNaN(p.AfterS)).ToList();
        if (complete.Count < 3)
        {
            return null;
        }

        double tickS = tickMs / 1000.0;
        int[]? index = Indices(pulses);
        if (index == null)
        {
            return null;
        }

        int periodMs = (int)Math.Round((pulses[^1].FirstS - pulses[0].FirstS) / index[^1] / tickS) * tickMs;
        double meanPulseS = complete.Average(p => p.AfterS - p.FirstS);

        // The mean of a few dozen measured lengths is off by a few ms when the samples' phase has not gone round
        // evenly: the nearest whole-tick lengths are tried outward from it, up to the pulses' longest sample gap.
        double widestS = complete.Max(p => Math.Max(p.AfterS - p.LastS, double.IsInfinity(p.BeforeS) ? 0 : p.FirstS - p.BeforeS));
        int nearestTicks = (int)Math.Round(meanPulseS / tickS);
        int searchTicks = (int)Math.Ceiling(widestS / tickS);
        for (int i = 0; i <= 2 * searchTicks; i++)
        {
            int pulseTicks = nearestTicks + ((i % 2 == 0 ? 1 : -1) * ((i + 1) / 2));
            int pulseMs = pulseTicks * tickMs;
            if (pulseMs > 0 && pulseMs < periodMs && Latest(pulses, index, periodMs / 1000.0, pulseMs / 1000.0) is double start)
            {
                // To the microsecond: the sums leave a start a few 1e-15 s off the sample it is. A start a hair below 0
                // rounds to negative zero, which the replay printed as "t = -0 s": made plain 0.
                double startS = Math.Round(start, 6);
                return new PulseTimeline(startS == 0 ? 0 : startS, periodMs, pulseMs);
            }
        }

        return null;
    }

    /// <summary>
    /// Each recorded pulse's place in the sequence, counted in the typical spacing (the median between
    /// consecutive starts): one after the other, except after a rest that went without a sample for more than
    /// half a pulse (a gap), where a pulse may have gone unseen. Null when they do not line up so.
    /// </summary>
    private static int[]? Indices(IReadOnlyList<RecordedPulse> pulses)
    {
        double pulseS = pulses.Where(p => !double.IsNaN(p.AfterS)).Select(p => p.AfterS - p.FirstS).Order().ElementAt(pulses.Count(p => !double.IsNaN(p.AfterS)) / 2);
        double[] spacings = new double[pulses.Count - 1];
        for (int n = 1; n < pulses.Count; n++)
        {
            spacings[n - 1] = pulses[n].FirstS - pulses[n - 1].FirstS;
        }

        double spacing = spacings.Order().ElementAt(spacings.Length / 2);
        int[] index = new int[pulses.Count];
        for (int n = 1; n < pulses.Count; n++)
        {
            index[n] = index[n - 1] + Math.Max(1, (int)Math.Round(spacings[n - 1] / spacing));
            bool unseen = pulses[n].WidestRestIntervalS > pulseS / 2;
            if (index[n] - index[n - 1] > 1 && !unseen)
            {
                // A pulse skipped while the logger was recording: no fixed timeline holds it.
                return null;
            }
        }

        return index;
    }

    /// <summary>The latest first start that keeps every pulse's edges inside their recorded intervals, or null.</summary>
    private static double? Latest(IReadOnlyList<RecordedPulse> pulses, int[] index, double periodS, double pulseS)
    {
        double latest = double.PositiveInfinity;
        double earliest = double.NegativeInfinity;
        for (int n = 0; n < pulses.Count; n++)
        {
            RecordedPulse p = pulses[n];
            double offset = index[n] * periodS;

            // The start lies after the sample before the pulse, at or before its first; the end likewise.
            latest = Math.Min(latest, p.FirstS - offset);
            earliest = Math.Max(earliest, p.BeforeS - offset);
            if (!double.IsNaN(p.AfterS))
            {
                latest = Math.Min(latest, p.AfterS - offset - pulseS);
                earliest = Math.Max(earliest, p.LastS - offset - pulseS);
            }
        }

        return earliest < latest - 1e-9 ? latest : null;
    }
}
