// Licensed under the MIT License.

using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Leaving rest from the gap between a module's strip pulses (<see cref="DepletionOnsetDetector"/>): a gap longer than
/// depletion.leavingRestAfterRestPercent (300 %) of the longer of the protocol's longest rest and the module's usual gap
/// relearns the trend's baseline, whatever kept the current off. 1 s pulses at 385 uA, a protocol rest of 1 s, cell 0's
/// overpotentials as given, slack 2 mV, info 10 mV, baseline block 5 pulses.
/// </summary>
public class DepletionLeavingRestGapTests
{
    private const long RestMs = 1000;

    /// <summary>Ten pulses at 100 mV with gaps of <paramref name="gapMs"/>: the baseline learned at 100 mV. Returns when the last one ended.</summary>
    private static long Settle(SnapshotRig rig, DepletionOnsetDetector detector, long gapMs)
    {
        long t = 1000;
        for (int i = 0; i < 10; i++)
        {
            DepletionStripPulses.Run(rig, detector, t, 100, RestMs);
            t += 1000 + gapMs;
        }

        return t - gapMs;
    }

    [Fact]
    public void AMinuteWithoutPulsesIsLeavingRest()
    {
        // After a minute without current (a scheduler's wait, a hold, a stop), the rested cell's first pulses end at 60,
        // 70, 80, 90 mV and it is back at 100 mV from the fifth. Judged against the 100 mV baseline, the quiet low pulses
        // pull it down by a fifth of the difference each (92, 87.6, 86.1, 86.9 mV) and the climb back is summed:
        // 100 - 89 - 2 = 9, then 100 - 89 - 2 again, past info (10 mV) at the second pulse at 100 mV. Leaving rest, the
        // block 60-100 rises by more than the slack and is not learned; the next (100 x 5) is, and nothing is summed.
        var (rig, detector) = DepletionStripPulses.Make();
        long t = Settle(rig, detector, RestMs) + 60000;
        foreach (int mv in new[] { 60, 70, 80, 90, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100 })
        {
            DepletionStripPulses.Run(rig, detector, t, mv, RestMs);
            t += 1000 + RestMs;
            Assert.Equal(0, detector.CusumMv(0));
        }

        Assert.Empty(rig.Raised(DiagnosisId.DepletionTrendInfo));

        // Learned again at 100 mV: a rise is summed as before, 115 - 100 - 2 = 13 mV.
        DepletionStripPulses.Run(rig, detector, t, 115, RestMs);
        Assert.Equal(13, detector.CusumMv(0));
    }

    [Theory]
    [InlineData(3000, 13)]   // 300 % of the rest: no gap beyond it, the trend goes on
    [InlineData(3010, 0)]    // beyond it: leaving rest, the block is learned afresh
    public void OnlyAGapBeyondThreeTimesTheRestIsLeavingRest(long gapMs, int expectedCusumMv)
    {
        // Settled at 100 mV with 1 s gaps; then one gap of gapMs and a pulse at 115 mV: summed (115 - 100 - 2) or the
        // first pulse of a new block.
        var (rig, detector) = DepletionStripPulses.Make();
        long t = Settle(rig, detector, RestMs) + gapMs;
        DepletionStripPulses.Run(rig, detector, t, 115, RestMs);
        Assert.Equal(expectedCusumMv, detector.CusumMv(0));
    }

    [Theory]
    [InlineData(new long[] { 4000 }, 39)]          // a rotation that rests the module four times its protocol's rest
    [InlineData(new long[] { 1000, 10000 }, 26)]   // every other rest ten times as long
    public void ARotationThatRestsLongerThanTheProtocolKeepsItsTrend(long[] gapsMs, int expectedCusumMv)
    {
        // Guard: the pack scheduler may rest a module longer than its protocol's rest at every pulse, steadily or every
        // other one. Its pulses are in their regime at those rests: the usual gap (the longest recent one, fading by a
        // fifth a pulse) keeps them from relearning at each, so a rise is still summed: 115 - 100 - 2 = 13 mV a pulse.
        var (rig, detector) = DepletionStripPulses.Make();
        long t = 1000;
        for (int i = 0; i < 20; i++)
        {
            DepletionStripPulses.Run(rig, detector, t, 100, RestMs);
            t += 1000 + gapsMs[i % gapsMs.Length];
        }

        DepletionStripPulses.Run(rig, detector, t, 115, RestMs);
        Assert.Equal(13, detector.CusumMv(0));
        t += 1000 + gapsMs[20 % gapsMs.Length];
        DepletionStripPulses.Run(rig, detector, t, 115, RestMs);
        t += 1000 + gapsMs[21 % gapsMs.Length];
        DepletionStripPulses.Run(rig, detector, t, 115, RestMs);
        // 39 mV after the third pulse; the pulse after a 1 s rest among 10 s ones is not judged (shorter than 75 % of
        // the typical gap, DepletionShortRestTests): 26 mV.
        Assert.Equal(expectedCusumMv, detector.CusumMv(0));
    }

    [Theory]
    [InlineData(10, 26)]     // a hold of one tick on fault evidence: the trend goes on
    [InlineData(120, 26)]    // a hold's longest, 12 ticks
    [InlineData(1000, 26)]   // a second: still no rest (depletion.leavingRestMinimumMs)
    [InlineData(1010, 0)]    // beyond it: leaving rest
    public void AProtocolWithoutARestLeavesRestOnlyAfterASecondWithoutCurrent(long gapMs, int expectedCusumMv)
    {
        // A protocol without a rest step: its longest rest and usual gap are 0, its pulses follow each other. Settled at
        // 100 mV, then a rise to 115 mV: 13 mV. A gap of gapMs before the next pulse at 115 mV (a hold, a failed address
        // check) relearned the trend at any gap, and the CUSUM restarted at 0 each time: holds now and then hid a rise
        // for good. Only a gap beyond a second, in which the interface begins to relax, leaves rest.
        var (rig, detector) = DepletionStripPulses.Make();
        long t = 1000;
        for (int i = 0; i < 10; i++)
        {
            DepletionStripPulses.Run(rig, detector, t, 100, 0);
            t += 1000;
        }

        DepletionStripPulses.Run(rig, detector, t, 115, 0);
        Assert.Equal(13, detector.CusumMv(0));
        t += 1000 + gapMs;
        DepletionStripPulses.Run(rig, detector, t, 115, 0);
        Assert.Equal(expectedCusumMv, detector.CusumMv(0));
    }
}
