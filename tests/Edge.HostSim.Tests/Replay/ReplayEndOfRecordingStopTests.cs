// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A replay whose recording ends with a module still pulsing marks that module's capacity a lower bound, as run marks
/// one still running at its time limit, and says the recording's end ended it. Its table read "0.003 ... running", a
/// capacity as final as a cut-off's. So does a replay that stopped following a module where the core's protocol
/// departed from the recording: its table read "0.003 ... departedFromRecording" unmarked, though the recording went on.
/// </summary>
public sealed class ReplayEndOfRecordingStopTests : IDisposable
{
    private const string Note = "A capacity marked >= is a lower bound: the module was still running at the end of the recording, so it had delivered that much and would have delivered more to its stop.";

    private const string DepartureNote = "A capacity marked >= is a lower bound: the replay stopped following the module where the core's protocol departed from the recording, so it had delivered that much and would have delivered more to its stop.";

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void TheTableMarksTheCapacityALowerBoundAndTheLineUnderItNamesTheRecordingsEnd()
    {
        // Ten 1 s pulses at 1 mA/cm2: 10 mA s/cm2 = 0.00278 mAh/cm2, the cell still cycling when the file ends.
        string file = _scratch.Write("cell.csv", SymmetricCellTable.Of(SymmetricCellTable.Repeated(new[] { (0.0, 1.0), (1.0, 1.0), (0.0, 2.0) }, 10)));

        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, file, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Contains(": endOfData after ", replay.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"│ 0\s+│ >= 0\.003 │ [0-9.]+\s+│ [0-9.]+\s+│ running │", replay.Stdout);
        Assert.Contains(Note, replay.Stdout, StringComparison.Ordinal);

        // report.html's modules table, shared with run's, names the same end.
        string report = File.ReadAllText(Path.Combine(_scratch.Path2("out"), "report.html"));
        Assert.Contains("running at the end of the recording", report, StringComparison.Ordinal);
    }

    [Fact]
    public void AReplayThatDepartedFromTheRecordingMarksTheCapacityALowerBoundAndSaysWhy()
    {
        // A recording of 10 s pulses and 2 s rests replayed with adaptive rests: the core ends its first rest before
        // the recording's next pulse and the replay ends there, after one 10 s pulse at 1 mA/cm2 (10 mA s/cm2 =
        // 0.00278 mAh/cm2), with two more pulses recorded after it.
        string file = _scratch.Write("cell.csv", SymmetricCellTable.Of(SymmetricCellTable.Repeated(new[] { (0.0, 1.0), (1.0, 10.0), (0.0, 2.0) }, 3)));
        string scenario = _scratch.Write("adaptive.json", """
            { "name": "adaptive", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 100,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 10 s", "Rest" ], "rest": "adaptive" },
              "controller": { "mode": "observe" } }
            """);

        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, file, "--scenario", scenario, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Contains(": departedFromRecording after ", replay.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"│ 0\s+│ >= 0\.003 │ [0-9.]+\s+│ [0-9.]+\s+│ departedFromRecording │", replay.Stdout);
        Assert.Contains(DepartureNote, replay.Stdout, StringComparison.Ordinal);

        // report.html's modules table: the same mark, the same line as its note, the stop left as the replay's.
        JsonElement table = ReportModulesTable();
        string[] columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        JsonElement row = table.GetProperty("rows")[0];
        Assert.Equal(">= 0.003", row[Array.IndexOf(columns, "net stripped (mAh/cm2)")].GetString());
        Assert.Equal("departedFromRecording", row[Array.IndexOf(columns, "stop reason")].GetString());
        Assert.Equal(DepartureNote, table.GetProperty("note").GetString());
    }

    private JsonElement ReportModulesTable()
    {
        string html = File.ReadAllText(Path.Combine(_scratch.Path2("out"), "report.html"));
        Match data = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(data.Success, "no report data");
        return JsonDocument.Parse(data.Groups[1].Value).RootElement.GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("title").GetString() == "Modules").Clone();
    }
}
