using Edge.Core.Configuration;
using Edge.Core.Records;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Healthy cells (390 ohm, no parallel path at all) on 100-150 uA strip pulses, 39-58 mV of polarisation, read
/// through uniform integer noise of +-17 mV and more, as an ESP32 ADC can give: nothing collapses the polarisation,
/// so a soft-short indicator that confirms, and in act mode isolates the module, is a false alarm.
/// </summary>
public class SoftShortOnUniformNoiseTests
{
    [Theory]
    [InlineData(1, 17, 100)]
    [InlineData(2, 17, 150)]
    [InlineData(3, 20, 120)]
    [InlineData(4, 25, 150)]
    [InlineData(5, 30, 150)]
    public void AHealthyModuleConfirmsNoSoftShortOnNoiseAlone(int seed, int noiseMv, int currentUa)
    {
        NoisyHealthyPack pack = new NoisyHealthyPack(seed, noiseMv, ControlMode.Act, currentUa);

        // 120 s at 10 ms: 80 pulses of 1 s, the first of them before any rest has measured the reading noise.
        for (int tick = 0; tick < 12000; tick++)
        {
            pack.Tick();
            for (int c = 0; c < pack.Layout.CellCount; c++)
            {
                Assert.False(
                    pack.Controller.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, c),
                    $"healthy cell {c} confirmed a soft short at {pack.TimestampMs} ms (noise +-{noiseMv} mV, {pack.Controller.SoftShortDetector.SpikeCount(c)} spikes)");
            }
        }

        // Not vacuous: both modules kept pulsing, two thirds of the time each.
        Assert.InRange(pack.ClosedModuleTicks, 2 * 12000 * 60 / 100, 2 * 12000 * 70 / 100);
        for (int m = 0; m < NoisyHealthyPack.ModuleCount; m++)
        {
            Assert.NotEqual(ModuleState.Hold, pack.Controller.Module(m).State);
        }
    }
}
