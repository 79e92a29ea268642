// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// What the depletion trend's baseline is learned from and compared at (<see cref="DepletionOnsetDetector"/> on
/// hand-filled snapshots, default configuration: blocks of 5 pulses, a block settled when its last 2 pulses average
/// less than the 2 mV slack above its first 2, at most 20 pulses of waiting; CUSUM levels 10 / 25 / 60 mV), and which
/// current it trusts for a pulse's direction.
/// </summary>
public class DepletionBaselineTests
{
    private static (SnapshotRig Rig, DepletionOnsetDetector Detector) Make()
    {
        var rig = new SnapshotRig();
        rig.Configuration.Mode = ControlMode.Observe;
        rig.SetCells(0, 500, 500);
        rig.SetCurrent(0, ModulePhase.Open, 0);
        return (rig, new DepletionOnsetDetector(rig.Configuration, rig.Layout));
    }

    /// <summary>A strip pulse ends with cell 0 at <paramref name="overpotentialMv"/> (cell 1 at 100 mV), run at <paramref name="firstUa"/> first and <paramref name="closingUa"/> at its end.</summary>
    private static void PulseEnd(SnapshotRig rig, DepletionOnsetDetector detector, long nowMs, int overpotentialMv, int firstUa = 385, int closingUa = 385)
    {
        rig.Begin(nowMs);
        rig.Snapshot.PulseEnded[0] = true;
        rig.Snapshot.EdgeCurrentUa[0] = closingUa;
        rig.Snapshot.LastPulseCurrentUa[0] = firstUa;
        rig.Snapshot.LastPulseClosingCurrentUa[0] = closingUa;
        rig.Snapshot.PulseOverpotentialMv[0] = overpotentialMv;
        rig.Snapshot.PulseOverpotentialMv[1] = 100;
        rig.Snapshot.EdgeResistanceMilliohm[0] = 1000;
        rig.Snapshot.EdgeResistanceMilliohm[1] = 1000;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    [Fact]
    public void ARestedCellsRisingFirstPulsesAreNotLearnedAndTheSettledResponseIsQuiet()
    {
        // A simulated NaK50 cell's first pulses at 1 s / 1 s, 1 mA/cm2: 241, 253, 257, 258, 257 mV as it leaves rest, then
        // 262 mV settled. Learned as they are, the baseline was 253 mV and every settled pulse added 262 - 253 - 2 = 7 mV:
        // 7, 14 (info), 21, 28 (warning). The first block's last two average 257.5 mV, 10.5 mV above its first two
        // (247 mV): not settled. The second block is flat: learned at 262 mV, and the CUSUM stays at 0.
        var (rig, detector) = Make();
        int[] leavingRest = { 241, 253, 257, 258, 257 };
        long t = 0;
        foreach (int mv in leavingRest)
        {
            PulseEnd(rig, detector, t += 2000, mv);
        }

        for (int i = 0; i < 30; i++)
        {
            PulseEnd(rig, detector, t += 2000, 262);
            Assert.Equal(0, detector.CusumMv(0));
        }

        Assert.Empty(rig.Raised(DiagnosisId.DepletionTrendInfo));

        // The settled baseline still sees a rise: 15 mV above it adds 13 mV a pulse, info at once, warning at the second.
        PulseEnd(rig, detector, t += 2000, 277);
        Assert.Equal(13, detector.CusumMv(0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendInfo, 0));
        PulseEnd(rig, detector, t += 2000, 277);
        Assert.Equal(26, detector.CusumMv(0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendWarning, 0));
    }

    [Fact]
    public void AResponseThatKeepsRisingIsLearnedAfterTheBoundedWait()
    {
        // 100 mV rising by 3 mV a pulse: every block's last two pulses average 9 mV above its first two, never settled.
        // At the end of the fourth block (pulse 20, the 20-pulse bound) that block is learned as it is: pulses 16-20,
        // 145-157 mV, mean 151 mV. Pulse 21 (160 mV): 160 - 151 - 2 = 7, under the info level, so the baseline follows
        // by a fifth of the difference, to 152.8 (153 rounded). Pulse 22 (163 mV): 163 - 153 - 2 = 8, 15 in all: info.
        // Pulse 23 (166 mV): the baseline stays while the trend is active, 166 - 153 - 2 = 11, 26: warning.
        var (rig, detector) = Make();
        long t = 0;
        for (int pulse = 1; pulse <= 20; pulse++)
        {
            PulseEnd(rig, detector, t += 2000, 100 + (3 * (pulse - 1)));
            Assert.Equal(0, detector.CusumMv(0));
        }

        Assert.Empty(rig.Raised(DiagnosisId.DepletionTrendInfo));
        PulseEnd(rig, detector, t += 2000, 160);
        Assert.Equal(7, detector.CusumMv(0));
        PulseEnd(rig, detector, t += 2000, 163);
        Assert.Equal(15, detector.CusumMv(0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendInfo, 0));
        PulseEnd(rig, detector, t += 2000, 166);
        Assert.Equal(26, detector.CusumMv(0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionTrendWarning, 0));
    }

    [Fact]
    public void AFallingFirstBlockIsLearnedAtOnce()
    {
        // A response that falls (a lower current's pulses relaxing to their level) cannot be summed as a trend, and the
        // baseline follows it down while quiet: the first block, 110, 106, 103, 101, 100 (mean 104), is learned at once.
        // Pulse 6 at 120 mV: 120 - 104 - 2 = 14 mV.
        var (rig, detector) = Make();
        long t = 0;
        foreach (int mv in new[] { 110, 106, 103, 101, 100 })
        {
            PulseEnd(rig, detector, t += 2000, mv);
        }

        PulseEnd(rig, detector, t += 2000, 120);
        Assert.Equal(14, detector.CusumMv(0));
    }

    [Fact]
    public void AStairPulseIsJudgedAtTheCurrentItEndedAt()
    {
        // Stair pulses, 0.1 then 0.5 mA/cm2 on 0.385 cm2 (38 then 192 uA), their overpotential 100 mV at the end of the
        // 192 uA stair. An operator raises the last stair to 0.8 mA/cm2 (308 uA): the end-of-pulse overpotential is 150 mV,
        // a new operating point 60 % above the one learned. Taken at the first stair's 38 uA, unchanged, it was the same
        // operating point, and the first such pulse added 150 - 100 - 2 = 48 mV: info and warning at once, and the fault
        // at the second (96 mV). At the closing current it is learned afresh, and nothing is reported.
        var (rig, detector) = Make();
        long t = 0;
        for (int i = 0; i < 5; i++)
        {
            PulseEnd(rig, detector, t += 3000, 100, 38, 192);
        }

        for (int i = 0; i < 10; i++)
        {
            PulseEnd(rig, detector, t += 3000, 150, 38, 308);
            Assert.Equal(0, detector.CusumMv(0));
        }

        Assert.Empty(rig.Raised(DiagnosisId.DepletionTrendInfo));
    }

    /// <summary>
    /// One tick 10 ms into a strip pulse at 385 uA whose current channel reads <paramref name="measuredUa"/>
    /// (<paramref name="valid"/> or not), cell 0 climbing by <paramref name="deltaMv"/> with shape windows
    /// <paramref name="earlyMv"/> / <paramref name="lateMv"/>.
    /// </summary>
    private static void StripTick(SnapshotRig rig, DepletionOnsetDetector detector, long nowMs, int measuredUa, bool valid, int deltaMv, int earlyMv, int lateMv)
    {
        rig.Begin(nowMs);
        rig.SetCurrent(0, ModulePhase.Current, 385);
        rig.Snapshot.ModuleCurrentUa[0] = measuredUa;
        rig.Snapshot.ModuleCurrentValid[0] = valid;
        rig.Snapshot.CellDeltaMv[0] = deltaMv;
        rig.Snapshot.MaximumDeltaMv[0] = deltaMv > 0 ? deltaMv : 0;
        rig.Snapshot.MinimumDeltaMv[0] = deltaMv < 0 ? deltaMv : 0;
        rig.Snapshot.ShapeValid[0] = earlyMv != 0 || lateMv != 0;
        rig.Snapshot.ShapeEarlyRiseMv[0] = earlyMv;
        rig.Snapshot.ShapeLateRiseMv[0] = lateMv;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    [Theory]
    [InlineData(385, true)]
    [InlineData(-3000, false)]
    [InlineData(3000, false)]
    public void ASaturatedCurrentReadingDoesNotTurnAStripPulseIntoPlating(int measuredUa, bool valid)
    {
        // The setpoint strips at 385 uA. A saturated channel carries its rail: -3000 uA below its range at 0 counts
        // (before currentChannelSaturated latches, two ticks later). Read as the current's direction, the pulse was
        // plating, and the convex rise (early 10 mV, late 30 mV: 30 >= 15 and > 150 % of 10, 20 mV convex) read as a fall.
        // The direction is the setpoint's when the reading is invalid: two convex windows in a row warn.
        var (rig, detector) = Make();
        StripTick(rig, detector, 0, 385, true, 0, 0, 0);
        StripTick(rig, detector, 10, measuredUa, valid, 0, 10, 30);
        StripTick(rig, detector, 20, measuredUa, valid, 0, 10, 30);
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
    }

    [Fact]
    public void ASaturatedCurrentReadingDoesNotTurnARunawayIntoAShunt()
    {
        // Cell 0 climbs away from 0 V by 15, 40 and 90 mV in three samples (each of the last two at least the 20 mV step
        // and more than 10 mV, half the step, above the climb before): a run-away at 20 and 30 ms, warned at the second
        // (the warning's debounce of 2). With the channel at its -3000 uA rail the climbs read as steps toward 0 V while
        // plating, a shunt, and the shape windows were held instead.
        var (rig, detector) = Make();
        StripTick(rig, detector, 0, 385, true, 0, 0, 0);
        StripTick(rig, detector, 10, -3000, false, 15, 0, 0);
        StripTick(rig, detector, 20, -3000, false, 40, 0, 0);
        StripTick(rig, detector, 30, -3000, false, 90, 0, 0);
        var raised = Assert.Single(rig.Raised(DiagnosisId.DepletionNonlinearRise));
        Assert.Equal((30L, 90, 20), (raised.TimestampMs, raised.Value, raised.Threshold));
    }
}
