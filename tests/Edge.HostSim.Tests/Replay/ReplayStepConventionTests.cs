// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// Loggers differ in which side of a current step a step's own row is on: edge-sim's trace (and a logger that writes the
/// current "from this time on" next to the voltage measured before it) logs the voltage before the step, a cycler the
/// voltage its new current already acts on. Logged every tick, the replay's tick at a step carries the current before
/// it, so its voltage must come from before the step too: a cycler's row at a pulse's end paired the relaxed voltage
/// with the pulse's current, and a cell that relaxes to under 5 mV within a tick (NaK50 at 0.3 mA/cm2: 65 mV under
/// current, 4.7 mV 10 ms after) was held for a hard short at the first pulse's end.
/// </summary>
public sealed class ReplayStepConventionTests : IDisposable
{
    // NaK50 at 0.3 mA/cm2 (45 mV expected by the hard-short check, above its 25 mV minimum, so a reading of 5 mV or less
    // under current is a short), 1 s pulses and 2 s rests, a hard short injected at 60.5 s.
    private const string Scenario = """
        { "name": "relaxes-fast", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 70,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 0.3 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "measurement": { "voltageNoiseMv": 0, "voltageLsbMv": 0, "currentNoiseUa": 0 },
          "trace": { "periodMs": 10 },
          "faults": [ { "atS": 60.5, "module": 0, "cell": 0, "kind": "hardShort" } ] }
        """;

    private readonly RecordedRun _run = new RecordedRun(Scenario);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose()
    {
        _run.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public void TheRunRelaxesToUnderTheShortLimitWithinATickAndHasOneHardShort()
    {
        // The premise: 10 ms after a pulse's end the cell reads 5 mV or less (the hard-short limit), and the live run's
        // only fault is the injected short.
        RecordedRun.Row afterEnd = _run.Rows.First(r => r.TimeS > 4.005);
        Assert.InRange(afterEnd.VoltageV, 0, 0.005);
        Assert.Equal(new[] { ("started", 0.0), ("hardShort", 60.5) }, Events(_run.EventsPath).Select(e => (e.Kind, e.TS)).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public void StepRowBeforeTheJumpReplaysTheRunsEvents(int restTicksPerSample)
    {
        // Each row: the current from this time on, the voltage measured at it (before that current acts); every tick
        // under current, at rest every tick or every 0.5 s, and at every step.
        string file = _run.WriteBioLogic("before-" + restTicksPerSample + ".mpt", Logged(_run.Rows, restTicksPerSample), false);

        AssertOnlyTheInjectedShort(file, "before-" + restTicksPerSample, 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public void StepRowAfterTheJumpReplaysTheRunsEvents(int restTicksPerSample)
    {
        // A cycler: each row's voltage is the one its current already acts on (the next tick's), from a rest; logged as
        // above (a cycler logging every 10 ms under current and every 0.5 s at rest: held for a hard short at 1 s too).
        IEnumerable<RecordedRun.Row> cycler = _run.Rows.Zip(_run.Rows.Skip(1), (now, next) => now with { VoltageV = next.VoltageV })
            .Where(r => r.TimeS >= 2.5);
        string file = _run.WriteBioLogic("after-" + restTicksPerSample + ".mpt", Logged(cycler.ToList(), restTicksPerSample), false);

        AssertOnlyTheInjectedShort(file, "after-" + restTicksPerSample, 3);
    }

    /// <summary>The rows under current, the first of each rest (its step) and every <paramref name="restTicksPerSample"/>-th tick's at rest.</summary>
    private static IEnumerable<RecordedRun.Row> Logged(List<RecordedRun.Row> rows, int restTicksPerSample) =>
        rows.Where((r, i) => r.CurrentMA != 0 || i == 0 || rows[i - 1].CurrentMA != 0 || (long)Math.Round(r.TimeS * 100) % restTicksPerSample == 0);

    /// <summary>
    /// The replay (which starts at the recording's first pulse, <paramref name="startS"/> of the run) finds the injected
    /// hard short where the run did, within a tick, and nothing else.
    /// </summary>
    private void AssertOnlyTheInjectedShort(string file, string name, double startS)
    {
        string outDir = _scratch.Path2(name);
        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", outDir, "--quiet");
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        (string Kind, double TS)[] events = Events(Path.Combine(outDir, "events.jsonl"));
        string all = replay.Stdout + File.ReadAllText(Path.Combine(outDir, "events.jsonl"));
        Assert.True(events.Length == 2 && events[0].Kind == "started" && events[1].Kind == "hardShort", all);
        Assert.True(Math.Abs(events[1].TS + startS - 60.5) <= 0.0100001, all);
    }

    private static (string Kind, double TS)[] Events(string path) => File.ReadAllLines(path)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("tS").GetDouble()))
        .ToArray();
}
