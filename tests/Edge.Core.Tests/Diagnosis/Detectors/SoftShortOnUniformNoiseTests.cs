using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Healthy cells (390 ohm, no parallel path at all) on 100-150 uA strip pulses, 39-58 mV of polarisation, read
/// through uniform integer noise of +-17 mV and more, as an ESP32 ADC can give: nothing collapses the polarisation,
/// so a soft-short indicator that confirms, and in act mode isolates the module, is a false alarm.
/// </summary>
public class SoftShortOnUniformNoiseTests
{
    private const int ModuleCount = 2;
    private const int CellsPerModule = 2;

    [Theory]
    [InlineData(1, 17, 100)]
    [InlineData(2, 17, 150)]
    [InlineData(3, 20, 120)]
    [InlineData(4, 25, 150)]
    [InlineData(5, 30, 150)]
    public void AHealthyModuleConfirmsNoSoftShortOnNoiseAlone(int seed, int noiseMv, int currentUa)
    {
        var random = new Random(seed);
        var layout = new PackLayout(ModuleCount, CellsPerModule, 1);
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act };
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, currentUa, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 500),
        };
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        var closedBefore = new bool[ModuleCount];
        var setpointBefore = new int[ModuleCount];
        frame.TemperatureDeciCelsius[0] = 250;
        int closedTicks = 0;

        // 120 s at 10 ms: 80 pulses of 1 s, the first of them before any rest has measured the reading noise.
        for (int tick = 0; tick < 12000; tick++)
        {
            frame.TimestampMs = tick * 10L;
            frame.TickIndex = tick;
            for (int m = 0; m < ModuleCount; m++)
            {
                frame.ModuleCurrentUa[m] = closedBefore[m] ? setpointBefore[m] : 0;
                for (int i = 0; i < CellsPerModule; i++)
                {
                    frame.CellVoltageMv[layout.FirstCellOf(m) + i] = (closedBefore[m] ? (int)(setpointBefore[m] * 0.39) : 0) + random.Next(-noiseMv, noiseMv + 1);
                }
            }

            controller.Tick(frame, actions);
            for (int m = 0; m < ModuleCount; m++)
            {
                for (int i = 0; i < CellsPerModule; i++)
                {
                    int c = layout.FirstCellOf(m) + i;
                    Assert.False(
                        controller.Diagnosis.IsActive(DiagnosisId.SoftShortConfirmed, c),
                        $"healthy cell {c} confirmed a soft short at {frame.TimestampMs} ms (noise +-{noiseMv} mV, {controller.SoftShortDetector.SpikeCount(c)} spikes)");
                }

                closedBefore[m] = actions.SwitchClosed[m];
                setpointBefore[m] = actions.CurrentSetpointUa[m];
                closedTicks += closedBefore[m] ? 1 : 0;
            }
        }

        // Not vacuous: both modules kept pulsing, two thirds of the time each.
        Assert.InRange(closedTicks, 2 * 12000 * 60 / 100, 2 * 12000 * 70 / 100);
        for (int m = 0; m < ModuleCount; m++)
        {
            Assert.NotEqual(ModuleState.Hold, controller.Module(m).State);
        }
    }
}
