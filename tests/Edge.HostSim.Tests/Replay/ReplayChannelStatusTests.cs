// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using Edge.HostSim.Cli;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A run's trace.csv carries the status of each reading its core read (empty: valid; saturated, implausible, ...), and a
/// replay of it feeds them back with the readings. Without them a saturated cell channel's rail was fed as a valid
/// reading (judged as the cell's voltage), and a saturated or missing current channel's rail or 0 as the current that
/// flowed: the replay's events were not the run's.
/// </summary>
public sealed class ReplayChannelStatusTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void SaturatedCellChannelRunsTraceReplaysWithTheRunsEvents()
    {
        // Cell 1 of the module reads at the rail (6000 mV) from 6 s: at the third such reading (6.02 s) the core latches the
        // channel, not an overvoltage of the cell, and holds the module.
        string json = Scenario(1, 2, "{ \"atS\": 6, \"module\": 0, \"cell\": 1, \"kind\": \"saturatedChannel\", \"durationS\": 0.5 }");
        using RecordedRun run = new RecordedRun(json);
        string runEvents = File.ReadAllText(run.EventsPath);
        Assert.Contains("\"diagnosis\":\"cellChannelSaturated\"", runEvents, StringComparison.Ordinal);
        Assert.Contains(",saturated,", File.ReadAllText(run.TracePath), StringComparison.Ordinal);

        (string outDir, EdgeSimProcess replay) = Replay(run.TracePath, json);

        using (replay)
        {
            Assert.Equal(runEvents, File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
            Assert.Equal(0, ReplayJson(outDir).GetProperty("misalignedTicks").GetInt64());
            Assert.Contains("fed the millivolts and microamperes its run's core read (columns module<m>Cell<c>MeasuredMV and module<m>MeasuredCurrentUA) with the status of each reading", replay.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SaturatedAndMissingCurrentChannelRunsTraceReplaysWithTheRunsEvents()
    {
        // Module 0's current channel at its low rail from 4 s, module 1's gives no reading from 7 s: each module's core
        // latches its channel at the third such reading (currentChannelSaturated at 4.02 s, currentChannelInvalid at 7.02 s)
        // and holds the module.
        string json = Scenario(2, 1,
            "{ \"atS\": 4, \"module\": 0, \"kind\": \"currentSensor\", \"mode\": \"saturated\", \"rail\": \"low\" }, "
            + "{ \"atS\": 7, \"module\": 1, \"kind\": \"currentSensor\", \"mode\": \"missing\" }");
        using RecordedRun run = new RecordedRun(json);
        string runEvents = File.ReadAllText(run.EventsPath);
        Assert.Contains("\"diagnosis\":\"currentChannelSaturated\"", runEvents, StringComparison.Ordinal);
        Assert.Contains("\"diagnosis\":\"currentChannelInvalid\"", runEvents, StringComparison.Ordinal);
        string trace = File.ReadAllText(run.TracePath);
        Assert.Contains(",saturated,", trace, StringComparison.Ordinal);
        Assert.Contains(",implausible\n", trace, StringComparison.Ordinal);

        (string outDir, EdgeSimProcess replay) = Replay(run.TracePath, json);

        using (replay)
        {
            Assert.Equal(runEvents, File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
            Assert.Equal(0, ReplayJson(outDir).GetProperty("misalignedTicks").GetInt64());
        }
    }

    [Fact]
    public void TraceWithoutStatusColumnsStillReplaysEachReadingAsValidAndSaysSo()
    {
        // A trace written before it had status columns, of a run whose readings were all valid: fed its measured columns
        // as valid readings, the replay finds the run's events as before.
        string json = Scenario(1, 1, string.Empty);
        using RecordedRun run = new RecordedRun(json);
        string file = WithoutStatusColumns(run.TracePath, "old-trace.csv");

        (string outDir, EdgeSimProcess replay) = Replay(file, json);

        using (replay)
        {
            Assert.Equal(File.ReadAllText(run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
            Assert.Equal(0, ReplayJson(outDir).GetProperty("misalignedTicks").GetInt64());
            Assert.Contains("fed the millivolts and microamperes its run's core read (columns module<m>Cell<c>MeasuredMV and module<m>MeasuredCurrentUA), each as a valid reading: the trace has no status columns", replay.Stdout, StringComparison.Ordinal);
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            Assert.Contains("each as a valid reading: the trace has no status columns", summary.RootElement.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnUnknownStatusWordIsRefusedNamingItsLineColumnAndWordAndNothingIsWritten()
    {
        string file = _scratch.Write("trace.csv", "tS,module0CurrentMAPerCm2,module0Cell0V,module0State,module0Cell0MeasuredMV,module0MeasuredCurrentUA,module0Cell0MeasuredStatus,module0MeasuredCurrentStatus\n"
            + "0,1.00052,0,pulse,0,0,,\n0.01,1.00052,0.19773,pulse,198,385,,\n0.02,1.00052,0.19801,pulse,3000,385,clipped,\n");
        string outDir = _scratch.Path2("out");
        StringWriter stderr = new StringWriter();

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 0.3848));
        int code = Program.Execute(new[] { "replay", file, "--out", outDir }, new StringWriter(), stderr);

        const string Expected = "line 4: 'clipped' in column 'module0Cell0MeasuredStatus' is no channel status (nothing for a valid reading, or saturated, implausible, missing, calibrationReference)";
        Assert.Contains(Expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(2, code);
        Assert.Contains(Expected, stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void StatusColumnsAreReadAsTheirStatuses()
    {
        string file = _scratch.Write("trace.csv", "tS,module0CurrentMAPerCm2,module0Cell0V,module0State,module0Cell0MeasuredMV,module0MeasuredCurrentUA,module0Cell0MeasuredStatus,module0MeasuredCurrentStatus\n"
            + "0,1.00052,0,pulse,0,0,,\n0.01,1.00052,0.19773,pulse,3000,-3000,saturated,saturated\n0.02,1.00052,0.19801,pulse,198,0,,implausible\n");

        LabRecording recording = LabFileReader.Read(file, null, 0.3848);

        Assert.Equal(new[] { Core.Sampling.ChannelStatus.Valid, Core.Sampling.ChannelStatus.Saturated, Core.Sampling.ChannelStatus.Valid }, recording.MeasuredCellVoltageStatus![0]);
        Assert.Equal(new[] { Core.Sampling.ChannelStatus.Valid, Core.Sampling.ChannelStatus.Saturated, Core.Sampling.ChannelStatus.Implausible }, recording.MeasuredModuleCurrentStatus![0]);
    }

    [Fact]
    public void ATraceWithSomeStatusColumnsIsRefusedNamingTheOneMissing()
    {
        string file = _scratch.Write("trace.csv", "tS,module0CurrentMAPerCm2,module0Cell0V,module0State,module0Cell0MeasuredMV,module0MeasuredCurrentUA,module0Cell0MeasuredStatus\n"
            + "0,1.00052,0,pulse,0,0,\n0.01,1.00052,0.19773,pulse,198,385,\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 0.3848));

        Assert.Contains("status columns come one per cell", e.Message, StringComparison.Ordinal);
        Assert.Contains("without 'module0MeasuredCurrentStatus'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The trace as written before it had status columns: every column but those.</summary>
    private string WithoutStatusColumns(string tracePath, string name)
    {
        string[] lines = File.ReadAllLines(tracePath);
        string[] header = lines[0].Split(',');
        int[] kept = Enumerable.Range(0, header.Length).Where(i => !header[i].EndsWith("Status", StringComparison.Ordinal)).ToArray();
        Assert.True(kept.Length < header.Length, "the trace has no status columns: " + lines[0]);
        return _scratch.Write(name, string.Concat(lines.Select(l => string.Join(',', kept.Select(i => l.Split(',')[i])) + "\n")));
    }

    private static JsonElement ReplayJson(string outDir)
    {
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        return source.RootElement.Clone();
    }

    /// <summary>NaK50 cells in observe mode, the default measurement noise, traced every tick, 1 s / 2 s pulses for 12 s; <paramref name="faults"/> the faults array's entries.</summary>
    private static string Scenario(int modules, int cellsPerModule, string faults) => string.Format(CultureInfo.InvariantCulture, """
        {{ "name": "channel-status", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 12,
          "pack": {{ "modules": {0}, "cellsPerModule": {1}, "preset": "nak50-nasicon" }},
          "protocol": {{ "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" }},
          "controller": {{ "mode": "observe" }},
          "trace": {{ "periodMs": 10 }},
          "faults": [ {2} ] }}
        """, modules, cellsPerModule, faults);

    private (string OutDir, EdgeSimProcess Replay) Replay(string file, string scenarioJson)
    {
        string scenario = _scratch.Write("scenario-" + Guid.NewGuid().ToString("N") + ".json", scenarioJson);
        string outDir = _scratch.Path2("replay-" + Guid.NewGuid().ToString("N"));
        EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--scenario", scenario, "--out", outDir);
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        return (outDir, replay);
    }
}
