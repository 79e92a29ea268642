// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A logging pause that ends exactly where a pulse's current steps on: nothing recorded after the pause comes before
/// that step, so the pulse has no reference voltage. The samples before the pause are no reference either: a line
/// through the last two of them, carried across a 2000 s pause, put the restarted core's first tick at -4 V and read
/// the pulse as a hard short (an overcurrent hold of a healthy cell).
/// </summary>
public sealed class ReplayGapRestartTests : IDisposable
{
    // A healthy NaK50 cell, 1 s pulses at 1 mA/cm2 and 2 s rests from t = 0, every tick traced; {noise} mV of voltage
    // noise on what the core measured; the faults given.
    private const string Template = """
        { "name": "paused", "seed": 2, "samplePeriodMs": 10, "timeLimitS": {limitS},
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "measurement": { "voltageNoiseMv": {noise}, "voltageLsbMv": 0, "currentNoiseUa": 0 },
          "trace": { "periodMs": 10 },
          "faults": [ {faults} ] }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(0, 2000)]
    [InlineData(1, 6)]
    [InlineData(1, 120)]
    public void APauseEndingAtAPulsesStepInventsNoVoltageAndNoEvent(int noiseMv, int pauseS)
    {
        // Every sample from the pulse at 150 s on moved pauseS later: the last sample before the pause is the rest's at
        // 149.99 s, the first after it the pulse's first (current on, voltage from before the step, as a trace logs it).
        // Without noise the trace's 10 uV voltages (a rest still settling), with it the measured millivolts.
        using RecordedRun run = new RecordedRun(Scenario(300, noiseMv, string.Empty));
        List<RecordedRun.Row> rows = (noiseMv == 0 ? run.TraceRows() : run.Rows).Select(r => r.TimeS < 149.995 ? r : r with { TimeS = r.TimeS + pauseS }).ToList();
        string file = run.WriteBioLogic("paused.mpt", rows, false);

        (string outDir, string stdout) = Replay(file, "paused");

        // No event but each session's start (the first, and the one after the pause).
        Assert.True(Kinds(outDir).All(k => k == "started"), stdout + File.ReadAllText(Path.Combine(outDir, "events.jsonl")));

        // Every voltage the core was given lies within what was recorded (the replay rounds to the millivolt).
        double lowest = rows.Min(r => r.VoltageV);
        double highest = rows.Max(r => r.VoltageV);
        foreach ((double t, double v) in TraceVoltages(outDir))
        {
            Assert.True(v >= lowest - 0.0005 && v <= highest + 0.0005, string.Format(CultureInfo.InvariantCulture, "{0} V at {1} s, outside the recorded {2} to {3} V", v, t, lowest, highest));
        }

        // The pause is reported, and the core restarts at the pulse after the one whose step it ended at (150 + pauseS s).
        string end = (150 + pauseS).ToString(CultureInfo.InvariantCulture);
        string restart = (153 + pauseS).ToString(CultureInfo.InvariantCulture);
        Assert.Contains("gap: no samples from 149.99 s to " + end + " s (" + pauseS + ".01 s); the core restarted at " + restart + " s", stdout, StringComparison.Ordinal);
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        Assert.Equal(2, source.RootElement.GetProperty("sessions").GetInt32());
        Assert.Equal(0, source.RootElement.GetProperty("misalignedTicks").GetInt64());
    }

    [Fact]
    public void AHardShortAfterSuchAPauseIsStillFound()
    {
        // The pause of 2000 s ends at the pulse of 60 s; the cell shorts at 90.5 s of the run, 2090.5 s of the recording.
        using RecordedRun run = new RecordedRun(Scenario(120, 0, "{ \"atS\": 90.5, \"module\": 0, \"cell\": 0, \"kind\": \"hardShort\" }"));
        List<RecordedRun.Row> rows = run.TraceRows().Select(r => r.TimeS < 59.995 ? r : r with { TimeS = r.TimeS + 2000 }).ToList();
        string file = run.WriteBioLogic("paused-short.mpt", rows, false);

        (string outDir, string stdout) = Replay(file, "paused-short");

        List<JsonElement> events = File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        JsonElement first = events.First(e => e.GetProperty("severity").GetString() != "info");
        Assert.True(first.GetProperty("kind").GetString() == "hardShort", stdout + string.Join("\n", events));
        Assert.InRange(first.GetProperty("tS").GetDouble(), 2090.5, 2090.55);
    }

    private static string Scenario(int limitS, int noiseMv, string faults) => Template
        .Replace("{limitS}", limitS.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{noise}", noiseMv.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{faults}", faults, StringComparison.Ordinal);

    /// <summary>Replays through the real executable into a fresh folder; it must succeed.</summary>
    private (string OutDir, string Stdout) Replay(string file, string name)
    {
        string outDir = _scratch.Path2(name);
        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", outDir, "--quiet");
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        return (outDir, replay.Stdout);
    }

    private static string[] Kinds(string outDir) =>
        File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()!).ToArray();

    /// <summary>trace.csv's time and cell voltage of every row.</summary>
    private static IEnumerable<(double TimeS, double VoltageV)> TraceVoltages(string outDir)
    {
        string[] lines = File.ReadAllLines(Path.Combine(outDir, "trace.csv"));
        int column = Array.IndexOf(lines[0].Split(','), "module0Cell0V");
        Assert.True(column > 0, lines[0]);
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            yield return (double.Parse(cells[0], CultureInfo.InvariantCulture), double.Parse(cells[column], CultureInfo.InvariantCulture));
        }
    }
}
