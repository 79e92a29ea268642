using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Soft short ([T] "spiky" polarisation, falling resistance): spikes and a falling edge resistance each
/// warn; together they confirm and, in act mode only, isolate the module.
/// </summary>
public class SoftShortDetectorTests
{
    private const int SpikyFrom = 11;
    private const int SpikyTo = 12;
    private const int ShuntFrom = 14;

    /// <summary>
    /// Cell 0: in pulses 11 and 12 a 40 mV drop for two samples 500 ms into the pulse, then recovery;
    /// from pulse 14 (up to <paramref name="shuntTo"/>) a parallel path halves its resistance (150 -> 75 mV ohmic step
    /// at 385 uA).
    /// </summary>
    private static double SoftShorting(CellView c, bool spikes, bool shunt, int shuntTo = int.MaxValue)
    {
        double v = SyntheticCells.Healthy(c);
        if (c.Cell != 0)
        {
            return v;
        }

        if (shunt && c.PulseNumber >= ShuntFrom && c.PulseNumber <= shuntTo && c.InPulse)
        {
            v -= 0.5 * c.CurrentUa * SyntheticCells.OhmicMvPerUa;
        }

        if (spikes && c.InPulse && c.PulseNumber >= SpikyFrom && c.PulseNumber <= SpikyTo
            && c.SincePulseStartMs >= 500 && c.SincePulseStartMs < 520)
        {
            v -= 40.0;
        }

        return v;
    }

    private static SyntheticPack Run(ControlMode mode, bool spikes, bool shunt, long untilMs = 120000, int shuntTo = int.MaxValue)
    {
        var pack = new SyntheticPack(new PackLayout(2, 2, 0), new ControllerConfiguration { Mode = mode }, c => SoftShorting(c, spikes, shunt, shuntTo))
        {
            NoiseMv = SyntheticPack.MillivoltsPerCount,
            Quantise = true,
        };
        pack.RunUntil(untilMs);
        return pack;
    }

    private static List<RecordCopy> SoftShortEvents(SyntheticPack pack, DiagnosisId id) =>
        pack.Events(EventKind.SoftShort).Where(r => r.Diagnosis == id).ToList();

    [Fact]
    public void SpikesAloneWarnButDoNotIsolate()
    {
        var pack = Run(ControlMode.Act, spikes: true, shunt: false);
        var spike = Assert.Single(SoftShortEvents(pack, DiagnosisId.SoftShortSpike));
        Assert.Equal(0, spike.Cell);
        Assert.Equal(Severity.Warning, spike.Severity);

        // Debounce 2: the second spike, in pulse 12 (66 s + 0.52 s).
        Assert.InRange(spike.TimestampMs, 66500, 66600);
        Assert.Empty(SoftShortEvents(pack, DiagnosisId.SoftShortConfirmed));
        Assert.NotEqual(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.Equal(20, pack.Controller.Module(0).PulseCount);
    }

    [Fact]
    public void AResistanceDropOfAFewPulsesWarnsButDoesNotIsolate()
    {
        // The path lasts pulses 14 to 17: eight edges, fewer than the ten that confirm a lasting drop.
        var pack = Run(ControlMode.Act, spikes: false, shunt: true, shuntTo: 17);
        var drop = Assert.Single(SoftShortEvents(pack, DiagnosisId.SoftShortResistanceDrop));
        Assert.Equal(0, drop.Cell);

        // 0.5x the median, below the 70 % limit; the edge value is about 195 ohm = 195,000 milliohm.
        Assert.InRange(drop.Value, 170000, 220000);
        Assert.True(drop.Value < drop.Threshold);
        Assert.Empty(SoftShortEvents(pack, DiagnosisId.SoftShortConfirmed));
        Assert.NotEqual(ModuleState.Hold, pack.Controller.Module(0).State);
    }

    [Fact]
    public void AResistanceDropThatStaysConfirmsAndIsolatesOnItsTenthEdge()
    {
        // The path appears with pulse 14 (78 s) and stays: every edge from there is half the cell's resistance. The
        // tenth such edge is the closing edge of pulse 18 (pulses start every 6 s: 78 + 4 x 6 + 1 = 103 s), measured
        // at the sample after the switch opened, 103.01 s. Before, the drops entered the median, pulled it down within
        // five edges, and the warning healed.
        var pack = Run(ControlMode.Act, spikes: false, shunt: true);
        Assert.Single(SoftShortEvents(pack, DiagnosisId.SoftShortResistanceDrop));
        var confirmed = Assert.Single(SoftShortEvents(pack, DiagnosisId.SoftShortConfirmed));
        Assert.Equal((0, 0), (confirmed.Module, confirmed.Cell));
        Assert.Equal((103010L, 10, 10), (confirmed.TimestampMs, confirmed.Value, confirmed.Threshold));
        Assert.True(pack.Controller.Diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, 0));
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.Equal(18, pack.Controller.Module(0).PulseCount);
        Assert.Equal(20, pack.Controller.Module(1).PulseCount);
    }

    [Fact]
    public void SpikesAndFallingResistanceConfirmAndIsolateInActMode()
    {
        var pack = new SyntheticPack(new PackLayout(2, 2, 0), new ControllerConfiguration(), c => SoftShorting(c, true, true))
        {
            NoiseMv = SyntheticPack.MillivoltsPerCount,
            Quantise = true,
        };
        pack.RunUntil(120000, p => p.Events(EventKind.SoftShort).Any(r => r.Diagnosis == DiagnosisId.SoftShortConfirmed));
        var confirmed = Assert.Single(SoftShortEvents(pack, DiagnosisId.SoftShortConfirmed));
        Assert.Equal(0, confirmed.Cell);
        Assert.Equal(Severity.Fault, confirmed.Severity);

        // Confirmation tick: module 0 open and held, module 1 untouched.
        Assert.Equal(confirmed.TimestampMs, pack.NowMs);
        Assert.False(pack.Actions.SwitchClosed[0]);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(0));
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(1));

        // The shunt appears with pulse 14 (78 s): its start edge is the first low resistance, debounce 2 needs
        // the end edge, seen one tick after the switch opens at 79 s.
        Assert.InRange(confirmed.TimestampMs, 78000, 79020);
        pack.RunUntil(150000);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.Equal(25, pack.Controller.Module(1).PulseCount);
    }

    [Fact]
    public void ObserveModeOnlyReportsTheConfirmedShort()
    {
        var pack = Run(ControlMode.Observe, spikes: true, shunt: true);
        var confirmed = Assert.Single(SoftShortEvents(pack, DiagnosisId.SoftShortConfirmed));
        Assert.Equal(0, confirmed.Cell);

        // Observe mode: the module keeps its protocol, nothing latched.
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(0));
        Assert.NotEqual(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.Equal(20, pack.Controller.Module(0).PulseCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void HealthyNoisyTraceRaisesNoSoftShortEvent(int seed)
    {
        var pack = new SyntheticPack(new PackLayout(2, 4, 0), new ControllerConfiguration(), c => SyntheticCells.Healthy(c), seed)
        {
            NoiseMv = 2 * SyntheticPack.MillivoltsPerCount,
            Quantise = true,
        };
        pack.RunUntil(600000);
        Assert.Empty(pack.Events(EventKind.SoftShort));
        Assert.Equal(100, pack.Controller.Module(0).PulseCount);
        Assert.Equal(100, pack.Controller.Module(1).PulseCount);
    }
}
