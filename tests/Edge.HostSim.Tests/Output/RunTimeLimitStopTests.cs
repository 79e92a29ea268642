// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Cli;
using Edge.HostSim.Output.Report;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// A run that ends at its time limit with a module still pulsing marks that module's capacity a lower bound, as sweep
/// and study mark theirs, and says the time limit ended it. Its table read "0.001 ... running", report.html the same,
/// a capacity as final as a cut-off's.
/// </summary>
public sealed class RunTimeLimitStopTests : IDisposable
{
    // 1 s pulses at 1 mA/cm2 with 5 s rests for 20 s: pulses at 0, 6, 12 and 18 s, 4 s of current, 4 mA s/cm2 =
    // 0.00111 mAh/cm2, and the module still in its rest at 20 s.
    private const string Json = """
        { "name": "time-limit", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 20,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed", "cutoffV": 3.0 },
          "controller": { "mode": "observe" } }
        """;

    private const string Note = "A capacity marked >= is a lower bound: the module was still running at the time limit, so it had delivered that much and would have delivered more to its stop.";

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void TheTableMarksTheCapacityALowerBoundAndTheLineUnderItNamesTheTimeLimit()
    {
        string scenario = _scratch.Write("time-limit.json", Json);
        string outDir = _scratch.Path2("out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        Assert.True(Program.Execute(new[] { "run", scenario, "--out", outDir }, stdout, stderr) == 0, stderr.ToString());

        string text = stdout.ToString();
        Assert.Contains("scenario time-limit: timeLimit after 20 s", text, StringComparison.Ordinal);
        Assert.Matches(@"│ 0\s+│ >= 0\.001 │ 0\.2\s+│ 5\s+│ 100\s+│ running │", text);
        Assert.Contains(Note, text, StringComparison.Ordinal);

        // The machine-read value stays as sweep, study and the dashboard read it.
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("timeLimit", summary.RootElement.GetProperty("terminatedBy").GetString());
        Assert.Equal("running", summary.RootElement.GetProperty("modules")[0].GetProperty("stopReason").GetString());
    }

    [Fact]
    public void TheReportsModulesTableSaysRunningAtTheTimeLimitWithALowerBound()
    {
        Scenario scenario = ScenarioLoader.Parse(Json);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        ReportTable modules = Assert.Single(RunReport.Build(scenario, result).Tables, t => t.Title == "Modules");

        string[] row = Assert.Single(modules.Rows);
        Assert.Equal(">= 0.001", row[Array.IndexOf(modules.Columns, "net stripped (mAh/cm2)")]);
        Assert.Equal("running at the time limit", row[Array.IndexOf(modules.Columns, "stop reason")]);
        Assert.Contains(Note, modules.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void AModuleThatStoppedBeforeTheTimeLimitIsNoLowerBound()
    {
        // A hard short held the module before the limit: its capacity is final, and no line says otherwise.
        Scenario scenario = ScenarioLoader.Parse(Json.Replace("\"controller\"", "\"faults\": [ { \"atS\": 3, \"module\": 0, \"cell\": 0, \"kind\": \"hardShort\" } ], \"controller\"", StringComparison.Ordinal)
            .Replace("\"observe\"", "\"act\"", StringComparison.Ordinal));
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        ReportTable modules = Assert.Single(RunReport.Build(scenario, result).Tables, t => t.Title == "Modules");

        string[] row = Assert.Single(modules.Rows);
        Assert.DoesNotContain(">=", row[Array.IndexOf(modules.Columns, "net stripped (mAh/cm2)")], StringComparison.Ordinal);
        Assert.StartsWith("hardShort", row[Array.IndexOf(modules.Columns, "stop reason")], StringComparison.Ordinal);
        Assert.DoesNotContain("lower bound", modules.Note ?? string.Empty, StringComparison.Ordinal);
    }
}
