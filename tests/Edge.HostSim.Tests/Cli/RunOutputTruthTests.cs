// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Output;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// What edge-sim's outputs say, through the real process: the cell model's own hard short beside the controller's
/// diagnosis, a continuous protocol's title, and one font in every plot.
/// </summary>
public sealed class RunOutputTruthTests : IDisposable
{
    /// <summary>The report's column of the cell model's own hard-short time (README: report.html).</summary>
    private const string CellHardShortColumn = "cell hard short (s, simulated)";

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    /// <summary>
    /// Draw 1 of the scorecard's plating family at seed 1 (observe mode): 0.622 mA/cm2 of plating into fresh NaK50. The
    /// soft short's spikes start at 3056 s; at 3803.99 s a contact of about 12 ohm cm2 holds the cell at 8 mV for two
    /// ticks (-127 mV before and after), one reading through 2 mV of noise falls to -5 mV, and the controller latches a
    /// hard short at 3804 s. The filament bridges (the cell model's hard short) only at 3841.3 s, and the hold stopped the
    /// plating before that: the cell never had the short the outputs named as its stop without a word.
    /// </summary>
    private const string PlatingDraw = """
        { "name": "plating-001-observe", "seed": 100001, "samplePeriodMs": 10, "timeLimitS": 30000,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Plate at 0.622 mA/cm2 for 30000 s" ], "repeat": false, "rest": "fixed", "cutoffV": 3.0 },
          "controller": { "platingCriticalMAPerCm2": 1.0, "mode": "observe" },
          "measurement": { "voltageNoiseMv": 2.0 } }
        """;

    [Fact]
    public void AHardShortReportWithoutACellShortIsSaidSoInTheTerminalAndTheReport()
    {
        string outDir = _scratch.Path2("plating");
        using EdgeSimProcess run = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "run", _scratch.Write("plating.json", PlatingDraw), "--out", outDir, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);

        // The premise, from summary.json: the controller reported a hard short and held the module for it, and the cell
        // model latched none (cellHardShortS is left out when no cell did).
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement module = summary.RootElement.GetProperty("modules")[0];
        Assert.Equal("hardShort", module.GetProperty("stopReason").GetString());
        Assert.False(module.TryGetProperty("cellHardShortS", out _));
        double reportedS = summary.RootElement.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "hardShort").GetProperty("tS").GetDouble();

        // The terminal says the controller's hard short had no cell short behind it.
        string expected = "module 0: the controller reported a hard short at " + reportedS.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)
            + " s, but no simulated cell of the module latched one";
        Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);

        // So does the report: the cell model's column reads none, the modules table's note as the terminal.
        JsonElement table = ModulesTable(outDir);
        int column = Array.IndexOf(table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToArray(), CellHardShortColumn);
        Assert.True(column >= 0, "no column " + CellHardShortColumn);
        int stop = Array.IndexOf(table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToArray(), "stop reason");
        Assert.Equal("hardShort (hardShort)", table.GetProperty("rows")[0][stop].GetString());
        Assert.Equal("none", table.GetProperty("rows")[0][column].GetString());
        Assert.Contains(expected, table.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportShowsTheCellsHardShortTimeAndNoNoteWhereTheControllerSawTheSameShort()
    {
        // A hard short injected into module 1 cell 1 at 9.5 s (the cell model latches it then), module 0 healthy.
        string scenario = _scratch.Write("injected.json", """
            { "name": "injected", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "controller": { "mode": "act" },
              "faults": [ { "atS": 9.5, "module": 1, "cell": 1, "kind": "hardShort" } ] }
            """);
        string outDir = _scratch.Path2("injected");
        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", outDir, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);

        JsonElement table = ModulesTable(outDir);
        int column = Array.IndexOf(table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToArray(), CellHardShortColumn);
        Assert.True(column >= 0, "no column " + CellHardShortColumn);
        Assert.Equal("none", table.GetProperty("rows")[0][column].GetString());
        Assert.Equal("9.5", table.GetProperty("rows")[1][column].GetString());
        // Module 0 runs on to the time limit: the table's one note is that its capacity is a lower bound, none on the short.
        Assert.Equal(RunningAtEnd.Note("timeLimit"), table.GetProperty("note").GetString());
        Assert.DoesNotContain("latched one", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AContinuousCurrentRunIsTitledContinuousNotFixedRest()
    {
        // The shipped continuous scenario's protocol (one strip step without a duration, "rest": "fixed" never applies), 20 s.
        string scenario = _scratch.Write("continuous.json", """
            { "name": "continuous", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 20,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 0.25 mA/cm2" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "observe" } }
            """);
        string outDir = _scratch.Path2("continuous");
        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", outDir, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);

        string svg = File.ReadAllText(Path.Combine(outDir, "plot.svg"));
        Assert.Contains("continuous | 1 x 1 nak50-nasicon, continuous current, observe mode", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("fixed rest", svg, StringComparison.Ordinal);
        JsonElement facts = ReportData(outDir).GetProperty("facts");
        Assert.Equal("none: continuous current", facts.EnumerateArray().Single(f => f[0].GetString() == "rest")[1].GetString());

        // A protocol with a rest step keeps its rest setting in the title.
        string pulsed = _scratch.Path2("pulsed");
        using EdgeSimProcess second = EdgeSimProcess.Run("run", _scratch.Write("short.json", CliScratch.ShortScenario), "--out", pulsed, "--quiet");
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains(", fixed rest, ", File.ReadAllText(Path.Combine(pulsed, "plot.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreAndStudyPlotsUseTheRunPlotsFont()
    {
        // Each in its own process: ScottPlot's default typeface is process-wide, and a run plot drawn earlier in the
        // same process would hide a plot that never sets its font.
        string corpus = _scratch.Path2("corpus");
        using (EdgeSimProcess draw = EdgeSimProcess.Run("corpus", "--out", corpus, "--seed", "1", "--family", "plating", "--runs", "1"))
        {
            Assert.True(draw.ExitCode == 0, draw.Stderr);
        }

        using (EdgeSimProcess score = EdgeSimProcess.Run(TimeSpan.FromMinutes(3), null, "score", corpus, "--quiet"))
        {
            Assert.True(score.ExitCode == 0, score.Stderr);
        }

        string manifest = _scratch.Write("tiny-study.json", """
            { "name": "tiny", "seed": 1,
              "base": { "name": "t", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 5,
                "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                "protocol": { "steps": [ "Strip at 1 mA/cm2 for {pulseS} s", "Rest for 2 s" ], "rest": "fixed", "cutoffV": 3.0 },
                "controller": { "mode": "observe" } },
              "axes": [ { "name": "pulseS", "values": [0.5, 1] } ] }
            """);
        string study = _scratch.Path2("study");
        using (EdgeSimProcess run = EdgeSimProcess.Run(TimeSpan.FromMinutes(3), null, "study", manifest, "--out", study, "--quiet"))
        {
            Assert.True(run.ExitCode == 0, run.Stderr);
        }

        string[] plots = Directory.GetFiles(Path.Combine(corpus, "score"), "*.svg").Append(Path.Combine(study, "pareto.svg")).ToArray();
        Assert.True(plots.Length >= 2, string.Join(", ", plots));
        foreach (string plot in plots)
        {
            string[] fonts = Regex.Matches(File.ReadAllText(plot), "font-family=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Distinct().ToArray();
            Assert.True(fonts.SequenceEqual(new[] { "DejaVu Sans" }), Path.GetFileName(plot) + ": " + string.Join(", ", fonts));
        }
    }

    private static JsonElement ReportData(string outDir)
    {
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Match data = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(data.Success, "no report data");
        return JsonDocument.Parse(data.Groups[1].Value).RootElement.Clone();
    }

    private static JsonElement ModulesTable(string outDir) => ReportData(outDir).GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("title").GetString() == "Modules");
}
