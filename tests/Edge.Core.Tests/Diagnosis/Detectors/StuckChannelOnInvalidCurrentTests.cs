using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// The stuck-channel test (<c>cellChannelStuck</c>: a response under 2 mV at three current edges in a row latches and
/// isolates) through the whole controller, the default protocol (1 s strips at 385 uA, 5 s rests), when the module's
/// current channel reads invalid on the first sample of every pulse: saturated at a rail, or missing. The measurement
/// steps such an edge by the setpoint; the cell's response is its voltage step whatever the current channel read, so
/// the verdicts must be those of a sound channel.
/// </summary>
public class StuckChannelOnInvalidCurrentTests
{
    /// <summary>
    /// Cell 0 healthy (389.8 ohm: a 150 mV edge); cell 1 a channel that barely follows its cell: 1 mV up while the
    /// switch is closed, no noise. Returns the pack after 20 s and the times of the first samples after each switch
    /// change (the current edges), seen from the actions, not from the core's own flags.
    /// </summary>
    private static (SyntheticPack Pack, List<long> EdgesMs) Run(bool invalidAtPulseStart, int readingUa, ChannelStatus status)
    {
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), new ControllerConfiguration(), c =>
            c.Cell == 0 ? SyntheticCells.Healthy(c) : 100 + (c.InPulse ? 1 : 0));
        var edges = new List<long>();
        bool closedBefore = false;
        pack.BeforeTick = p =>
        {
            // The previous tick's actions: the switch state of the interval this sample ends.
            bool closed = p.Actions.SwitchClosed[0];
            if (closed != closedBefore)
            {
                edges.Add(p.NowMs);
                if (closed && invalidAtPulseStart)
                {
                    p.Frame.ModuleCurrentUa[0] = readingUa;
                    p.Frame.ModuleCurrentStatus[0] = status;
                }
            }

            closedBefore = closed;
        };
        pack.RunUntil(20000);
        return (pack, edges);
    }

    [Theory]
    [InlineData(false, 385, ChannelStatus.Valid)]
    [InlineData(true, 3000, ChannelStatus.Saturated)]
    [InlineData(true, -3000, ChannelStatus.Saturated)]
    [InlineData(true, 0, ChannelStatus.Missing)]
    public void ACellThatDoesNotFollowItsEdgesLatchesAtTheThirdEdgeWhateverTheCurrentChannelReadAtThePulseStarts(bool invalidAtPulseStart, int readingUa, ChannelStatus status)
    {
        // Cell 1 moves 1 mV at each edge; the nominal 389.8 ohm predicts 150 mV at 385 uA, far above 4 x 2 mV. Its edge
        // resistance is 1 mV / 385 uA = 2597 milliohm and the response 2597 x 385 / 10^6 = 0.99, truncated to 0 mV: under
        // 2 mV at the first pulse's start, its end and the second pulse's start, so latched at that third edge. With the
        // rail (3000 uA) taken as the current, the pulse starts read 2597 x 3000 / 10^6 = 7 mV, Ok, and the count started
        // again at every pulse: the channel was never found. With a missing reading (0) the pulse starts were not judged
        // and the latch came two edges late.
        var (pack, edges) = Run(invalidAtPulseStart, readingUa, status);

        RecordCopy stuck = Assert.Single(pack.Records, r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.Diagnosis == DiagnosisId.CellChannelStuck);
        Assert.Equal(1, stuck.Cell);
        Assert.Equal(edges[2], stuck.TimestampMs);
        Assert.Equal(0, stuck.Value);
        Assert.Equal(2, stuck.Threshold);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);

        // One invalid reading at a time, healed by the next: the current channel itself is no fault here.
        Assert.DoesNotContain(pack.Records, r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis
            && (r.Diagnosis == DiagnosisId.CurrentChannelSaturated || r.Diagnosis == DiagnosisId.CurrentChannelInvalid));
    }

    [Theory]
    [InlineData(3000)]
    [InlineData(-3000)]
    public void AHealthyCellIsNotStuckWhenEveryPulseStartsOnASaturatedReading(int readingUa)
    {
        // Both cells healthy: a 150 mV step at every edge, whatever the rail read.
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), new ControllerConfiguration(), c => SyntheticCells.Healthy(c));
        bool closedBefore = false;
        int saturatedStarts = 0;
        pack.BeforeTick = p =>
        {
            bool closed = p.Actions.SwitchClosed[0];
            if (closed && !closedBefore)
            {
                p.Frame.ModuleCurrentUa[0] = readingUa;
                p.Frame.ModuleCurrentStatus[0] = ChannelStatus.Saturated;
                saturatedStarts++;
            }

            closedBefore = closed;
        };
        pack.RunUntil(30000);

        Assert.InRange(saturatedStarts, 4, 6);
        Assert.Empty(pack.Events(EventKind.ChannelFault));
        Assert.NotEqual(ModuleState.Hold, pack.Controller.Module(0).State);
    }
}
