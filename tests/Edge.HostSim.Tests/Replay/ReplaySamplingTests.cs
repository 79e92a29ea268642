// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// Lab files are sampled far more coarsely than the core's 10 ms tick (0.1 s to 1 s is usual). Resampled, such a
/// recording of a healthy cell must still look healthy to the core: a pulse's voltage jump has to land on the
/// tick where its current changes, not be spread over the ticks between two samples, where it looked like a
/// depletion rise (50 ms) or a near-zero edge resistance, a hard short (0.5 s). A recording too coarse to hold
/// a pulse's edge is refused.
/// </summary>
public sealed class ReplaySamplingTests : IDisposable
{
    // Healthy NaK50 cell, 1 s pulses at 1 mA/cm2 and 2 s rests, every value logged exactly.
    private const string Healthy = """
        { "name": "healthy", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 300,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "measurement": { "voltageNoiseMv": 0, "voltageLsbMv": 0, "currentNoiseUa": 0 },
          "trace": { "periodMs": 10 } }
        """;

    private readonly RecordedRun _run = new RecordedRun(Healthy);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose()
    {
        _run.Dispose();
        _scratch.Dispose();
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    public void CoarselySampledHealthyCellReplaysWithoutEvents(int ticksPerSample)
    {
        // The live run itself saw nothing but its start.
        Assert.Equal(new[] { "started" }, Kinds(_run.EventsPath));

        // Every ticksPerSample-th logged value; the protocol's edges (every 100 ticks) are among them, as
        // cyclers log a point at each step change.
        string file = _run.WriteBioLogic("coarse-" + ticksPerSample + ".mpt", _run.Rows.Where((_, i) => i % ticksPerSample == 0), false);

        string outDir = AssertReplaysAsHealthy(file, "out-" + ticksPerSample);
        Assert.Equal("endOfData", JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))).RootElement.GetProperty("terminatedBy").GetString());

        // A 1 s pulse sampled every ticksPerSample x 10 ms from its start holds 1000 / (10 x ticksPerSample) samples.
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        Assert.Equal(100.0 / ticksPerSample, source.RootElement.GetProperty("samplesPerPulse").GetDouble(), 6);
    }

    [Fact]
    public void TooFewSamplesPerPulseAreReplayedWithAWarning()
    {
        // Every 450 ms from t = 0; the pulses start every 3 s, so the first sample of a pulse comes 0, 150 or 300 ms
        // after its start, in turn. The 1 s pulses then hold 3 (0, 450, 900 ms), 2 (150, 600) and 2 (300, 750)
        // samples: 7 / 3 = 2.33 on average (2.34 over the 100 pulses of 300 s, which end one cycle part-way).
        string file = _run.WriteBioLogic("sparse.mpt", _run.Rows.Where((_, i) => i % 45 == 0), false);

        (string outDir, string stdout) = Replay(file, "sparse");

        Assert.Contains("sampling: the pulses hold 2.3 samples each (mean), fewer than 4: a pulse's end is read from too few points, so depletion-trend events may be false", stdout, StringComparison.Ordinal);
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        Assert.Equal(7.0 / 3, source.RootElement.GetProperty("samplesPerPulse").GetDouble(), 1);
    }

    [Fact]
    public void FourSamplesPerPulseReplayWithoutTheWarning()
    {
        // Every 230 ms: 1000 / 230 = 4.3 samples a pulse.
        string file = _run.WriteBioLogic("dense-enough.mpt", _run.Rows.Where((_, i) => i % 23 == 0), false);

        (_, string stdout) = Replay(file, "dense-enough");

        Assert.DoesNotContain("sampling:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(13)]
    [InlineData(23)]
    public void StepsBetweenSamplesStillReplayWithoutEvents(int ticksPerSample)
    {
        // 70, 130 or 230 ms between samples and none at the step changes: each step shows at the next sample, up to
        // a sample interval late and by a different amount at every pulse (the 3 s period is no multiple of it).
        string file = _run.WriteBioLogic("between-" + ticksPerSample + ".mpt", _run.Rows.Where((_, i) => i % ticksPerSample == 0), false);

        AssertReplaysAsHealthy(file, "between-" + ticksPerSample);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(23)]
    public void CyclerWhoseStepPointHasAlreadyJumpedReplaysWithoutEvents(int ticksPerSample)
    {
        // A cycler logs the voltage its current already acts on: the first point of a pulse has jumped, the first
        // of a rest has dropped (here the next tick's voltage with this tick's current). The file starts in a
        // rest, as a lab recording does, and is logged every 10, 70 or 230 ms.
        IEnumerable<RecordedRun.Row> cycler = _run.Rows.Zip(_run.Rows.Skip(1), (now, next) => now with { VoltageV = next.VoltageV })
            .Where(r => r.TimeS >= 2.5)
            .Where((_, i) => i % ticksPerSample == 0);
        string file = _run.WriteBioLogic("cycler-" + ticksPerSample + ".mpt", cycler, false);

        AssertReplaysAsHealthy(file, "cycler-" + ticksPerSample);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(23)]
    public void CyclerFileWithAGapRestartsCleanlyAfterIt(int ticksPerSample)
    {
        // The cycler log from a rest, with a logger outage from 45 to 50.5 s (the pulses at 45 and 48 s are lost):
        // the core restarts at the pulse at 51 s and takes its reference from before its step again. Logged every
        // 230 ms, from 2.5 s and after the outage from 50.53 s (the logger restarted on another phase), that
        // pulse's first sample comes 220 ms late (51.22 s), the next one's 210 ms (54.21 s): the restarted core
        // has to start on the pulses' timeline, not at that first sample.
        IEnumerable<RecordedRun.Row> cycler = _run.Rows.Zip(_run.Rows.Skip(1), (now, next) => now with { VoltageV = next.VoltageV })
            .Where(r => r.TimeS >= 2.5 && (r.TimeS <= 45 || r.TimeS >= 50.5))
            .Where(r => ((long)Math.Round(r.TimeS * 100) - (r.TimeS < 47 ? 250 : 5053)) % ticksPerSample == 0);
        string file = _run.WriteBioLogic("cycler-gap-" + ticksPerSample + ".mpt", cycler, false);

        (string outDir, string stdout) = Replay(file, "cycler-gap-" + ticksPerSample);

        Assert.Contains("gap: no samples from", stdout, StringComparison.Ordinal);
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        Assert.Equal(2, source.RootElement.GetProperty("sessions").GetInt32());
        Assert.True(source.RootElement.GetProperty("misalignedTicks").GetInt64() == 0, stdout + File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        Assert.True(Kinds(Path.Combine(outDir, "events.jsonl")).All(k => k == "started"), stdout + File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(23)]
    public void CyclerFileThatBeginsInsideAPulseStartsAtTheNextOne(int ticksPerSample)
    {
        // The same cycler log from t = 0, where the first pulse's first point has already jumped: the core would take
        // that jumped voltage as the first pulse's reference (a depletion trend warning after five pulses).
        IEnumerable<RecordedRun.Row> cycler = _run.Rows.Zip(_run.Rows.Skip(1), (now, next) => now with { VoltageV = next.VoltageV })
            .Where((_, i) => i % ticksPerSample == 0);
        string file = _run.WriteBioLogic("inside-" + ticksPerSample + ".mpt", cycler, false);

        (string outDir, string stdout) = Replay(file, "inside-" + ticksPerSample);
        Assert.Contains("from t = 3 s", stdout, StringComparison.Ordinal);
        Assert.Contains("start: the recording begins inside a pulse whose first point has already jumped", stdout, StringComparison.Ordinal);
        Assert.Equal(new[] { "started" }, Kinds(Path.Combine(outDir, "events.jsonl")));
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        Assert.True(source.RootElement.GetProperty("firstPulseSkipped").GetBoolean());
        Assert.Equal(3, source.RootElement.GetProperty("startS").GetDouble(), 6);
    }

    [Fact]
    public void OneSamplePerPulseIsRefused()
    {
        string file = _run.WriteBioLogic("one-per-pulse.mpt", _run.Rows.Where((_, i) => i % 100 == 0), false);

        using EdgeSimProcess replay = EdgeSimProcess.Run("replay", file, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(replay, "one-per-pulse.mpt", "its pulses (1 s) hold 1 sample each (median): at least 2 per pulse");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    /// <summary>
    /// The replay of a healthy cell's file: the true protocol inferred, no event but the start, every tick's
    /// recorded current where the core's switch had it.
    /// </summary>
    private string AssertReplaysAsHealthy(string file, string name)
    {
        (string outDir, string stdout) = Replay(file, name);
        Assert.Contains("protocol (inferred): Strip at 385 uA for 1000 ms, Rest for 2000 ms", stdout, StringComparison.Ordinal);
        Assert.Equal(new[] { "started" }, Kinds(Path.Combine(outDir, "events.jsonl")));
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        Assert.Equal(0, source.RootElement.GetProperty("misalignedTicks").GetInt64());
        return outDir;
    }

    /// <summary>Replays through the real executable into a fresh folder; it must succeed.</summary>
    private (string OutDir, string Stdout) Replay(string file, string name)
    {
        string outDir = _scratch.Path2(name);
        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", outDir, "--quiet");
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        return (outDir, replay.Stdout);
    }

    private static string[] Kinds(string eventsPath) =>
        File.ReadAllLines(eventsPath).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()!).ToArray();
}
