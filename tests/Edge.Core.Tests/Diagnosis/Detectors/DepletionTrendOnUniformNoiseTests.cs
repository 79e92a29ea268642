using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
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
    private const int ModuleCount = 2;
    private const int CellsPerModule = 2;

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
        var random = new Random(seed);
        var layout = new PackLayout(ModuleCount, CellsPerModule, 1);
        var configuration = new ControllerConfiguration { Mode = ControlMode.Observe };
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 120, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 500),
        };
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        var closedBefore = new bool[ModuleCount];
        var setpointBefore = new int[ModuleCount];
        frame.TemperatureDeciCelsius[0] = 250;
        int closedTicks = 0;

        // 600 s at 10 ms: 400 strip pulses per module.
        for (int tick = 0; tick < 60000; tick++)
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
                        controller.Diagnosis.IsActive(DiagnosisId.DepletionTrendWarning, c) || controller.Diagnosis.IsActive(DiagnosisId.DepletionTrendFault, c),
                        $"healthy cell {c} raised a depletion trend at {frame.TimestampMs} ms (noise +-{noiseMv} mV, CUSUM {controller.DepletionDetector.CusumMv(c)} mV)");
                }

                closedBefore[m] = actions.SwitchClosed[m];
                setpointBefore[m] = actions.CurrentSetpointUa[m];
                closedTicks += closedBefore[m] ? 1 : 0;
            }
        }

        // Not vacuous: both modules pulsed two thirds of the time each.
        Assert.InRange(closedTicks, 2 * 60000 * 60 / 100, 2 * 60000 * 70 / 100);
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
        var random = new Random(seed);
        var layout = new PackLayout(ModuleCount, CellsPerModule, 1);
        var configuration = new ControllerConfiguration { Mode = ControlMode.Observe };
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 120, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 500),
        };
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        var closedBefore = new bool[ModuleCount];
        var setpointBefore = new int[ModuleCount];
        frame.TemperatureDeciCelsius[0] = 250;
        long warnedAtMs = -1;

        // 75 s: cell 0 polarises 60 mV more from 60 s on, in 10 pulses.
        for (int tick = 0; tick < 7500; tick++)
        {
            frame.TimestampMs = tick * 10L;
            frame.TickIndex = tick;
            for (int m = 0; m < ModuleCount; m++)
            {
                frame.ModuleCurrentUa[m] = closedBefore[m] ? setpointBefore[m] : 0;
                for (int i = 0; i < CellsPerModule; i++)
                {
                    int c = layout.FirstCellOf(m) + i;
                    int extraMv = c == 0 && closedBefore[m] && frame.TimestampMs >= RiseFromMs ? RiseMv : 0;
                    frame.CellVoltageMv[c] = (closedBefore[m] ? (int)(setpointBefore[m] * 0.39) + extraMv : 0) + random.Next(-NoiseMv, NoiseMv + 1);
                }
            }

            controller.Tick(frame, actions);
            if (warnedAtMs < 0 && controller.Diagnosis.IsActive(DiagnosisId.DepletionTrendWarning, 0))
            {
                warnedAtMs = frame.TimestampMs;
            }

            for (int c = 1; c < ModuleCount * CellsPerModule; c++)
            {
                Assert.False(controller.Diagnosis.IsActive(DiagnosisId.DepletionTrendWarning, c), $"healthy cell {c} warned");
            }

            for (int m = 0; m < ModuleCount; m++)
            {
                closedBefore[m] = actions.SwitchClosed[m];
                setpointBefore[m] = actions.CurrentSetpointUa[m];
            }
        }

        Assert.InRange(warnedAtMs, RiseFromMs, RiseFromMs + 10000);
    }
}
