// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// edge-sim replay through the real executable: the run's recorded values in each format go through the core
/// again and give the run's events; gaps are reported, irregular samples resampled, bad files named.
/// </summary>
public sealed class ReplayFormatTests : IClassFixture<RecordedRun>, IDisposable
{
    private readonly RecordedRun _run;
    private readonly CliScratch _scratch = new CliScratch();

    public ReplayFormatTests(RecordedRun run)
    {
        _run = run;
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void RecordedRunHasTheEventsTheReplaysMustFind()
    {
        string[] kinds = Events(_run.EventsPath).Select(e => e.Kind).Distinct().ToArray();

        Assert.Contains("softShort", kinds);
        Assert.Contains("depletionOnset", kinds);
        Assert.Contains("hardShort", kinds);
    }

    [Fact]
    public void SimulatorTraceRoundTripReproducesTheRunsEvents()
    {
        string outDir = Replay(_run.TracePath);

        // The trace holds the true voltage at 10 uV: a sample within 5 uV of a half millivolt may round to the
        // other millivolt than the live measurement did, so an event's value may differ by one unit; which
        // events, when, where and how severe may not.
        string[] expected = File.ReadAllLines(_run.EventsPath);
        string[] found = File.ReadAllLines(Path.Combine(outDir, "events.jsonl"));
        Assert.Equal(expected.Length, found.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            using JsonDocument e = JsonDocument.Parse(expected[i]);
            using JsonDocument f = JsonDocument.Parse(found[i]);
            foreach (JsonProperty property in e.RootElement.EnumerateObject())
            {
                JsonElement other = f.RootElement.GetProperty(property.Name);
                if (property.Name == "value")
                {
                    Assert.InRange(other.GetDouble(), property.Value.GetDouble() - 1, property.Value.GetDouble() + 1);
                }
                else
                {
                    Assert.True(property.Value.GetRawText() == other.GetRawText(), "event " + i + " " + property.Name + ": " + expected[i] + " vs " + found[i]);
                }
            }
        }

        AssertRunFiles(outDir, "edge-sim-trace");
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(false, 70)]
    public void BioLogicExportReproducesTheRunsEvents(bool decimalComma, int settingsLines)
    {
        string file = _run.WriteBioLogic((decimalComma ? "comma" : "dot") + settingsLines + ".mpt", _run.Rows, decimalComma, settingsLines);
        if (decimalComma)
        {
            Assert.Contains("\t0,38", File.ReadAllText(file), StringComparison.Ordinal);
        }

        string outDir = Replay(file);

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        AssertRunFiles(outDir, "biologic-mpt");
    }

    [Fact]
    public void BioLogicCurrentIsTheMeasuredColumnNotTheSetpoint()
    {
        // A setpoint half again the current that flowed: read as the current, it would double-count the charge and
        // put the inferred pulses at 578 uA.
        string outDir = Replay(_run.WriteBioLogic("setpoint.mpt", _run.Rows, false, setpointFactor: 1.5), out EdgeSimProcess replay);

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        Assert.Contains("protocol (inferred): Strip at 385 uA for 1000 ms", replay.Stdout, StringComparison.Ordinal);
        replay.Dispose();
    }

    [Fact]
    public void BioLogicWithOnlyTheSetpointIsRefused()
    {
        string file = _scratch.Write("control.mpt", "EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tcontrol/mA\tEwe/V\n0\t0\t0.2\n0.01\t0.385\t0.23\n");

        AssertRefused(file, "control.mpt: line 4", "has no measured current column (<I> or I, in A, mA or uA: <I>/mA, I/mA); control/mA is the setpoint, not the current that flowed");
    }

    [Fact]
    public void ArbinCsvReproducesTheRunsEvents()
    {
        string outDir = Replay(_run.WriteArbin("arbin.csv"), out EdgeSimProcess replay);

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        AssertRunFiles(outDir, "arbin-csv");

        // The table's stop column says hardShort, the family; the line under it that the module is held, since when and why.
        Event hard = Events(Path.Combine(outDir, "events.jsonl")).First(e => e.Kind == "hardShort" && e.Severity == "fault");
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, "module 0 held since {0:0.##} s: {1}", hard.TS, hard.Diagnosis), replay.Stdout, StringComparison.Ordinal);
        replay.Dispose();
    }

    [Fact]
    public void GenericCsvWithNamedColumnsAndUnitsReproducesTheRunsEvents()
    {
        string file = _run.WriteGeneric("generic.csv");

        string outDir = Replay(file, "--time-column", "elapsed_ms", "--time-unit", "ms", "--voltage-column", "cell_mV", "--voltage-unit", "mV", "--current-column", "I_uA", "--current-unit", "uA");

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        AssertRunFiles(outDir, "csv");
    }

    [Fact]
    public void GenericTableWhoseNamesEndInUnderscoreUnitsReproducesTheRunsEventsWithoutUnitOptions()
    {
        // "elapsed_ms;cell_mV;I_uA": the names state ms, mV and uA as "time/s" or "Current(A)" do. Read in the defaults
        // (s, V, mA) the table was refused, its steps read 1000 times too long, naming --time-unit.
        string file = _run.WriteGeneric("underscore.csv");

        string outDir = Replay(file, "--time-column", "elapsed", "--voltage-column", "cell", "--current-column", "I");

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        AssertRunFiles(outDir, "csv");
    }

    [Fact]
    public void NewareTimeColumnInHoursMinutesSecondsReproducesTheRunsEvents()
    {
        // Neware writes its times as h:mm:ss.fff ("00:00:01.020"); such a column was refused: "'00:00:00.000' in column
        // 'Total Time' is not a number".
        string file = _run.WriteNeware("neware.csv");
        Assert.Contains(",00:01:30.500,", File.ReadAllText(file), StringComparison.Ordinal);

        string outDir = Replay(file, "--time-column", "Total Time", "--voltage-column", "Voltage", "--current-column", "Current");

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        AssertRunFiles(outDir, "csv");
    }

    [Fact]
    public void NewaresStepTimeGoesBackAtEveryStepAndIsRefusedAsSuch()
    {
        // The step's own time starts again at every step: not a recording's time, and the refusal says where it goes back
        // and in which column (it named the line only).
        string file = _run.WriteNeware("neware-step-time.csv");

        AssertRefused(file, "neware-step-time.csv", "line 102: time 0 s in column 'Time' goes back from 0.99 s", "--time-column", "Time", "--voltage-column", "Voltage", "--current-column", "Current");
    }

    [Fact]
    public void LinesBeforeTheHeaderRowArePassedOverByTheColumnsNames()
    {
        // Maccor writes four lines before its header row; the table was read from line 1, and refused: "line 1 has no
        // column 'TestTime' (columns: Today's Date, ...)".
        string file = _run.WriteMaccor("maccor.txt");

        string outDir = Replay(file, "--time-column", "TestTime", "--voltage-column", "Volts", "--current-column", "Amps", "--current-unit", "A");

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        AssertRunFiles(outDir, "csv");
    }

    [Fact]
    public void ATableWhoseLinesNameNoneOfTheColumnsIsRefusedNamingThem()
    {
        string file = _run.WriteMaccor("maccor.txt");

        AssertRefused(file, "maccor.txt", "no line of its first 200 names any of the columns 'Test Time', 'Voltage', 'Current' (a column's whole name, or its name before a unit, in any case); the first line: 'Today's Date",
            "--time-column", "Test Time", "--voltage-column", "Voltage", "--current-column", "Current");
    }

    [Fact]
    public void AColumnNamesUnitIsReadWithoutBeingGivenAndTheBareNameFindsIt()
    {
        // Amperes, as the header says. Read as mA (the option's default) they were 1000 times too small, without a word.
        string file = _scratch.Write("amperes.csv", Table("Time(s),Voltage(V),Current(A)", ',', r => r.CurrentMA / 1000, "0.000000000", false));

        string outDir = Replay(file, "--time-column", "Time", "--voltage-column", "Voltage", "--current-column", "Current");

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
    }

    [Fact]
    public void AUnitOptionThatContradictsTheColumnsNameIsRefused()
    {
        string file = _scratch.Write("amperes.csv", Table("Time(s),Voltage(V),Current(A)", ',', r => r.CurrentMA / 1000, "0.000000000", false));

        AssertRefused(file, "amperes.csv", "--current-unit mA, but column 'Current(A)' says A; give --current-unit A or leave it out",
            "--time-column", "Time", "--voltage-column", "Voltage", "--current-column", "Current", "--current-unit", "mA");
    }

    [Fact]
    public void ADateColumnDoesNotHideTheDecimalCommaOfTheColumnsRead()
    {
        // A German logger's export: semicolons, a date with dots first, decimal commas in the columns read.
        string file = _scratch.Write("de.csv", Table("Datum;Zeit [s];Spannung [V];Strom [mA]", ';', r => r.CurrentMA, "0.000000", true, "05.03.2024 10:00:00"));

        string outDir = Replay(file, "--time-column", "Zeit", "--voltage-column", "Spannung", "--current-column", "Strom");

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
    }

    [Fact]
    public void QuotedDecimalCommaFieldsOfACommaSeparatedTableAreReadAsTheirValues()
    {
        // The only way a comma-separated table can hold decimal commas; split at every comma, each row read as six fields.
        string file = _scratch.Write("quoted.csv", "time,voltage,current\n\"0,0\",\"3,50\",\"0,0\"\n\"0,5\",\"3,60\",\"1,5\"\n\"1,0\",\"3,70\",\"0,0\"\n");

        LabRecording r = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "time", VoltageColumn = "voltage", CurrentColumn = "current", DecimalComma = true }, 0.3848);

        // Hand-read: t = 0, 0.5, 1 s; 3.5, 3.6, 3.7 V; 0, 1.5, 0 mA.
        Assert.Equal(new[] { 0, 0.5, 1 }, r.TimeS);
        Assert.Equal(new[] { 3.5, 3.6, 3.7 }, r.CellVoltageV[0]);
        Assert.Equal(new[] { 0, 1.5, 0 }, r.ModuleCurrentMA[0]);
    }

    [Fact]
    public void QuotedDecimalCommasWithoutTheOptionAreRefusedNotGuessed()
    {
        string file = _scratch.Write("quoted.csv", "t,U,I\n\"0,0\",\"3,50\",\"0,0\"\n\"0,5\",\"3,60\",\"1,5\"\n");

        AssertRefused(file, "quoted.csv: line 2", "'0,0' in column 't' is not a number; if the file writes decimals with a comma, give --decimal-comma", "--time-column", "t", "--voltage-column", "U", "--current-column", "I");
    }

    [Fact]
    public void AQuotedFieldWithoutItsClosingQuoteIsRefusedWithItsLine()
    {
        // Read on, the quote would have swallowed the delimiters after it and the rows below.
        string file = _scratch.Write("open.csv", "t,U,I\n0,3.5,0\n\"1,3.6,0\n2,3.5,0\n");

        AssertRefused(file, "open.csv: line 3", "a quoted field has no closing quote", "--time-column", "t", "--voltage-column", "U", "--current-column", "I");
    }

    [Fact]
    public void QuotedHeaderNamesAndAnEscapedQuoteAreRead()
    {
        string file = _scratch.Write("names.csv", "\"t\",\"U \"\"cell\"\"\",\"I, mA\"\n0,3.5,0\n1,3.6,1.5\n");

        LabRecording r = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "t", VoltageColumn = "U \"cell\"", CurrentColumn = "I, mA" }, 0.3848);

        Assert.Equal(new[] { 3.5, 3.6 }, r.CellVoltageV[0]);
        Assert.Equal(new[] { 0, 1.5 }, r.ModuleCurrentMA[0]);
    }

    [Fact]
    public void AnEcLabFileOfATwoElectrodeCellIsReadWithTheColumnOptions()
    {
        // Ecell/V in place of Ewe/V: refused before, options or not.
        string file = _run.WriteBioLogic("ecell.mpt", _run.Rows, false);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\tEwe/V\t", "\tEcell/V\t", StringComparison.Ordinal));

        string outDir = Replay(file, "--time-column", "time", "--voltage-column", "Ecell", "--current-column", "<I>");

        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
    }

    [Fact]
    public void AStrippingCurrentCountedNegativeIsRefusedWithTheOptionThatReadsItAndReadByIt()
    {
        // A cycler that counts stripping as negative: read as it is, the pulses are plating, yet the voltage rises at
        // every start, which no cell does. It was replayed, exit 0: plating capped above the critical current, the
        // switch's current then read as implausible and the module stopped with a fault event the cell never had, the
        // option named only in a note after it. Refused, nothing written; with the option it is the run's replay.
        string file = _scratch.Write("negative.csv", Table("Time(s),Voltage(V),Current(mA)", ',', r => -r.CurrentMA, "0.000000", false));
        string[] columns = { "--time-column", "Time", "--voltage-column", "Voltage", "--current-column", "Current" };

        AssertRefused(file, "negative.csv", "pulse starts the voltage moved against the current in column 'Current(mA)' (stripping lifts it, plating lowers it, on any cell): the file counts stripping current as negative; give --strip-negative", columns);

        string outDir = Replay(file, columns.Append("--strip-negative").ToArray());
        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
    }

    [Fact]
    public void AStrippingCurrentCountedPositiveIsRefusedWithStripNegative()
    {
        // The option turned the other way: the file's stripping current is positive already.
        string file = _scratch.Write("positive.csv", Table("Time(s),Voltage(V),Current(mA)", ',', r => r.CurrentMA, "0.000000", false));

        AssertRefused(file, "positive.csv", "voltage moved against the current in column 'Current(mA)' as --strip-negative reads it (stripping lifts it, plating lowers it, on any cell): the file counts stripping as positive; leave out --strip-negative",
            "--time-column", "Time", "--voltage-column", "Voltage", "--current-column", "Current", "--strip-negative");
    }

    [Fact]
    public void AUnitOptionWithoutTheColumnOptionsIsRefusedNotIgnored()
    {
        string file = _run.WriteBioLogic("units.mpt", _run.Rows, false);

        AssertRefused(file, "--current-unit", "goes with --time-column, --voltage-column and --current-column", "--current-unit", "A");
    }

    /// <summary>The run's rows under <paramref name="header"/>: time (s), voltage (V), current in the caller's unit; a first column when given.</summary>
    private string Table(string header, char delimiter, Func<RecordedRun.Row, double> current, string currentFormat, bool decimalComma, string? firstColumn = null)
    {
        string F(double value, string format) => decimalComma ? value.ToString(format, CultureInfo.InvariantCulture).Replace('.', ',') : value.ToString(format, CultureInfo.InvariantCulture);
        System.Text.StringBuilder text = new System.Text.StringBuilder(header).Append('\n');
        foreach (RecordedRun.Row r in _run.Rows)
        {
            if (firstColumn != null)
            {
                text.Append(firstColumn).Append(delimiter);
            }

            text.Append(F(r.TimeS, "0.0000")).Append(delimiter).Append(F(r.VoltageV, "0.000000")).Append(delimiter).Append(F(current(r), currentFormat)).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public void GapIsReportedAndTheEventsAroundItRemain()
    {
        // Two seconds without samples (45 to 47 s, a logger outage during a rest and the next pulse).
        string file = _run.WriteBioLogic("gap.mpt", _run.Rows.Where(r => r.TimeS <= 45 || r.TimeS >= 47), false);

        string outDir = Replay(file, out EdgeSimProcess replay);

        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        JsonElement gap = Assert.Single(source.RootElement.GetProperty("gaps").EnumerateArray());
        Assert.Equal(45, gap.GetProperty("startS").GetDouble(), 3);
        Assert.Equal(47, gap.GetProperty("endS").GetDouble(), 3);
        Assert.Contains("gap: no samples from 45 s to 47 s (2 s)", replay.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, source.RootElement.GetProperty("sessions").GetInt32());

        List<Event> expected = Events(_run.EventsPath);
        List<Event> found = Events(Path.Combine(outDir, "events.jsonl"));
        Assert.Equal(expected.Where(e => e.TS < 45), found.Where(e => e.TS < 45));
        Assert.Contains(found, e => e.Kind == "hardShort" && Math.Abs(e.TS - 90.5) < 0.05);
        replay.Dispose();
    }

    [Fact]
    public void IrregularSamplesAreResampledToTheTick()
    {
        // Keep samples 10, 20 or 30 ms apart in a fixed irregular pattern, and every step change (cyclers log one there).
        int[] skip = { 0, 1, 0, 2, 1, 0, 0, 2 };
        List<RecordedRun.Row> rows = new List<RecordedRun.Row>();
        for (int i = 0, k = 0, next = 0; i < _run.Rows.Count; i++)
        {
            bool edge = i > 0 && _run.Rows[i].CurrentMA != _run.Rows[i - 1].CurrentMA;
            if (i == next || edge)
            {
                rows.Add(_run.Rows[i]);
                next = i + 1 + skip[k++ % skip.Length];
            }
        }

        string outDir = Replay(_run.WriteBioLogic("irregular.mpt", rows, false));

        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        Assert.Empty(source.RootElement.GetProperty("gaps").EnumerateArray());
        List<Event> expected = Events(_run.EventsPath);
        List<Event> found = Events(Path.Combine(outDir, "events.jsonl"));
        foreach (Event e in expected.Where(e => e.Kind != "depletionOnset"))
        {
            Assert.Contains(found, f => f.Kind == e.Kind && f.Severity == e.Severity && Math.Abs(f.TS - e.TS) <= 0.5);
        }
    }

    [Theory]
    [InlineData("EC-Lab ASCII FILE\nNb header lines : 40\n\ntime/s\tEwe/V\t<I>/mA\n0\t0.2\t0\n", "'Nb header lines : 40' does not fit a file of 5 lines")]
    [InlineData("EC-Lab ASCII FILE\n\ntime/s\tEwe/V\t<I>/mA\n0\t0.2\t0\n", "an EC-Lab file without 'Nb header lines : N' in its first lines")]
    [InlineData("EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tEwe/V\t<I>/mA\n0\t0.2\t0\n", "fewer than two data rows after the header at line 4")]
    [InlineData("", "the file is empty")]
    public void ABrokenEcLabFileIsNamedWithWhatIsWrong(string text, string problem)
    {
        string file = _scratch.Write("short.mpt", text);

        AssertRefused(file, "short.mpt", problem);
    }

    [Fact]
    public void UnreadableNumberIsNamedWithItsLine()
    {
        string file = _scratch.Write("bad.mpt", "EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tEwe/V\t<I>/mA\n0\t2.9\t0.385\n0.01\tabc\t0.385\n");

        AssertRefused(file, "bad.mpt: line 6", "'abc' in column 'Ewe/V' is not a number");
    }

    [Fact]
    public void VoltageBeyondAnyCellIsRefusedNotClipped()
    {
        // 1e300 V would have been clipped to 2,147,483,647 mV and replayed as an overvoltage fault.
        string file = _scratch.Write("corrupt.mpt", "EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tEwe/V\t<I>/mA\n0\t0.2\t0\n0.01\t1e300\t0.385\n0.02\t0.2\t0.385\n");

        AssertRefused(file, "corrupt.mpt: line 6", "1E+300 V in column 'Ewe/V' is beyond any cell's voltage (+/-100 V)");
    }

    [Fact]
    public void MillivoltsReadAsVoltsAreRefused()
    {
        // A table in mV without --voltage-unit mV: its 200 mV reads as 200 V.
        string file = _scratch.Write("mv.csv", "t,U,I\n0,200,0\n1,230,0.385\n2,200,0\n");

        AssertRefused(file, "mv.csv: line 2", "200 V in column 'U' is beyond any cell's voltage (+/-100 V): a corrupt row, or the column is in other units", "--time-column", "t", "--voltage-column", "U", "--current-column", "I");
    }

    [Fact]
    public void CurrentBeyondTheCoresRangeIsRefused()
    {
        // 2,000 A: beyond 1 kA, whatever the unit meant.
        string file = _scratch.Write("amps.csv", "t,U,I\n0,0.2,0\n1,0.23,2000\n");

        AssertRefused(file, "amps.csv: line 3", "2E+06 mA in column 'I' is beyond the current replay takes (+/-1000 A)", "--time-column", "t", "--voltage-column", "U", "--current-column", "I", "--current-unit", "A");
    }

    [Theory]
    [InlineData("0.01,1,NaN", "trace.csv: line 3: 'NaN' in column 'module0Cell0V' is not a number")] // it said "column 3"
    [InlineData("0.01,1,Infinity", "trace.csv: line 3: 'Infinity' in column 'module0Cell0V' is not a number")]
    [InlineData("0.01,1", "trace.csv: line 3 has no value in column 'module0Cell0V'")]
    [InlineData("0,1,0.21", "trace.csv: line 3: time 0 s in column 'tS' does not come after 0 s")]
    [InlineData("0.01,1,250", "trace.csv: line 3: 250 V in column 'module0Cell0V' is beyond any cell's voltage")]
    public void BadTraceRowIsNamed(string row, string problem)
    {
        string file = _scratch.Write("trace.csv", "tS,module0CurrentMAPerCm2,module0Cell0V\n0,1,0.2\n" + row + "\n0.02,1,0.21\n");

        AssertRefused(file, "trace.csv", problem);
    }

    [Theory]
    [InlineData("", "trace.csv: fewer than two data rows after the header at line 1")]
    [InlineData("0,1,0.2\n", "trace.csv: fewer than two data rows after the header at line 1")]
    [InlineData("0,1,0.2\n\n0.01,1,NaN\n", "trace.csv: line 4: 'NaN' in column 'module0Cell0V' is not a number")]
    public void ATraceTooShortOrWithABadRowAfterAnEmptyLineIsNamed(string rows, string problem)
    {
        // The line is the file's own: the empty line counts.
        string file = _scratch.Write("trace.csv", "tS,module0CurrentMAPerCm2,module0Cell0V\n" + rows);

        AssertRefused(file, "trace.csv", problem);
    }

    [Fact]
    public void TickTooShortForTheCoreNamesTheFlag()
    {
        string file = _run.WriteArbin("arbin-for-tick.csv");

        AssertRefused(file, "--sample-period-ms: 1 ms", "more than 256 samples in the core's 500 ms rest-slope window", "--sample-period-ms", "1");
    }

    [Fact]
    public void RecordingThatEndsAtItsFirstPulseIsRefused()
    {
        // One rest sample, then the current comes on in the last one: no tick of a pulse to feed the core.
        string file = _scratch.Write("ends.mpt", "EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tEwe/V\t<I>/mA\n0\t0.2\t0\n1\t0.23\t0.385\n");

        AssertRefused(file, "ends.mpt", "the recording ends where its first pulse starts (t = 1 s): nothing to replay");
    }

    [Fact]
    public void UnknownTableAsksForItsColumns()
    {
        string file = _scratch.Write("table.csv", "a,b,c\n0,1,2\n1,1,2\n");

        AssertRefused(file, "table.csv", "give --time-column, --voltage-column and --current-column");
    }

    /// <summary>The replay exits 2 with one line naming <paramref name="argument"/> and the problem, and writes no output folder.</summary>
    private void AssertRefused(string file, string argument, string problem, params string[] extra)
    {
        using EdgeSimProcess replay = EdgeSimProcess.Run(new[] { "replay", file, "--out", _scratch.Path2("out") }.Concat(extra).ToArray());

        CliArgumentTests.AssertRejected(replay, argument, problem);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void ARecordingThatLeavesTheScenariosTimingIsSaidToAndItsLaterAlarmsAreNotTakenForTheCells()
    {
        // Act mode with adaptive rests: the recording's rests end where its own core's tuning put them, which the
        // replay's core, timing the scenario's protocol from the true voltages of a trace without measured columns (as
        // traces were written before they had them), does not repeat. Where they part,
        // current flowed through the replay's open switch and read as an overcurrent fault of the cell; the replay now
        // ends there. The hint used to say "give the protocol with --scenario" although it was given.
        string json = RecordedRun.Scenario
            .Replace("\"rest\": \"fixed\"", "\"rest\": \"adaptive\"", StringComparison.Ordinal)
            .Replace("\"mode\": \"observe\"", "\"mode\": \"act\"", StringComparison.Ordinal)
            .Replace("\"timeLimitS\": 120", "\"timeLimitS\": 40", StringComparison.Ordinal);
        // The 40 s run ends before the recording's hard short at 90.5 s, which would be refused as never happening.
        json = Scenarios.ScenarioLoaderTests.Mutate(json, "faults=[{ \"atS\": 30, \"module\": 0, \"cell\": 0, \"kind\": \"softShort\", \"resistanceOhmCm2\": 300, \"onS\": 0.05, \"offS\": 0.6 }]");
        using RecordedRun adaptive = new RecordedRun(json);
        string scenario = _scratch.Path2("adaptive.json");
        File.WriteAllText(scenario, json);
        string outDir = _scratch.Path2("replay-adaptive");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", adaptive.WriteTraceWithoutMeasuredColumns("trace.csv"), "--scenario", scenario, "--out", outDir);

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        double firstMisalignedS = source.RootElement.GetProperty("firstMisalignedS").GetDouble();
        Assert.Contains("the recording does not follow the scenario's protocol timing", replay.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("give the protocol with --scenario", replay.Stdout, StringComparison.Ordinal);
        // The replay ends before that tick: the overcurrent it read there is not reported as the cell's.
        Assert.Contains("the replay ends there", replay.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Events(Path.Combine(outDir, "events.jsonl")), e => e.TS >= firstMisalignedS);
        Assert.DoesNotContain(Events(Path.Combine(outDir, "events.jsonl")), e => e.Kind == "moduleOvercurrent");
    }

    private string Replay(string file, params string[] extra)
    {
        string outDir = Replay(file, out EdgeSimProcess replay, extra);
        replay.Dispose();
        return outDir;
    }

    private string Replay(string file, out EdgeSimProcess replay, params string[] extra)
    {
        string outDir = _scratch.Path2("replay-" + Path.GetFileNameWithoutExtension(file));
        replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, new[] { "replay", file, "--out", outDir }.Concat(extra).ToArray());
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("protocol (inferred): Strip at 385 uA for 1000 ms, Rest for 2000 ms", replay.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("current sign:", replay.Stdout, StringComparison.Ordinal);
        return outDir;
    }

    private static void AssertRunFiles(string outDir, string format)
    {
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("allModulesStopped", summary.RootElement.GetProperty("terminatedBy").GetString());
        Assert.Equal("observe", summary.RootElement.GetProperty("mode").GetString());
        // Observe mode: the soft short only reports; the hard short, a safety row, holds the module in every mode.
        Assert.Equal("hardShort", summary.RootElement.GetProperty("modules")[0].GetProperty("stopReason").GetString());
        Assert.True(File.Exists(Path.Combine(outDir, "plot.svg")));

        // The fields hostsim/README.md lists for a replay's summary, and no more: a replay steps no cell model, so it
        // has no cell-steps or their throughput (it wrote cellSteps and cellStepsPerSecond as a simulation does), no
        // scheduling (tickTiming), pack window or simulated unit, and no cell's own hard-short time.
        string[] replayFields = { "scenario", "provenance", "preset", "steps", "rest", "mode", "samplePeriodMs", "terminatedBy", "replayedS", "wallS", "ticks", "modules", "events", "eventsDropped", "settingSources", "gaps" };
        Assert.Equal(replayFields, summary.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(summary.RootElement.GetProperty("modules").EnumerateArray(), m => m.TryGetProperty("cellHardShortS", out _));

        // Lab data's values are recorded, and every output says so: none calls them simulated. An edge-sim trace is the
        // simulator's output, whatever replays it: every output says so, and none calls it recorded (its replay read
        // "Recorded data (trace.csv, edge-sim-trace)", the model's voltages presented as a recording).
        string provenance = summary.RootElement.GetProperty("provenance").GetString()!;
        Assert.Contains(format, provenance, StringComparison.Ordinal);
        bool simulator = format == "edge-sim-trace";
        Assert.StartsWith(simulator ? "simulated recording: " : "recorded: ", provenance, StringComparison.Ordinal);
        // The recording's time replayed is replayedS: a lab recording's summary said "simulatedS", a name that called
        // its measured time simulated.
        if (!simulator)
        {
            Assert.DoesNotContain("simulated", File.ReadAllText(Path.Combine(outDir, "summary.json")), StringComparison.OrdinalIgnoreCase);
        }

        foreach (string file in new[] { "plot.svg", "report.html" })
        {
            string text = File.ReadAllText(Path.Combine(outDir, file));
            Assert.Contains("replay time (s) from recording time 0 s", text, StringComparison.Ordinal);
            if (simulator)
            {
                Assert.Contains("not a bench measurement", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Recorded data", text, StringComparison.Ordinal);
                Assert.DoesNotContain("recorded (", text, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain("simulated", text, StringComparison.OrdinalIgnoreCase);
            }
        }

        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        Assert.Equal(format, source.RootElement.GetProperty("format").GetString());
        Assert.Equal(0, source.RootElement.GetProperty("misalignedTicks").GetInt64());

        // The recording's first point is from before the first pulse's jump: the replay starts there, as the run did.
        Assert.False(source.RootElement.GetProperty("firstPulseSkipped").GetBoolean());
    }

    private static List<Event> Events(string path) =>
        File.ReadAllLines(path).Select(l => JsonSerializer.Deserialize<Event>(l, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!).ToList();

    private sealed record Event(double TS, int Module, int Cell, string Kind, string Severity, string? Diagnosis);
}
