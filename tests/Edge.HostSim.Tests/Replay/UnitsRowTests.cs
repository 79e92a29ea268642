// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// Many loggers write the columns' units in a row under the header ("time,voltage,current" then "s,V,mA"). replay
/// refused such a table at line 2 ("'s' in column 'time' is not a number"). The row is read as the columns' units,
/// as a unit in a column's name is: an option or a name that says otherwise is refused naming both, and a unit
/// replay does not read is refused naming the row and the option that reads the column.
/// </summary>
public sealed class UnitsRowTests : IClassFixture<RecordedRun>, IDisposable
{
    private readonly RecordedRun _run;
    private readonly CliScratch _scratch = new CliScratch();

    public UnitsRowTests(RecordedRun run)
    {
        _run = run;
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void AUnitsRowIsReadAsTheColumnsUnitsAndReplaysAsTheSameTableInTheDefaultUnits()
    {
        // The recording in V and mA (replay's defaults) with no units row, and in mV and uA with one: the same
        // measurements, so the core meets the same samples and writes the same events.
        string plain = _scratch.Write("plain.csv", Table(null, 1, 1));
        string withUnits = _scratch.Write("units.csv", Table("s,mV,uA", 1000, 1000));

        using EdgeSimProcess a = Replay(plain, "a");
        using EdgeSimProcess b = Replay(withUnits, "b");

        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.True(b.ExitCode == 0, b.Stderr);
        string events = File.ReadAllText(Path.Combine(_scratch.Path2("a"), "events.jsonl"));
        Assert.Contains("softShort", events, StringComparison.Ordinal);
        Assert.Equal(events, File.ReadAllText(Path.Combine(_scratch.Path2("b"), "events.jsonl")));
    }

    [Fact]
    public void AUnitsRowThatDisagreesWithTheOptionIsRefusedNamingBoth()
    {
        string file = _scratch.Write("units.csv", Table("s,mV,mA", 1000, 1));

        using EdgeSimProcess replay = Replay(file, "out", "--voltage-unit", "V");

        CliArgumentTests.AssertRejected(replay, "units.csv: --voltage-unit V, but line 2, the units row under the header, says mV for column 'voltage'", "give --voltage-unit mV or leave it out");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void AUnitsRowThatDisagreesWithTheColumnsNameIsRefusedNamingBoth()
    {
        string file = _scratch.Write("units.csv", Table("s,mV,mA", 1000, 1).Replace("time,voltage,current", "time,voltage(V),current", StringComparison.Ordinal));

        using EdgeSimProcess replay = Replay(file, "out");

        CliArgumentTests.AssertRejected(replay, "units.csv: column 'voltage(V)' says V, but line 2, the units row under the header, says mV for it", "correct the one that is wrong");
    }

    [Fact]
    public void AUnitsRowWithAUnitReplayDoesNotReadIsRefusedNamingTheRowAndTheOption()
    {
        string file = _scratch.Write("units.csv", Table("sec,V,mA", 1, 1));

        using EdgeSimProcess replay = Replay(file, "out");

        CliArgumentTests.AssertRejected(replay, "units.csv: line 2, the units row under the header, gives column 'time' in 'sec', which replay does not read", "give --time-unit");
    }

    /// <summary>The run's rows under "time,voltage,current" and the units row, if any; voltage (V) and current (mA) times the factors.</summary>
    private string Table(string? unitsRow, double voltageFactor, double currentFactor)
    {
        StringBuilder text = new StringBuilder("time,voltage,current\n");
        if (unitsRow != null)
        {
            text.Append(unitsRow).Append('\n');
        }

        foreach (RecordedRun.Row r in _run.Rows)
        {
            text.Append(r.TimeS.ToString("0.0000", CultureInfo.InvariantCulture)).Append(',')
                .Append((r.VoltageV * voltageFactor).ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append((r.CurrentMA * currentFactor).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private EdgeSimProcess Replay(string file, string output, params string[] more) =>
        EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, new[] { "replay", file, "--out", _scratch.Path2(output), "--time-column", "time", "--voltage-column", "voltage", "--current-column", "current" }.Concat(more).ToArray());
}
