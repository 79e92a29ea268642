// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Edge.Core.Sampling;
using Edge.HostSim.Output;

namespace Edge.HostSim.Replay;

/// <summary>
/// Reads a recorded file in one of the formats replay understands, detected from its content:
/// BioLogic EC-Lab or BT-Lab text export (.mpt: "EC-Lab ASCII FILE" or "BT-Lab ASCII FILE", "Nb header lines : N", tab-separated
/// time/s, Ewe/V, &lt;I&gt;/mA or I/mA, decimal point or comma), Arbin CSV (Test_Time(s), Current(A),
/// Voltage(V); also "Test_Time (s)", MITS Pro's "Test Time (s)", semicolons and decimal commas), edge-sim's own trace.csv (tS, module&lt;m&gt;CurrentMAPerCm2, module&lt;m&gt;Cell&lt;c&gt;V, and where it has them the measured module&lt;m&gt;Cell&lt;c&gt;MeasuredMV and module&lt;m&gt;MeasuredCurrentUA with their status columns), or any
/// delimited table with the columns and units given (<see cref="ColumnSpec"/>).
/// </summary>
public static partial class LabFileReader
{
    /// <param name="columns">
    /// For a generic table: its columns. For an EC-Lab file: its columns in place of time/s, Ewe/V and &lt;I&gt;/mA (a
    /// two-electrode setup's Ecell/V). Ignored for the other recognised formats.
    /// </param>
    /// <param name="traceAreaCm2">Electrode area to turn edge-sim trace current densities into currents.</param>
    /// <param name="bytesRead">
    /// Told the bytes read so far and the file's size as the file is read (a month's recording is hundreds of megabytes,
    /// seconds of reading); null for none. An edge-sim trace, read twice (its rows counted, then read), reports both
    /// passes, of twice its size.
    /// </param>
    public static LabRecording Read(string path, ColumnSpec? columns, double traceAreaCm2, Action<long, long>? bytesRead = null)
    {
        if (Directory.Exists(path))
        {
            throw new LabFileException("'" + path + "' is a folder; give the data file");
        }

        if (!File.Exists(path))
        {
            throw new LabFileException("no data file '" + path + "'");
        }

        try
        {
            return Read(path, TextLines.Open(path, bytesRead), columns, traceAreaCm2);
        }
        catch (DecoderFallbackException e)
        {
            // The file's first 64 kB were UTF-8, and TextLines then reads it strictly so: a later byte is not (a Latin-1
            // micro or degree sign in a comment or a unit line of a long header). Read again, whole, as Latin-1. Decoded as UTF-8 with a replacement, such a byte
            // became U+FFFD, and an EC-Lab file whose "I/µA" column line came after 64 kB was refused as having no measured
            // current column.
            LabRecording recording = Read(path, TextLines.OpenLatin1(path, bytesRead), columns, traceAreaCm2);
            recording.ReadAsLatin1Because = "byte " + string.Join(" ", (e.BytesUnknown ?? Array.Empty<byte>()).Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)))
                + " after the first 64 kB is not UTF-8 (a Latin-1 character such as a micro or degree sign), so the whole file was read as Latin-1";
            return recording;
        }
    }

    private static LabRecording Read(string path, TextLines lines, ColumnSpec? columns, double traceAreaCm2)
    {
        LabRecording recording = ReadFormat(path, lines, columns, traceAreaCm2);
        if (lines.LeftOutLastLine is (int line, string text, string why))
        {
            recording.LastLineLeftOut = "line " + line.ToString(CultureInfo.InvariantCulture) + " ('" + (text.Length > 80 ? text.Substring(0, 77) + "..." : text)
                + "') has no line break after it" + why + ", as a row cut where the file was copied while it was being written: left out";
        }

        return recording;
    }

    private static LabRecording ReadFormat(string path, TextLines lines, ColumnSpec? columns, double traceAreaCm2)
    {
        if (lines.Head.Count == 0)
        {
            throw new LabFileException(path + ": the file is empty");
        }

        // The first lines as they are (a last line without a line break among them too), and where they are all blank,
        // the rest of the file.
        if (lines.Head.All(l => l.Trim().Length == 0) && (lines.Head.Count < TextLines.HeadLines || lines.From(0).All(l => l.Trim().Length == 0)))
        {
            // Told as empty: read on, such a file was refused for a format or a column it could not have.
            throw new LabFileException(path + ": the file holds only blank lines" + DelimitedTable.LeftOut(lines));
        }

        string first = lines.Head[0];
        if (IsBioLogicHeader(first) || path.EndsWith(".mpt", StringComparison.OrdinalIgnoreCase) || (columns == null && IsBioLogicColumnLine(first)))
        {
            return ReadBioLogic(path, lines, columns);
        }

        if (columns != null)
        {
            // Its header row by the columns' names: exports write lines of their own before it (Maccor's test date and file name).
            return DelimitedTable.Read(path, "csv", lines, DelimitedTable.HeaderLine(path, lines, columns), columns);
        }

        if (first.StartsWith("tS,", StringComparison.Ordinal) && first.Contains("Cell0V", StringComparison.Ordinal))
        {
            return ReadTrace(path, lines, traceAreaCm2);
        }

        if (ArbinTimePattern().Match(first) is { Success: true } arbinTime && ArbinVoltagePattern().IsMatch(first))
        {
            // Arbin's columns by their names before the unit, as Arbin's exports write them ("Test_Time(s)"; MITS Pro's
            // "Test Time (s)", refused as no format replay knows) and as others re-save them ("Test_Time (s)"); the
            // delimiter and the decimal comma detected as for any table, since a spreadsheet in a decimal-comma locale
            // saves the file with semicolons and 0,385. Read as commas, such a file was refused for want of the
            // 'Test_Time(s)' its error message listed.
            return DelimitedTable.Read(path, "arbin-csv", lines, 0, new ColumnSpec
            {
                TimeColumn = arbinTime.Groups["name"].Value,
                VoltageColumn = "Voltage",
                CurrentColumn = "Current",
            });
        }

        throw new LabFileException(path + ": not a BioLogic .mpt, Arbin CSV or edge-sim trace; for another table give --time-column, --voltage-column and --current-column (and their units)");
    }

    private static LabRecording ReadBioLogic(string path, TextLines lines, ColumnSpec? columns)
    {
        int headerLines = 1;
        if (IsBioLogicHeader(lines.Head[0]))
        {
            Match match = lines.Head.Select(l => HeaderLinesPattern().Match(l)).FirstOrDefault(m => m.Success)
                ?? throw new LabFileException(path + ": an EC-Lab file without 'Nb header lines : N' in its first lines");
            // A count no int holds (a corrupt or hand-edited export) fits no file either: the same refusal as any
            // count past the end, not a parser's overflow.
            if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out headerLines))
            {
                throw new LabFileException(path + ": 'Nb header lines : " + match.Groups[1].Value + "' does not fit a file of " + lines.Count() + " lines");
            }
        }

        // The last header line names the columns.
        string header = (headerLines >= 1 ? lines.At(headerLines - 1) : null)
            ?? throw new LabFileException(path + ": 'Nb header lines : " + headerLines + "' does not fit a file of " + lines.Count() + " lines");
        string? simulated = SimulatedHeaderLine(lines, headerLines - 1);
        if (columns != null)
        {
            // The user's columns of the tab-separated table (the delimiter is detected from the header line).
            LabRecording chosen = DelimitedTable.Read(path, "biologic-mpt", lines, headerLines - 1, columns);
            chosen.SimulatedBecause = simulated;
            chosen.HeaderArea = HeaderArea.Find(lines, headerLines - 1);
            return chosen;
        }

        // The measured current, whatever the column order: EC-Lab writes the setpoint, control/mA, before it. Its unit is
        // the one the name states: EC-Lab exports in the units its user chose, so the column may be I/µA or <I>/A (read as
        // mA only, such a file was refused as having no measured current column).
        string[] names = header.Split('\t').Select(c => c.Trim()).ToArray();
        string current = MeasuredCurrent(names, "<I>/") ?? MeasuredCurrent(names, "I/")
            ?? throw new LabFileException(path + ": line " + headerLines + " has no measured current column (<I> or I, in A, mA or uA: <I>/mA, I/mA)"
                + (names.FirstOrDefault(n => n.StartsWith("control/", StringComparison.Ordinal)) is string setpoint ? "; " + setpoint + " is the setpoint, not the current that flowed" : string.Empty)
                + MisplacedColumnLine(lines, headerLines));
        // The cell's voltage: Ewe/V as EC-Lab writes it, <Ewe>/V where a technique records it averaged, or Ecell/V where
        // that is the only one, as BT-Lab's battery cyclers write it (a file of theirs was refused for want of Ewe/V).
        // Where Ewe/V and Ecell/V are both written (a three-electrode cell), Ewe/V is read; --voltage-column reads the other.
        string voltage = s_voltageColumns.FirstOrDefault(v => names.Contains(v, StringComparer.Ordinal))
            ?? throw new LabFileException(path + ": line " + headerLines + " has no cell voltage column (" + string.Join(", ", s_voltageColumns)
                + "); for another, give --time-column, --voltage-column and --current-column (columns: " + string.Join(", ", names.Where(n => n.Length > 0)) + ")"
                + MisplacedColumnLine(lines, headerLines));
        LabRecording recording = DelimitedTable.Read(path, "biologic-mpt", lines, headerLines - 1, new ColumnSpec
        {
            TimeColumn = "time/s",
            VoltageColumn = voltage,
            CurrentColumn = current,
            Delimiter = '\t',
        });
        recording.SimulatedBecause = simulated;
        recording.HeaderArea = HeaderArea.Find(lines, headerLines - 1);
        return recording;
    }

    /// <summary>
    /// Where a header block's 'Nb header lines : N' misses the column line (a hand-edited export), the line that holds it
    /// (the nearest line within <see cref="ColumnLineSearch"/> of N naming time/s and a measured current), so a refusal
    /// for want of a column says the count is off, not the file's columns; empty if no such line is near.
    /// </summary>
    private static string MisplacedColumnLine(TextLines lines, int headerLines)
    {
        if (!IsBioLogicHeader(lines.Head[0]))
        {
            return string.Empty;
        }

        int near = lines.From(0).Take(headerLines + ColumnLineSearch).Select((l, i) => (Line: i + 1, IsColumns: IsBioLogicColumnLine(l)))
            .Where(l => l.IsColumns && l.Line != headerLines).OrderBy(l => Math.Abs(l.Line - headerLines)).Select(l => l.Line).FirstOrDefault();
        return near > 0 && Math.Abs(near - headerLines) <= ColumnLineSearch
            ? "; the column names are on line " + near.ToString(CultureInfo.InvariantCulture) + ", where 'Nb header lines : " + headerLines.ToString(CultureInfo.InvariantCulture) + "' says line " + headerLines.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
    }

    /// <summary>Lines either side of a header block's stated column line looked through for the one that holds the columns.</summary>
    private const int ColumnLineSearch = 5;

    /// <summary>The voltage columns of a BioLogic export replay reads without --voltage-column, the first the file has.</summary>
    private static readonly string[] s_voltageColumns = { "Ewe/V", "<Ewe>/V", "Ecell/V" };

    /// <summary>
    /// A BioLogic export's column line as the first line: EC-Lab's text export without its header block (saved as .txt,
    /// it was refused as no format replay knows). Its tab-separated columns hold time/s and a measured current.
    /// </summary>
    private static bool IsBioLogicColumnLine(string line)
    {
        string[] names = line.Split('\t').Select(c => c.Trim()).ToArray();
        return names.Length >= 3 && names.Contains("time/s", StringComparer.Ordinal) && (MeasuredCurrent(names, "<I>/") ?? MeasuredCurrent(names, "I/")) != null;
    }

    /// <summary>The first column named <paramref name="prefix"/> and a current unit replay reads ("I/mA", "I/µA", "&lt;I&gt;/A").</summary>
    private static string? MeasuredCurrent(string[] names, string prefix) =>
        names.FirstOrDefault(n => n.StartsWith(prefix, StringComparison.Ordinal) && IsCurrentUnit(n.Substring(prefix.Length)));

    private static bool IsCurrentUnit(string unit)
    {
        try
        {
            ColumnSpec.CurrentUnit(unit);
            return true;
        }
        catch (LabFileException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first line of a BioLogic text export: EC-Lab's, or BT-Lab's (BioLogic's battery software, the same format
    /// under its own name). Read as a file without a header block, a BT-Lab file's first line was taken for its column
    /// names and the file refused for want of a current column.
    /// </summary>
    private static bool IsBioLogicHeader(string firstLine) =>
        firstLine.StartsWith("EC-Lab ASCII FILE", StringComparison.OrdinalIgnoreCase) || firstLine.StartsWith("BT-Lab ASCII FILE", StringComparison.OrdinalIgnoreCase);

    /// <summary>Words with which an export's header block says it holds simulated values.</summary>
    private static readonly string[] s_simulatedMarks = { "simulated data", "not a bench measurement", "edge-sim" };

    /// <summary>
    /// The first line of an export's header block (before its column names at <paramref name="columnsLine"/>) that says
    /// the file is simulated, as the shipped lab-cell.mpt's does, shortened to 100 characters; null if none says so.
    /// </summary>
    private static string? SimulatedHeaderLine(TextLines lines, int columnsLine)
    {
        for (int i = 0; i < Math.Min(columnsLine, lines.Head.Count); i++)
        {
            string line = lines.Head[i].Trim();
            if (s_simulatedMarks.Any(m => line.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                return "its header says '" + (line.Length > 100 ? line.Substring(0, 97) + "..." : line) + "'";
            }
        }

        return null;
    }

    private static LabRecording ReadTrace(string path, TextLines lines, double areaCm2)
    {
        string[] names = lines.Head[0].Split(',');
        int modules = names.Count(n => CurrentPattern().IsMatch(n));
        int cells = names.Count(n => VoltagePattern().IsMatch(n));
        if (modules == 0 || cells == 0 || cells % modules != 0)
        {
            throw new LabFileException(path + ": an edge-sim trace needs module<m>CurrentMAPerCm2 and module<m>Cell<c>V columns");
        }

        int[] currentColumn = Enumerable.Range(0, modules).Select(m => Array.IndexOf(names, "module" + m + "CurrentMAPerCm2")).ToArray();
        int cellsPerModule = cells / modules;
        int[] voltageColumn = Enumerable.Range(0, cells).Select(c => Array.IndexOf(names, "module" + (c / cellsPerModule) + "Cell" + (c % cellsPerModule) + "V")).ToArray();
        (int[] VoltageColumn, int[] CurrentColumn)? measured = MeasuredColumns(path, names, modules, cellsPerModule);
        (int[] VoltageColumn, int[] CurrentColumn)? status = StatusColumns(path, names, modules, cellsPerModule, measured != null);
        (int[] ValueColumn, int[] StatusColumn)? temperature = TemperatureColumns(path, names, status != null);
        // Two passes over the file: the rows counted, then read into a recording of that size. Rows a run still
        // writing its trace appends in between are left for a later replay. Both passes report the bytes read (the
        // counting pass was silent: a long trace said nothing while it was counted).
        lines.CutReason = status == null
            ? (before, last) => LastRowForm.CutReason(before, last, l => l.Split(','), _ => true)
            : (before, last) => StatusRowCutReason(before, last);
        int rows = lines.From(1, pass: 1, passes: 2).Count(l => l.Length > 0);
        if (rows < 2)
        {
            throw new LabFileException(path + ": fewer than two data rows after the header at line 1" + DelimitedTable.LeftOut(lines));
        }

        LabRecording recording = new LabRecording("edge-sim-trace", modules, cellsPerModule, rows)
        {
            SimulatedBecause = TraceValuesFed.TraceFile,
        };
        if (measured != null)
        {
            recording.MeasuredCellVoltageMv = Enumerable.Range(0, cells).Select(_ => new int[rows]).ToArray();
            recording.MeasuredModuleCurrentUa = Enumerable.Range(0, modules).Select(_ => new int[rows]).ToArray();
        }

        if (status != null)
        {
            recording.MeasuredCellVoltageStatus = Enumerable.Range(0, cells).Select(_ => new ChannelStatus[rows]).ToArray();
            recording.MeasuredModuleCurrentStatus = Enumerable.Range(0, modules).Select(_ => new ChannelStatus[rows]).ToArray();
        }

        if (temperature is (int[] sensorColumn, _))
        {
            recording.MeasuredTemperatureDeciC = sensorColumn.Select(_ => new int[rows]).ToArray();
            recording.MeasuredTemperatureStatus = sensorColumn.Select(_ => new ChannelStatus[rows]).ToArray();
        }

        int k = -1;
        int line = 1;
        foreach (string text in lines.From(1, pass: 2, passes: 2))
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            if (++k == rows)
            {
                break;
            }

            string[] row = text.Split(',');
            recording.TimeS[k] = Parse(path, line, row, 0, names);
            if (k > 0 && !(recording.TimeS[k] > recording.TimeS[k - 1]))
            {
                throw new LabFileException(string.Format(CultureInfo.InvariantCulture, "{0}: line {1}: time {2:R} s in column 'tS' does not come after {3:R} s", path, line, recording.TimeS[k], recording.TimeS[k - 1]));
            }

            for (int m = 0; m < modules; m++)
            {
                // The trace holds the current commanded at each row for the interval that follows it.
                recording.ModuleCurrentMA[m][k] = Parse(path, line, row, currentColumn[m], names) * areaCm2;
                ReadingRange.CheckCurrent(path, line, names[currentColumn[m]], recording.ModuleCurrentMA[m][k]);
            }

            for (int c = 0; c < cells; c++)
            {
                recording.CellVoltageV[c][k] = Parse(path, line, row, voltageColumn[c], names);
                ReadingRange.CheckVoltage(path, line, names[voltageColumn[c]], recording.CellVoltageV[c][k]);
            }

            if (measured is (int[] measuredVoltageColumn, int[] measuredCurrentColumn))
            {
                for (int c = 0; c < cells; c++)
                {
                    int mv = ParseWhole(path, line, row, measuredVoltageColumn[c], names);
                    ReadingRange.CheckVoltage(path, line, names[measuredVoltageColumn[c]], mv / 1000.0);
                    recording.MeasuredCellVoltageMv![c][k] = mv;
                }

                for (int m = 0; m < modules; m++)
                {
                    int ua = ParseWhole(path, line, row, measuredCurrentColumn[m], names);
                    ReadingRange.CheckCurrent(path, line, names[measuredCurrentColumn[m]], ua / 1000.0);
                    recording.MeasuredModuleCurrentUa![m][k] = ua;
                }
            }

            if (status is (int[] cellStatusColumn, int[] moduleStatusColumn))
            {
                for (int c = 0; c < cells; c++)
                {
                    recording.MeasuredCellVoltageStatus![c][k] = ParseStatus(path, line, row, cellStatusColumn[c], names);
                }

                for (int m = 0; m < modules; m++)
                {
                    recording.MeasuredModuleCurrentStatus![m][k] = ParseStatus(path, line, row, moduleStatusColumn[m], names);
                }
            }

            if (temperature is (int[] temperatureColumn, int[] temperatureStatusColumn))
            {
                for (int t = 0; t < temperatureColumn.Length; t++)
                {
                    recording.MeasuredTemperatureDeciC![t][k] = ParseWhole(path, line, row, temperatureColumn[t], names);
                    recording.MeasuredTemperatureStatus![t][k] = ParseStatus(path, line, row, temperatureStatusColumn[t], names);
                }
            }
        }

        if (k + 1 < rows)
        {
            throw new LabFileException(path + ": the file got shorter while it was read");
        }

        return recording;
    }

    /// <summary>
    /// The places of a trace's measured columns (<see cref="TraceColumns"/>), one per cell and one per module; null when it
    /// has none (a trace written before they were). A trace with some of them only is refused: fed in part, the replay
    /// would mix the core's readings with the model's true values.
    /// </summary>
    private static (int[] VoltageColumn, int[] CurrentColumn)? MeasuredColumns(string path, string[] names, int modules, int cellsPerModule)
    {
        string[] voltageNames = Enumerable.Range(0, modules * cellsPerModule).Select(c => TraceColumns.MeasuredCellVoltage(c / cellsPerModule, c % cellsPerModule)).ToArray();
        string[] currentNames = Enumerable.Range(0, modules).Select(TraceColumns.MeasuredModuleCurrent).ToArray();
        string[] expected = voltageNames.Concat(currentNames).ToArray();
        string[] present = names.Where(n => MeasuredPattern().IsMatch(n)).ToArray();
        if (present.Length == 0)
        {
            return null;
        }

        string? missing = expected.FirstOrDefault(n => !present.Contains(n, StringComparer.Ordinal));
        string? stray = present.FirstOrDefault(n => !expected.Contains(n, StringComparer.Ordinal));
        if (missing != null || stray != null || present.Length != expected.Length)
        {
            throw new LabFileException(path + ": an edge-sim trace's measured columns come one per cell (module<m>Cell<c>" + TraceColumns.MeasuredCellVoltageSuffix
                + ") and one per module (module<m>" + TraceColumns.MeasuredModuleCurrentSuffix + "), " + expected.Length + " for its " + modules + " x " + cellsPerModule + " cells; it has "
                + present.Length + (missing != null ? ", without '" + missing + "'" : stray != null ? ", among them '" + stray + "' of no cell or module of the trace" : ", some twice")
                + ": give all of them, or none to replay its true values");
        }

        return (voltageNames.Select(n => Array.IndexOf(names, n)).ToArray(), currentNames.Select(n => Array.IndexOf(names, n)).ToArray());
    }

    /// <summary>
    /// The places of a trace's status columns, one per measured column; null when it has none (a trace written before
    /// them). As with the measured columns, a trace with some of them only is refused, and so is one with status columns
    /// but no measured columns: a status says how far to trust a reading the trace would not have.
    /// </summary>
    private static (int[] VoltageColumn, int[] CurrentColumn)? StatusColumns(string path, string[] names, int modules, int cellsPerModule, bool hasMeasured)
    {
        string[] voltageNames = Enumerable.Range(0, modules * cellsPerModule).Select(c => TraceColumns.CellVoltageStatus(c / cellsPerModule, c % cellsPerModule)).ToArray();
        string[] currentNames = Enumerable.Range(0, modules).Select(TraceColumns.ModuleCurrentStatus).ToArray();
        string[] expected = voltageNames.Concat(currentNames).ToArray();
        string[] present = names.Where(n => StatusPattern().IsMatch(n)).ToArray();
        if (present.Length == 0)
        {
            return null;
        }

        if (!hasMeasured)
        {
            throw new LabFileException(path + ": an edge-sim trace's status columns ('" + present[0] + "') go with its measured columns (module<m>Cell<c>" + TraceColumns.MeasuredCellVoltageSuffix
                + ", module<m>" + TraceColumns.MeasuredModuleCurrentSuffix + "), which it does not have: give both, or neither to replay its true values");
        }

        string? missing = expected.FirstOrDefault(n => !present.Contains(n, StringComparer.Ordinal));
        string? stray = present.FirstOrDefault(n => !expected.Contains(n, StringComparer.Ordinal));
        if (missing != null || stray != null || present.Length != expected.Length)
        {
            throw new LabFileException(path + ": an edge-sim trace's status columns come one per cell (module<m>Cell<c>" + TraceColumns.CellVoltageStatusSuffix
                + ") and one per module (module<m>" + TraceColumns.ModuleCurrentStatusSuffix + "), " + expected.Length + " for its " + modules + " x " + cellsPerModule + " cells; it has "
                + present.Length + (missing != null ? ", without '" + missing + "'" : stray != null ? ", among them '" + stray + "' of no cell or module of the trace" : ", some twice")
                + ": give all of them, or none to feed every reading as valid");
        }

        return (voltageNames.Select(n => Array.IndexOf(names, n)).ToArray(), currentNames.Select(n => Array.IndexOf(names, n)).ToArray());
    }

    /// <summary>
    /// The places of a trace's temperature columns, a reading and its status per sensor, sensors 0 to n - 1; null when it
    /// has none (a pack without sensors, or a trace written before them). They come with the status columns, as a run
    /// writes them: a trace with some of them only, or without the cells' and modules' statuses, is refused.
    /// </summary>
    private static (int[] ValueColumn, int[] StatusColumn)? TemperatureColumns(string path, string[] names, bool hasStatus)
    {
        string[] present = names.Where(n => TemperaturePattern().IsMatch(n)).ToArray();
        if (present.Length == 0)
        {
            return null;
        }

        if (!hasStatus)
        {
            throw new LabFileException(path + ": an edge-sim trace's temperature columns ('" + present[0] + "') go with its measured and status columns (module<m>Cell<c>" + TraceColumns.MeasuredCellVoltageSuffix
                + ", module<m>Cell<c>" + TraceColumns.CellVoltageStatusSuffix + ", ...), which it does not have: give all of them, or none of the temperature columns");
        }

        int sensors = present.Count(n => n.EndsWith(TraceColumns.MeasuredTemperatureSuffix, StringComparison.Ordinal));
        string[] valueNames = Enumerable.Range(0, sensors).Select(TraceColumns.MeasuredTemperature).ToArray();
        string[] statusNames = Enumerable.Range(0, sensors).Select(TraceColumns.TemperatureStatus).ToArray();
        string[] expected = valueNames.Concat(statusNames).ToArray();
        string? missing = expected.FirstOrDefault(n => !present.Contains(n, StringComparer.Ordinal));
        string? stray = present.FirstOrDefault(n => !expected.Contains(n, StringComparer.Ordinal));
        if (missing != null || stray != null || present.Length != expected.Length)
        {
            throw new LabFileException(path + ": an edge-sim trace's temperature columns come two per sensor, numbered from 0 (temperature<t>" + TraceColumns.MeasuredTemperatureSuffix
                + " and temperature<t>" + TraceColumns.TemperatureStatusSuffix + "); it has " + present.Length
                + (missing != null ? ", without '" + missing + "'" : stray != null ? ", among them '" + stray + "'" : ", some twice")
                + ": give both for each sensor, or none");
        }

        return (valueNames.Select(n => Array.IndexOf(names, n)).ToArray(), statusNames.Select(n => Array.IndexOf(names, n)).ToArray());
    }

    /// <summary>
    /// Whether a trace's last line, without a line break after it, was cut (<see cref="LastRowForm"/>): its last field is
    /// a status, whole where it is one (nothing, valid, among them: a cut just after the last comma cannot be told from it).
    /// </summary>
    private static string? StatusRowCutReason(string before, string last)
    {
        string? fields = LastRowForm.CutReason(before, last, l => l.Split(','), i => false);
        if (fields != null)
        {
            return fields;
        }

        string word = last.Substring(last.LastIndexOf(',') + 1);
        return TraceColumns.TryParseStatus(word, out _) ? null : " and its last value '" + word + "' is no channel status";
    }

    /// <summary>A status column's value: nothing for a valid reading, else one of <see cref="TraceColumns.StatusWords"/>.</summary>
    private static ChannelStatus ParseStatus(string path, int line, string[] cells, int column, string[] names)
    {
        if (column >= cells.Length)
        {
            throw new LabFileException(path + ": line " + line + " has no value in column '" + names[column] + "'");
        }

        if (!TraceColumns.TryParseStatus(cells[column], out ChannelStatus status))
        {
            throw new LabFileException(path + ": line " + line + ": '" + cells[column] + "' in column '" + names[column] + "' is no channel status (nothing for a valid reading, or "
                + TraceColumns.StatusWords + ")");
        }

        return status;
    }

    /// <summary>A measured column's value: the whole mV or uA the core read.</summary>
    private static int ParseWhole(string path, int line, string[] cells, int column, string[] names)
    {
        double value = Parse(path, line, cells, column, names);
        if (value != Math.Round(value) || Math.Abs(value) > int.MaxValue)
        {
            throw new LabFileException(path + ": line " + line + ": '" + cells[column] + "' in column '" + names[column] + "' is not a whole number (the core reads whole mV, uA and 0.1 degC)");
        }

        return (int)value;
    }

    private static double Parse(string path, int line, string[] cells, int column, string[] names)
    {
        if (column < 0 || column >= cells.Length)
        {
            throw new LabFileException(path + ": line " + line + " has no value in column '" + names[column] + "'");
        }

        if (!double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new LabFileException(path + ": line " + line + ": '" + cells[column] + "' in column '" + names[column] + "' is not a number");
        }

        return value;
    }

    [GeneratedRegex(@"Nb header lines\s*:\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderLinesPattern();

    [GeneratedRegex(@"(?<name>Test[_ ]Time)\s*\(s\)", RegexOptions.IgnoreCase)]
    private static partial Regex ArbinTimePattern();

    [GeneratedRegex(@"Voltage\s*\(V\)", RegexOptions.IgnoreCase)]
    private static partial Regex ArbinVoltagePattern();

    [GeneratedRegex(@"^module\d+CurrentMAPerCm2$")]
    private static partial Regex CurrentPattern();

    [GeneratedRegex(@"^module\d+Cell\d+V$")]
    private static partial Regex VoltagePattern();

    [GeneratedRegex(@"^module\d+(Cell\d+MeasuredMV|MeasuredCurrentUA)$")]
    private static partial Regex MeasuredPattern();

    [GeneratedRegex(@"^module\d+(Cell\d+MeasuredStatus|MeasuredCurrentStatus)$")]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"^temperature\d+(MeasuredDeciC|MeasuredStatus)$")]
    private static partial Regex TemperaturePattern();
}
