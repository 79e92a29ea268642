using Edge.Core.Configuration;
using Edge.Core.Records;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Healthy cells (390 ohm, no parallel path, the same open-circuit level before every pulse) on 1 s strip pulses and
/// 0.5 s rests, read through uniform integer noise of +-40 mV: the self-discharge evidence compares two 8-reading
/// means of the rest's end, whose difference scatters by sigma x sqrt(2 / 8) = 11.7 mV (sigma of +-40 mV uniform
/// integers: sqrt((81^2 - 1) / 12) = 23.4 mV), so a fixed 15 mV is a 1.3 sigma event on every tenth rest. Observe
/// mode: the protocol runs unchanged whatever else the noise raises, so every rest is judged.
/// </summary>
public class SelfDischargeOnUniformNoiseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void AHealthyCellRaisesNoSelfDischargeOnNoiseAlone(int seed)
    {
        const int NoiseMv = 40;
        NoisyHealthyPack pack = new NoisyHealthyPack(seed, NoiseMv, ControlMode.Observe, 120);

        // 600 s at 10 ms: 400 strip pulses, each one's start judging the rest before it.
        for (int tick = 0; tick < 60000; tick++)
        {
            pack.Tick();
            for (int c = 0; c < pack.Layout.CellCount; c++)
            {
                Assert.False(
                    pack.Controller.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, c),
                    $"healthy cell {c} raised a self-discharge warning at {pack.TimestampMs} ms (noise +-{NoiseMv} mV)");
            }
        }

        // Not vacuous: both modules pulsed two thirds of the time each.
        Assert.InRange(pack.ClosedModuleTicks, 2 * 60000 * 60 / 100, 2 * 60000 * 70 / 100);
    }

    /// <summary>
    /// A cell that ends every rest 80 mV below the rest before it (a parallel path draining it) still warns at +-40 mV
    /// of noise: 80 mV stands 6.8 sigma of the 11.7 mV difference above zero, beyond the 4.5 sigma (53 mV) limit. The
    /// other cells stay quiet.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ACellSinkingEightyMvARestStillWarnsUnderNoise(int seed)
    {
        const int NoiseMv = 40;
        const int SinkPerRestMv = 80;
        NoisyHealthyPack pack = new NoisyHealthyPack(seed, NoiseMv, ControlMode.Observe, 120);
        bool warned = false;

        // 15 s: 10 strip pulses; cell 0 starts 800 mV up and sinks by 80 mV in every rest (module 0 opening its switch).
        for (int tick = 0; tick < 1500; tick++)
        {
            pack.Tick((c, underCurrent, timestampMs) => c == 0 ? 800 - (SinkPerRestMv * pack.Openings(0)) : 0);
            warned |= pack.Controller.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, 0);
            for (int c = 1; c < pack.Layout.CellCount; c++)
            {
                Assert.False(pack.Controller.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, c), $"healthy cell {c} warned");
            }
        }

        Assert.True(warned, $"cell 0 sank {SinkPerRestMv} mV in each of {pack.Openings(0)} rests without a self-discharge warning");
    }
}
