// Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Edge.HostSim.Replay;

/// <summary>
/// Reads the time, voltage and current columns of a delimited text table (CSV, TSV; decimal point or
/// comma) into a <see cref="LabRecording"/> of the columns' modules and cells (<see cref="ColumnSpec.CellsPerModule"/>). Line numbers in errors are 1-based file lines.
/// </summary>
public static class DelimitedTable
{
    /// <param name="lines">The file's lines.</param>
    /// <param name="headerLine">0-based index of the header row; data follows it.</param>
    internal static LabRecording Read(string file, string format, TextLines lines, int headerLine, ColumnSpec spec)
    {
        int cellsPerModule = spec.CellsPerModule();
        int modules = spec.CurrentColumns.Count;
        int cells = spec.VoltageColumns.Count;
        string header = lines.At(headerLine) ?? throw new LabFileException(file + ": no column header at line " + (headerLine + 1));
        char delimiter = spec.Delimiter ?? Detect(header);
        string[] names = Fields(file, headerLine, header, delimiter).Select(n => n.Trim()).ToArray();
        int[] read = FindAll(file, names, spec.Wanted(), headerLine);
        int time = read[0];
        int[] voltage = read.Skip(1).Take(cells).ToArray();
        int[] current = read.Skip(1 + cells).ToArray();
        if (spec.TimeUnitName != null)
        {
            ColumnSpec.OptionTimeUnit(spec.TimeUnitName);
        }

        int unitsLine = UnitsRowLine(file, lines, headerLine, delimiter, read);
        string[] units = unitsLine >= 0 ? Fields(file, unitsLine, lines.At(unitsLine)!, delimiter) : Array.Empty<string>();
        ColumnReading timeReading = ColumnUnit.Resolve(file, names[time], UnitCell(units, time), unitsLine + 1, "--time-unit", spec.TimeUnitName, "s", "s, ms, min, h, h:min:s.ms", ColumnSpec.TimeUnit);
        double secondsPerUnit = timeReading.Factor;
        ColumnReading voltageReading = OneUnit(file, "voltage", voltage.Select(c => ColumnUnit.Resolve(file, names[c], UnitCell(units, c), unitsLine + 1, "--voltage-unit", spec.VoltageUnitName, "V", "V, mV", ColumnSpec.VoltageUnit)));
        double voltsPerUnit = voltageReading.Factor;
        ColumnReading currentReading = OneUnit(file, "current", current.Select(c => ColumnUnit.Resolve(file, names[c], UnitCell(units, c), unitsLine + 1, "--current-unit", spec.CurrentUnitName, "mA", "A, mA, uA", ColumnSpec.CurrentUnit)));
        double milliampsPerUnit = currentReading.Factor;

        // Decided on the columns read: a date column elsewhere ("05.03.2024") says nothing about their decimals.
        // A last row without a line break is read where it is whole: many programs end their last row so.
        lines.CutReason = (before, last) => LastRowForm.CutReason(before, last, l => Fields(file, 0, l, delimiter), read.Contains);
        int firstData = Math.Max(headerLine, unitsLine) + 1;
        bool decimalComma = spec.DecimalComma ?? (delimiter != ',' && DataUsesDecimalComma(file, lines.From(firstData).Take(20), firstData, delimiter, read));
        string? commaHint = spec.DecimalComma == null && !decimalComma && format == "csv" ? "; if the file writes decimals with a comma, give --decimal-comma" : null;

        // A value too large for its quantity is most often a column read in a unit too large (mV read as V, the default):
        // a refusal names the unit it was read in and the option one unit smaller. It said only "other units".
        string? voltageHint = UnitMistakeHint.For(voltageReading, "--voltage-unit", UnitMistakeHint.VoltageUnits, larger: false);
        string? currentHint = UnitMistakeHint.For(currentReading, "--current-unit", UnitMistakeHint.CurrentUnits, larger: false);
        List<TableRow> rows = new List<TableRow>();
        int sameTimeRows = 0;
        int? firstSameTimeLine = null;
        int i = headerLine;
        foreach (string line in lines.From(headerLine + 1))
        {
            i++;
            if (line.Trim().Length == 0 || i == unitsLine)
            {
                continue;
            }

            string[] fields = Fields(file, i, line, delimiter);
            double t = Seconds(file, i, fields, time, names, decimalComma, commaHint, secondsPerUnit, ref timeReading);
            TableRow row = new TableRow(t, new double[cells], new double[modules]);
            for (int c = 0; c < cells; c++)
            {
                row.VoltageV[c] = Number(file, i, fields, voltage[c], names, decimalComma, commaHint) * voltsPerUnit;
                ReadingRange.CheckVoltage(file, i + 1, names[voltage[c]], row.VoltageV[c], voltageHint);
            }

            for (int m = 0; m < modules; m++)
            {
                row.CurrentMA[m] = Number(file, i, fields, current[m], names, decimalComma, commaHint) * milliampsPerUnit;
                ReadingRange.CheckCurrent(file, i + 1, names[current[m]], row.CurrentMA[m], currentHint);
            }

            if (rows.Count > 0 && t < rows[^1].TimeS)
            {
                throw new LabFileException(file + ": line " + (i + 1) + ": time " + t.ToString("R", CultureInfo.InvariantCulture) + " s in column '" + names[time] + "' goes back from " + rows[^1].TimeS.ToString("R", CultureInfo.InvariantCulture) + " s");
            }

            if (rows.Count > 0 && t == rows[^1].TimeS)
            {
                // Some cyclers log two rows at a step change: the later one holds from here on. Counted, so the rows
                // not read are said (they were replaced without a word).
                rows[^1] = row;
                sameTimeRows++;
                firstSameTimeLine ??= i + 1;
                continue;
            }

            rows.Add(row);
        }

        if (rows.Count < 2)
        {
            throw new LabFileException(file + ": fewer than two data rows after the header at line " + (headerLine + 1) + LeftOut(lines, headerLine));
        }

        LabRecording recording = new LabRecording(format, modules, cellsPerModule, rows.Count)
        {
            TimeReading = timeReading,
            VoltageReading = voltageReading,
            CurrentReading = currentReading,
            SameTimeRows = firstSameTimeLine is int sameLine
                ? sameTimeRows.ToString(CultureInfo.InvariantCulture) + (sameTimeRows == 1 ? " row has" : " rows have") + " the time of the row before it (the first at line "
                    + sameLine.ToString(CultureInfo.InvariantCulture) + "); of rows at one time the last is read, as a cycler logs two at a step change"
                : null,
        };
        for (int k = 0; k < rows.Count; k++)
        {
            recording.TimeS[k] = rows[k].TimeS;
            for (int c = 0; c < cells; c++)
            {
                recording.CellVoltageV[c][k] = rows[k].VoltageV[c];
            }

            for (int m = 0; m < modules; m++)
            {
                recording.ModuleCurrentMA[m][k] = rows[k].CurrentMA[m];
            }
        }

        return recording;
    }

    /// <summary>One row's values: time, s; each cell's voltage, V; each module's current, mA.</summary>
    private sealed record TableRow(double TimeS, double[] VoltageV, double[] CurrentMA);

    /// <summary>
    /// The unit the columns of one quantity are read in: one for all, as a unit option gives it. Columns whose names or
    /// units row state different units are refused, naming them: each read in its own, one message about a unit could
    /// name one column's only.
    /// </summary>
    private static ColumnReading OneUnit(string file, string quantity, IEnumerable<ColumnReading> readings)
    {
        ColumnReading[] all = readings.ToArray();
        ColumnReading? other = all.FirstOrDefault(r => r.Factor != all[0].Factor);
        if (other != null)
        {
            throw new LabFileException(file + ": the " + quantity + " columns are in different units, '" + all[0].Column + "' in " + all[0].Unit + " (" + all[0].Why("the unit option")
                + ") and '" + other.Column + "' in " + other.Unit + " (" + other.Why("the unit option") + "); replay reads one unit for all of them");
        }

        return all[0];
    }

    /// <summary>
    /// The header row of a table whose column names are given (0-based): the first of its first
    /// <see cref="HeaderSearchLines"/> lines that names all the columns, so that lines a program writes before it (a
    /// Maccor export's "Today's Date" and "Filename" lines) are passed over; else the one that names most of them, where
    /// reading stops at the column it lacks (that line's columns listed). A file none of whose first lines names any of
    /// them is refused, naming the columns looked for and the first line's.
    /// </summary>
    internal static int HeaderLine(string file, TextLines lines, ColumnSpec spec)
    {
        string[] wanted = spec.Wanted();
        int best = -1;
        int bestFound = 0;
        int index = -1;
        string? first = null;
        foreach (string line in HeaderCandidates(lines))
        {
            index++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            first ??= line;
            string[] names;
            try
            {
                names = Fields(file, index, line, spec.Delimiter ?? Detect(line)).Select(n => n.Trim()).ToArray();
            }
            catch (LabFileException)
            {
                // A line before the header may hold a lone quote; it is no header either.
                continue;
            }

            int found = wanted.Count(w => Candidates(names, w) > 0);
            if (found == wanted.Length)
            {
                return index;
            }

            if (found > bestFound)
            {
                best = index;
                bestFound = found;
            }
        }

        if (best >= 0)
        {
            return best;
        }

        throw new LabFileException(file + ": no line of its first " + HeaderSearchLines + " names any of the columns '" + string.Join("', '", wanted)
            + "' (a column's whole name, or its name before a unit, in any case)" + (first != null ? "; the first line: '" + Shorten(first) + "'" : string.Empty));
    }

    /// <summary>
    /// The first <see cref="HeaderSearchLines"/> lines, with a last line that has no line break among them: left out as a
    /// data row, it may still be the header (a table saved before any row was written, without a line break).
    /// </summary>
    private static IEnumerable<string> HeaderCandidates(TextLines lines)
    {
        int count = 0;
        foreach (string line in lines.From(0).Take(HeaderSearchLines))
        {
            count++;
            yield return line;
        }

        if (count < HeaderSearchLines && lines.LeftOutLastLine is (_, string last, _))
        {
            yield return last;
        }
    }

    /// <summary>
    /// The 0-based line of a units row under the header ("s,V,mA" under "time,voltage,current", as many loggers
    /// write), or -1: the first non-empty line after the header, when none of the columns read holds a number or a
    /// time there and one of them holds text. Such a row was refused at its line as a value that is not a number.
    /// </summary>
    private static int UnitsRowLine(string file, TextLines lines, int headerLine, char delimiter, int[] columns)
    {
        int index = headerLine;
        foreach (string line in lines.From(headerLine + 1))
        {
            index++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] cells;
            try
            {
                cells = Fields(file, index, line, delimiter);
            }
            catch (LabFileException)
            {
                // Reading the row as data says what is wrong with it.
                return -1;
            }

            bool text = false;
            foreach (int column in columns)
            {
                string cell = UnitCell(cells, column) ?? string.Empty;
                string number = cell.Replace(',', '.');
                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || (cell.Contains(':') && ClockTime.TryParse(number, out _)))
                {
                    return -1;
                }

                // A unit names something: a cell of digits and signs alone is a damaged number, not a unit.
                text |= cell.Any(char.IsLetter);
            }

            return text ? index : -1;
        }

        return -1;
    }

    /// <summary>The cell's text, trimmed, with a unit's brackets taken off ("[mA]", "(s)"); null when it is empty or missing.</summary>
    private static string? UnitCell(string[] cells, int column)
    {
        string cell = column < cells.Length ? cells[column].Trim() : string.Empty;
        if (cell.Length >= 2 && ((cell[0] == '[' && cell[^1] == ']') || (cell[0] == '(' && cell[^1] == ')')))
        {
            cell = cell[1..^1].Trim();
        }

        return cell.Length > 0 ? cell : null;
    }

    /// <summary>Lines looked through for a table's header row.</summary>
    public const int HeaderSearchLines = 200;

    public static char Detect(string header) =>
        header.Contains('\t') ? '\t' : header.Contains(';') ? ';' : ',';

    /// <param name="firstLine">0-based index of the first of <paramref name="lines"/>.</param>
    private static bool DataUsesDecimalComma(string file, IEnumerable<string> lines, int firstLine, char delimiter, int[] columns)
    {
        int index = firstLine;
        foreach (string line in lines)
        {
            string[] cells = Fields(file, index++, line, delimiter);
            foreach (int column in columns)
            {
                string c = column < cells.Length ? cells[column].Trim() : string.Empty;
                if (c.Contains(',') && !c.Contains('.'))
                {
                    return true;
                }

                if (c.Contains('.'))
                {
                    return false;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The fields of one row, as RFC 4180 reads them: a field may be quoted, a delimiter inside quotes is part of
    /// the field and "" inside quotes is one quote. A comma-separated table can only hold decimal commas that way
    /// ("0,5"): split at every comma, such a row would be read as other numbers without a word.
    /// </summary>
    /// <param name="index">0-based line index, for the error.</param>
    internal static string[] Fields(string file, int index, string line, char delimiter)
    {
        if (!line.Contains('"'))
        {
            return line.Split(delimiter);
        }

        List<string> fields = new List<string>();
        StringBuilder field = new StringBuilder();
        bool quoted = false;
        for (int k = 0; k < line.Length; k++)
        {
            char c = line[k];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (k + 1 < line.Length && line[k + 1] == '"')
                {
                    field.Append('"');
                    k++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                // Spaces some writers put after the delimiter do not make the quote part of the value.
                field.Clear();
                quoted = true;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            // A field that goes on over the line break is not read: the rows would no longer be the file's lines.
            throw new LabFileException(file + ": line " + (index + 1) + ": a quoted field has no closing quote");
        }

        fields.Add(field.ToString());
        return fields.ToArray();
    }

    /// <summary>
    /// The columns named <paramref name="wanted"/>, each by <see cref="Find"/>. All that the line lacks are refused in one
    /// message with the line's columns, and two names that find the same column ("Current" and "Current(A)") are refused.
    /// </summary>
    private static int[] FindAll(string file, string[] names, string[] wanted, int headerLine)
    {
        int[] found = wanted.Select(w => Find(file, names, w, headerLine)).ToArray();
        string[] missing = wanted.Where((w, i) => found[i] < 0).ToArray();
        if (missing.Length > 0)
        {
            throw new LabFileException(file + ": line " + (headerLine + 1) + " has no column" + (missing.Length > 1 ? "s" : string.Empty) + " '" + string.Join("', '", missing) + "'"
                + " (columns: " + string.Join(", ", names.Where(n => n.Length > 0)) + ")"
                + (names.Any(n => n.Contains(',')) ? "; a column whose name holds a comma is named in double quotes, as in '\"I, mA\"'" : string.Empty));
        }

        for (int a = 0; a < found.Length; a++)
        {
            int b = Array.IndexOf(found, found[a], a + 1);
            if (b > 0)
            {
                throw new LabFileException(file + ": line " + (headerLine + 1) + ": '" + wanted[a] + "' and '" + wanted[b] + "' are both column '" + names[found[a]] + "'; each column is read once");
            }
        }

        return found;
    }

    /// <summary>
    /// The column named <paramref name="wanted"/> (any case), or else the one column named so with a unit after it
    /// ("Current" finds "Current(A)" and "Current [mA]", not "Current density" or "CurrentRange"); -1 for none.
    /// </summary>
    private static int Find(string file, string[] names, string wanted, int headerLine)
    {
        int exact = Array.FindIndex(names, n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
        if (exact >= 0)
        {
            return exact;
        }

        int[] withUnit = WithUnit(names, wanted);
        if (withUnit.Length > 1)
        {
            throw new LabFileException(file + ": line " + (headerLine + 1) + ": '" + wanted + "' could be " + string.Join(" or ", withUnit.Select(i => "'" + names[i] + "'")) + "; give the whole name");
        }

        return withUnit.Length == 1 ? withUnit[0] : -1;
    }

    /// <summary>
    /// A time cell in s: a number in the column's unit, or a time written h:mm:ss(.fff) (<see cref="ClockTime"/>), which
    /// states its own unit. The first such value makes <paramref name="reading"/> say so: no unit option changes it.
    /// </summary>
    private static double Seconds(string file, int line, string[] cells, int column, string[] names, bool decimalComma, string? commaHint, double secondsPerUnit, ref ColumnReading reading)
    {
        string text = column < cells.Length ? cells[column].Trim() : string.Empty;
        if (text.Contains(':') && ClockTime.TryParse(decimalComma ? text.Replace(',', '.') : text, out double seconds))
        {
            if (reading.Unit != "h:mm:ss")
            {
                reading = new ColumnReading(reading.Column, "h:mm:ss", 1, ColumnUnitSource.Name);
            }

            return seconds;
        }

        return Number(file, line, cells, column, names, decimalComma, commaHint, text.Contains(':') ? "neither a number nor a time " + ClockTime.Form + " (minutes and seconds under 60)" : "not a number") * secondsPerUnit;
    }

    /// <summary>How many of <paramref name="names"/> <see cref="Find"/> could take for <paramref name="wanted"/>.</summary>
    private static int Candidates(string[] names, string wanted) =>
        names.Any(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)) ? 1 : WithUnit(names, wanted).Length;

    /// <summary>The columns named <paramref name="wanted"/> with a unit after it ("Current(A)", "Current [mA]", "Current/mA", "Current_mA").</summary>
    private static int[] WithUnit(string[] names, string wanted) =>
        Enumerable.Range(0, names.Length).Where(i => names[i].StartsWith(wanted, StringComparison.OrdinalIgnoreCase)
            && names[i].Substring(wanted.Length).TrimStart() is string rest && rest.Length > 0 && "([/_".Contains(rest[0])
            && (rest[0] != '_' || rest.LastIndexOf('_') == 0) && ColumnUnit.Of(rest) != null).ToArray();

    /// <summary>The last line left out for want of a line break, for a message about the rows read; empty if none was.</summary>
    /// <param name="headerLine">0-based index of the header row, which is no row left out; -1 for none.</param>
    internal static string LeftOut(TextLines lines, int headerLine = -1) =>
        lines.LeftOutLastLine is (int line, _, _) && line != headerLine + 1 ? " (line " + line.ToString(CultureInfo.InvariantCulture) + ", the last, has no line break after it and was left out as a row cut while the file was written)" : string.Empty;

    private static string Shorten(string line) => line.Length <= 120 ? line : line.Substring(0, 120) + "...";

    private static double Number(string file, int line, string[] cells, int column, string[] names, bool decimalComma, string? commaHint, string problem = "not a number")
    {
        if (column >= cells.Length)
        {
            throw new LabFileException(file + ": line " + (line + 1) + " has no value in column '" + names[column] + "'");
        }

        string text = cells[column].Trim();
        if (decimalComma)
        {
            text = text.Replace(',', '.');
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new LabFileException(file + ": line " + (line + 1) + ": '" + cells[column].Trim() + "' in column '" + names[column] + "' is " + problem
                + (commaHint != null && text.Contains(',') ? commaHint : string.Empty));
        }

        return value;
    }
}
