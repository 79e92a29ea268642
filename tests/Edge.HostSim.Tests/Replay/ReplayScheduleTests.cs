// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A run replayed with its own scenario, through the real CLI: where the replay feeds the core what the run fed it
/// (a trace's measured columns, the measured values as a table, or a noiseless run's trace of a fixed protocol) the core
/// keeps the run's schedule and finds the run's events. Where it cannot (a trace written before it had measured columns
/// holds the cell's true voltage at 10 uV, not the noisy, rounded millivolts the run's core read, so a rest ended by the
/// settling voltage ends on another tick), the core's switch parts from the recorded current; past that tick its tests
/// judge the cell against a pulse the recording does not hold (a closed switch with no current read as a hard short,
/// current through an open switch as an overcurrent). The replay ends at that tick, before feeding it, and says so;
/// those faults were reported as the cell's.
/// </summary>
public sealed class ReplayScheduleTests : IDisposable
{
    private const string StripPlateSteps = "\"Strip at 1 mA/cm2 for 1 s\", \"Rest for 2 s\", \"Plate at 1 mA/cm2 for 1 s\", \"Rest for 2 s\"";

    /// <summary>RecordedRun's intermittent soft short from 30 s.</summary>
    private const string SoftShort = "{ \"atS\": 30, \"module\": 0, \"cell\": 0, \"kind\": \"softShort\", \"resistanceOhmCm2\": 300, \"onS\": 0.05, \"offS\": 0.6 }";

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void NoiselessStripAndPlateRunsTraceReplaysWithTheRunsEvents()
    {
        // RecordedRun's soft short from 30 s and a hard short at 150.5 s, inside the third cycle's plating pulse
        // (each cycle: 1 s strip, at least 35 s of rest before the direction changes, 1 s plate, 35 s more).
        string json = Scenario(StripPlateSteps, "fixed", 0, 200, SoftShort + ", { \"atS\": 150.5, \"module\": 0, \"cell\": 0, \"kind\": \"hardShort\" }");
        using RecordedRun run = new RecordedRun(json);

        (string outDir, EdgeSimProcess replay) = Replay(run.TracePath, json);

        using (replay)
        {
            Assert.Equal(File.ReadAllText(run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
            Assert.Contains("\"kind\":\"hardShort\"", File.ReadAllText(run.EventsPath), StringComparison.Ordinal);
            Assert.Equal(0, ReplayJson(outDir).GetProperty("misalignedTicks").GetInt64());
        }
    }

    [Fact]
    public void AdaptiveRestRunsMeasuredValuesReplayWithTheRunsEvents()
    {
        // The millivolts and microamps the run's core read, every tick: the rests end where the run's did.
        string json = Scenario("\"Strip at 1 mA/cm2 for 1 s\", \"Rest\"", "adaptive", 0, 120, SoftShort + ", { \"atS\": 90.5, \"module\": 0, \"cell\": 0, \"kind\": \"hardShort\" }");
        using RecordedRun run = new RecordedRun(json);
        string file = run.WriteGeneric("measured.csv");

        (string outDir, EdgeSimProcess replay) = Replay(file, json, "--time-column", "elapsed_ms", "--time-unit", "ms", "--voltage-column", "cell_mV", "--voltage-unit", "mV", "--current-column", "I_uA", "--current-unit", "uA");

        using (replay)
        {
            Assert.Equal(File.ReadAllText(run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
            Assert.Equal(0, ReplayJson(outDir).GetProperty("misalignedTicks").GetInt64());
        }
    }

    [Fact]
    public void NoisyAdaptiveRestRunsTraceReplaysWithTheRunsEvents()
    {
        // The default measurement chain (2 mV of noise on 1.6 mV steps, 0.5 uA on the current): every rest ends on the
        // voltage's slope as the run's core read it. The trace's measured columns are those readings, so the replay's
        // core ends each rest on the run's tick and finds the run's soft short, depletion events and hard short. Fed the
        // trace's true voltage, the replay parted from the run at its first rest.
        string json = Scenario("\"Strip at 1 mA/cm2 for 1 s\", \"Rest\"", "adaptive", 2, 200, SoftShort + ", { \"atS\": 150.5, \"module\": 0, \"cell\": 0, \"kind\": \"hardShort\" }");
        using RecordedRun run = new RecordedRun(json);
        string runEvents = File.ReadAllText(run.EventsPath);
        Assert.Contains("\"kind\":\"softShort\"", runEvents, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"hardShort\"", runEvents, StringComparison.Ordinal);

        (string outDir, EdgeSimProcess replay) = Replay(run.TracePath, json);

        using (replay)
        {
            Assert.Equal(runEvents, File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
            Assert.Equal(0, ReplayJson(outDir).GetProperty("misalignedTicks").GetInt64());
            Assert.Contains("simulated data, not a bench measurement: an edge-sim trace.csv: fed the millivolts and microamperes its run's core read", replay.Stdout, StringComparison.Ordinal);
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            Assert.Contains("fed the millivolts and microamperes its run's core read", summary.RootElement.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoisyStripAndPlateRunsTraceReplaysWithTheRunsEvents()
    {
        // The rest of at least 35 s before plating lasts until the voltage settles as the run's core read it through the
        // default noise: fed the trace's measured columns, the replay ends it on the run's tick (fed the true voltage, 2
        // ticks early, and then held the cell for a hard short at 153.01 s: its switch closed, no current recorded).
        string json = Scenario(StripPlateSteps, "fixed", 2, 200, string.Empty);
        using RecordedRun run = new RecordedRun(json);

        (string outDir, EdgeSimProcess replay) = Replay(run.TracePath, json);

        using (replay)
        {
            Assert.Equal(File.ReadAllText(run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
            Assert.Equal(0, ReplayJson(outDir).GetProperty("misalignedTicks").GetInt64());
        }
    }

    [Fact]
    public void NoisyStripAndPlateRunsTraceWithoutMeasuredColumnsEndsWhereTheCorePartsFromItWithoutAFault()
    {
        // A trace written before traces had measured columns: 2 mV of noise on 1.6 mV steps (the defaults), the run's
        // core read the settling rest before plating through them, the replay's the trace's smooth true voltage, and
        // ended that rest 2 ticks before the run did. The replay then held the cell for a hard short at 153.01 s: its
        // switch closed for plating, no current recorded.
        string json = Scenario(StripPlateSteps, "fixed", 2, 200, string.Empty);
        using RecordedRun run = new RecordedRun(json);
        Assert.DoesNotContain("\"severity\":\"fault\"", File.ReadAllText(run.EventsPath), StringComparison.Ordinal);

        (string outDir, EdgeSimProcess replay) = Replay(run.WriteTraceWithoutMeasuredColumns("trace.csv"), json);

        using (replay)
        {
            AssertEndsAtTheDeparture(run, outDir, replay);
            Assert.Contains("an edge-sim trace.csv: fed the cell model's true voltages, at 10 uV, not the millivolts its run's core read: the trace has no measured columns", replay.Stdout, StringComparison.Ordinal);

            // The mean rest counts the rests the core completed before the departure, each change of direction's
            // included, which lasts until 35 s after the last current (ProtocolConfiguration.DirectionChangeRestMs):
            // strip 0-1 s, rest 1-3 s, then 3-36 s before plating 36-37 s, rest 37-39 s, strip 39-40 s, rest 40-42 s,
            // then 42-75 s, after which the core plated at 75.00 s where the run still rested: (2 + 33 + 2 + 2 + 33) / 5.
            JsonElement module = Summary(outDir).GetProperty("modules")[0];
            Assert.Equal(75.01, ReplayJson(outDir).GetProperty("firstMisalignedS").GetDouble(), 1e-9);
            Assert.Equal(5, module.GetProperty("rests").GetInt32());
            Assert.Equal((2 + 33 + 2 + 2 + 33) / 5.0, module.GetProperty("meanRestS").GetDouble(), 1e-9);
        }
    }

    [Fact]
    public void NoiselessAdaptiveRestRunsTraceWithoutMeasuredColumnsEndsWhereTheCorePartsFromItWithoutAFault()
    {
        // Noise off, but the true voltage at 10 uV of a trace without measured columns rounds to other millivolts than
        // the run's readings near a half millivolt: an adaptive rest, ended by the voltage's slope, ended on another tick,
        // and current through the replay's open switch was held for a module overcurrent the run never had (9.88 s).
        string json = Scenario("\"Strip at 1 mA/cm2 for 1 s\", \"Rest\"", "adaptive", 0, 200, SoftShort);
        using RecordedRun run = new RecordedRun(json);

        (string outDir, EdgeSimProcess replay) = Replay(run.WriteTraceWithoutMeasuredColumns("trace.csv"), json);

        using (replay)
        {
            AssertEndsAtTheDeparture(run, outDir, replay);
        }
    }

    [Fact]
    public void TraceThinnedBelowTheTickIsFedItsTrueValuesAndSaysSo()
    {
        // Rows every 20 ms at 10 ms ticks: the core's readings are in the trace at every other tick only, so the replay
        // feeds the model's true values throughout and says why.
        string json = Scenario(StripPlateSteps, "fixed", 2, 30, string.Empty).Replace("\"periodMs\": 10", "\"periodMs\": 20", StringComparison.Ordinal);
        using RecordedRun run = new RecordedRun(json);

        (_, EdgeSimProcess replay) = Replay(run.TracePath, json);

        using (replay)
        {
            Assert.Contains("an edge-sim trace.csv: fed the cell model's true voltages, not its measured columns, which the run's core read only at its rows, 0.02 s apart (median), not at every 10 ms tick", replay.Stdout, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The replay ended at its first misaligned tick, which it did not feed: no event of the core at or after it, the
    /// run's events before it, and stdout and the outputs say where and why.
    /// </summary>
    private static void AssertEndsAtTheDeparture(RecordedRun run, string outDir, EdgeSimProcess replay)
    {
        JsonElement source = ReplayJson(outDir);
        Assert.Equal(1, source.GetProperty("misalignedTicks").GetInt64());
        double departedS = source.GetProperty("firstMisalignedS").GetDouble();

        string[] found = File.ReadAllLines(Path.Combine(outDir, "events.jsonl"));
        string[] runBefore = File.ReadAllLines(run.EventsPath).Where(l => EventTimeS(l) < departedS).ToArray();
        Assert.True(runBefore.SequenceEqual(found), replay.Stdout + string.Join('\n', found));

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("departedFromRecording", summary.RootElement.GetProperty("terminatedBy").GetString());
        Assert.Equal(departedS - 0.01, summary.RootElement.GetProperty("replayedS").GetDouble(), 1e-9);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "misaligned: at {0:0.###} s the core's switch and the recorded current part", departedS), replay.Stdout, StringComparison.Ordinal);
        Assert.Contains("the replay ends there", replay.Stdout, StringComparison.Ordinal);
        AssertModuleStoppedByTheDeparture(outDir, replay, departedS - 0.01);
    }

    /// <summary>
    /// The module the core still pulsed or rested at the departure did not run on to the recording's end: the replay
    /// stopped it at its last fed tick, and the table, summary.json and report.html say so (they said "running").
    /// </summary>
    private static void AssertModuleStoppedByTheDeparture(string outDir, EdgeSimProcess replay, double lastFedS)
    {
        JsonElement module = Summary(outDir).GetProperty("modules")[0];
        Assert.Equal("departedFromRecording", module.GetProperty("stopReason").GetString());
        Assert.Equal(lastFedS, module.GetProperty("stoppedAtS").GetDouble(), 1e-9);

        string row = replay.Stdout.Split('\n').Single(l => l.Contains("│ 0 ", StringComparison.Ordinal));
        Assert.Contains("departedFromRecording", row, StringComparison.Ordinal);
        Assert.DoesNotContain("running", replay.Stdout, StringComparison.Ordinal);

        string report = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "\"departedFromRecording\",\"{0:0.##}\"", lastFedS), report, StringComparison.Ordinal);
        Assert.DoesNotContain("\"running\"", report, StringComparison.Ordinal);
    }

    private static double EventTimeS(string line)
    {
        using JsonDocument e = JsonDocument.Parse(line);
        return e.RootElement.GetProperty("tS").GetDouble();
    }

    private static JsonElement Summary(string outDir)
    {
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        return summary.RootElement.Clone();
    }

    private static JsonElement ReplayJson(string outDir)
    {
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        return source.RootElement.Clone();
    }

    /// <summary>One NaK50 cell in observe mode, traced every tick, plating cap above the 1 mA/cm2 pulses; <paramref name="faults"/> the faults array's entries.</summary>
    private static string Scenario(string steps, string rest, double noiseMv, double timeLimitS, string faults) => string.Format(CultureInfo.InvariantCulture, """
        {{ "name": "schedule", "seed": 2, "samplePeriodMs": 10, "timeLimitS": {0},
          "pack": {{ "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" }},
          "protocol": {{ "steps": [ {1} ], "rest": "{2}" }},
          "controller": {{ "mode": "observe"{3} }},
          "measurement": {{ "voltageNoiseMv": {4}, "voltageLsbMv": {5}, "currentNoiseUa": {6} }},
          "trace": {{ "periodMs": 10 }},
          "faults": [ {7} ] }}
        """, timeLimitS, steps, rest, steps.Contains("Plate", StringComparison.Ordinal) ? ", \"platingCriticalMAPerCm2\": 1.1" : string.Empty,
        noiseMv, noiseMv > 0 ? 1.6 : 0, noiseMv > 0 ? 0.5 : 0, faults);

    private (string OutDir, EdgeSimProcess Replay) Replay(string file, string scenarioJson, params string[] extra)
    {
        string scenario = _scratch.Write("scenario-" + Guid.NewGuid().ToString("N") + ".json", scenarioJson);
        string outDir = _scratch.Path2("replay-" + Guid.NewGuid().ToString("N"));
        EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, new[] { "replay", file, "--scenario", scenario, "--out", outDir }.Concat(extra).ToArray());
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        return (outDir, replay);
    }
}
