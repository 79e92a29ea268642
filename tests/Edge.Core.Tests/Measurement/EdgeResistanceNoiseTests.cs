using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Measurement;

/// <summary>
/// The reading noise measured before each pulse, the uncertainty of an edge resistance it gives, and the
/// noise-aware resistance tests: healthy cells at a low current stay quiet.
/// </summary>
public class EdgeResistanceNoiseTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(15, 3)]
    [InlineData(16, 4)]
    [InlineData(80000, 282)]
    [InlineData(1000000000000L, 1000000)]
    public void IntegerSqrtIsTheFloorOfTheRoot(long value, long root)
    {
        Assert.Equal(root, EdgeResistanceNoise.IntegerSqrt(value));
    }

    [Fact]
    public void SigmaIsRootTwoTimesTheNoiseOverTheCurrentStep()
    {
        // 2 mV of noise (40000 in (0.01 mV)^2), 42 uA (0.11 mA/cm2 on 0.3848 cm2): sqrt(2) x 2 mV / 42 uA = 67.3 ohm.
        Assert.InRange(EdgeResistanceNoise.SigmaMilliohm(40000, 42), 66600, 67400);

        // 385 uA (1 mA/cm2): 7.35 ohm.
        Assert.InRange(EdgeResistanceNoise.SigmaMilliohm(40000, 385), 7300, 7400);
        Assert.Equal(0, EdgeResistanceNoise.SigmaMilliohm(0, 42));
        Assert.Equal(0, EdgeResistanceNoise.SigmaMilliohm(40000, 0));
    }

    [Fact]
    public void TheMeasuredNoiseVarianceMatchesTheInjectedNoise()
    {
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), new ControllerConfiguration(), c => SyntheticCells.Healthy(c)) { NoiseMv = 2.0 };
        pack.RunUntil(300000);

        // 50 pulses of 8-sample variances averaged over 16 pulses: within 25 % of 2^2 mV^2 = 40000 (0.01 mV)^2.
        for (int c = 0; c < 2; c++)
        {
            Assert.InRange(pack.Controller.Measurement.NoiseVarianceCentiMv2[c], 30000, 50000);
        }
    }

    [Fact]
    public void HealthyCellsAtALowCurrentRaiseNoResistanceAlarmUnderNoise()
    {
        // 0.08 mA/cm2 (31 uA): a 12 mV ohmic edge against 2 mV of noise (quantised to 1.6 mV counts), one resistance
        // reading scattering by about 18 %. A bare 30 % drop test fires on about one edge pair in 400 (some 24 alarms
        // over these 4 cells x 1 h, 9600 edges); the noise margins keep the resistance tests and the hard short's
        // collapsed-edge test (no debounce) silent.
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 31, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 2000),
        };
        var pack = new SyntheticPack(new PackLayout(1, 4, 0), configuration, c => SyntheticCells.Healthy(c)) { NoiseMv = 2.0, Quantise = true };
        pack.RunUntil(3600 * 1000);

        List<RecordCopy> alarms = pack.Records.Where(r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.Severity != Severity.Info).ToList();
        Assert.True(alarms.Count == 0, string.Join("; ", alarms.Take(5).Select(r => r.TimestampMs + " ms " + r.Diagnosis + " " + r.Value + "/" + r.Threshold)));
        Assert.True(pack.Controller.Module(0).PulseCount >= 1199, pack.Controller.Module(0).PulseCount + " pulses");
    }
}
