using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Edge.Core.Sampling;
using Edge.Core.Telemetry;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// Adaptive rest: ends once the measured relaxation settles, so a slower cell gets a longer rest; always
/// within [MinimumRestMs, MaximumRestMs]; longer when the pulse overpotential grows from pulse to pulse.
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
        // Settled once |dV/dt| = (A / tau) exp(-t / tau) < 1.5 mV/s, i.e. t = tau ln(A / (1.5 tau)); the slope comes
        // from the means of two adjacent 250 ms windows, so it describes the voltage about 250 ms earlier.
        // A = 100 mV: tau = 1 s -> 4.45 s; tau = 3 s -> 9.56 s. Frames carry whole mV, and 1.5 mV/s is only
        // 0.375 mV between window means, so the rounded staircase moves the end: accept the rest ending anywhere
        // the true slope is between 1.0 and 2.5 mV/s: tau = 1 s -> [3.94, 4.86] s; tau = 3 s -> [8.02, 10] s.
        var fast = Rests(Run(Exponential(100, 1.0), 120000));
        var slow = Rests(Run(Exponential(100, 3.0), 120000));
        Assert.True(fast.Count >= 10 && slow.Count >= 8);

        foreach (var rest in fast)
        {
            Assert.Equal(RestEndReason.Relaxed, rest.RestEndReason);
            Assert.InRange(rest.RestMs, 3940, 4860);
        }

        foreach (var rest in slow)
        {
            Assert.Equal(RestEndReason.Relaxed, rest.RestEndReason);
            Assert.InRange(rest.RestMs, 8020, 10000);
        }

        Assert.True(slow.Min(r => r.RestMs) > fast.Max(r => r.RestMs) + 3000);
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

        var instant = Run(Exponential(100, 0.0001), 60000);
        Assert.All(Rests(instant), r => Assert.InRange(r.RestMs, 500, 520));
        Assert.True(Rests(instant).Count > 30);
    }

    [Fact]
    public void RestTargetLengthensWhileThePulseOverpotentialGrows()
    {
        // A cell that settles at once (tau = 0.1 ms), so only the learned target sets the rest. Pulses 1-10 have
        // a flat overpotential, from the 11th on it grows by 10 mV per pulse (>= the 3 mV growth threshold).
        Func<CellView, double> cell = c =>
        {
            double extra = c.PulseNumber <= 10 ? 0.0 : 10.0 * (c.PulseNumber - 10);
            var relax = Exponential(50 + extra, 0.0001);
            return relax(c);
        };

        // Observe mode: the depletion detector sees the same growth and would stretch the rests itself in act mode.
        var configuration = Adaptive();
        configuration.Mode = ControlMode.Observe;
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), configuration, cell);
        pack.RunUntil(60000);
        var rests = Rests(pack);
        Assert.True(rests.Count >= 14, $"only {rests.Count} rests");

        // Flat: the target stays at the 500 ms minimum (5 % shorter each pulse, clamped).
        for (int i = 0; i < 9; i++)
        {
            Assert.InRange(rests[i].RestMs, 500, 520);
        }

        // Growth is first seen when pulse 11 ends (its rest has index 10): the target lengthens 25 % per pulse,
        // 500 -> 625 -> 781 -> 976 -> ... (hand-computed; ends on the next 10 ms tick), until the 10 s maximum.
        Assert.InRange(rests[10].RestMs, 625, 635);
        Assert.InRange(rests[11].RestMs, 781, 791);
        Assert.InRange(rests[12].RestMs, 976, 986);
        for (int i = 11; i < rests.Count; i++)
        {
            Assert.True(rests[i].RestMs > rests[i - 1].RestMs || rests[i].RestMs >= 10000);
            Assert.True(rests[i].RestMs <= 10010);
        }
    }
}
