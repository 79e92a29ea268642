using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Strip/plate cycling ([W] critical current test, [K] symmetric cycling): depletion is a stripping failure, so the
/// per-pulse overpotential trend follows the strip pulses of a cycling protocol. A plate pulse in between is another
/// direction, not a new stripping operating point: it must not restart the strip pulses' baseline.
/// </summary>
public class DepletionTrendWhileCyclingTests
{
    private const int FlatStripPulses = 10;
    private const int FailingStripPulses = 20;

    // Extra overpotential a * j^2 over the last 20 strip pulses, reaching the 3 V cut-off in the last one:
    // 150 mV ohmic + 20 mV diffusion + a * 20^2 = 3000 mV -> a = 2830 / 400 = 7.1 mV.
    private const double QuadraticMv = 2830.0 / (FailingStripPulses * FailingStripPulses);

    /// <summary>Strip and plate pulses alternate, strip first; cell 0's strip pulses deplete after the tenth.</summary>
    private static double StripPulsesDeplete(CellView c)
    {
        double healthy = SyntheticCells.Healthy(c);
        int stripPulse = (c.PulseNumber + 1) / 2;
        if (c.Cell != 0 || c.PulseCurrentUa <= 0 || stripPulse <= FlatStripPulses)
        {
            return healthy;
        }

        int j = stripPulse - FlatStripPulses;
        double extra = QuadraticMv * j * j;

        // Concave in time within the pulse, as in the plain stripping trend: only the per-pulse trend shows it.
        return c.InPulse
            ? healthy + (extra * Math.Sqrt(c.SincePulseStartMs / 1000.0))
            : healthy + (extra * Math.Exp(-c.SincePulseEndMs / 500.0));
    }

    [Fact]
    public void StripPulsesOfACyclingProtocolRaiseTheTrendWarningBeforeTheCutoff()
    {
        var configuration = new ControllerConfiguration { Mode = ControlMode.Observe };
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 5000),
            new ProtocolStep(ProtocolStepKind.Plate, 154, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 5000),
        };
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), configuration, StripPulsesDeplete);
        pack.RunUntil(3000000, p => p.Controller.Module(0).State == ModuleState.Done);

        RecordCopy cutoff = Assert.Single(pack.Events(EventKind.Cutoff));
        Assert.Equal(0, cutoff.Cell);

        // The same CUSUM as for strip pulses alone (a j^2 less the 2 mV slack per failing strip pulse): 5 mV after
        // the first, 31 mV after the second, over the 25 mV warning level 18 strip pulses (about 14 min of cycling)
        // before the cut-off in the 30th.
        RecordCopy warning = Assert.Single(pack.Events(EventKind.DepletionOnset), r => r.Diagnosis == DiagnosisId.DepletionTrendWarning);
        Assert.Equal(0, warning.Cell);
        Assert.True(warning.TimestampMs < cutoff.TimestampMs - 300000, $"warned at {warning.TimestampMs} ms, cut off at {cutoff.TimestampMs} ms");
    }
}
