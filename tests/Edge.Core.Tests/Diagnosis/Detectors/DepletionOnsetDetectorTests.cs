using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Depletion onset ([W]: the non-linear voltage rise before the 3 V cut-off) is flagged before the cut-off,
/// acted on in act mode, only reported in observe mode, and silent on a healthy noisy trace.
/// </summary>
public class DepletionOnsetDetectorTests
{
    private const int FlatPulses = 30;
    private const int FailingPulses = 40;

    // Extra overpotential a * j^2 over the last 40 pulses, reaching the 3 V cut-off in the last one:
    // 150 mV ohmic + 20 mV diffusion + a * 40^2 = 3000 mV -> a = 2830 / 1600 = 1.77 mV.
    private const double QuadraticMv = 2830.0 / (FailingPulses * FailingPulses);

    /// <summary>Cell 0 depletes with a quadratic per-pulse overpotential growth; cell 1 stays healthy.</summary>
    private static double QuadraticTrend(CellView c)
    {
        double healthy = SyntheticCells.Healthy(c);
        if (c.Cell != 0 || c.PulseNumber <= FlatPulses)
        {
            return healthy;
        }

        int j = c.PulseNumber - FlatPulses;
        double extra = QuadraticMv * j * j;
        if (c.InPulse)
        {
            // Still concave in time within the pulse: only the per-pulse trend shows the onset.
            return healthy + (extra * Math.Sqrt(c.SincePulseStartMs / 1000.0));
        }

        // The extra polarisation relaxes within the rest (0.5 s time constant), so each pulse starts relaxed.
        return healthy + (extra * Math.Exp(-c.SincePulseEndMs / 500.0));
    }

    /// <summary>Flat pulses, then in pulse 21 a convex rise 2850 mV (t / 0.9 s)^4 that would reach 3 V at 0.9 s.</summary>
    internal static double ConvexPulse(CellView c)
    {
        double healthy = SyntheticCells.Healthy(c);
        if (c.Cell == 0 && c.InPulse && c.PulseNumber >= 21)
        {
            double x = c.SincePulseStartMs / 900.0;
            return healthy + (2850.0 * x * x * x * x);
        }

        return healthy;
    }

    private static SyntheticPack Run(ControlMode mode, Func<CellView, double> cell, long untilMs)
    {
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), new ControllerConfiguration { Mode = mode }, cell);
        pack.RunUntil(untilMs, p => p.Controller.Module(0).State == ModuleState.Done);
        return pack;
    }

    [Fact]
    public void ObserveModeWarnsOnTheQuadraticTrendWellBeforeTheCutoff()
    {
        var pack = Run(ControlMode.Observe, QuadraticTrend, 600000);
        Assert.Equal(StopReason.Cutoff, pack.Controller.Module(0).StopReason);
        var cutoff = Assert.Single(pack.Events(EventKind.Cutoff));
        Assert.Equal(0, cutoff.Cell);

        var warning = pack.Events(EventKind.DepletionOnset).First(r => r.Severity >= Severity.Warning);
        Assert.Equal(0, warning.Cell);
        Assert.Equal(DiagnosisId.DepletionTrendWarning, warning.Diagnosis);

        // CUSUM with 2 mV slack: 0, 5.1, 19.0, 45.3 mV after j = 1..4, over the 25 mV warning level at
        // j = 4, i.e. the 34th pulse: 36 pulses (216 s) before the cut-off in the 70th.
        Assert.True(warning.TimestampMs < cutoff.TimestampMs);
        Assert.InRange(warning.TimestampMs, (33 * 6000) + 1000, (35 * 6000) + 1000);
        var fault = pack.Events(EventKind.DepletionOnset).First(r => r.Severity == Severity.Fault);
        Assert.True(fault.TimestampMs < cutoff.TimestampMs - 60000);

        // Observe: only events; the rests kept their 5 s and the current its 385 uA to the end.
        Assert.Equal(100, pack.Controller.Module(0).CurrentPercent);
        Assert.Equal(100, pack.Controller.Module(0).RestTuner.ExtensionPercent);
        Assert.All(pack.Events(EventKind.DepletionOnset), r => Assert.Equal(0, r.Cell));
    }

    /// <summary>
    /// As <see cref="QuadraticTrend"/>, but the extra polarisation is a growing resistance: it scales with the pulse
    /// current, so a lower current lowers it (what a real interface does, and what act mode's ladder relies on).
    /// </summary>
    private static double QuadraticResistanceTrend(CellView c)
    {
        double healthy = SyntheticCells.Healthy(c);
        if (c.Cell != 0 || c.PulseNumber <= FlatPulses)
        {
            return healthy;
        }

        int j = c.PulseNumber - FlatPulses;
        double extra = QuadraticMv * j * j * c.PulseCurrentUa / 385.0;
        return c.InPulse
            ? healthy + (extra * Math.Sqrt(c.SincePulseStartMs / 1000.0))
            : healthy + (extra * Math.Exp(-c.SincePulseEndMs / 500.0));
    }

    [Fact]
    public void ActModeClimbsTheLadderAndStopsOnlyAtTheCurrentFloor()
    {
        var pack = Run(ControlMode.Act, QuadraticResistanceTrend, 3000000);
        var module = pack.Controller.Module(0);
        Assert.Equal(ModuleState.Done, module.State);
        Assert.Equal(StopReason.DepletionOnset, module.StopReason);
        Assert.Empty(pack.Events(EventKind.Cutoff));

        // The rungs: at each current the trend's warning stretches the fixed 5 s rest by 50 % (7.5 s), and its
        // fault takes 20 % off the current before a second warning could stretch it further: 100, 80, 64, 51, 40,
        // 32, 25 % (the floor), i.e. 385, 308, 246, 196, 154, 123 and 96 uA. The pulses rise like sqrt(t) within
        // themselves, so no run-away answers. Only at the floor does the fault stop the module.
        var rests = pack.RecordsOf(TelemetryRecordKind.RestTuned).Select(r => r.RestMs).Distinct().ToList();
        Assert.Equal(new long[] { 5000, 7500 }, rests.Select(r => (long)r).ToArray());
        Assert.Equal(25, module.CurrentPercent);

        // A lower current starts the rests from the configured 5 s again (the stretch was for the higher current):
        // without that, a stretched rest never gets shorter.
        var allRests = pack.RecordsOf(TelemetryRecordKind.RestTuned).Select(r => (long)r.RestMs).ToList();
        Assert.Contains(allRests.Skip(allRests.IndexOf(7500)), r => r == 5000);
        var setpoints = pack.PulseSetpointsUa(0);
        Assert.Equal(new[] { 385, 308, 246, 196, 154, 123, 96 }, setpoints.Distinct().ToArray());
        Assert.True(setpoints.SequenceEqual(setpoints.OrderByDescending(x => x)), "the current only ever went down");

        var stop = pack.Events(EventKind.Stopped).Single();
        var lastFault = pack.Events(EventKind.DepletionOnset).Last(r => r.Diagnosis == DiagnosisId.DepletionTrendFault);
        Assert.Equal(lastFault.TimestampMs, stop.TimestampMs);
        Assert.False(pack.Actions.SwitchClosed[0]);
    }

    [Fact]
    public void TheTrendAloneClimbsTheLadderPastItsFirstRung()
    {
        // With the within-pulse run-away out of reach, only the CUSUM answers: each fault lowers the current, the
        // baseline is learned afresh at the new one, and the trend's diagnoses heal while it is, so the growing
        // trend sets the fault again and the current keeps falling instead of the cell running on to the cut-off.
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act };
        configuration.Depletion.ShapeStepMv = 100000;
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), configuration, QuadraticResistanceTrend);
        pack.RunUntil(3000000, p => p.Controller.Module(0).State == ModuleState.Done);

        Assert.Empty(pack.Events(EventKind.Cutoff));
        Assert.Equal(StopReason.DepletionOnset, pack.Controller.Module(0).StopReason);
        Assert.Equal(25, pack.Controller.Module(0).CurrentPercent);
        Assert.True(pack.Events(EventKind.DepletionOnset).Count(r => r.Diagnosis == DiagnosisId.DepletionTrendFault) >= 2);
    }

    [Fact]
    public void ConvexRiseWithinAPulseWarnsBeforeTheCutoffInThatPulse()
    {
        var pack = Run(ControlMode.Observe, ConvexPulse, 200000);
        var cutoff = Assert.Single(pack.Events(EventKind.Cutoff));
        var warning = pack.Events(EventKind.DepletionOnset).First(r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        Assert.Equal(0, warning.Cell);

        // Pulse 21 starts at 120 s. The later 100 ms window first rises >= 15 mV and > 1.5x the earlier one at
        // about 0.30 s (2850 ((0.3/0.9)^4 - (0.2/0.9)^4) = 28 mV vs 6 mV); the cut-off comes at about 0.9 s.
        Assert.InRange(warning.TimestampMs, 120250, 120400);
        Assert.InRange(cutoff.TimestampMs, 120800, 121000);
    }

    [Fact]
    public void ConvexRiseEndsThePulseAndLowersTheCurrentInActMode()
    {
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), new ControllerConfiguration(), ConvexPulse);
        pack.RunUntil(120000);
        Assert.Equal(385, pack.Actions.CurrentSetpointUa[0]);
        pack.RunUntil(121000, p => p.Actions.CurrentSetpointUa[0] != 385);
        var warning = pack.Events(EventKind.DepletionOnset).First(r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);

        // The pulse ends in the tick of the warning, well before the ~0.9 s cut-off of this pulse.
        Assert.Equal(warning.TimestampMs, pack.NowMs);
        Assert.False(pack.Actions.SwitchClosed[0]);
        Assert.Empty(pack.Events(EventKind.Cutoff));
        Assert.Equal(80, pack.Controller.Module(0).CurrentPercent);

        // The next pulse runs 20 % lower: 385 * 0.8 = 308 uA, after a rest stretched by 50 % (5 s -> 7.5 s).
        pack.RunUntil(140000, p => p.Actions.SwitchClosed[0]);
        Assert.Equal(308, pack.Actions.CurrentSetpointUa[0]);
        Assert.InRange(pack.NowMs - warning.TimestampMs, 7500, 7520);
    }

    [Theory]
    [InlineData(1, 1.0, ControlMode.Act)]
    [InlineData(2, 2.0, ControlMode.Observe)]
    [InlineData(3, 2.0, ControlMode.Act)]
    public void HealthyNoisyTraceStaysSilentOverThousandsOfPulses(int seed, double noiseCounts, ControlMode mode)
    {
        // 1 s pulses with 2 s rests, 2000 pulses, 4 cells; Gaussian noise of 1-2 ADC counts, quantised.
        var configuration = new ControllerConfiguration { Mode = mode };
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 2000),
        };
        var pack = new SyntheticPack(new PackLayout(1, 4, 0), configuration, c => SyntheticCells.Healthy(c), seed)
        {
            NoiseMv = noiseCounts * SyntheticPack.MillivoltsPerCount,
            Quantise = true,
        };
        pack.RunUntil(2000L * 3000);

        Assert.Equal(2000, pack.Controller.Module(0).PulseCount);
        Assert.Empty(pack.Events(EventKind.DepletionOnset));
        Assert.Empty(pack.Events(EventKind.SoftShort));
        Assert.Empty(pack.Events(EventKind.HardShort));
        Assert.Empty(pack.Events(EventKind.ChannelFault));
        Assert.Equal(ModuleState.Pulse, pack.Controller.Module(0).State);
    }
}
