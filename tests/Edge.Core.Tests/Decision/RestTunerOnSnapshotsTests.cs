using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Edge.Core.Measurement;
using Edge.Core.Tests.Support;
using Xunit;
using Edge.Core.Records;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// <see cref="RestTuner"/> on its own, fed hand-filled snapshots of one module of two cells: the default rest
/// tuning (settled below 1300 uV/s and below 15 % of the rest's first slope unless under the 600 uV/s noise
/// floor, held for 500 ms; a relaxation under 10 mV is negligible; the target averages settle times over 8
/// rests) and rests between 500 ms and 10 s.
/// </summary>
public class RestTunerOnSnapshotsTests
{
    private static readonly ProtocolStep Rest5s = new ProtocolStep(ProtocolStepKind.Rest, 0, 5000);

    private sealed class Setup
    {
        public Setup(RestMode mode, bool pulseTuning = false)
        {
            Rig.Configuration.Protocol.RestMode = mode;
            Rig.Configuration.PulseTuning.Enabled = pulseTuning;
            Pulse = new PulseTuner(Rig.Configuration.PulseTuning, Rig.Configuration.Protocol);
            Tuner = new RestTuner(Rig.Configuration.RestTuning, Rig.Configuration.Protocol, Pulse, 0, 2, Rig.Configuration.SamplePeriodMs);
        }

        public SnapshotRig Rig { get; } = new SnapshotRig();

        public PulseTuner Pulse { get; }

        public RestTuner Tuner { get; }

        public MeasurementSnapshot Snapshot => Rig.Snapshot;

        /// <summary>A pulse ended: both cells rested at 0 mV before it, first rest sample at the given voltages.</summary>
        public void PulseEnded(int cell0Mv, int cell1Mv) => PulseEnded(cell0Mv, cell1Mv, 0);

        /// <summary>A pulse ended: both cells read <paramref name="prePulseMv"/> before it, first rest sample at the given voltages.</summary>
        public void PulseEnded(int cell0Mv, int cell1Mv, int prePulseMv)
        {
            Rig.SetCells(0, cell0Mv, cell1Mv);
            Snapshot.PrePulseVoltageMv[0] = prePulseMv;
            Snapshot.PrePulseVoltageMv[1] = prePulseMv;
            Snapshot.PulseOverpotentialMv[0] = 100;
            Snapshot.PulseOverpotentialMv[1] = 100;
            Tuner.OnPulseEnded(Snapshot);
        }

        /// <summary>One rest tick: the slopes valid from 500 ms on (the two 500 ms windows are then full).</summary>
        public bool Observe(long elapsedMs, int slope0UvPerS, int slope1UvPerS, out RestEndReason reason)
        {
            Snapshot.RestSlopeValid[0] = elapsedMs >= 500;
            Snapshot.RestSlopeUvPerS[0] = slope0UvPerS;
            Snapshot.RestSlopeUvPerS[1] = slope1UvPerS;
            return Tuner.ObserveRestTick(Rest5s, elapsedMs, Snapshot, 0, out reason);
        }

        /// <summary>Runs rest ticks every 10 ms from 10 ms until the tuner ends the rest; returns when.</summary>
        public long RunRest(Func<long, (int, int)> slopes, out RestEndReason reason)
        {
            for (long t = 10; t <= 20000; t += 10)
            {
                var (s0, s1) = slopes(t);
                if (Observe(t, s0, s1, out reason))
                {
                    return t;
                }
            }

            throw new InvalidOperationException("the rest never ended");
        }
    }

    [Fact]
    public void FixedRestIsTheStepStretchedByWarningsAndScaledWithThePulse()
    {
        var setup = new Setup(RestMode.Fixed, pulseTuning: true);
        RestEndReason reason;
        Assert.False(setup.Observe(4990, 0, 0, out reason));
        Assert.True(setup.Observe(5000, 0, 0, out reason));
        Assert.Equal(RestEndReason.Fixed, reason);

        // One warning: 150 %, 7500 ms. A shortened pulse (75 %) takes the rest along: 5000 x 150 % x 75 % = 5625 ms.
        setup.Tuner.Extend();
        Assert.Equal(150, setup.Tuner.ExtensionPercent);
        Assert.Equal(7500, setup.Tuner.FixedRestMs(Rest5s));
        Assert.True(setup.Pulse.Shorten());
        Assert.Equal(5625, setup.Tuner.FixedRestMs(Rest5s));
        Assert.False(setup.Observe(5620, 0, 0, out reason));
        Assert.True(setup.Observe(5625, 0, 0, out reason));

        // A second warning: 225 %; 5000 x 225 % = 11250, x 75 % = 8437.5, truncated.
        setup.Tuner.Extend();
        Assert.Equal(225, setup.Tuner.ExtensionPercent);
        Assert.Equal(8437, setup.Tuner.FixedRestMs(Rest5s));
    }

    [Fact]
    public void AdaptiveRestEndsAfterTheSlopesStaySettledForTheHoldAndTheTargetMovesAnEighthOfTheWay()
    {
        // 100 mV left after the pulse: not negligible. Steep slopes until 1 s, then -500 and -400 uV/s (below the
        // 600 uV/s floor): settled from 1000 ms, held 500 ms, so the rest ends at 1500 ms. Target: 500 + (1500 - 500) / 8.
        var setup = new Setup(RestMode.Adaptive);
        setup.PulseEnded(100, 50);
        Assert.Equal(100, setup.Tuner.RelaxationMv);
        long end = setup.RunRest(t => t < 1000 ? (-20000, -10000) : (-500, -400), out var reason);
        Assert.Equal(1500, end);
        Assert.Equal(RestEndReason.Relaxed, reason);

        setup.Tuner.OnRestEnded(setup.Snapshot, end, false);
        Assert.Equal(625, setup.Tuner.TargetMs);
    }

    [Fact]
    public void ASlowCellMustFallToAFractionOfItsOwnFirstSlope()
    {
        // Cell 0 starts at only 1000 uV/s, under the 1300 uV/s limit: absolute settling alone would end the rest at
        // 1000 ms. It must also fall to 15 % of 1000 or under the 600 uV/s floor; 700 uV/s is neither, 600 is.
        var setup = new Setup(RestMode.Adaptive);
        setup.PulseEnded(100, 100);
        long end = setup.RunRest(t => t < 3000 ? (t < 2000 ? -1000 : -700, 0) : (-600, 0), out var reason);
        Assert.Equal(3500, end);
        Assert.Equal(RestEndReason.Relaxed, reason);
    }

    [Fact]
    public void ARestThatNeverSettlesEndsAtTheMaximumAndPullsTheTargetUp()
    {
        var setup = new Setup(RestMode.Adaptive);
        setup.PulseEnded(100, 100);
        long end = setup.RunRest(_ => (-20000, -20000), out var reason);
        Assert.Equal(10000, end);
        Assert.Equal(RestEndReason.MaximumReached, reason);

        // Never settled: the whole 10 s counts. 500 + 9500 / 8 = 1687 (integer).
        setup.Tuner.OnRestEnded(setup.Snapshot, end, false);
        Assert.Equal(1687, setup.Tuner.TargetMs);
    }

    [Fact]
    public void ANegligibleRelaxationTakesTheTargetAllTheWayBackToTheMinimum()
    {
        // As below: a settled rest learns 625 ms, then the pulses leave 7 mV against the renewed level (negligible), and
        // every rest moves the target an eighth of the way to the 500 ms minimum, truncated: 610, 597, 585, 575, 566, 558,
        // 551, 545, 540, 535, 531, 528, 525, 522, 520, 518, 516, 514, 513, 512, 511, 510, 509, 508, 507 after 25 rests.
        // An eighth of 7 ms truncates to 0: the step is at least 1 ms, so 7 more rests reach 500. Before, the target
        // stayed at 507, and a scheduled module was not ready at a hand-out 500 ms into its rest.
        var setup = new Setup(RestMode.Adaptive);
        setup.PulseEnded(7, 7, -3);
        for (int i = 1; i < 8; i++)
        {
            setup.PulseEnded(7, 7, 3);
        }

        long end = setup.RunRest(t => t < 1000 ? (-20000, -20000) : (-500, -500), out var reason);
        setup.Tuner.OnRestEnded(setup.Snapshot, end, false);
        Assert.Equal(625, setup.Tuner.TargetMs);

        for (int rest = 1; rest <= 32; rest++)
        {
            setup.PulseEnded(7, 7, 0);
            end = setup.RunRest(_ => (-20000, -20000), out reason);
            Assert.Equal(RestEndReason.Relaxed, reason);
            setup.Tuner.OnRestEnded(setup.Snapshot, end, false);
            if (rest == 25)
            {
                Assert.Equal(507, setup.Tuner.TargetMs);
            }
        }

        Assert.Equal(500, setup.Tuner.TargetMs);
        setup.PulseEnded(7, 7, 0);
        Assert.Equal(500, setup.RunRest(_ => (-20000, -20000), out reason));
    }

    [Fact]
    public void ANegligibleRelaxationEndsTheRestAtTheTargetWithoutASettleTest()
    {
        // 3 mV left after the pulse, under 10 mV: the rest ends at the 500 ms minimum although the slopes never
        // settle, and the target stays at the minimum.
        var setup = new Setup(RestMode.Adaptive);
        setup.PulseEnded(3, 2);
        Assert.Equal(3, setup.Tuner.RelaxationMv);
        long end = setup.RunRest(_ => (-20000, -20000), out var reason);
        Assert.Equal(500, end);
        Assert.Equal(RestEndReason.Relaxed, reason);
        setup.Tuner.OnRestEnded(setup.Snapshot, end, false);
        Assert.Equal(500, setup.Tuner.TargetMs);
    }

    [Fact]
    public void AnAccumulationFoundAgainstTheFirstLevelAloneIsMeasuredAgainFromTheLevelASettledRestRenews()
    {
        // The level before the first pulse is one noisy reading: -3 mV for a cell resting at 0 mV. Every pulse leaves
        // 7 mV, under the 10 mV negligible limit, but 10 mV against -3: after 8 pulses the polarisation counts as carried
        // over, and the rest waits for the settle test (settled from 1000 ms, held 500 ms: 1500 ms; target
        // 500 + 1000 / 8 = 625).
        var setup = new Setup(RestMode.Adaptive);
        setup.PulseEnded(7, 7, -3);
        for (int i = 1; i < 8; i++)
        {
            setup.PulseEnded(7, 7, 3);
        }

        Assert.Equal(10, setup.Tuner.RelaxationMv);
        long end = setup.RunRest(t => t < 1000 ? (-20000, -20000) : (-500, -500), out var reason);
        Assert.Equal(1500, end);
        setup.Tuner.OnRestEnded(setup.Snapshot, end, false);
        Assert.Equal(625, setup.Tuner.TargetMs);

        // The settled rest renews the level: 0 mV, and the next pulse's 7 mV is measured from it alone. Negligible again,
        // the rest ends at the 625 ms target (the first 10 ms tick at or past it: 630 ms) though the slopes never settle,
        // and the target moves an eighth of the way to the minimum: 625 + (500 - 625) / 8 = 610 (integer). Before, the
        // accumulation held for good: 9.6 mV smoothed, every rest waited for a settle test that 2 mV of noise kept
        // failing and ran to the 10 s maximum.
        setup.PulseEnded(7, 7, 0);
        Assert.Equal(7, setup.Tuner.RelaxationMv);
        end = setup.RunRest(_ => (-20000, -20000), out reason);
        Assert.Equal(630, end);
        Assert.Equal(RestEndReason.Relaxed, reason);
        setup.Tuner.OnRestEnded(setup.Snapshot, end, false);
        Assert.Equal(610, setup.Tuner.TargetMs);

        // A cell that does carry polarisation over outgrows the limit against the renewed level too: 20 mV readings take
        // the smoothed 7 mV (112 / 16) to 138, 160, ... / 16, and after 8 pulses from the renewal it counts as carried over.
        // That holds, however the level is renewed: the rest waits for the settle test again, here to the 10 s maximum.
        for (int i = 0; i < 7; i++)
        {
            setup.PulseEnded(20, 20, 4);
        }

        end = setup.RunRest(t => t < 1000 ? (-20000, -20000) : (-500, -500), out reason);
        Assert.Equal(1500, end);
        setup.Tuner.OnRestEnded(setup.Snapshot, end, false);
        setup.PulseEnded(7, 7, 0);
        Assert.True(setup.Tuner.RelaxationMv >= 10, $"{setup.Tuner.RelaxationMv} mV");
        end = setup.RunRest(_ => (-20000, -20000), out reason);
        Assert.Equal(10000, end);
        Assert.Equal(RestEndReason.MaximumReached, reason);
    }

    [Theory]
    [InlineData(1, 12, false)]
    [InlineData(1, 14, true)]
    [InlineData(8, 12, true)]
    public void AgainstTheLevelBeforeTheFirstPulseACarryOverMustAlsoClearThatLevelsOwnNoise(int readings, int relaxationMv, bool carriedOver)
    {
        // 1 mV of reading noise (10000 (0.01 mV)^2) and a level before the first pulse of `readings` readings: -3 mV for a
        // cell resting at 0 mV, and every pulse leaves `relaxationMv` against it (under the 15 mV at which the 25 mV
        // depletion margin engages). That level's mean carries 1 / sqrt(readings) mV of noise, the same at every pulse, so
        // a carry-over must stand three of it above the 10 mV limit: 13 mV for one reading, 10 + 3 / sqrt(8) = 11.1 mV for
        // eight.
        var setup = new Setup(RestMode.Adaptive);
        for (int c = 0; c < 2; c++)
        {
            setup.Snapshot.NoiseVarianceCentiMv2[c] = 10000;
            setup.Snapshot.PrePulseSampleCount[c] = readings;
        }

        int firstRestMv = relaxationMv - 3;
        setup.PulseEnded(firstRestMv, firstRestMv, -3);
        for (int i = 1; i < 8; i++)
        {
            setup.PulseEnded(firstRestMv, firstRestMv, 3);
        }

        Assert.Equal(relaxationMv, setup.Tuner.RelaxationMv);

        // Above the plain 10 mV limit the rest waits for the settle test, which renews the level where the rest may run
        // on (settled from 1000 ms, held 500 ms). A pack short of relaxed modules cuts it at 800 ms instead, unsettled.
        Assert.False(setup.Observe(800, -20000, -20000, out var reason));
        setup.Tuner.OnRestEnded(setup.Snapshot, 800, true);

        // Waiting cannot renew the level in such a pack: a relaxation within that level's noise of the limit is taken as
        // negligible, and the rest ends at the 500 ms target though the slopes never settle. A carry-over beyond it holds,
        // and the rest waits for the settle test, here to the 10 s maximum. Before, 12 mV against one reading counted as
        // carried over too, and such a module of a pack kept 1 s rests the others' were cut for.
        setup.PulseEnded(firstRestMv, firstRestMv, 3);
        long end = setup.RunRest(_ => (-20000, -20000), out reason);
        Assert.Equal(carriedOver ? 10000 : 500, end);
        Assert.Equal(carriedOver ? RestEndReason.MaximumReached : RestEndReason.Relaxed, reason);
    }

    [Fact]
    public void AboveTheLimitAgainstTheFirstLevelARestThatMayRunOnStillWaitsForTheSettleTest()
    {
        // As above, one reading, 12 mV: not carried over, but not negligible either while no rest was cut. Alone, the
        // module's rest waits for the settle test (1000 ms + 500 ms held), and the settled rest renews the level, against
        // which the plain 10 mV limit holds again.
        var setup = new Setup(RestMode.Adaptive);
        for (int c = 0; c < 2; c++)
        {
            setup.Snapshot.NoiseVarianceCentiMv2[c] = 10000;
            setup.Snapshot.PrePulseSampleCount[c] = 1;
        }

        setup.PulseEnded(9, 9, -3);
        for (int i = 1; i < 8; i++)
        {
            setup.PulseEnded(9, 9, 3);
        }

        long end = setup.RunRest(t => t < 1000 ? (-20000, -20000) : (-500, -500), out var reason);
        Assert.Equal(1500, end);
        Assert.Equal(RestEndReason.Relaxed, reason);
    }

    [Fact]
    public void AWarningLengthensTheAdaptiveTargetByHalf()
    {
        var setup = new Setup(RestMode.Adaptive);
        setup.Tuner.Extend();
        Assert.Equal(750, setup.Tuner.TargetMs);
    }

    [Fact]
    public void SettledMeansEveryCellWithinTheSlopeLimitOnValidSlopes()
    {
        var setup = new Setup(RestMode.Adaptive);
        setup.Snapshot.RestSlopeValid[0] = false;
        Assert.False(setup.Tuner.IsSettled(setup.Snapshot, 0));
        setup.Snapshot.RestSlopeValid[0] = true;
        setup.Snapshot.RestSlopeUvPerS[0] = 1300;
        setup.Snapshot.RestSlopeUvPerS[1] = -1300;
        Assert.True(setup.Tuner.IsSettled(setup.Snapshot, 0));
        setup.Snapshot.RestSlopeUvPerS[1] = -1301;
        Assert.False(setup.Tuner.IsSettled(setup.Snapshot, 0));
    }

    [Fact]
    public void TheShortestAdaptiveRestHoldsForMinimumRestsOfHours()
    {
        // [W]: interfacial recovery takes up to 15 h, and the protocol accepts minimum rests up to 24 h. 8 h is
        // 28,800,000 ms; one warning stretches it by half to 43,200,000 ms, the largest stretch (225 %) to 64,800,000 ms.
        var rig = new SnapshotRig();
        rig.Configuration.Protocol.RestMode = RestMode.Adaptive;
        rig.Configuration.Protocol.MinimumRestMs = 28800000;
        rig.Configuration.Protocol.MaximumRestMs = 86400000;
        var pulse = new PulseTuner(rig.Configuration.PulseTuning, rig.Configuration.Protocol);
        var tuner = new RestTuner(rig.Configuration.RestTuning, rig.Configuration.Protocol, pulse, 0, 2, rig.Configuration.SamplePeriodMs);
        Assert.Equal(28800000, tuner.FloorRestMs(Rest5s));
        tuner.Extend();
        Assert.Equal(43200000, tuner.FloorRestMs(Rest5s));
        tuner.Extend();
        tuner.Extend();
        Assert.Equal(225, tuner.ExtensionPercent);
        Assert.Equal(64800000, tuner.FloorRestMs(Rest5s));
    }
}
