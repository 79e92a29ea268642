// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A generic table of several cells: one current column per module and the cells' voltage columns in module order,
/// given as comma-separated lists. A series string's and a multichannel cycler's table, written from a simulated run
/// with its faults in a cell other than the first, replay the run's events on that cell; a layout that does not divide,
/// a column the file lacks and a column named twice are refused.
/// </summary>
public sealed class ReplayMultiCellTableTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ASeriesStringOfTwoCellsWithOneCurrentColumnReplaysTheRunsEventsOnTheSecondCell()
    {
        using RecordedPack run = new RecordedPack(modules: 1, cellsPerModule: 2, faultModule: 0, faultCell: 1);
        string file = run.WriteTable("series.csv", new[] { "I" }, new[] { "U0", "U1" });

        string outDir = Replay(file, "--voltage-column", "U0,U1", "--current-column", "I");

        // The faults were injected into cell 1 only: the run's hard short is that cell's, and the replay finds the same.
        List<Event> expected = Events(run.EventsPath);
        Assert.Contains(expected, e => e.Kind == "hardShort" && e.Module == 0 && e.Cell == 1);
        Assert.Contains(expected, e => e.Kind == "softShort" && e.Cell == 1);
        Assert.DoesNotContain(expected, e => (e.Kind == "hardShort" || e.Kind == "softShort") && e.Cell == 0);
        Assert.Equal(File.ReadAllText(run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        AssertPackOutputs(outDir, modules: 1, cellsPerModule: 2, heldModule: 0);
    }

    [Fact]
    public void TwoModulesOfOneCellEachWithTheirOwnCurrentColumnReplayTheRunsEventsOnTheSecondModule()
    {
        using RecordedPack run = new RecordedPack(modules: 2, cellsPerModule: 1, faultModule: 1, faultCell: 0);
        string file = run.WriteTable("channels.csv", new[] { "I0", "I1" }, new[] { "U0", "U1" });

        string outDir = Replay(file, "--voltage-column", "U0,U1", "--current-column", "I0,I1");

        List<Event> expected = Events(run.EventsPath);
        Assert.Contains(expected, e => e.Kind == "hardShort" && e.Module == 1);
        Assert.DoesNotContain(expected, e => (e.Kind == "hardShort" || e.Kind == "softShort") && e.Module == 0);
        Assert.Equal(File.ReadAllText(run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        AssertPackOutputs(outDir, modules: 2, cellsPerModule: 1, heldModule: 1);
    }

    [Fact]
    public void VoltageColumnsAreLaidOutInModuleOrder()
    {
        // Two modules of two cells: A, B are module 0's cells, C, D module 1's; I0 and I1 their currents.
        string file = _scratch.Write("layout.csv", "t,I0,I1,A,B,C,D\n0,0,0,3.51,3.52,3.53,3.54\n1,1.5,2.5,3.61,3.62,3.63,3.64\n");

        LabRecording r = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "t", VoltageColumns = new[] { "A", "B", "C", "D" }, CurrentColumns = new[] { "I0", "I1" } }, 1);

        Assert.Equal(2, r.Modules);
        Assert.Equal(2, r.CellsPerModule);
        Assert.Equal(new[] { 3.51, 3.61 }, r.CellVoltageV[0]);
        Assert.Equal(new[] { 3.52, 3.62 }, r.CellVoltageV[1]);
        Assert.Equal(new[] { 3.53, 3.63 }, r.CellVoltageV[2]);
        Assert.Equal(new[] { 3.54, 3.64 }, r.CellVoltageV[3]);
        Assert.Equal(new[] { 0, 1.5 }, r.ModuleCurrentMA[0]);
        Assert.Equal(new[] { 0, 2.5 }, r.ModuleCurrentMA[1]);
    }

    [Fact]
    public void AUnitOptionReadsEveryColumnOfItsQuantity()
    {
        string file = _scratch.Write("units.csv", "t,I0,I1,U0,U1\n0,0,0,3500,3600\n1,0.5,0.25,3700,3800\n");

        LabRecording r = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "t", VoltageColumns = new[] { "U0", "U1" }, CurrentColumns = new[] { "I0", "I1" }, VoltageUnitName = "mV", CurrentUnitName = "A" }, 1);

        // 3500 mV = 3.5 V; 0.5 A = 500 mA.
        AssertClose(new[] { 3.5, 3.7 }, r.CellVoltageV[0]);
        AssertClose(new[] { 3.6, 3.8 }, r.CellVoltageV[1]);
        AssertClose(new[] { 0, 500.0 }, r.ModuleCurrentMA[0]);
        AssertClose(new[] { 0, 250.0 }, r.ModuleCurrentMA[1]);
    }

    [Fact]
    public void VoltageColumnsWhoseNamesStateDifferentUnitsAreRefusedNamingBoth()
    {
        string file = _scratch.Write("mixed.csv", "t,I,U0/V,U1/mV\n0,0,3.5,3500\n1,1,3.6,3600\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, new ColumnSpec { TimeColumn = "t", VoltageColumns = new[] { "U0", "U1" }, CurrentColumn = "I" }, 1));

        Assert.Contains("the voltage columns are in different units, 'U0/V' in V (as its name says) and 'U1/mV' in mV (as its name says)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVoltageColumnCountThatIsNoMultipleOfTheCurrentColumnsIsRefusedBeforeTheFileIsRead()
    {
        string file = _scratch.Write("three.csv", "t,I0,I1,U0,U1,U2\n0,0,0,3.5,3.5,3.5\n");

        AssertRefused(file, "3 voltage columns for 2 current columns", "N a multiple of M", "--voltage-column", "U0,U1,U2", "--current-column", "I0,I1");
    }

    [Fact]
    public void ColumnsTheFileLacksAreRefusedTogetherWithTheColumnsItHas()
    {
        string file = _scratch.Write("missing.csv", "t,I,U0,U1\n0,0,3.5,3.5\n");

        AssertRefused(file, "missing.csv: line 1", "has no columns 'U2', 'U3' (columns: t, I, U0, U1)", "--voltage-column", "U0,U2,U3,U1", "--current-column", "I");
    }

    [Theory]
    [InlineData("U0,u0", "column 'U0' is named twice")]
    [InlineData("U0,t", "column 't' is named twice")]
    [InlineData("U0,U0/V", "'U0' and 'U0/V' are both column 'U0/V'")]
    public void AColumnNamedTwiceIsRefused(string voltages, string problem)
    {
        string file = _scratch.Write("twice.csv", "t,I,U0/V,U1\n0,0,3.5,3.5\n1,1,3.6,3.6\n");

        AssertRefused(file, voltages.Contains('/') ? "twice.csv: line 1" : "--voltage-column", problem, "--voltage-column", voltages, "--current-column", "I");
    }

    [Fact]
    public void ANameThatHoldsACommaIsNamedInDoubleQuotesAndUnquotedIsRefusedSayingSo()
    {
        string file = _scratch.Write("comma.csv", "t,\"I, mA\",U0,U1\n0,0,3.5,3.5\n");

        Assert.Equal(new[] { "I, mA" }, ColumnNames.Parse("--current-column", "\"I, mA\""));
        Assert.Equal(new[] { "U \"a\"", "U1" }, ColumnNames.Parse("--voltage-column", "\"U \"\"a\"\"\", U1"));
        AssertRefused(file, "comma.csv: line 1", "has no columns 'I', 'mA' (columns: t, I, mA, U0, U1); a column whose name holds a comma is named in double quotes", "--voltage-column", "U0,U1", "--current-column", "I, mA");
    }

    [Theory]
    [InlineData("U0,,U1", "has an empty name")]
    [InlineData("U0,", "has an empty name")]
    [InlineData("\"U0,U1", "opens a quote it does not close")]
    public void AListThatCannotBeReadIsRefused(string voltages, string problem)
    {
        string file = _scratch.Write("list.csv", "t,I,U0,U1\n0,0,3.5,3.5\n");

        AssertRefused(file, "--voltage-column", problem, "--voltage-column", voltages, "--current-column", "I");
    }

    private string Replay(string file, params string[] columns)
    {
        string outDir = _scratch.Path2("replay-" + Path.GetFileNameWithoutExtension(file));
        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, new[] { "replay", file, "--out", outDir, "--time-column", "time_s" }.Concat(columns).ToArray());
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("protocol (inferred): Strip at 385 uA for 1000 ms, Rest for 2000 ms", replay.Stdout, StringComparison.Ordinal);
        return outDir;
    }

    /// <summary>The run's files hold the table's layout: a summary row per module, a trace column per cell, a plot and a report.</summary>
    private static void AssertPackOutputs(string outDir, int modules, int cellsPerModule, int heldModule)
    {
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement[] rows = summary.RootElement.GetProperty("modules").EnumerateArray().ToArray();
        Assert.Equal(modules, rows.Length);
        for (int m = 0; m < modules; m++)
        {
            Assert.Equal(m == heldModule, rows[m].GetProperty("stopReason").GetString() == "hardShort");
        }

        string[] header = File.ReadLines(Path.Combine(outDir, "trace.csv")).First().Split(',');
        for (int c = 0; c < modules * cellsPerModule; c++)
        {
            Assert.Contains("module" + (c / cellsPerModule) + "Cell" + (c % cellsPerModule) + "V", header);
        }

        Assert.True(File.Exists(Path.Combine(outDir, "plot.svg")));
        Assert.Contains("module " + heldModule, File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.OrdinalIgnoreCase);
    }

    private void AssertRefused(string file, string argument, string problem, params string[] columns)
    {
        using EdgeSimProcess replay = EdgeSimProcess.Run(new[] { "replay", file, "--out", _scratch.Path2("out"), "--time-column", "t" }.Concat(columns).ToArray());

        CliArgumentTests.AssertRejected(replay, argument, problem);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    /// <summary>Equal within 1e-9: a unit's factor (0.001) is no exact binary fraction.</summary>
    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-9);
        }
    }

    private static List<Event> Events(string path) =>
        File.ReadAllLines(path).Select(l => JsonSerializer.Deserialize<Event>(l, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!).ToList();

    private sealed record Event(double TS, int Module, int Cell, string Kind, string Severity);
}
