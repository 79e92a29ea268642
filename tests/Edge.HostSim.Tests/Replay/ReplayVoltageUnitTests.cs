// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A table's voltage column read a unit step too small or too large is refused in the recording's terms, through the
/// real CLI: the column, the unit it was read in, the median read and the unit that makes it a healthy cell's. Volts
/// read as millivolts were replayed, exit 0, with a hard short at the first tick; millivolts read as volts with a
/// cut-off or overvoltage stop at the first pulse. A recording of fewer than three pulse starts whose current has the
/// wrong sign is refused as a longer one is: it was replayed, exit 0, with a current-channel fault 30 ms in.
/// </summary>
public sealed partial class ReplayVoltageUnitTests : IClassFixture<RecordedRun>, IDisposable
{
    private readonly RecordedRun _run;
    private readonly CliScratch _scratch = new CliScratch();

    public ReplayVoltageUnitTests(RecordedRun run)
    {
        _run = run;
    }

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void VoltsReadAsMillivoltsAreRefusedNamingTheVoltageUnitOption(bool withScenario)
    {
        // The run's NaK50 cell at 1 mA/cm2 in V, read in mV: its pulses at a few tenths of a mV, where a healthy cell
        // polarises about 1 mA/cm2 x 170 ohm cm2 (the preset's nominal resistance) = 0.17 V.
        string file = _scratch.Write("volts.csv", Table(_run.Rows, r => r.VoltageV));

        using EdgeSimProcess replay = withScenario
            ? Replay(file, "--voltage-unit", "mV", "--scenario", _scratch.Write("scenario.json", RecordedRun.Scenario))
            : Replay(file, "--voltage-unit", "mV");

        CliArgumentTests.AssertRejected(replay, "volts.csv: the cell voltage under current reads median ",
            "where a healthy nak50-nasicon cell polarises about 0.17 V at 1 mA/cm2 (170 ohm cm2), and the core would hold it for a hard short at its first pulse; read in V it is median ");
        Assert.Contains("(column 'voltage' read in mV, as --voltage-unit gives: the column's unit may be wrong; if it is in V, give --voltage-unit V)", replay.Stderr, StringComparison.Ordinal);
        // Healthy NaK50 pulses at 1 mA/cm2 lie between the ohmic 0.17 V and the 3 V cut-off: read 1000 times too small.
        double median = double.Parse(MedianPattern().Match(replay.Stderr).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(median, 0.00017, 0.003);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void VoltsUnderAMillivoltNameAreRefusedAsTheFilesWord()
    {
        // The name says mV, the values are in V: only the file can be wrong, so no option is offered.
        string file = _scratch.Write("named.csv", Table(_run.Rows, r => r.VoltageV).Replace("time,voltage,current", "time,E (mV),current", StringComparison.Ordinal));

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", _scratch.Path2("out"), "--time-column", "time", "--voltage-column", "E (mV)", "--current-column", "current");

        CliArgumentTests.AssertRejected(replay, "named.csv: the cell voltage under current reads median ",
            "read in V it is median ");
        Assert.Contains("(column 'E (mV)' read in mV, as its name says: the file's values may not be in the unit its column's name states)", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Theory]
    [InlineData(2.0, "above the 5 V any k-betaalumina cell polarises to")]
    [InlineData(0.2, "above the 3 V cut-off (--cutoff) and over 31 times the 0.0042 V a healthy k-betaalumina cell polarises at 0.2 mA/cm2 (21 ohm cm2)")]
    public void MillivoltsOfAPotassiumCellReadInTheDefaultVoltsAreRefused(double currentDensity, string problem)
    {
        // A K | K-beta''-alumina cell polarises 21 ohm cm2 x the current ([S]): about 42 mV at 2 mA/cm2 (43 mV measured in
        // the 1st cycle, [S]) and 4.2 mV at 0.2, which in mV read as V are 42 V and 4.2 V, under the +/-100 V range check.
        string scenario = """
            { "name": "potassium", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 20,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "k-betaalumina" },
              "protocol": { "steps": [ "Strip at DENSITY mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" },
              "measurement": { "voltageNoiseMv": 0, "voltageLsbMv": 0, "currentNoiseUa": 0 },
              "trace": { "periodMs": 10 } }
            """.Replace("DENSITY", currentDensity.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using RecordedRun potassium = new RecordedRun(scenario);
        string file = _scratch.Write("millivolts.csv", Table(potassium.Rows, r => r.VoltageV * 1000));

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", _scratch.Path2("out"), "--preset", "k-betaalumina",
            "--time-column", "time", "--voltage-column", "voltage", "--current-column", "current");

        CliArgumentTests.AssertRejected(replay, "millivolts.csv: the cell voltage under current reads median ", problem);
        Assert.Contains("(column 'voltage' read in V, the default: the column's unit may be wrong; if it is in mV, give --voltage-unit mV", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Theory]
    [InlineData(4.5, 1)]
    [InlineData(7.5, 2)]
    public void AShortRecordingWithTheWrongCurrentSignIsRefusedNamingStripNegative(double untilS, int starts)
    {
        // The run's first pulse starts at t = 0 (no sample before it), the next ones at 3 s and 6 s: one or two pulse
        // starts, each a 0.2 V jump down under a positive current, which no cell makes.
        string file = _scratch.Write("negative.csv", Table(_run.Rows.Where(r => r.TimeS <= untilS), r => r.VoltageV, current: r => -r.CurrentMA));

        using EdgeSimProcess replay = Replay(file);

        CliArgumentTests.AssertRejected(replay, "negative.csv: at " + starts + " of " + starts + " pulse starts the voltage moved against the current in column 'current'",
            "the file counts stripping current as negative; give --strip-negative");
        Assert.False(Directory.Exists(_scratch.Path2("out")));

        // Given --strip-negative, the same file replays as the healthy cell it is.
        using EdgeSimProcess corrected = Replay(file, "--strip-negative");
        Assert.True(corrected.ExitCode == 0, corrected.Stderr);
        Assert.DoesNotContain("\"severity\":\"fault\"", File.ReadAllText(Path.Combine(_scratch.Path2("out"), "events.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public void AShortRecordingReadWithAStripNegativeItDoesNotNeedIsRefused()
    {
        string file = _scratch.Write("positive.csv", Table(_run.Rows.Where(r => r.TimeS <= 4.5), r => r.VoltageV));

        using EdgeSimProcess replay = Replay(file, "--strip-negative");

        CliArgumentTests.AssertRejected(replay, "positive.csv: at 1 of 1 pulse starts the voltage moved against the current in column 'current' as --strip-negative reads it",
            "the file counts stripping as positive; leave out --strip-negative");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    /// <summary>Rows as a comma-separated table whose column names state no unit: time (s), voltage as given, current (mA).</summary>
    private static string Table(IEnumerable<RecordedRun.Row> rows, Func<RecordedRun.Row, double> voltage, Func<RecordedRun.Row, double>? current = null)
    {
        StringBuilder text = new StringBuilder("time,voltage,current\n");
        foreach (RecordedRun.Row r in rows)
        {
            text.Append(r.TimeS.ToString("0.0000", CultureInfo.InvariantCulture)).Append(',')
                .Append(voltage(r).ToString("0.000000", CultureInfo.InvariantCulture)).Append(',')
                .Append((current ?? (x => x.CurrentMA))(r).ToString("0.000000", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private EdgeSimProcess Replay(string file, params string[] options) =>
        EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, new[] { "replay", file, "--out", _scratch.Path2("out"), "--time-column", "time", "--voltage-column", "voltage", "--current-column", "current" }.Concat(options).ToArray());

    [GeneratedRegex(@"reads median ([0-9.]+) V")]
    private static partial Regex MedianPattern();
}
