using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// [W]/[T]: plating is where soft shorts grow, and there the cell's voltage is negative, so a shunt pulls it
/// UP toward 0 V. Intermittent shunts during a long plating step must count as spikes and confirm the soft
/// short, and must not be read as the non-linear rise of depletion.
/// </summary>
public class SoftShortWhilePlatingTests
{
    private const int PlateUa = 154;             // 0.4 mA/cm2 on 0.3848 cm2
    private const long ShuntsFromMs = 100000;
    private const long ShuntEveryMs = 10000;
    private const long ShuntForMs = 400;         // longer than both shape windows: the step leaves them before it lets go

    /// <summary>Healthy plating polarisation; from 100 s, every 10 s, a shunt takes 60 % of it away for 400 ms.</summary>
    private static double Shunting(CellView c)
    {
        double v = SyntheticCells.Healthy(c);
        bool shunted = c.InPulse && c.NowMs >= ShuntsFromMs && (c.NowMs - ShuntsFromMs) % ShuntEveryMs < ShuntForMs;
        return shunted ? 0.4 * v : v;
    }

    private static SyntheticPack Run(ControlMode mode, Func<CellView, double> cell)
    {
        var configuration = new ControllerConfiguration { Mode = mode };
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, PlateUa, 600000) };
        var pack = new SyntheticPack(new PackLayout(1, 1, 0), configuration, cell)
        {
            NoiseMv = SyntheticPack.MillivoltsPerCount,
            Quantise = true,
        };
        pack.RunUntil(300000);
        return pack;
    }

    [Fact]
    public void ShuntsDuringPlatingConfirmTheSoftShortAndIsolate()
    {
        SyntheticPack pack = Run(ControlMode.Act, Shunting);

        // The plating polarisation at 100 s: -(154 uA x 389.8 ohm + 8 mV/sqrt(s) x 10) = about -140 mV, so
        // each shunt is an 84 mV step toward 0 that recovers 400 ms later: a spike of the magnitude.
        RecordCopy spike = Assert.Single(pack.Events(EventKind.SoftShort), e => e.Diagnosis == DiagnosisId.SoftShortSpike);
        Assert.InRange(spike.Value, 70, 100);

        // Each shunt takes 60 % of the polarisation away, more than the 40 % that makes a spike deep: two deep
        // spikes confirm (the second shunt lets go at 110.4 s), where shallow ones would need five (140.4 s); act
        // mode isolates the module at once. The event carries the deep spikes against their count.
        RecordCopy confirmed = Assert.Single(pack.Events(EventKind.SoftShort), e => e.Diagnosis == DiagnosisId.SoftShortConfirmed);
        Assert.InRange(confirmed.TimestampMs, 110400, 110500);
        Assert.Equal(2, confirmed.Value);
        Assert.Equal(2, confirmed.Threshold);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.False(pack.Actions.SwitchClosed[0]);

        Assert.Empty(pack.Events(EventKind.DepletionOnset));
    }

    [Fact]
    public void ShallowShuntsNeedFiveSpikesToConfirm()
    {
        // The same shunts taking 30 % of the polarisation away (about 42 mV of 140, still a spike above the 20 mV
        // floor) are shallow: only the fifth spike confirms, when the fifth shunt lets go at 140.4 s.
        SyntheticPack pack = Run(ControlMode.Act, c =>
        {
            double v = SyntheticCells.Healthy(c);
            bool shunted = c.InPulse && c.NowMs >= ShuntsFromMs && (c.NowMs - ShuntsFromMs) % ShuntEveryMs < ShuntForMs;
            return shunted ? 0.7 * v : v;
        });

        RecordCopy confirmed = Assert.Single(pack.Events(EventKind.SoftShort), e => e.Diagnosis == DiagnosisId.SoftShortConfirmed);
        Assert.InRange(confirmed.TimestampMs, 140400, 140500);
        Assert.Equal(5, confirmed.Value);
        Assert.Equal(5, confirmed.Threshold);
    }

    [Theory]
    [InlineData(3000, ChannelStatus.Saturated)]
    [InlineData(0, ChannelStatus.Missing)]
    public void AnInvalidCurrentReadingWithinEachShallowShuntDoesNotMakeItDeep(int readingUa, ChannelStatus status)
    {
        // The shallow shunts above (30 % of about 140 mV), with the current channel invalid on one sample 200 ms into
        // each: saturated at its rail above the range (+3000 uA while plating at -154 uA), or missing. The channel
        // heals at the next valid reading, the cell readings are the same, so the soft short must be what it is with a
        // sound channel: confirmed by the fifth spike, when the fifth shunt lets go at 140.4 s. Read as the current's
        // direction, the rail turned the plating's polarisation over for one sample: the open spike's lowest level
        // became minus its magnitude, the next sample (the shunt still on) "recovered" it by twice the magnitude, a
        // spike taking over 100 % of the polarisation away, deep, and two such confirmed the short at the second shunt.
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act };
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, PlateUa, 600000) };
        var pack = new SyntheticPack(new PackLayout(1, 1, 0), configuration, c =>
        {
            double v = SyntheticCells.Healthy(c);
            bool shunted = c.InPulse && c.NowMs >= ShuntsFromMs && (c.NowMs - ShuntsFromMs) % ShuntEveryMs < ShuntForMs;
            return shunted ? 0.7 * v : v;
        })
        {
            NoiseMv = SyntheticPack.MillivoltsPerCount,
            Quantise = true,
        };
        int invalidSamples = 0;
        pack.BeforeTick = p =>
        {
            if (p.NowMs >= ShuntsFromMs && (p.NowMs - ShuntsFromMs) % ShuntEveryMs == 200)
            {
                p.Frame.ModuleCurrentUa[0] = readingUa;
                p.Frame.ModuleCurrentStatus[0] = status;
                invalidSamples++;
            }
        };
        pack.RunUntil(300000);

        RecordCopy confirmed = Assert.Single(pack.Events(EventKind.SoftShort), e => e.Diagnosis == DiagnosisId.SoftShortConfirmed);
        Assert.InRange(confirmed.TimestampMs, 140400, 140500);
        Assert.Equal(5, confirmed.Value);
        Assert.Equal(5, confirmed.Threshold);
        Assert.Equal(20, invalidSamples); // one every 10 s from 100 s to 300 s, the module held after 140.4 s

        // The channel's own row saw each invalid sample and healed at the next: never three in a row, no channel fault.
        Assert.Empty(pack.Events(EventKind.ChannelFault));
    }

    [Fact]
    public void HealthyPlatingRaisesNoSoftShortAndNoDepletionEvent()
    {
        // The same cell without the shunts: the control for the test above.
        SyntheticPack pack = Run(ControlMode.Act, c => SyntheticCells.Healthy(c));
        Assert.Empty(pack.Events(EventKind.SoftShort));
        Assert.Empty(pack.Events(EventKind.DepletionOnset));
        Assert.NotEqual(ModuleState.Hold, pack.Controller.Module(0).State);
    }
}
