using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis;

/// <summary>
/// Fault reset: a module held for a confirmed soft short leaves Hold on reset, is not re-latched by the
/// evidence from before the reset, runs healthy pulses without a new diagnosis, and latches again only when
/// new spikes confirm a short. Every confirmation event carries the evidence that confirmed it.
/// </summary>
public class FaultResetTests
{
    /// <summary>Spikes of 40 mV for two samples, 500 ms into each pulse, while <paramref name="spiky"/> says so.</summary>
    private static double Cell(CellView c, Func<bool> spiky)
    {
        double v = SyntheticCells.Healthy(c);
        if (spiky() && c.InPulse && c.SincePulseStartMs >= 500 && c.SincePulseStartMs < 520)
        {
            v -= 40.0;
        }

        return v;
    }

    [Fact]
    public void AfterAResetOnlyNewEvidenceLatchesTheModuleAgain()
    {
        bool spiky = true;
        var pack = new SyntheticPack(new PackLayout(1, 1, 0), new ControllerConfiguration { Mode = ControlMode.Act }, c => Cell(c, () => spiky))
        {
            NoiseMv = SyntheticPack.MillivoltsPerCount,
            Quantise = true,
        };

        // A spike in every 6 s cycle: the fifth spike confirms the short (ConfirmingSpikeCount 5) and isolates.
        pack.RunUntil(60000, p => p.Controller.Module(0).State == ModuleState.Hold);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        RecordCopy first = Assert.Single(Confirmations(pack));
        Assert.True(first.Value >= first.Threshold, $"confirmation value {first.Value} against threshold {first.Threshold}");

        // The cell is healthy from now on. The reset applies at the next tick: no confirmation in that tick.
        spiky = false;
        pack.RunUntil(pack.NowMs + 2000);
        pack.Controller.RequestFaultReset(0);
        int before = pack.Records.Count;
        pack.Step();
        List<RecordCopy> resetTick = pack.Records.Skip(before).ToList();
        Assert.Contains(resetTick, r => r.Kind == TelemetryRecordKind.Event && r.EventKind == EventKind.FaultReset);
        Assert.DoesNotContain(resetTick, r => r.Kind == TelemetryRecordKind.Event && r.EventKind == EventKind.SoftShort);
        Assert.Equal(ModuleState.Idle, pack.Controller.Module(0).State);

        // Restarted, ten healthy cycles: no soft-short diagnosis of any kind, the module keeps pulsing.
        long pulses = pack.Controller.Module(0).PulseCount;
        pack.Controller.RequestStart(0);
        pack.RunUntil(pack.NowMs + 60000);
        Assert.Single(Confirmations(pack));
        Assert.DoesNotContain(pack.Records.Skip(before), r => r.Kind == TelemetryRecordKind.Event && r.EventKind == EventKind.SoftShort);
        Assert.NotEqual(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.True(pack.Controller.Module(0).PulseCount >= pulses + 9, $"{pack.Controller.Module(0).PulseCount - pulses} pulses after the restart");

        // New spikes: new evidence, and the module latches again after five of them, not sooner.
        spiky = true;
        long spikesFromMs = pack.NowMs;
        pack.RunUntil(pack.NowMs + 60000, p => p.Controller.Module(0).State == ModuleState.Hold);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        RecordCopy second = Confirmations(pack).Last();
        Assert.Equal(2, Confirmations(pack).Count);
        Assert.True(second.TimestampMs - spikesFromMs >= 4 * 6000, $"re-latched {second.TimestampMs - spikesFromMs} ms after the new spikes began");
        Assert.True(second.Value >= second.Threshold, $"confirmation value {second.Value} against threshold {second.Threshold}");
    }

    private static List<RecordCopy> Confirmations(SyntheticPack pack) =>
        pack.Events(EventKind.SoftShort).Where(r => r.Diagnosis == DiagnosisId.SoftShortConfirmed).ToList();
}
