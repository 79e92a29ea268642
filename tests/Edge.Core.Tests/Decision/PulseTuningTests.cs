using Edge.Core.Configuration;
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
        // The synthetic cell turns convex about 0.3 s into every pulse from the 21st on. Every tick with a
        // depletion warning (non-linear rise, overpotential trend, edge resistance) shortens pulse and fixed rest
        // by 25 % (integer percent: 100, 75, 56, 42, 31, ...); the current stays at 385 uA and the duty cycle at
        // 1 s / 6 s.
        var pack = Run(tuning: true);
        var warnings = pack.Events(EventKind.DepletionOnset).Where(r => r.Severity == Severity.Warning).ToList();
        Assert.Contains(warnings, r => r.Diagnosis == DiagnosisId.DepletionNonlinearRise);
        int expected = 100;
        var allowedRests = new List<int>();
        foreach (var unused in warnings.Select(r => r.TimestampMs).Distinct())
        {
            expected = Math.Max(1, expected * 75 / 100);
            allowedRests.Add(5000 * expected / 100);
        }

        var module = pack.Controller.Module(0);
        Assert.Equal(expected, module.PulsePercent);
        Assert.Equal(100, module.CurrentPercent);
        var (_, currents, rests) = After(pack, warnings[0].TimestampMs);
        Assert.All(currents, c => Assert.Equal(385, c));
        // Every rest after the first warning is the 5 s rest scaled by a percentage of that sequence.
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
}
