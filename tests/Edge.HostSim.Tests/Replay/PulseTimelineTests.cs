// Licensed under the MIT License.

using Edge.HostSim.Replay;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>The pulse timing fitted to where a logger's samples saw the steps, against hand-made sample times.</summary>
public sealed class PulseTimelineTests
{
    [Fact]
    public void PeriodicPulsesSampledBetweenTheirStepsGiveTheTrueTiming()
    {
        // 1 s pulses every 3 s from t = 0.015 s, logged every 70 ms from t = 0 (never at a step): each step shows at
        // the first sample at or after it.
        List<PulseTimeline.RecordedPulse> pulses = Record(startS: 0.015, pulseS: 1.0, periodS: 3.0, sampleS: 0.07, count: 40);

        PulseTimeline? timeline = PulseTimeline.Fit(pulses, 10);

        Assert.NotNull(timeline);
        Assert.Equal(3000, timeline!.PeriodMs);
        Assert.Equal(1000, timeline.PulseMs);

        // Every start must lie in (sample before, first sample]: with the true timing the latest such first start
        // is the first pulse's tightest bound, here 0.015 s itself or up to one sample interval after it.
        Assert.InRange(timeline.FirstStartS, 0.015, 0.015 + 0.07);
        for (int n = 0; n < pulses.Count; n++)
        {
            double start = timeline.FirstStartS + (n * 3.0);
            Assert.True(start > pulses[n].BeforeS && start <= pulses[n].FirstS + 1e-9, "pulse " + n);
        }
    }

    [Fact]
    public void PulseLostInAGapIsCountedOver()
    {
        // The same pulses logged every 230 ms, with no sample from 44.85 to 47.61 s: the pulse at 45.015 s is not
        // in the recording, and the rest before the next one went 2.76 s without a sample.
        List<PulseTimeline.RecordedPulse> recorded = Record(startS: 0.015, pulseS: 1.0, periodS: 3.0, sampleS: 0.23, count: 40);
        List<PulseTimeline.RecordedPulse> pulses = recorded.Where((_, n) => n != 15).ToList();
        pulses[15] = pulses[15] with { WidestRestIntervalS = 47.61 - 44.85 };

        PulseTimeline? timeline = PulseTimeline.Fit(pulses, 10);

        Assert.NotNull(timeline);
        Assert.Equal(3000, timeline!.PeriodMs);
        Assert.Equal(1000, timeline.PulseMs);
        for (int n = 0; n < recorded.Count; n++)
        {
            double start = timeline.FirstStartS + (n * 3.0);
            Assert.True(start > recorded[n].BeforeS && start <= recorded[n].FirstS + 1e-9, "pulse " + n);
        }
    }

    [Fact]
    public void PulseMissingWhileTheLoggerRecordedFitsNoTimeline()
    {
        // The same pulses, but the one at 45.015 s never came although samples kept coming (a skipped pulse):
        // the core, on a fixed timeline, would pulse where the recording rests.
        List<PulseTimeline.RecordedPulse> pulses = Record(startS: 0.015, pulseS: 1.0, periodS: 3.0, sampleS: 0.23, count: 40).Where((_, n) => n != 15).ToList();

        Assert.Null(PulseTimeline.Fit(pulses, 10));
    }

    [Fact]
    public void RestsThatVaryFitNoTimeline()
    {
        // Adaptive rests: 2 s, then 4 s, then 2 s... no fixed period holds every pulse inside its samples.
        List<PulseTimeline.RecordedPulse> pulses = new List<PulseTimeline.RecordedPulse>();
        double t = 0;
        for (int n = 0; n < 10; n++)
        {
            pulses.Add(new PulseTimeline.RecordedPulse(t - 0.05, t, t + 0.95, t + 1.0, 0.05));
            t += 1.0 + (n % 2 == 0 ? 2.0 : 4.0);
        }

        Assert.Null(PulseTimeline.Fit(pulses, 10));
    }

    [Fact]
    public void ARecordingThatStartsWithAPulseAtZeroStartsAtZeroNotMinusZero()
    {
        // 1 s pulses every 6 s from t = 0, logged every 0.1 s in hours (as a cycler exports time/h): read back to seconds,
        // a sample time is off its true value by a few 1e-15 s either way, and the fitted start, 0 to the microsecond,
        // came out as negative zero: "from t = -0 s" in the replay's output and "startS": -0 in replay.json.
        static double T(int sample) => sample * 0.1 / 3600.0 * 3600.0;
        List<PulseTimeline.RecordedPulse> pulses = new List<PulseTimeline.RecordedPulse>();
        for (int n = 0; n < 100; n++)
        {
            pulses.Add(new PulseTimeline.RecordedPulse(n == 0 ? double.NegativeInfinity : T((60 * n) - 1), T(60 * n), T((60 * n) + 9), T((60 * n) + 10), 0.1));
        }

        PulseTimeline? timeline = PulseTimeline.Fit(pulses, 10);

        Assert.NotNull(timeline);
        Assert.Equal(6000, timeline!.PeriodMs);
        Assert.Equal(1000, timeline.PulseMs);
        Assert.Equal(0.0, timeline.FirstStartS);
        Assert.False(double.IsNegative(timeline.FirstStartS), "the start is negative zero");
        Assert.Equal("0", timeline.FirstStartS.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static List<PulseTimeline.RecordedPulse> Record(double startS, double pulseS, double periodS, double sampleS, int count)
    {
        List<PulseTimeline.RecordedPulse> pulses = new List<PulseTimeline.RecordedPulse>();
        for (int n = 0; n < count; n++)
        {
            double on = startS + (n * periodS);
            double off = on + pulseS;
            int first = (int)Math.Ceiling(on / sampleS);
            int after = (int)Math.Ceiling(off / sampleS);
            pulses.Add(new PulseTimeline.RecordedPulse((first - 1) * sampleS, first * sampleS, (after - 1) * sampleS, after * sampleS, sampleS));
        }

        return pulses;
    }
}
