using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
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
    private const int ModuleCount = 2;
    private const int CellsPerModule = 2;

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

        // 600 s at 10 ms: 400 strip pulses, each one's start judging the rest before it.
        for (int tick = 0; tick < 60000; tick++)
        {
            frame.TimestampMs = tick * 10L;
            frame.TickIndex = tick;
            for (int m = 0; m < ModuleCount; m++)
            {
                frame.ModuleCurrentUa[m] = closedBefore[m] ? setpointBefore[m] : 0;
                for (int i = 0; i < CellsPerModule; i++)
                {
                    frame.CellVoltageMv[layout.FirstCellOf(m) + i] = (closedBefore[m] ? (int)(setpointBefore[m] * 0.39) : 0) + random.Next(-NoiseMv, NoiseMv + 1);
                }
            }

            controller.Tick(frame, actions);
            for (int m = 0; m < ModuleCount; m++)
            {
                for (int i = 0; i < CellsPerModule; i++)
                {
                    int c = layout.FirstCellOf(m) + i;
                    Assert.False(
                        controller.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, c),
                        $"healthy cell {c} raised a self-discharge warning at {frame.TimestampMs} ms (noise +-{NoiseMv} mV)");
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
        int restsOfCellZero = 0;
        bool warned = false;

        // 15 s: 10 strip pulses; cell 0 starts 800 mV up and sinks by 80 mV in every rest.
        for (int tick = 0; tick < 1500; tick++)
        {
            frame.TimestampMs = tick * 10L;
            frame.TickIndex = tick;
            for (int m = 0; m < ModuleCount; m++)
            {
                frame.ModuleCurrentUa[m] = closedBefore[m] ? setpointBefore[m] : 0;
                for (int i = 0; i < CellsPerModule; i++)
                {
                    int c = layout.FirstCellOf(m) + i;
                    int openCircuitMv = c == 0 ? 800 - (SinkPerRestMv * restsOfCellZero) : 0;
                    frame.CellVoltageMv[c] = openCircuitMv + (closedBefore[m] ? (int)(setpointBefore[m] * 0.39) : 0) + random.Next(-NoiseMv, NoiseMv + 1);
                }
            }

            controller.Tick(frame, actions);
            warned |= controller.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, 0);
            for (int c = 1; c < ModuleCount * CellsPerModule; c++)
            {
                Assert.False(controller.Diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, c), $"healthy cell {c} warned");
            }

            for (int m = 0; m < ModuleCount; m++)
            {
                // Module 0 opening its switch: cell 0's next rest sinks.
                if (m == 0 && closedBefore[m] && !actions.SwitchClosed[m])
                {
                    restsOfCellZero++;
                }

                closedBefore[m] = actions.SwitchClosed[m];
                setpointBefore[m] = actions.CurrentSetpointUa[m];
            }
        }

        Assert.True(warned, $"cell 0 sank {SinkPerRestMv} mV in each of {restsOfCellZero} rests without a self-discharge warning");
    }
}
