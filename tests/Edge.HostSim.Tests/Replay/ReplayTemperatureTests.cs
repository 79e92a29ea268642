// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A run's trace.csv carries each temperature sensor's reading and its status (temperature&lt;t&gt;MeasuredDeciC,
/// temperature&lt;t&gt;MeasuredStatus), and a replay of it feeds them back. Before, a trace held no temperature at all:
/// a replay of a pack with sensors fed each as a valid 0.0 degC, so an overtemperature the run's core met, or a sensor it
/// read as missing, was gone from the replay's events.
/// </summary>
public sealed class ReplayTemperatureTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void OvertemperatureRunsTraceReplaysWithTheRunsEvents()
    {
        // The sensor rises 5 degC/s from 25.0 degC at 5 s: it passes the warning, derate and isolation levels before 12 s.
        string json = Scenario("{ \"atS\": 5, \"kind\": \"temperatureRise\", \"rateCPerS\": 5 }");
        using RecordedRun run = new RecordedRun(json);
        string runEvents = File.ReadAllText(run.EventsPath);
        Assert.Contains("\"kind\":\"overtemperature\"", runEvents, StringComparison.Ordinal);
        string[] trace = File.ReadAllLines(run.TracePath);
        Assert.EndsWith(",temperature0MeasuredDeciC,temperature0MeasuredStatus", trace[0], StringComparison.Ordinal);

        // 25.0 degC until the rise, as 250 tenths of a degree.
        Assert.EndsWith(",250,", trace[1], StringComparison.Ordinal);

        (string outDir, EdgeSimProcess replay) = Replay(run.TracePath, json);

        using (replay)
        {
            Assert.Equal(runEvents, File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
            Assert.Contains("and the temperatures it read with their statuses (columns temperature<t>MeasuredDeciC and temperature<t>MeasuredStatus)", replay.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AMissingTemperatureReadingInTheTraceIsFedAsMissing()
    {
        // The run's sensor read valid throughout; from 1.5 s on, in the first rest, the trace says it gave no reading, as a
        // sensor come loose: the core latches the channel and holds the module (fed as valid, the replay ran on to 12 s).
        string json = Scenario(string.Empty);
        using RecordedRun run = new RecordedRun(json);
        Assert.DoesNotContain("temperatureChannelInvalid", File.ReadAllText(run.EventsPath), StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(run.TracePath);
        int status = Array.IndexOf(lines[0].Split(','), "temperature0MeasuredStatus");
        Assert.True(status > 0, lines[0]);
        string edited = string.Concat(lines.Select((l, i) =>
        {
            string[] fields = l.Split(',');
            if (i > 0 && double.Parse(fields[0], CultureInfo.InvariantCulture) >= 1.5)
            {
                fields[status] = "missing";
            }

            return string.Join(',', fields) + "\n";
        }));
        string file = _scratch.Write("missing-sensor.csv", edited);

        (string outDir, EdgeSimProcess replay) = Replay(file, json);

        using (replay)
        {
            string events = File.ReadAllText(Path.Combine(outDir, "events.jsonl"));
            Assert.Contains("\"kind\":\"channelFault\",\"severity\":\"fault\",\"diagnosis\":\"temperatureChannelInvalid\"", events, StringComparison.Ordinal);
            Assert.Contains(": temperatureChannelInvalid, module-wide", replay.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AThinnedTracesProvenanceSaysItsStatusesAreNotFed()
    {
        // A row every 20 ms of a 10 ms tick: the measured columns and their statuses are of every other tick only.
        string json = Scenario(string.Empty).Replace("\"periodMs\": 10", "\"periodMs\": 20", StringComparison.Ordinal);
        using RecordedRun run = new RecordedRun(json);

        (string outDir, EdgeSimProcess replay) = Replay(run.TracePath, json);

        using (replay)
        {
            const string Expected = "not at every 10 ms tick (trace.periodMs equal to samplePeriodMs keeps a row each tick), each as a valid reading: the statuses its status columns record, like the readings, are of its rows only";
            Assert.Contains(Expected, replay.Stdout, StringComparison.Ordinal);
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            Assert.Contains(Expected, summary.RootElement.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ATracesSensorsReplayedWithAnotherCountAreRefusedNamingTheCountToGive()
    {
        string json = Scenario(string.Empty);
        using RecordedRun run = new RecordedRun(json);
        string scenario = _scratch.Write("no-sensors.json", json.Replace(", \"temperatureSensors\": 1", string.Empty, StringComparison.Ordinal));
        string outDir = _scratch.Path2("refused");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", run.TracePath, "--scenario", scenario, "--out", outDir);

        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("--scenario: its pack has 0 temperature sensors (pack.temperatureSensors), the trace the readings of 1 (columns temperature<t>MeasuredDeciC): give pack.temperatureSensors 1", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void ATraceWithASensorsReadingButNotItsStatusIsRefused()
    {
        string file = _scratch.Write("trace.csv", "tS,module0CurrentMAPerCm2,module0Cell0V,module0State,module0Cell0MeasuredMV,module0MeasuredCurrentUA,module0Cell0MeasuredStatus,module0MeasuredCurrentStatus,temperature0MeasuredDeciC\n"
            + "0,1.00052,0,pulse,0,0,,,250\n0.01,1.00052,0.19773,pulse,198,385,,,250\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 0.3848));

        Assert.Contains("temperature columns come two per sensor", e.Message, StringComparison.Ordinal);
        Assert.Contains("without 'temperature0MeasuredStatus'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordingWithoutTemperaturesFeedsTheScenariosSensorsTheAmbientSaidToBeAssumed()
    {
        // A lab table holds no temperature: the scenario's two sensors read the ambient 25.0 degC, as a run's do with no
        // fault heating them, where each was fed a valid 0.0 degC without a word.
        string scenario = _scratch.Write("scenario.json", """
            { "name": "replayed", "samplePeriodMs": 10, "timeLimitS": 60,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "temperatureSensors": 2 },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
        string table = _scratch.Write("cell.csv", SymmetricCellTable.Of(SymmetricCellTable.Repeated(new[] { (0.0, 1.0), (1.0, 1.0), (0.0, 2.0) }, 5)));

        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, table, "--quiet", "--scenario", scenario);

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        const string Said = "25.0 degC, the scenario's ambient, fed to each of the pack's 2 temperature sensors (pack.temperatureSensors) as a valid reading: assumed, not measured, as the recording holds no temperatures";
        Assert.Contains("temperature: " + Said, replay.Stdout, StringComparison.Ordinal);
        string outDir = _scratch.Path2("out");
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Contains("temperatures: " + Said, summary.RootElement.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("temperatureChannelInvalid", File.ReadAllText(Path.Combine(outDir, "events.jsonl")), StringComparison.Ordinal);

        // Every row of the replay's trace shows what the core read: 250 tenths of a degree, valid, from each sensor.
        string[] trace = File.ReadAllLines(Path.Combine(outDir, "trace.csv"));
        string[] header = trace[0].Split(',');
        int[] columns = new[] { "temperature0MeasuredDeciC", "temperature0MeasuredStatus", "temperature1MeasuredDeciC", "temperature1MeasuredStatus" }.Select(c => Array.IndexOf(header, c)).ToArray();
        Assert.True(columns.All(c => c > 0), trace[0]);
        Assert.All(trace.Skip(1), row =>
        {
            string[] fields = row.Split(',');
            Assert.Equal(new[] { "250", string.Empty, "250", string.Empty }, columns.Select(c => fields[c]));
        });
    }

    /// <summary>One NaK50 cell and one sensor in observe mode, traced every tick, 1 s / 2 s pulses for 12 s; <paramref name="faults"/> the faults array's entries.</summary>
    private static string Scenario(string faults) => """
        { "name": "temperature", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 12,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "temperatureSensors": 1 },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "trace": { "periodMs": 10 },
          "faults": [
        """ + faults + " ] }";

    private (string OutDir, EdgeSimProcess Replay) Replay(string file, string scenarioJson)
    {
        string scenario = _scratch.Write("scenario-" + Guid.NewGuid().ToString("N") + ".json", scenarioJson);
        string outDir = _scratch.Path2("replay-" + Guid.NewGuid().ToString("N"));
        EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--scenario", scenario, "--out", outDir);
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        return (outDir, replay);
    }
}
