// Licensed under the MIT License.

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A file copied while the cycler was still writing it ends in a row cut anywhere: a last line without a line break
/// whose form shows it cut (fewer fields, or a last value written otherwise than the row before's) is left out, and the
/// replay says so; a whole one, as many programs write their last row, is read.
/// </summary>
public sealed class CutLastLineTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("0.04,0.385,2.3", " and its last value '2.3' is not written as the row before's ('2.2952E-01')")] // 2.300600E-01 cut: read whole, a 2.3 V sample, ten times the cell's
    [InlineData("0.04,0.385,2.3006E-0", " and its last value '2.3006E-0' is not written as the row before's ('2.2952E-01')")] // cut in the exponent: 23 V
    [InlineData("0.04,0.3", " and has 2 fields where the row before has 3")] // cut before the voltage: read, the row was refused for its missing column
    [InlineData("0.0", " and has 1 field where the row before has 3")] // cut in the time
    public void ALastLineWithoutALineBreakIsLeftOutAndNamed(string cut, string why)
    {
        const string Rows = "time,current,voltage\n0,0,2.0E-03\n0.02,0.385,2.2952E-01\n";
        string file = _scratch.Write("cut.csv", Rows + cut);

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec(), 1);

        Assert.Equal(new[] { 0, 0.02 }, recording.TimeS);
        Assert.Equal(new[] { 0.002, 0.22952 }, recording.CellVoltageV[0]);
        Assert.Equal("line 4 ('" + cut + "') has no line break after it" + why + ", as a row cut where the file was copied while it was being written: left out", recording.LastLineLeftOut);

        // The same row with its line break is a row like any other.
        string whole = _scratch.Write("whole.csv", Rows + "0.04,0.385,2.3006E-01\r\n");
        LabRecording complete = LabFileReader.Read(whole, new ColumnSpec(), 1);
        Assert.Equal(new[] { 0.002, 0.22952, 0.23006 }, complete.CellVoltageV[0]);
        Assert.Null(complete.LastLineLeftOut);
    }

    [Theory]
    [InlineData("time,current,voltage\n0,0,2.0000E-03\n0.02,0.385,2.2952E-01\n0.04,0.385,2.3006E-01", 0.23006)] // as a program writes its last row without a line break
    [InlineData("time;current;voltage\r\n0;0;2,0000E-03\r\n0,02;0,385;2,2952E-01\r\n0,04;0,385;2,3006E-01", 0.23006)] // decimal commas, semicolons, CRLF
    [InlineData("time,voltage,current,cycle\n0,0.0020,0.000,1\n0.02,0.2295,0.385,1\n0.04,0.2301,0.385,", 0.2301)] // its last field, not read, cut away: the fields read are whole
    [InlineData("time,current,voltage\n0,0,\"0.0020\"\n0.02,0.385,\"0.2295\"\n0.04,0.385,\"0.2301\"", 0.2301)] // quoted
    [InlineData("time,current,voltage\n0,0,-0.0020\n0.02,0.385,-0.2295\n0.04,0.385,0.2301", 0.2301)] // its sign changed
    public void AWholeLastRowWithoutALineBreakIsRead(string text, double lastVoltageV)
    {
        string file = _scratch.Write("whole.csv", text);

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec(), 1);

        // Three rows, as the same file with a line break after its last row gives: the last row was left out.
        Assert.Equal(new[] { 0, 0.02, 0.04 }, recording.TimeS);
        Assert.Equal(lastVoltageV, Math.Abs(recording.CellVoltageV[0][2]), 12);
        Assert.Equal(0.385, recording.ModuleCurrentMA[0][2], 12);
        Assert.Null(recording.LastLineLeftOut);
    }

    [Fact]
    public void ALastRowWithFewerDigitsThanTheRowBeforeIsLeftOutAsItMayBeCut()
    {
        // A writer that drops trailing zeros: "0.23" may be 0.2300 or 0.2301 cut after two digits; not read as either.
        string file = _scratch.Write("short.csv", "time,current,voltage\n0,0,0.002\n0.02,0.385,0.2295\n0.04,0.385,0.23");

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec(), 1);

        Assert.Equal(new[] { 0, 0.02 }, recording.TimeS);
        Assert.Equal("line 4 ('0.04,0.385,0.23') has no line break after it and its last value '0.23' is not written as the row before's ('0.2295'), as a row cut where the file was copied while it was being written: left out", recording.LastLineLeftOut);
    }

    [Fact]
    public void TheShippedRecordingWithoutItsFinalLineBreakReplaysAsTheWholeFile()
    {
        // lab-cell.mpt as a program that ends its last row without a line break writes it. That row (90.00 s, the start
        // of a pulse) was left out: 4500 samples where the file has 4501, and a 'last line:' note for a row that was whole.
        string shipped = Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "recordings", "lab-cell.mpt");
        string text = File.ReadAllText(shipped);
        Assert.EndsWith("90.00\t0.3850\t0.00343\t0.3850\n", text, StringComparison.Ordinal);
        string file = _scratch.Write("unterminated.mpt", text.TrimEnd('\n'));
        string outDir = _scratch.Path2("unterminated");
        string cleanDir = _scratch.Path2("clean");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", outDir);
        using EdgeSimProcess clean = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", shipped, "--out", cleanDir);

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.True(clean.ExitCode == 0, clean.Stderr + clean.Stdout);
        // 90 s at 20 ms, both ends counted.
        Assert.Contains("(biologic-mpt, 4501 samples,", replay.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("last line:", replay.Stdout, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")))!["lastLineLeftOut"]);
        Assert.Equal(File.ReadAllText(Path.Combine(cleanDir, "events.jsonl")), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        Assert.Equal(File.ReadAllText(Path.Combine(cleanDir, "trace.csv")), File.ReadAllText(Path.Combine(outDir, "trace.csv")));
    }

    [Fact]
    public void ARefusalForTooFewRowsNamesTheLastLineLeftOutButNotAHeaderWithoutALineBreak()
    {
        string cut = _scratch.Write("cut.csv", "time,voltage,current\n0,0.002,0\n0.02,0.2");
        string header = _scratch.Write("header.csv", "time,voltage,current");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(cut, new ColumnSpec(), 1));
        LabFileException h = Assert.Throws<LabFileException>(() => LabFileReader.Read(header, new ColumnSpec(), 1));

        Assert.Equal(cut + ": fewer than two data rows after the header at line 1 (line 3, the last, has no line break after it and was left out as a row cut while the file was written)", e.Message);
        Assert.Equal(header + ": fewer than two data rows after the header at line 1", h.Message);
    }

    [Fact]
    public void TheShippedRecordingCutInsideAPulseReplaysWithoutItsLastRowAndSaysSo()
    {
        // lab-cell.mpt as a copy taken while EC-Lab still wrote it: its last row cut after the voltage's first digits. The
        // row lacked its current column and the replay was refused; the rows before it are a whole recording.
        string shipped = Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "recordings", "lab-cell.mpt");
        string[] lines = File.ReadAllLines(shipped);
        int headerLines = int.Parse(Regex.Match(lines[1], @"Nb header lines : (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // The row at 87.5 s, half way through the pulse that starts at 87 s (1 s pulses every 3 s, 20 ms samples).
        int cutRow = headerLines + (int)(87.5 / 0.02);
        Assert.StartsWith("87.50\t", lines[cutRow], StringComparison.Ordinal);
        string cut = lines[cutRow].Substring(0, "87.50\t0.3850\t0.2".Length);
        string file = _scratch.Write("copied.mpt", string.Join("\r\n", lines.Take(cutRow)) + "\r\n" + cut);
        string outDir = _scratch.Path2("replay");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", outDir);

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("(biologic-mpt, " + (cutRow - headerLines) + " samples,", replay.Stdout, StringComparison.Ordinal);
        Assert.Contains("last line: line " + (cutRow + 1) + " ('" + cut + "') has no line break after it", replay.Stdout, StringComparison.Ordinal);
        // Kept with the replay's files too: a batch of replays nobody watched loses nothing.
        JsonNode source = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")))!;
        Assert.StartsWith("line " + (cutRow + 1) + " ('" + cut + "') has no line break after it", (string?)source["lastLineLeftOut"], StringComparison.Ordinal);
        Assert.Null(source["sameTimeRows"]);
    }
}
