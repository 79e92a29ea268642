// Licensed under the MIT License.

using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Records;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// The protocol's rest is part of the depletion trend's operating point (<see cref="DepletionOnsetDetector.NoteStripStep"/>):
/// a protocol with a shorter rest leaves more polarisation at every pulse, and its pulses end higher by design (NaK50 at
/// 1 mA/cm2, 3 s to 1 s: 7-11 % higher, simulated), a new level, not a trend. 1 s pulses at 385 uA, cell 0's
/// overpotentials as given, slack 2 mV, info 10 mV, baseline block 5 pulses, operating point change 10 %.
/// </summary>
public class DepletionProtocolRestTests
{
    /// <summary>Ten pulses at 100 mV with the protocol's 3 s rests: the baseline learned at 100 mV. Returns the next start.</summary>
    private static long SettleAtThreeSecondRests(SnapshotRig rig, DepletionOnsetDetector detector)
    {
        long t = 1000;
        for (int i = 0; i < 10; i++)
        {
            DepletionStripPulses.Run(rig, detector, t, 100, 3000, 3000);
            t += 4000;
        }

        return t;
    }

    /// <summary>Twenty pulses at <paramref name="overpotentialMv"/>, 1 s apart, the protocol's rest told as given.</summary>
    private static long RunAtOneSecondRests(SnapshotRig rig, DepletionOnsetDetector detector, long t, int overpotentialMv, long protocolRestMs)
    {
        for (int i = 0; i < 20; i++)
        {
            DepletionStripPulses.Run(rig, detector, t, overpotentialMv, protocolRestMs, protocolRestMs);
            t += 2000;
        }

        return t;
    }

    [Fact]
    public void AProtocolWithAShorterRestLearnsItsBaselineAfresh()
    {
        // The operator's new protocol rests 1 s instead of 3 s, and every pulse ends at 110 mV. The first ones come after a
        // rest shorter than three quarters of the typical gap and go unjudged; once the typical gap has followed, the
        // pulses were judged against the 100 mV learned at 3 s: 110 - 100 - 2 = 8 mV a pulse, info at the second, then
        // warning and fault. Now the new rest is a new operating point: the baseline is learned at 110 mV, and the CUSUM
        // stays at 0.
        var (rig, detector) = DepletionStripPulses.Make();
        long t = SettleAtThreeSecondRests(rig, detector);
        t = RunAtOneSecondRests(rig, detector, t, 110, 1000);
        Assert.Equal(0, detector.CusumMv(0));
        Assert.Empty(rig.Raised(DiagnosisId.DepletionTrendInfo));

        // A cell that then rises at the new rest is still summed, against its level there: 124 - 110 - 2 = 12 mV, info.
        DepletionStripPulses.Run(rig, detector, t, 124, 1000, 1000);
        Assert.Equal(12, detector.CusumMv(0));
        Assert.NotEmpty(rig.Raised(DiagnosisId.DepletionTrendInfo));
    }

    [Fact]
    public void ShorterGapsUnderTheSameProtocolAreStillJudgedAgainstItsBaseline()
    {
        // Guard: the same pulses 1 s apart while the protocol still says 3 s (a scheduler that cuts the rests, act mode
        // shortening nothing): no new operating point, so once the typical gap has followed they are summed against the
        // 100 mV baseline and the trend reports, as before.
        var (rig, detector) = DepletionStripPulses.Make();
        long t = SettleAtThreeSecondRests(rig, detector);
        RunAtOneSecondRests(rig, detector, t, 110, 3000);
        Assert.NotEmpty(rig.Raised(DiagnosisId.DepletionTrendInfo));
    }
}
