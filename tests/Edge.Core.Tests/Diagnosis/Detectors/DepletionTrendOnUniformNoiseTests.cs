using Edge.Core.Configuration;
using Edge.Core.Records;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Healthy cells (390 ohm, the same overpotential every pulse, no depletion at all) on 1 s strip pulses and 0.5 s
/// rests, read through uniform integer noise of +-30 and +-40 mV: a pulse's overpotential, two 8-reading means,
/// scatters by sigma x sqrt(2 / 8), 8.8 and 11.7 mV (sigma of +-n mV uniform integers: sqrt(((2n + 1)^2 - 1) / 12)).
/// The CUSUM's slack follows that noise (1.5 sigma), but a fixed 25 mV warning level is only about 2 sigma above it,
/// so healthy cells walked up to warnings, and to a fault, within minutes. Observe mode: the protocol runs unchanged.
/// </summary>
public class DepletionTrendOnUniformNoiseTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 30)]
    [InlineData(3, 30)]
    [InlineData(4, 30)]
    [InlineData(5, 30)]
    [InlineData(1, 40)]
    [InlineData(2, 40)]
    [InlineData(3, 40)]
    [InlineData(4, 40)]
    [InlineData(5, 40)]
    public void AHealthyCellRaisesNoDepletionTrendOnNoiseAlone(int seed, int noiseMv)
    {
        NoisyHealthyPack pack = new NoisyHealthyPack(seed, noiseMv, ControlMode.Observe, 120);

        // 600 s at 10 ms: 400 strip pulses per module.
        for (int tick = 0; tick < 60000; tick++)
        {
            pack.Tick();
            for (int c = 0; c < pack.Layout.CellCount; c++)
            {
                Assert.False(
                    pack.Controller.Diagnosis.IsActive(DiagnosisId.DepletionTrendWarning, c) || pack.Controller.Diagnosis.IsActive(DiagnosisId.DepletionTrendFault, c),
                    $"healthy cell {c} raised a depletion trend at {pack.TimestampMs} ms (noise +-{noiseMv} mV, CUSUM {pack.Controller.DepletionDetector.CusumMv(c)} mV)");
            }
        }

        // Not vacuous: both modules pulsed two thirds of the time each.
        Assert.InRange(pack.ClosedModuleTicks, 2 * 60000 * 60 / 100, 2 * 60000 * 70 / 100);
    }

    /// <summary>
    /// A cell whose overpotential rises by 60 mV from one pulse on (the interface running dry) still warns within a few
    /// pulses at +-40 mV of noise: 60 mV less the 17.5 mV slack adds some 42 mV a pulse, and the warning level there is
    /// 25 / 10 of three sigma of the overpotential (about 88 mV). The other cells stay quiet.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ARisingOverpotentialStillWarnsUnderNoise(int seed)
    {
        const int NoiseMv = 40;
        const int RiseMv = 60;
        const long RiseFromMs = 60000;
        NoisyHealthyPack pack = new NoisyHealthyPack(seed, NoiseMv, ControlMode.Observe, 120);
        long warnedAtMs = -1;

        // 75 s: cell 0 polarises 60 mV more from 60 s on, in 10 pulses.
        for (int tick = 0; tick < 7500; tick++)
        {
            pack.Tick((c, underCurrent, timestampMs) => c == 0 && underCurrent && timestampMs >= RiseFromMs ? RiseMv : 0);
            if (warnedAtMs < 0 && pack.Controller.Diagnosis.IsActive(DiagnosisId.DepletionTrendWarning, 0))
            {
                warnedAtMs = pack.TimestampMs;
            }

            for (int c = 1; c < pack.Layout.CellCount; c++)
            {
                Assert.False(pack.Controller.Diagnosis.IsActive(DiagnosisId.DepletionTrendWarning, c), $"healthy cell {c} warned");
            }
        }

        Assert.InRange(warnedAtMs, RiseFromMs, RiseFromMs + 10000);
    }
}
