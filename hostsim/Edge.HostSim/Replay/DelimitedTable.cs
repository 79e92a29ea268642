// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Replay;

/// <summary>
/// Reads the time, voltage and current columns of a delimited text table (CSV, TSV; decimal point or
/// comma) into a one-cell <see cref="LabRecording"/>. Line numbers in errors are 1-based file lines.
/// </summary>
public static class DelimitedTable
{
    /// <param name="lines">The file's lines.</param>
    /// <param name="headerLine">0-based index of the header row; data follows it.</param>
    internal static LabRecording Read(string file, string format, TextLines lines, int headerLine, ColumnSpec spec)
    {
        string header = lines.At(headerLine) ?? throw new LabFileException(file + ": no column header at line " + (headerLine + 1));
        char delimiter = spec.Delimiter ?? Detect(header);
        string[] names = header.Split(delimiter).Select(n => n.Trim().Trim('"')).ToArray();
        int time = Find(file, names, spec.TimeColumn, headerLine);
        int voltage = Find(file, names, spec.VoltageColumn, headerLine);
        int current = Find(file, names, spec.CurrentColumn, headerLine);
        bool decimalComma = spec.DecimalComma ?? (delimiter != ',' && DataUsesDecimalComma(lines.From(headerLine + 1).Take(20), delimiter));

        List<(double T, double V, double I)> rows = new List<(double, double, double)>();
        int i = headerLine;
        foreach (string line in lines.From(headerLine + 1))
        {
            i++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(delimiter);
            double t = Number(file, i, cells, time, names, decimalComma) * spec.SecondsPerTimeUnit;
            double v = Number(file, i, cells, voltage, names, decimalComma) * spec.VoltsPerVoltageUnit;
            double a = Number(file, i, cells, current, names, decimalComma) * spec.MilliampsPerCurrentUnit;
            ReadingRange.CheckVoltage(file, i + 1, names[voltage], v);
            ReadingRange.CheckCurrent(file, i + 1, names[current], a);
            if (rows.Count > 0 && t < rows[^1].T)
            {
                throw new LabFileException(file + ": line " + (i + 1) + ": time " + t.ToString("R", CultureInfo.InvariantCulture) + " s goes back from " + rows[^1].T.ToString("R", CultureInfo.InvariantCulture) + " s");
            }

            if (rows.Count > 0 && t == rows[^1].T)
            {
                // Some cyclers log two rows at a step change: the later one holds from here on.
                rows[^1] = (t, v, a);
                continue;
            }

            rows.Add((t, v, a));
        }

        if (rows.Count < 2)
        {
            throw new LabFileException(file + ": fewer than two data rows after the header at line " + (headerLine + 1));
        }

        LabRecording recording = new LabRecording(format, 1, 1, rows.Count);
        for (int k = 0; k < rows.Count; k++)
        {
            recording.TimeS[k] = rows[k].T;
            recording.CellVoltageV[0][k] = rows[k].V;
            recording.ModuleCurrentMA[0][k] = rows[k].I;
        }

        return recording;
    }

    public static char Detect(string header) =>
        header.Contains('\t') ? '\t' : header.Contains(';') ? ';' : ',';

    private static bool DataUsesDecimalComma(IEnumerable<string> lines, char delimiter)
    {
        foreach (string line in lines)
        {
            foreach (string cell in line.Split(delimiter))
            {
                string c = cell.Trim();
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

    private static int Find(string file, string[] names, string wanted, int headerLine)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < names.Length; i++)
            {
                bool match = pass == 0
                    ? string.Equals(names[i], wanted, StringComparison.OrdinalIgnoreCase)
                    : names[i].StartsWith(wanted, StringComparison.OrdinalIgnoreCase);
                if (match)
                {
                    return i;
                }
            }
        }

        throw new LabFileException(file + ": line " + (headerLine + 1) + " has no column '" + wanted + "' (columns: " + string.Join(", ", names.Where(n => n.Length > 0)) + ")");
    }

    private static double Number(string file, int line, string[] cells, int column, string[] names, bool decimalComma)
    {
        if (column >= cells.Length)
        {
            throw new LabFileException(file + ": line " + (line + 1) + " has no value in column '" + names[column] + "'");
        }

        string text = cells[column].Trim().Trim('"');
        if (decimalComma)
        {
            text = text.Replace(',', '.');
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new LabFileException(file + ": line " + (line + 1) + ": '" + cells[column].Trim() + "' in column '" + names[column] + "' is not a number");
        }

        return value;
    }
}
