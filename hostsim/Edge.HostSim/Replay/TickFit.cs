// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Replay;

/// <summary>
/// Whether a tick divides the recording's pulse and period. The core times its protocol in whole ticks: at 7 ms a
/// recording's 1000 ms pulses and 3000 ms period became 1001 and 3003 ms, the core's switch parted from the recorded
/// current at the first pulse's end, and a healthy cell was held for overcurrent. A --scenario, whose protocol rounds
/// the same at that tick, cannot help; a tick that divides both can.
/// </summary>
public static class TickFit
{
    /// <summary>
    /// The refusal, or null when <paramref name="tickMs"/> divides the pulse and the period of
    /// <paramref name="recorded"/> (fitted at 1 ms), or no tick the core takes does.
    /// </summary>
    /// <param name="tick">How the tick is named to the user ("--sample-period-ms 7", or a scenario's samplePeriodMs).</param>
    /// <param name="scenarioGiven">True when the tick is a --scenario file's: its protocol is the one that rounds.</param>
    public static string? Refusal(PulseTimeline recorded, int tickMs, string tick, bool scenarioGiven = false)
    {
        int pulseMs = recorded.PulseMs;
        int periodMs = recorded.PeriodMs;
        if (pulseMs % tickMs == 0 && periodMs % tickMs == 0)
        {
            return null;
        }

        int common = Gcd(pulseMs, periodMs);
        int[] dividing = Enumerable.Range(CoreTick.ShortestMs, Math.Max(0, Math.Min(CoreTick.LongestMs, common) - CoreTick.ShortestMs + 1)).Where(d => common % d == 0).ToArray();
        if (dividing.Length == 0)
        {
            return null;
        }

        int[] nearest = new[] { dividing.Where(d => d < tickMs).DefaultIfEmpty(0).Max(), dividing.Where(d => d > tickMs).DefaultIfEmpty(0).Min() }.Where(d => d > 0).ToArray();
        int roundedPulseMs = Rounded(pulseMs, tickMs);
        int roundedPeriodMs = roundedPulseMs + Rounded(periodMs - pulseMs, tickMs);
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0}: the recording's pulses last {1} ms and repeat every {2} ms, which {3} ms ticks do not divide: the core times its protocol in whole ticks ({4} and {5} ms), so its switch would part from the recorded current{6}; give a tick that divides both, such as {7} ms",
            tick, pulseMs, periodMs, tickMs, roundedPulseMs, roundedPeriodMs, scenarioGiven ? string.Empty : ", and a --scenario at that tick rounds the same", string.Join(" or ", nearest));
    }

    private static int Rounded(int ms, int tickMs) => (int)Math.Max(1, Math.Round(ms / (double)tickMs)) * tickMs;

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
