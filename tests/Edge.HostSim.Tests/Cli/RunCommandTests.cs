// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>edge-sim run and sweep end to end: files written with the contract fields; bad input exits 2 and writes nothing.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-sim-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, true);
        }
    }

    private string WriteScenario(string json)
    {
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, "scenario.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Short = """
        { "name": "short", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
          "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "act" },
          "faults": [ { "atS": 9.5, "module": 1, "cell": 1, "kind": "hardShort" } ] }
        """;

    [Fact]
    public void RunWritesSummaryTraceEventsAndPlot()
    {
        string scenario = WriteScenario(Short);
        string outDir = Path.Combine(_directory, "out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir, "--quiet" }, stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("summary.json", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("plot.svg", stdout.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"scenario [\w-]+: timeLimit after 30 s simulated in [\d.]+ s wall \([\d.]+ M cell-steps/s\)", stdout.ToString());

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement root = summary.RootElement;
        Assert.Equal("timeLimit", root.GetProperty("terminatedBy").GetString());
        Assert.StartsWith("simulated: ", root.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        Assert.Equal(30.0, root.GetProperty("simulatedS").GetDouble(), 6);
        Assert.True(root.GetProperty("wallS").GetDouble() > 0);
        JsonElement modules = root.GetProperty("modules");
        Assert.Equal(2, modules.GetArrayLength());
        JsonElement healthy = modules[0];
        Assert.Equal(0, healthy.GetProperty("index").GetInt32());

        // 10 pulses of 1 s at 1 mA/cm2 in 30 s (pulses start every 3 s): 10 s x 1 mA/cm2 = 10/3600 mAh/cm2; duty 1/3.
        Assert.Equal(10.0 / 3600.0, healthy.GetProperty("capacityMAhPerCm2").GetDouble(), 4);
        Assert.Equal(1.0 / 3.0, healthy.GetProperty("dutyCycle").GetDouble(), 2);
        Assert.Equal(2.0, healthy.GetProperty("meanRestS").GetDouble(), 2);
        Assert.Equal("running", healthy.GetProperty("stopReason").GetString());
        Assert.False(healthy.TryGetProperty("holdDiagnosis", out _));
        // Held by the hard short injected into it, named as the device's telemetry names it: the diagnosis' family.
        Assert.Equal("hold", modules[1].GetProperty("state").GetString());
        Assert.Equal("hardShort", modules[1].GetProperty("stopReason").GetString());

        JsonElement hard = root.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "hardShort");
        Assert.Equal(9.5, hard.GetProperty("tS").GetDouble(), 6);
        Assert.Equal(1, hard.GetProperty("module").GetInt32());
        Assert.Equal(1, hard.GetProperty("cell").GetInt32());
        Assert.Equal("fault", hard.GetProperty("severity").GetString());

        // The cell voltage under current against the near-zero limit: uV, as the device's contract says.
        Assert.Equal("uV", hard.GetProperty("unit").GetString());

        // Which fault held module 1: the summary and the table name the diagnosis of the event that latched it.
        Assert.Equal(hard.GetProperty("diagnosis").GetString(), modules[1].GetProperty("holdDiagnosis").GetString());
        // And on which cell, counted in the module from 0 as the event and the dashboard's card count it: the short was
        // injected into module 1's second cell (cell 1), the cell its event names.
        Assert.Equal(1, modules[1].GetProperty("holdCell").GetInt32());
        Assert.False(healthy.TryGetProperty("holdCell", out _));
        Assert.Contains("module 1 held since 9.5 s: " + hard.GetProperty("diagnosis").GetString() + " on cell 1" + Environment.NewLine, stdout.ToString(), StringComparison.Ordinal);

        // 30 s at 10 ms: ticks 0 to 3,000, each starting on its release (no timing fault), so every one of them in
        // the histogram's first bin (below 100 us of latency). No board, so no unit and no board warnings.
        JsonElement timing = root.GetProperty("tickTiming");
        Assert.Equal(3001, timing.GetProperty("ticks").GetInt64());
        Assert.Equal(0, timing.GetProperty("missedReleases").GetInt64());
        Assert.Equal(0, timing.GetProperty("latencyMaxUs").GetInt32());
        Assert.Equal(new[] { 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000 }, timing.GetProperty("histogramUpperEdgesUs").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(new[] { 3001, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, timing.GetProperty("latencyHistogram").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(3001, timing.GetProperty("hostExecutionHistogram").EnumerateArray().Sum(e => e.GetInt32()));
        Assert.False(root.TryGetProperty("unitAdcVrefMv", out _));
        Assert.False(root.TryGetProperty("unitCalibrated", out _));
        Assert.False(root.TryGetProperty("boardWarnings", out _));

        string[] lines = File.ReadAllLines(Path.Combine(outDir, "events.jsonl"));
        Assert.Equal(root.GetProperty("events").GetArrayLength(), lines.Length);
        foreach (string line in lines)
        {
            using JsonDocument e = JsonDocument.Parse(line);
            Assert.True(e.RootElement.TryGetProperty("tS", out _));
            Assert.True(e.RootElement.TryGetProperty("kind", out _));
        }

        string[] trace = File.ReadAllLines(Path.Combine(outDir, "trace.csv"));
        Assert.Equal("tS,module0CurrentMAPerCm2,module1CurrentMAPerCm2,module0Cell0V,module0Cell1V,module1Cell0V,module1Cell1V,module0State,module1State,"
            + "module0Cell0MeasuredMV,module0Cell1MeasuredMV,module1Cell0MeasuredMV,module1Cell1MeasuredMV,module0MeasuredCurrentUA,module1MeasuredCurrentUA,"
            + "module0Cell0MeasuredStatus,module0Cell1MeasuredStatus,module1Cell0MeasuredStatus,module1Cell1MeasuredStatus,module0MeasuredCurrentStatus,module1MeasuredCurrentStatus", trace[0]);
        Assert.True(trace.Length > 100);

        string svg = File.ReadAllText(Path.Combine(outDir, "plot.svg"));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("cell voltage (V)", svg, StringComparison.Ordinal);
        Assert.Contains("<path", svg, StringComparison.Ordinal);
        Assert.Contains("hardShort fault M1 C1", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void APacedRunSaysItsPaceInsteadOfASpeed()
    {
        // 30 s simulated at 1000x real time take about 30 ms of wall time whatever the machine: a cell-steps/s figure
        // from them would say how the run was paced, not how fast the simulator is.
        string scenario = WriteScenario(Short);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "run", scenario, "--out", Path.Combine(_directory, "out"), "--quiet", "--realtime", "1000" }, stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        Assert.Matches(@"scenario [\w-]+: timeLimit after 30 s simulated in [\d.]+ s wall \(paced at 1000x real time\)", stdout.ToString());
        Assert.DoesNotContain("cell-steps/s", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ABoardRunsSummaryNamesTheUnitItRanOn()
    {
        // The virtual board with its unit's ADC reference given, calibrated on the simulated bench (the default),
        // and ticks that start late as nanoFramework schedules them (up to 15 ms), so some latencies pass 100 us.
        string scenario = WriteScenario("""
            { "name": "board", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 20,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "measurement": { "board": "virtual", "adcVrefMv": 1085 },
              "faults": [ { "atS": 0, "kind": "tickJitter", "jitterMs": 15, "mode": "nanoFramework" } ],
              "controller": { "mode": "observe" } }
            """);
        string outDir = Path.Combine(_directory, "out");
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir, "--quiet" }, new StringWriter(), stderr);

        Assert.True(code == 0, stderr.ToString());
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement root = summary.RootElement;
        Assert.Equal(1085, root.GetProperty("unitAdcVrefMv").GetDouble(), 6);
        Assert.True(root.GetProperty("unitCalibrated").GetBoolean());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("boardWarnings").ValueKind);

        JsonElement timing = root.GetProperty("tickTiming");
        int[] latency = timing.GetProperty("latencyHistogram").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.True(timing.GetProperty("latencyMaxUs").GetInt32() >= 100);
        Assert.True(latency.Skip(1).Sum() > 0);
        Assert.Equal(timing.GetProperty("ticks").GetInt64(), latency.Sum());

        // A tick that starts after the next release swallows it: executed ticks and missed releases make up the
        // 2,001 releases of 20 s.
        Assert.Equal(2001, timing.GetProperty("ticks").GetInt64() + timing.GetProperty("missedReleases").GetInt64());
    }

    [Fact]
    public void ARunEndingDeratedSaysSoInTheTableTheSummaryAndTheReport()
    {
        // A sensor warmed to 56.0 degC from 10 s (above the 55.0 derate level, below the 60.0 limit) and held there: both
        // modules end at 385 x 80 % with one derate in effect (act mode); nothing cools, so nothing is lifted.
        string scenario = WriteScenario("""
            { "name": "warm", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
              "pack": { "modules": 2, "cellsPerModule": 1, "temperatureSensors": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "controller": { "mode": "act" },
              "faults": [ { "atS": 10, "kind": "temperatureRise", "sensor": 0, "rateCPerS": 10, "durationS": 3.1 } ] }
            """);
        string outDir = Path.Combine(_directory, "out");
        StringWriter stdout = new StringWriter();

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir, "--progress", "plain" }, stdout, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("current (%)", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("80 (1 derate)", stdout.ToString(), StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        foreach (JsonElement module in summary.RootElement.GetProperty("modules").EnumerateArray())
        {
            Assert.Equal((80, 1), (module.GetProperty("currentPercent").GetInt32(), module.GetProperty("derateSteps").GetInt32()));
        }

        string report = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("current at end (%)", report, StringComparison.Ordinal);
    }

    [Fact]
    public void BadScenarioExitsTwoNamesTheFieldAndWritesNothing()
    {
        string scenario = WriteScenario(Short.Replace("\"Rest for 2 s\"", "\"Rest for 2 parsecs\"", StringComparison.Ordinal));
        string outDir = Path.Combine(_directory, "out");
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir }, new StringWriter(), stderr);

        Assert.Equal(2, code);
        Assert.Contains("protocol.steps[1]", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("run --out")]
    [InlineData("fly --out x")]
    [InlineData("sweep --out x")]
    [InlineData("run --bogus")]
    public void BadCommandLineExitsTwo(string args)
    {
        Assert.Equal(2, Program.Execute(args.Split(' '), new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void SweepWritesTableAndPlot()
    {
        string scenario = WriteScenario(Short.Replace("\"timeLimitS\": 30", "\"timeLimitS\": 12", StringComparison.Ordinal));
        string outDir = Path.Combine(_directory, "sweep");

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "0,1,2", "--out", outDir, "--quiet" }, new StringWriter(), new StringWriter());

        Assert.Equal(0, code);
        string[] csv = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("restS,capacityMAhPerCm2,dutyCycle", csv[0], StringComparison.Ordinal);

        // Continuous current for 12 s is a duty cycle of 1.
        Assert.StartsWith("0,", csv[1], StringComparison.Ordinal);
        Assert.Contains(",1,", csv[1], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "sweep.svg")));

        // sweep.md says what it swept and that its numbers are simulated, as score.md and summary.json do: the
        // scenario's name, seed (2) and sample period (10 ms) from the file above. It began with the table.
        string[] md = File.ReadAllLines(Path.Combine(outDir, "sweep.md"));
        Assert.Equal("# Rest sweep of scenario short, seed 2, 10 ms samples (simulated by edge-sim in closed loop, not a bench measurement)", md[0]);
        Assert.Equal(string.Empty, md[1]);
        Assert.StartsWith("| rest (s) |", md[2], StringComparison.Ordinal);
        // Every variant is still running at the 12 s limit (the 30 s scenario ends by its time limit), so their
        // capacities are lower bounds: a blank line and the line saying what ">=" means follow the table.
        Assert.Equal(2 + 2 + 3 + 2, md.Length);
        Assert.StartsWith("A capacity marked >= is a lower bound", md[^1], StringComparison.Ordinal);
    }
}
