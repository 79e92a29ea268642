using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Diagnosis.Detectors;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// Pulse tuning (act mode): a depletion warning shortens the pulse and the fixed rest by the same factor, so the
/// duty cycle and the current stay as configured; without tuning the same warning stretches the rest and lowers
/// the current instead.
/// </summary>
public class PulseTuningTests
{
    private static SyntheticPack Run(bool tuning)
    {
        var configuration = new ControllerConfiguration();
        configuration.PulseTuning.Enabled = tuning;
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), configuration, DepletionOnsetDetectorTests.ConvexPulse);
        pack.RunUntil(160000);
        return pack;
    }

    /// <summary>Lengths of the pulses after the first non-linear-rise warning: close to next open.</summary>
    private static (List<long> PulsesMs, List<int> CurrentsUa, List<int> RestsMs) After(SyntheticPack pack, long fromMs)
    {
        var pulses = new List<long>();
        var currents = new List<int>();
        foreach (var record in pack.RecordsOf(TelemetryRecordKind.PulseSummary))
        {
            if (record.TimestampMs > fromMs)
            {
                pulses.Add(record.PulseDurationMs);
                currents.Add(record.PulseCurrentUa);
            }
        }

        var rests = pack.RecordsOf(TelemetryRecordKind.RestTuned).Where(r => r.TimestampMs > fromMs + 100).Select(r => r.RestMs).ToList();
        return (pulses, currents, rests);
    }

    [Fact]
    public void WarningShortensPulseAndRestTogether()
    {
        // The synthetic cell turns convex about 0.25 s into every pulse from the 21st on (the later 100 ms
        // window rises by 15 mV and 1.5x the earlier one; the warning's debounce of 2 ends the pulse at about
        // 0.26 s). Every pulse that runs dry shortens pulse and fixed rest by 25 % (integer percent: 100, 75, 56,
        // 42, 31, then 25 rather than 23: the percentage that gives the 250 ms minimum pulse, so the rest keeps the
        // duty cycle), not only the one that raised the warning; the current stays at 385 uA while the pulse can
        // still be shortened.
        var pack = Run(tuning: true);
        var warnings = pack.Events(EventKind.DepletionOnset).Where(r => r.Severity == Severity.Warning).ToList();
        Assert.Contains(warnings, r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        int expected = 100;
        var allowedRests = new List<int> { 5000 };
        while (1000 * expected / 100 > 250)
        {
            expected = Math.Max(25, expected * 75 / 100);
            allowedRests.Add(5000 * expected / 100);
        }

        var module = pack.Controller.Module(0);
        Assert.Equal(25, expected);
        Assert.Equal(expected, module.PulsePercent);

        // At the 250 ms minimum the rise shows right at the pulse's end: a pulse that still runs dry there can
        // only be answered with the current, one 20 % step (385 -> 308 uA), and shorter dry pulses no longer come.
        Assert.Contains(module.CurrentPercent, new[] { 100, 80 });
        var (pulses, currents, rests) = After(pack, warnings[0].TimestampMs);
        Assert.All(currents, c => Assert.Contains(c, new[] { 385, 308 }));
        Assert.All(pulses, p => Assert.InRange(p, 240, 760));

        // Every rest after the first warning is the 5 s rest scaled by a percentage of that sequence; with the
        // current step the rest is also extended by the warning's 50 % (1250 -> 1875 ms).
        if (module.CurrentPercent == 80)
        {
            allowedRests.Add(5000 * expected / 100 * 150 / 100);
        }

        Assert.NotEmpty(rests);
        Assert.All(rests, r => Assert.Contains(allowedRests, a => Math.Abs(a - r) <= 10));
    }

    [Fact]
    public void WithoutTuningTheWarningStretchesTheRestAndLowersTheCurrent()
    {
        var pack = Run(tuning: false);
        var warning = pack.Events(EventKind.DepletionOnset).First(r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        var (_, currents, rests) = After(pack, warning.TimestampMs);
        Assert.Equal(100, pack.Controller.Module(0).PulsePercent);
        Assert.Contains(308, currents);
        Assert.Contains(7500, rests);
    }

    [Fact]
    public void ANewProtocolsPulseIsNeverShortenedBelowTheMinimum()
    {
        // Tuned down to 25 % (250 ms of the 1 s pulse), then a protocol of 200 ms pulses with 1 s rests, already
        // shorter than the 250 ms minimum (switch wear): its pulses keep their own 200 ms, not 25 % of it (50 ms), and
        // its fixed rest keeps the configured 1 s (duty 1/6; times any stretch depletion warnings gave), not 25 % of it.
        var pack = Run(tuning: true);
        var module = pack.Controller.Module(0);
        Assert.Equal(25, module.PulsePercent);

        ProtocolConfiguration shortPulses = pack.Configuration.Protocol.Clone();
        shortPulses.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 385, 200),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 1000),
        };
        pack.CellVoltageMv = c => SyntheticCells.Healthy(c);
        pack.Controller.RequestProtocol(shortPulses, startAfter: true);
        long changedMs = pack.NowMs;
        pack.RunUntil(changedMs + 20000);

        var (pulses, _, rests) = After(pack, changedMs + 2000);
        Assert.NotEmpty(pulses);
        Assert.All(pulses, p => Assert.InRange(p, 200, 210));
        int restMs = 1000 * module.RestTuner.ExtensionPercent / 100;
        Assert.NotEmpty(rests);
        Assert.All(rests, r => Assert.InRange(r, restMs, restMs + 10));
    }
}
