using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// Adaptive rest: ends once the measured relaxation settles, so a slower cell gets a longer rest; always
/// within [MinimumRestMs, MaximumRestMs]; longer when the pulse overpotential grows from pulse to pulse, shorter when it falls.
/// </summary>
public class RestTunerTests
{
    private static ControllerConfiguration Adaptive()
    {
        var configuration = new ControllerConfiguration();
        configuration.Protocol.RestMode = RestMode.Adaptive;
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 0),
        };
        return configuration;
    }

    /// <summary>150 mV ohmic plus A during the pulse, then a residual A exp(-t / tau) at rest.</summary>
    private static Func<CellView, double> Exponential(double amplitudeMv, double tauS) => c =>
    {
        if (c.InPulse)
        {
            return (c.CurrentUa * SyntheticCells.OhmicMvPerUa) + amplitudeMv;
        }

        return c.SincePulseEndMs < 0 ? 0.0 : amplitudeMv * Math.Exp(-c.SincePulseEndMs / 1000.0 / tauS);
    };

    /// <summary>
    /// The rests of an observe-mode run whose settle-time learning is what a test follows: without the shortcut for
    /// negligible relaxations.
    /// </summary>
    private static List<RecordCopy> LearnedRests(Func<CellView, double> cell, long untilMs)
    {
        var configuration = Adaptive();
        configuration.Mode = ControlMode.Observe;
        configuration.RestTuning.NegligibleRelaxationMv = 0;
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), configuration, cell);
        pack.RunUntil(untilMs);
        return Rests(pack);
    }

    private static List<RecordCopy> Rests(SyntheticPack pack) => pack.RecordsOf(TelemetryRecordKind.RestTuned).ToList();

    private static SyntheticPack Run(Func<CellView, double> cell, long untilMs, double noiseMv = 0, int seed = 1)
    {
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), Adaptive(), cell, seed) { NoiseMv = noiseMv, Quantise = noiseMv > 0 };
        pack.RunUntil(untilMs);
        return pack;
    }

    [Fact]
    public void SlowerRelaxationGetsLongerRestsAtTheHandComputedTimes()
    {
        // Settled once |dV/dt| = (A / tau) exp(-t / tau) < 1.3 mV/s, i.e. t = tau ln(A / (1.3 tau)). The slope comes
        // from the means of two adjacent 500 ms windows, so it describes the voltage 500 ms earlier, and it must stay
        // settled for the 500 ms hold: the rest ends about 1 s after the crossing.
        // A = 100 mV: tau = 1 s -> 4.34 + 1 = 5.34 s; tau = 2 s -> 7.30 + 1 = 8.30 s. Frames carry whole mV and the
        // slope between window means moves in 0.5 mV steps (1 mV/s here), so accept +-0.5 s.
        var fast = Rests(Run(Exponential(100, 1.0), 120000));
        var slow = Rests(Run(Exponential(100, 2.0), 120000));
        Assert.True(fast.Count >= 10 && slow.Count >= 8);

        foreach (var rest in fast)
        {
            Assert.Equal(RestEndReason.Relaxed, rest.RestEndReason);
            Assert.InRange(rest.RestMs, 4840, 5840);
        }

        foreach (var rest in slow)
        {
            Assert.Equal(RestEndReason.Relaxed, rest.RestEndReason);
            Assert.InRange(rest.RestMs, 7800, 8800);
        }

        Assert.True(slow.Min(r => r.RestMs) > fast.Max(r => r.RestMs) + 2000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SlowerRelaxationGetsLongerRestsUnderAdcNoise(int seed)
    {
        // One ADC count of Gaussian noise (1.6 mV), quantised to counts.
        var fast = Rests(Run(Exponential(100, 1.0), 200000, SyntheticPack.MillivoltsPerCount, seed));
        var slow = Rests(Run(Exponential(100, 3.0), 200000, SyntheticPack.MillivoltsPerCount, seed));
        double fastMean = fast.Average(r => r.RestMs);
        double slowMean = slow.Average(r => r.RestMs);
        Assert.True(slowMean > fastMean + 2000, $"slow cell rests {slowMean:F0} ms, fast cell {fastMean:F0} ms");
        Assert.True(fastMean > 2500, $"fast cell rests {fastMean:F0} ms: the noise ended them long before the 4.45 s the relaxation needs");
    }

    [Fact]
    public void RestsStayWithinMinimumAndMaximum()
    {
        // tau = 20 s never settles within 10 s: every rest ends at the maximum. A cell back at 0 mV the moment
        // the current stops is settled as soon as the slope windows fill (50 samples = 500 ms): the minimum holds.
        var never = Run(Exponential(200, 20.0), 120000);
        Assert.All(Rests(never), r =>
        {
            Assert.Equal(RestEndReason.MaximumReached, r.RestEndReason);
            Assert.InRange(r.RestMs, 10000, 10010);
        });

        // Back at 0 mV the moment the current stops: nothing left to relax (below the negligible relaxation), so
        // the 500 ms minimum; with a 3 s minimum the minimum holds instead.
        var instant = Run(Exponential(100, 0.0001), 60000);
        Assert.All(Rests(instant), r => Assert.InRange(r.RestMs, 500, 520));
        Assert.True(Rests(instant).Count > 20);

        var configuration = Adaptive();
        configuration.Protocol.MinimumRestMs = 3000;
        var held = new SyntheticPack(new PackLayout(1, 2, 0), configuration, Exponential(100, 0.0001), 1);
        held.RunUntil(60000);
        Assert.All(Rests(held), r => Assert.InRange(r.RestMs, 3000, 3010));
    }

    [Fact]
    public void RestTargetLengthensWhileThePulseOverpotentialGrows()
    {
        // Cells that settle at once (tau = 0.1 ms), so every rest would settle at 1.5 s (both 500 ms slope windows
        // plus the 500 ms hold): only the learned target can make a rest longer. From pulse 11 on the overpotential
        // grows by 10 mV per pulse. The tuner smooths the overpotential over 8 pulses and compares it every 8 pulses
        // (from pulse 16, once 8 rests are behind it) with its reference; growth of >= 3 mV lengthens the target 25 %.
        // Hand-computed: the target starts at the 500 ms minimum and follows the observed 1.5 s settle times by 1/8
        // per rest: after 15 rests it is 1500 - 1000 (7/8)^15 = 1365 ms; at pulse 16 it grows to 1.25 x 1365 = 1706 ms,
        // so the 16th rest lasts 1706 ms (next 10 ms tick) while the flat cell's stays at 1.5 s.
        Func<CellView, double> Growing(bool grows) => c =>
        {
            double extra = !grows || c.PulseNumber <= 10 ? 0.0 : 10.0 * (c.PulseNumber - 10);
            return Exponential(50 + extra, 0.0001)(c);
        };

        List<RecordCopy> RunCell(bool grows) => LearnedRests(Growing(grows), 60000);

        var flat = RunCell(false);
        var growing = RunCell(true);
        Assert.True(growing.Count >= 20, $"only {growing.Count} rests");
        Assert.All(flat, r => Assert.InRange(r.RestMs, 1500, 1520));
        for (int i = 0; i < 15; i++)
        {
            Assert.InRange(growing[i].RestMs, 1500, 1520);
        }

        Assert.InRange(growing[15].RestMs, 1700, 1720);
        Assert.True(growing.Skip(16).Average(r => r.RestMs) > 1600);
    }

    [Fact]
    public void RestTargetShortensOnceThePulseOverpotentialFalls()
    {
        // As above, cells that settle at once, so only the learned target sets a rest's length. Both cells grow by
        // 10 mV per pulse from pulse 11 to 30, which lengthens their targets alike; then one stays at its peak and the
        // other falls by 10 mV per pulse. Every rest agrees until a comparison of the tuner (every 8 pulses) sees the
        // two apart: the flat cell's smoothed overpotential still lies >= 3 mV above its reference and its target
        // lengthens by 25 %, the falling cell's lies >= 3 mV below and its target shortens by 5 % (ShortenPercent).
        // Hand-computed from the rest before (equal in both): between comparisons the target moves 1/8 of the way to
        // the observed 1.5 s settle time, so D = previous + (1500 - previous) / 8; then flat 1.25 D and falling 0.95 D,
        // each ended at the next 10 ms tick.
        Func<CellView, double> Shaped(bool falls) => c =>
        {
            int n = c.PulseNumber;
            double extra = n <= 10 ? 0.0 : 10.0 * (Math.Min(n, 30) - 10);
            if (falls && n > 30)
            {
                extra -= 10.0 * Math.Min(n - 30, 15);
            }

            return Exponential(50 + extra, 0.0001)(c);
        };

        List<RecordCopy> RunCell(bool falls) => LearnedRests(Shaped(falls), 200000);

        var flat = RunCell(false);
        var falling = RunCell(true);
        Assert.True(flat.Count >= 60 && falling.Count >= 60, $"{flat.Count} and {falling.Count} rests");

        // Pulse n is followed by rest n - 1 (0-based): the first 30 rests see the same cell.
        int first = Enumerable.Range(0, Math.Min(flat.Count, falling.Count)).FirstOrDefault(i => flat[i].RestMs != falling[i].RestMs, -1);
        Assert.True(first >= 30, $"the rests differ from rest {first} on, before the overpotential fell");
        Assert.True(first <= 30 + 16, $"no shorter rest within two comparisons of the fall (first difference: {first})");
        double previous = flat[first - 1].RestMs;
        Assert.Equal(previous, falling[first - 1].RestMs);
        double drifted = previous + ((1500 - previous) / 8);
        Assert.InRange(flat[first].RestMs, 1.25 * drifted, (1.25 * drifted) + 10);
        Assert.InRange(falling[first].RestMs, 0.95 * drifted, (0.95 * drifted) + 10);
    }

    [Fact]
    public void APulseThatLeavesAlmostNoPolarisationRestsOnlyTheMinimum()
    {
        // 3 mV left after the pulse, against 2 mV of noise: below the 10 mV negligible relaxation, so rests end at
        // the 500 ms minimum (duty 1 / 1.5) instead of waiting for a settle test that noise keeps failing.
        var small = Run(Exponential(3, 1.0), 120000, 2.0);
        var rests = Rests(small).Skip(2).ToList();
        Assert.True(rests.Count > 50, $"{rests.Count} rests");
        Assert.All(rests, r => Assert.InRange(r.RestMs, 500, 520));
        Assert.True(small.Controller.Module(0).PulseTimeMs * 1.0 / (small.Controller.Module(0).PulseTimeMs + small.Controller.Module(0).RestTimeMs) > 0.6);

        // 30 mV left: a relaxation worth waiting for, settled at 30 e^(-t) slope 1.3 mV/s, t = ln(30 / 1.3) = 3.1 s
        // plus about 1 s of slope window and hold.
        var large = Rests(Run(Exponential(30, 1.0), 120000, 2.0)).Skip(2).ToList();
        Assert.True(large.Average(r => r.RestMs) > 3000, $"mean rest {large.Average(r => r.RestMs)} ms");
    }
}
