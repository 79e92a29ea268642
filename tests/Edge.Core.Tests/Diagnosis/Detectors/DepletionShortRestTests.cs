// Licensed under the MIT License.

using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// A strip pulse after a shorter rest than the module's typical one (<see cref="DepletionOnsetDetector"/>,
/// depletion.shortRestPercent, 75 %) starts from more polarisation and ends higher by design: the trend gives it no
/// verdict and its baseline does not follow it. 1 s pulses at 385 uA, a protocol rest of 1 s, a pack rotation that
/// rests the module 2 s, cell 0's overpotentials as given, slack 2 mV, info 10 mV, baseline block 5 pulses.
/// </summary>
public class DepletionShortRestTests
{
    /// <summary>Ten pulses at 100 mV, 2 s apart: the baseline learned at 100 mV. Returns when the next pulse may start, 2 s after the last.</summary>
    private static long Settle(SnapshotRig rig, DepletionOnsetDetector detector)
    {
        long t = 1000;
        for (int i = 0; i < 10; i++)
        {
            DepletionStripPulses.Run(rig, detector, t, 100, 1000);
            t += 3000;
        }

        return t;
    }

    [Fact]
    public void PulsesAfterAShorterRestAreNotSummed()
    {
        // Settled at 100 mV with 2 s gaps; the rotation then rests the module 1 s twice (50 % of its typical gap), and the
        // pulses end at 110 mV from the polarisation the short rest left. Summed, they were 110 - 100 - 2 = 8 mV each, past
        // info (10 mV) at the second. Not judged, the CUSUM stays at 0 and no info is raised.
        var (rig, detector) = DepletionStripPulses.Make();
        long t = Settle(rig, detector) - 1000;
        DepletionStripPulses.Run(rig, detector, t, 110, 1000);
        Assert.Equal(0, detector.CusumMv(0));
        t += 2000;
        DepletionStripPulses.Run(rig, detector, t, 110, 1000);
        Assert.Equal(0, detector.CusumMv(0));
        Assert.Empty(rig.Raised(DiagnosisId.DepletionTrendInfo));

        // Back at the typical 2 s: judged against the 100 mV baseline, which did not follow the two pulses at 110 mV
        // (following them while quiet would have lifted it to 102 and 103.6 mV): 115 - 100 - 2 = 13 mV.
        t += 3000;
        DepletionStripPulses.Run(rig, detector, t, 115, 1000);
        Assert.Equal(13, detector.CusumMv(0));
    }

    [Theory]
    [InlineData(1500, 13)]   // exactly 75 % of the typical 2 s: judged
    [InlineData(1490, 0)]    // shorter: not judged
    [InlineData(5000, 13)]   // a longer rest: judged as ever (the pulse ends lower, the CUSUM sums rises)
    public void OnlyARestShorterThanThreeQuartersOfTheTypicalGapGoesUnjudged(long gapMs, int expectedCusumMv)
    {
        var (rig, detector) = DepletionStripPulses.Make();
        long t = Settle(rig, detector) - 2000 + gapMs;
        DepletionStripPulses.Run(rig, detector, t, 115, 1000);
        Assert.Equal(expectedCusumMv, detector.CusumMv(0));
    }

    [Fact]
    public void ADepletingCellIsStillSummedAtItsTypicalRests()
    {
        // Guard: a cell running down at the typical gap, 2 s, with one short rest among its pulses: the rise is summed at
        // every pulse but that one. 106 mV: 4 mV, quiet, so the baseline follows by a fifth to 101.2 mV; 112: 4 + 9 = 13
        // (info, the baseline stops); the short rest's 118: not judged; 124: 13 + 21 = 34 mV (warning at 25).
        var (rig, detector) = DepletionStripPulses.Make();
        long t = Settle(rig, detector);
        DepletionStripPulses.Run(rig, detector, t, 106, 1000);
        Assert.Equal(4, detector.CusumMv(0));
        t += 3000;
        DepletionStripPulses.Run(rig, detector, t, 112, 1000);
        Assert.Equal(13, detector.CusumMv(0));
        t += 2000;
        DepletionStripPulses.Run(rig, detector, t, 118, 1000);
        Assert.Equal(13, detector.CusumMv(0));
        t += 3000;
        DepletionStripPulses.Run(rig, detector, t, 124, 1000);
        Assert.Equal(34, detector.CusumMv(0));
        Assert.NotEmpty(rig.Raised(DiagnosisId.DepletionTrendWarning));
    }
}
