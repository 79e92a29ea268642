using Edge.Core.Configuration;
using Edge.Core.Decision;
using Edge.Core.Diagnosis;
using Edge.Core.Sampling;
using Edge.Core.Telemetry;
using Edge.Core.Tests.Support;
using Xunit;
using Edge.Core.Records;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// The last tenth of a second before a cut-off: the voltage climbs by tens to hundreds of mV a sample, often
/// before the shape test's windows are filled (230 ms into a pulse). The climb itself warns, and in act mode
/// ends the pulse before the 3 V cut-off; a lone jump of the same size (noise, a shunt letting go) does not.
/// </summary>
public class DepletionRunawayTests
{
    /// <summary>
    /// Pulse 11 of cell 0 runs dry 150 ms in: the voltage rises by 3 x 2^k mV in its k-th sample after that
    /// (3, 6, 12, 24, 48, 96, 192, 384, 768, 1536 mV...), so it passes 3 V at about 240 ms.
    /// </summary>
    private static double RunsDryEarly(CellView c)
    {
        double v = SyntheticCells.Healthy(c);
        if (c.Cell == 0 && c.InPulse && c.PulseNumber == 11 && c.SincePulseStartMs > 150)
        {
            long k = (c.SincePulseStartMs - 150) / 10;
            v += 3.0 * (Math.Pow(2, k + 1) - 2);
        }

        return v;
    }

    /// <summary>
    /// Pulse 11 of cell 0 steps away from 0 V by 25 mV every other sample from 100 to 140 ms, flat in between
    /// (a slipping contact): 75 mV in all, in isolated steps.
    /// </summary>
    private static double IsolatedSteps(CellView c)
    {
        double v = SyntheticCells.Healthy(c);
        if (c.Cell == 0 && c.InPulse && c.PulseNumber == 11 && c.SincePulseStartMs >= 100)
        {
            long steps = Math.Min(3, ((c.SincePulseStartMs - 100) / 20) + 1);
            v += 25.0 * steps;
        }

        return v;
    }

    /// <summary>
    /// Pulse 11 of cell 0: a shunt pulls it 100 mV toward 0 V at 100 ms, then lets go, the voltage climbing back by
    /// 25 mV a sample for four samples (110-140 ms): climbs in a row above the 20 mV step, but after a step toward 0 V.
    /// </summary>
    private static double ShuntLetsGo(CellView c)
    {
        double v = SyntheticCells.Healthy(c);
        if (c.Cell == 0 && c.InPulse && c.PulseNumber == 11 && c.SincePulseStartMs >= 100)
        {
            long back = Math.Min(4, (c.SincePulseStartMs - 100) / 10);
            v -= 100.0 - (25.0 * back);
        }

        return v;
    }

    /// <summary>
    /// Pulse 11 of cell 0 climbs from 150 ms by 14 and 28 mV in turn, a sample each: every 28 mV climb (above the
    /// 20 mV step) comes right after one of at least half of it.
    /// </summary>
    private static double JitteryClimb(CellView c)
    {
        double v = SyntheticCells.Healthy(c);
        if (c.Cell == 0 && c.InPulse && c.PulseNumber == 11 && c.SincePulseStartMs >= 150)
        {
            long k = Math.Min(6, ((c.SincePulseStartMs - 150) / 10) + 1);
            v += (21.0 * k) - ((k & 1) == 1 ? 7.0 : 0.0);
        }

        return v;
    }

    /// <summary>
    /// A steep but healthy diffusion rise on both cells: 800 mV/sqrt(s) at the 385 uA pulse, so the first samples of
    /// every pulse climb by 41, 33, 26, 21 and 19 mV (10, 20, 30, 40 and 50 ms): climbs in a row at and above the
    /// 20 mV step, each smaller than the one before (sqrt(t) is concave), and the cell never runs dry.
    /// </summary>
    private static double SteepDiffusion(CellView c) => SyntheticCells.Healthy(c, 800.0);

    private static SyntheticPack Run(ControlMode mode, Func<CellView, double> cells, Action<ControllerConfiguration> configure = null)
    {
        var configuration = new ControllerConfiguration { Mode = mode };
        configure?.Invoke(configuration);
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), configuration, cells)
        {
            NoiseMv = SyntheticPack.MillivoltsPerCount,
            Quantise = true,
        };
        pack.RunUntil(70000);
        return pack;
    }

    [Fact]
    public void AClimbBeforeTheShapeWindowsFillWarnsBeforeTheCutoffInObserveMode()
    {
        SyntheticPack pack = Run(ControlMode.Observe, RunsDryEarly);

        // Pulse 11 starts at 60 s. Rises of 24 and 48 mV a sample come at 190 and 200 ms (the first climb at or
        // above 20 mV after one of at least 10): the warning's debounce of 2 completes at 200 ms, and the cut-off
        // (3 x (2^k - 2) + 150 + 8 ohmic/diffusion mV >= 3000) comes at about 240 ms.
        RecordCopy warning = Assert.Single(pack.Events(EventKind.DepletionOnset), r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        RecordCopy cutoff = Assert.Single(pack.Events(EventKind.Cutoff));
        Assert.Equal(0, warning.Cell);
        Assert.InRange(warning.TimestampMs, 60180, 60220);
        Assert.True(warning.TimestampMs < cutoff.TimestampMs);
        Assert.True(warning.Value >= warning.Threshold);
    }

    [Fact]
    public void InActModeTheClimbEndsThePulseBeforeTheCutoff()
    {
        SyntheticPack pack = Run(ControlMode.Act, RunsDryEarly);

        Assert.Contains(pack.Events(EventKind.DepletionOnset), r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        Assert.Empty(pack.Events(EventKind.Cutoff));
        Assert.NotEqual(ModuleState.Done, pack.Controller.Module(0).State);
        Assert.Equal(80, pack.Controller.Module(0).CurrentPercent);
    }

    [Fact]
    public void IsolatedStepsAreNotAClimb()
    {
        // Three steps of 25 mV away from 0 V, each after a flat sample: above the 20 mV step size, but no climb
        // right before any of them, so not a run-away (two of them would complete the warning's debounce of 2),
        // and the shape test skips the windows holding them.
        // The trend's fault level is out of reach here, so a lower current can only come from a run-away's AbortPulse:
        // the 75 mV pulse would otherwise reach the CUSUM's fault level and lower it as the slow trend's answer.
        SyntheticPack pack = Run(ControlMode.Act, IsolatedSteps, c => c.Depletion.CusumFaultMv = 100000);

        Assert.DoesNotContain(pack.Events(EventKind.DepletionOnset), r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        Assert.Equal(100, pack.Controller.Module(0).CurrentPercent);
    }

    [Fact]
    public void AShuntLettingGoIsNotAClimb()
    {
        // The climb back after a shunt's pull toward 0 V is the cell returning, not running dry: within 2 s of that
        // step no run-away is reported, and act mode keeps the full current (the trend's fault level out of reach,
        // as above).
        SyntheticPack pack = Run(ControlMode.Act, ShuntLetsGo, c => c.Depletion.CusumFaultMv = 100000);

        Assert.DoesNotContain(pack.Events(EventKind.DepletionOnset), r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        Assert.Equal(100, pack.Controller.Module(0).CurrentPercent);
    }

    [Fact]
    public void AClimbAfterAHalfStepClimbWarns()
    {
        // 14, 28, 14, 28 mV a sample from 150 ms of pulse 11 (60 s): a climb of half the 20 mV step or more counts as
        // the climb before the next, so the first two 28 mV climbs (160 and 180 ms) complete the debounce of 2.
        SyntheticPack pack = Run(ControlMode.Observe, JitteryClimb);

        RecordCopy warning = Assert.Single(pack.Events(EventKind.DepletionOnset), r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        Assert.Equal(0, warning.Cell);
        Assert.InRange(warning.TimestampMs, 60170, 60190);
    }

    [Fact]
    public void ASteepRiseThatSlowsDownIsNotARunaway()
    {
        // Diffusion alone climbs fastest at the start of a pulse and ever slower after it: a run-away is a climb
        // larger than the one before, so twelve pulses of steep sqrt(t) rises warn of nothing, and act mode keeps
        // the full current (the trend's fault level out of reach, as above).
        SyntheticPack pack = Run(ControlMode.Act, SteepDiffusion, c => c.Depletion.CusumFaultMv = 100000);

        Assert.DoesNotContain(pack.Events(EventKind.DepletionOnset), r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        Assert.Equal(100, pack.Controller.Module(0).CurrentPercent);
    }
}
