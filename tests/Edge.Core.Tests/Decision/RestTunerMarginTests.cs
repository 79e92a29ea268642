using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// The depletion margin: adaptive rests held so that the polarisation the pulses leave behind (first rest sample
/// against the rested level, smoothed over 8 pulses) stays at the 25 mV margin. Defaults: margin control starts once the
/// smoothed value over a full group of 8 pulses lies between 60 % of the margin and the margin; the margin target starts
/// at the rests the module was taking (their lengths averaged over 8 rests), grows 10 % per group of 8 pulses above the
/// margin and shrinks 3 % below it, from the rests the group took; the first rest under margin control and every 256th
/// after it run to the 10 s maximum to renew the rested level.
/// </summary>
public class RestTunerMarginTests
{
    private static readonly ProtocolStep Rest5s = new ProtocolStep(ProtocolStepKind.Rest, 0, 5000);

    private sealed class Setup
    {
        public Setup()
            : this(10)
        {
        }

        public Setup(int samplePeriodMs)
        {
            Rig.Configuration.Protocol.RestMode = RestMode.Adaptive;
            Pulse = new PulseTuner(Rig.Configuration.PulseTuning, Rig.Configuration.Protocol);
            Tuner = new RestTuner(Rig.Configuration.RestTuning, Rig.Configuration.Protocol, Pulse, 0, 2, samplePeriodMs);
        }

        public SnapshotRig Rig { get; } = new SnapshotRig();

        public PulseTuner Pulse { get; }

        public RestTuner Tuner { get; }

        public MeasurementSnapshot Snapshot => Rig.Snapshot;

        /// <summary>A pulse ended from a rested level of 0 mV; both cells read <paramref name="firstRestMv"/> just after it.</summary>
        public void PulseEnded(int firstRestMv)
        {
            Rig.SetCells(0, firstRestMv, firstRestMv);
            Snapshot.PrePulseVoltageMv[0] = 0;
            Snapshot.PrePulseVoltageMv[1] = 0;
            Snapshot.PulseOverpotentialMv[0] = 100;
            Snapshot.PulseOverpotentialMv[1] = 100;
            Tuner.OnPulseEnded(Snapshot);
        }

        /// <summary>
        /// Runs one rest with slopes far from settled (20 mV/s) until the tuner ends it, then reports its end; returns
        /// when it ended.
        /// </summary>
        public long Rest(out RestEndReason reason) => Rest(-1, out reason);

        /// <summary>
        /// As <see cref="Rest(out RestEndReason)"/>, but from <paramref name="settledFromMs"/> on (if not negative) the
        /// slopes are 0: settled, and held settled 500 ms later (the settle rule ends such a rest then, its target being
        /// shorter).
        /// </summary>
        public long Rest(long settledFromMs, out RestEndReason reason)
        {
            for (long t = 10; t <= 20000; t += 10)
            {
                if (Tick(t, settledFromMs, out reason))
                {
                    Tuner.OnRestEnded(Snapshot, t, false);
                    return t;
                }
            }

            throw new InvalidOperationException("the rest never ended");
        }

        /// <summary>
        /// A scheduled module's rest that lasts <paramref name="lastedMs"/> whatever the tuner says (slopes far from
        /// settled): the scheduler's grant comes then, after the tuner found it over (the module waited; not
        /// <paramref name="cut"/>) or before (cut).
        /// </summary>
        public void HeldRest(long lastedMs, bool cut)
        {
            for (long t = 10; t <= lastedMs; t += 10)
            {
                Tick(t, -1, out _);
            }

            Tuner.OnRestEnded(Snapshot, lastedMs, cut);
        }

        private bool Tick(long t, long settledFromMs, out RestEndReason reason)
        {
            bool settled = settledFromMs >= 0 && t >= settledFromMs;
            Snapshot.RestSlopeValid[0] = t >= 500;
            Snapshot.RestSlopeUvPerS[0] = settled ? 0 : -20000;
            Snapshot.RestSlopeUvPerS[1] = settled ? 0 : -20000;
            return Tuner.ObserveRestTick(Rest5s, t, Snapshot, 0, out reason);
        }
    }

    [Fact]
    public void PulsesWithinTheMarginEndTheRestAtTheMarginTargetBeforeTheRelaxationSettles()
    {
        // 20 mV after each pulse: under the 25 mV margin and above 60 % of it. The settle test never passes (20 mV/s),
        // so before margin control (the first 7 rests) and on the first rest under it (the rested-level renewal, after
        // pulse 8) every rest runs to the 10 s maximum. Margin control starts at those 10 s rests, 3 % shorter for the
        // group that stayed within the margin: 9700 ms. From then on the rests end at the margin target, unsettled, and
        // each group within the margin takes 3 % off the rests it took (the first 10 ms tick at or after the target):
        // 9700 -> 9409 -> 9127 (9410 x 0.97 = 9127.7, truncated).
        var setup = new Setup();
        RestEndReason reason;
        for (int pulse = 1; pulse <= 8; pulse++)
        {
            setup.PulseEnded(20);
            Assert.Equal(10000, setup.Rest(out reason));
            Assert.Equal(RestEndReason.MaximumReached, reason);
        }

        Assert.Equal(9700, setup.Tuner.MarginTargetMs);
        for (int pulse = 9; pulse <= 31; pulse++)
        {
            setup.PulseEnded(20);
            long expected = pulse < 16 ? 9700 : pulse < 24 ? 9409 : 9127;
            Assert.Equal(expected, setup.Tuner.MarginTargetMs);
            Assert.Equal((expected + 9) / 10 * 10, setup.Rest(out reason));
            Assert.Equal(RestEndReason.Relaxed, reason);
        }

        // 3 % per group takes about 100 groups from 10 s to 0.5 s; the margin target may not shrink below the minimum.
        for (int pulse = 32; pulse <= 1000; pulse++)
        {
            setup.PulseEnded(20);
            setup.Rest(out reason);
        }

        Assert.Equal(500, setup.Tuner.MarginTargetMs);
    }

    [Fact]
    public void TheMarginStartsAtTheRestsTheModuleWasTakingNotAtTheMinimum()
    {
        // A fresh NaK50 at 1 mA/cm2 settles about 3 s into each rest (the settle rule ends it 500 ms later): 3.5 s rests,
        // after which its pulses leave 20 mV, within the margin. Margin control (from pulse 8) starts from those rests,
        // 3 % shorter for the group: 3500 x 0.97 = 3395 ms. Started at the 500 ms minimum instead, the next rests were
        // seven times shorter, the pulses ran deep at once and the depletion detector read its own answer as onset.
        var setup = new Setup();
        RestEndReason reason;
        for (int pulse = 1; pulse <= 7; pulse++)
        {
            setup.PulseEnded(20);
            Assert.Equal(3500, setup.Rest(3000, out reason));
            Assert.Equal(RestEndReason.Relaxed, reason);
        }

        setup.PulseEnded(20);
        Assert.Equal(3395, setup.Tuner.MarginTargetMs);

        // The first rest under margin control renews the rested level (the maximum); the next one ends at the target.
        Assert.Equal(10000, setup.Rest(out reason));
        setup.PulseEnded(20);
        Assert.Equal(3400, setup.Rest(out reason));
        Assert.Equal(RestEndReason.Relaxed, reason);
    }

    [Fact]
    public void InAPackTheMarginStartsAtTheRestsTheSchedulerGaveNotAtTheMinimum()
    {
        // Three modules, one pulsing at a time, 1 s pulses: each rests 2 s, cut by the scheduler's grant before it
        // settles, so the learned target never learns (it stays at the 500 ms minimum). The pulses, at those 2 s rests,
        // leave 20 mV: margin control starts at 2000 x 0.97 = 1940 ms.
        var setup = new Setup();
        for (int pulse = 1; pulse <= 7; pulse++)
        {
            setup.PulseEnded(20);
            setup.HeldRest(2000, true);
        }

        setup.PulseEnded(20);
        Assert.Equal(500, setup.Tuner.TargetMs);
        Assert.Equal(1940, setup.Tuner.MarginTargetMs);

        // The rotation goes on giving 2 s rests (the module is ready at 1.94 s and waits for its grant; the reference
        // rest is cut like the others). A group within the margin at 2 s rests shows that 1.94 s will do, not that 3 %
        // less than 1.94 s will: the target holds. Shrinking on, it reached 0.7 s within 800 s, and when one module took
        // its reference rest the two others ran at the 1 s rests the rotation then gave them, past the margin.
        for (int pulse = 9; pulse <= 88; pulse++)
        {
            setup.HeldRest(2000, pulse == 9);
            setup.PulseEnded(20);
            Assert.Equal(1940, setup.Tuner.MarginTargetMs);
        }
    }

    [Fact]
    public void PulsesBeyondTheMarginLengthenTheMarginTargetATenthPerGroup()
    {
        // Pulses 1-8 leave 20 mV after rests that settle at 500 ms and end 500 ms later: margin control starts at 1000 ms
        // less 3 % (970 ms). From pulse 9 they leave 30 mV: the smoothed value is 30 - 10 (7/8)^k after k such pulses,
        // 26.6 mV at pulse 16 and 29.2 at pulse 24, both above the margin: 10 % more than the rests the group took, one
        // step per group of 8 pulses: 970 -> 1067 -> 1177 (the rests at 1067 ms end on the 1070 ms tick).
        var setup = new Setup();
        for (int pulse = 1; pulse <= 7; pulse++)
        {
            setup.PulseEnded(20);
            Assert.Equal(1000, setup.Rest(500, out _));
        }

        setup.PulseEnded(20);
        Assert.Equal(970, setup.Tuner.MarginTargetMs);

        // The rested-level renewal (the maximum), then the rests end at the margin target.
        Assert.Equal(10000, setup.Rest(out _));
        for (int pulse = 9; pulse <= 24; pulse++)
        {
            setup.PulseEnded(30);
            long expected = pulse < 16 ? 970 : pulse < 24 ? 1067 : 1177;
            Assert.Equal(expected, setup.Tuner.MarginTargetMs);
            // Rest ticks come every 10 ms: the rest ends on the first tick at or past the target.
            Assert.Equal((expected + 9) / 10 * 10, setup.Rest(out var reason));
            Assert.Equal(RestEndReason.Relaxed, reason);
        }

        // Back within the margin: 3 % shorter than the group's 1180 ms rests (1144 ms, truncated) once the smoothed value
        // has fallen below 25 mV again: from 29.2 mV towards 10 mV, 10 + 19.2 (7/8)^8 = 17.1 mV after 8 pulses.
        for (int pulse = 25; pulse <= 32; pulse++)
        {
            setup.PulseEnded(10);
            setup.Rest(out _);
        }

        Assert.Equal(1144, setup.Tuner.MarginTargetMs);
    }

    [Fact]
    public void UnderMarginControlEvery256thRestRunsToTheMaximumAndRenewsTheRestedLevel()
    {
        // Counted from 0: rests 0-6 come before margin control (the settle test never passes: the maximum), rest 7 is
        // the first under it and rest 7 + 256 = 263 the next renewal. The pre-pulse level after a renewal becomes the
        // rested level (the first two captures are taken as they are): a cell resting at 8 mV that reads 28 mV after
        // its pulses has left 20 mV, within the margin, not 28.
        var setup = new Setup();
        var maximal = new List<int>();
        for (int rest = 0; rest < 300; rest++)
        {
            setup.PulseEnded(20);

            // The rest the pulse summary announces: under margin control (from rest 7) the one that comes, before it
            // a target the rest lasts at least.
            long planned = setup.Tuner.PlannedRestMs;
            long lasted = setup.Rest(out var reason);
            Assert.True(rest >= 7 ? lasted == (planned + 9) / 10 * 10 : lasted >= planned, "rest " + rest + ": planned " + planned + ", lasted " + lasted);
            if (lasted == 10000)
            {
                Assert.Equal(RestEndReason.MaximumReached, reason);
                maximal.Add(rest);
            }
        }

        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 263 }, maximal);

        var renewed = new Setup();
        for (int pulse = 1; pulse <= 8; pulse++)
        {
            renewed.PulseEnded(20);
            renewed.Rest(out _);
        }

        for (int pulse = 0; pulse < 40; pulse++)
        {
            renewed.Rig.SetCells(0, 28, 28);
            renewed.Snapshot.PrePulseVoltageMv[0] = 8;
            renewed.Snapshot.PrePulseVoltageMv[1] = 8;
            renewed.Tuner.OnPulseEnded(renewed.Snapshot);
            renewed.Rest(out _);
        }

        // Within the margin, so 3 % shorter per group from the 10 s rests before margin control: 9700 at pulse 8, then
        // from the rests taken (each on the first 10 ms tick at or after the target) 9409, 9127, 8856 (9130 x 0.97),
        // 8594 (8860 x 0.97) and 8342 (8600 x 0.97) at pulse 48. Read against the old level (28 mV) the pulses would be
        // past the margin and the target would grow to the maximum instead.
        Assert.InRange(renewed.Tuner.RelaxationMv, 19, 20);
        Assert.Equal(8342, renewed.Tuner.MarginTargetMs);
    }

    [Fact]
    public void AReferenceRestTheSchedulerCutShortDoesNotRenewTheRestedLevel()
    {
        // A scheduled module: rests of 2 s, cut by the grant, the first under margin control too (its reference rest).
        // After that cut the cell is still 8 mV above the level it rests at (0 mV), and its pulses take it to 28 mV: 28 mV
        // of polarisation, past the 25 mV margin. Renewed from the unrelaxed 8 mV, the rested level would read 20 mV.
        var setup = new Setup();
        for (int pulse = 1; pulse <= 8; pulse++)
        {
            setup.PulseEnded(20);
            setup.HeldRest(2000, true);
        }

        for (int pulse = 9; pulse <= 40; pulse++)
        {
            setup.Rig.SetCells(0, 28, 28);
            setup.Snapshot.PrePulseVoltageMv[0] = 8;
            setup.Snapshot.PrePulseVoltageMv[1] = 8;
            setup.Tuner.OnPulseEnded(setup.Snapshot);
            setup.HeldRest(2000, true);
        }

        Assert.InRange(setup.Tuner.RelaxationMv, 27, 28);

        // Past the margin at the 2 s rests from pulse 16 on (the smoothed value, from 20 mV towards 28, passes 25 mV
        // there): 10 % longer than those rests, then than the target, per group: 2200, 2420, 2662 and 2928 at pulse 40.
        Assert.Equal(2928, setup.Tuner.MarginTargetMs);
    }

    [Fact]
    public void TheMarginOffIsTheSettleRuleAlone()
    {
        var setup = new Setup();
        setup.Rig.Configuration.RestTuning.RelaxationMarginMv = 0;
        for (int pulse = 1; pulse <= 3; pulse++)
        {
            setup.PulseEnded(20);
            Assert.Equal(10000, setup.Rest(out var reason));
            Assert.Equal(RestEndReason.MaximumReached, reason);
        }
    }

    [Fact]
    public void AtSamplesCoarserThanTheMarginWasChosenAtTheSettleRuleEndsTheRests()
    {
        // The margin reads the first rest sample, one sample period after the pulse: at 20 ms the fast part of the
        // relaxation (the diffusion layer's higher modes decay within tens of ms, cell-model.md) is gone and 20 mV there
        // means more than 20 mV at the 10 ms the 25 mV margin was chosen at. So the same pulses that put a 10 ms tuner
        // under margin control (test above: 500 ms rests from pulse 9) leave a 20 ms one on the settle rule.
        var setup = new Setup(20);
        for (int pulse = 1; pulse <= 24; pulse++)
        {
            setup.PulseEnded(20);
            Assert.Equal(10000, setup.Rest(out var reason));
            Assert.Equal(RestEndReason.MaximumReached, reason);
        }
    }

    /// <summary>
    /// A cell that carries its polarisation over from rest to rest: every finished pulse leaves
    /// <paramref name="amplitudeMv"/> that decays as exp(-t / tau), and the pulses' polarisations add up.
    /// </summary>
    private static Func<CellView, double> Superposing(double amplitudeMv, double tauS)
    {
        // Per cell: the summed polarisation of the finished pulses at lastMs, and the end of the latest pulse counted.
        var carried = new Dictionary<int, (double SumMv, long LastMs, long LastEndMs)>();
        return c =>
        {
            var (sum, last, lastEnd) = carried.TryGetValue(c.Cell, out var state) ? state : (0.0, c.NowMs, -1L);
            sum *= Math.Exp(-(c.NowMs - last) / 1000.0 / tauS);
            if (c.SincePulseEndMs >= 0 && c.NowMs - c.SincePulseEndMs != lastEnd)
            {
                lastEnd = c.NowMs - c.SincePulseEndMs;
                sum += amplitudeMv * Math.Exp(-c.SincePulseEndMs / 1000.0 / tauS);
            }

            carried[c.Cell] = (sum, c.NowMs, lastEnd);
            return c.InPulse ? (c.CurrentUa * SyntheticCells.OhmicMvPerUa) + amplitudeMv + sum : sum;
        };
    }

    private static double SteadyRestS(double tauS, double noiseMv)
    {
        var configuration = new ControllerConfiguration();
        configuration.Mode = ControlMode.Observe;
        configuration.Protocol.RestMode = RestMode.Adaptive;
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 0),
        };
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), configuration, Superposing(20, tauS), 3) { NoiseMv = noiseMv };
        pack.RunUntil(2400000);
        var rests = pack.RecordsOf(TelemetryRecordKind.RestTuned).Where(r => r.RestEndReason == RestEndReason.Relaxed).ToList();
        Assert.True(rests.Count > 300, $"{rests.Count} rests");
        return rests.Skip(rests.Count - 150).Average(r => r.RestMs) / 1000.0;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void ACellRelaxingTwiceAsSlowlyGetsTheLongerRestTheMarginAsksFor(double noiseMv)
    {
        // Each pulse leaves 20 mV; with rests R after 1 s pulses the first rest sample carries the sum of all earlier
        // pulses, 20 / (1 - exp(-(R + 1) / tau)), which is the 25 mV margin at (R + 1) / tau = ln 5: R = 2.2 s for
        // tau = 2 s and 5.4 s for tau = 4 s. The renewal rests (10 s) leave the slow cell 20 exp(-2.5) = 1.6 mV above
        // its open-circuit level, which then counts as rested: 26.6 mV from 0 gives R = 4.6 s; the fast cell keeps
        // 0.1 mV. The target steps 10 % up and 3 % down around the balance, so allow about 20 %.
        double fast = SteadyRestS(2.0, noiseMv);
        double slow = SteadyRestS(4.0, noiseMv);
        Assert.InRange(fast, 1.8, 2.7);
        Assert.InRange(slow, 3.8, 6.4);
        Assert.True(slow > fast + 1.5, $"slow {slow:F2} s, fast {fast:F2} s");
    }
}
