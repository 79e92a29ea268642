// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// Whether a last line without a line break is a whole row or one cut while the file was still written. A cut takes
/// the line's end away, so only its last field can be part of a value: the line is whole where it has the fields of
/// the row before, and its last field (where it is one that is read) is written as the row before's, the same
/// characters between its digits (sign aside) and as many digits at its end ("2.2952E-01" after "2.2913E-01", where
/// "2.3" or "2.2952E-0" is cut). A writer that varies its digits from row to row ("0.23" after "0.2295") has its
/// whole last row left out, said so; such a writer can also hide a cut that leaves as many digits as the row before
/// ("0.38" from "0.385" after "0.38"), a difference under one unit of the row before's last digit.
/// </summary>
internal static class LastRowForm
{
    /// <param name="before">The row before, as the file wrote it.</param>
    /// <param name="last">The last line, which has no line break after it.</param>
    /// <param name="fields">The fields of a row (a table's delimiter and quoting).</param>
    /// <param name="isRead">Whether the field of that index (0-based) is one the replay reads.</param>
    /// <returns>Null where the last line is whole; else a clause saying what shows it cut.</returns>
    public static string? CutReason(string before, string last, Func<string, string[]> fields, Func<int, bool> isRead)
    {
        string[] a;
        string[] b;
        try
        {
            a = fields(before);
            b = fields(last);
        }
        catch (LabFileException)
        {
            // A quoted field without its closing quote: cut inside it.
            return " and a quoted field in it is not closed";
        }

        if (b.Length != a.Length)
        {
            return " and has " + b.Length + (b.Length == 1 ? " field" : " fields") + " where the row before has " + a.Length;
        }

        int end = b.Length - 1;
        if (!isRead(end))
        {
            // Its last field is not read, and the fields that are read are whole before it.
            return null;
        }

        string was = a[end].Trim();
        string now = b[end].Trim();
        return SameForm(was, now) ? null : " and its last value '" + now + "' is not written as the row before's ('" + was + "')";
    }

    /// <summary>The same characters between the digits, sign aside, and as many digits after the last of them.</summary>
    private static bool SameForm(string was, string now)
    {
        string w = was.TrimStart('-', '+');
        string n = now.TrimStart('-', '+');
        if (w.Length == 0 || n.Length == 0 || !char.IsAsciiDigit(w[^1]) || !char.IsAsciiDigit(n[^1]))
        {
            return false;
        }

        return string.Equals(Skeleton(w), Skeleton(n), StringComparison.OrdinalIgnoreCase) && TrailingDigits(w) == TrailingDigits(n);
    }

    /// <summary>The text with each run of digits as one '#'.</summary>
    private static string Skeleton(string text)
    {
        System.Text.StringBuilder s = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            bool digit = char.IsAsciiDigit(text[i]);
            if (!digit)
            {
                s.Append(text[i]);
            }
            else if (i == 0 || !char.IsAsciiDigit(text[i - 1]))
            {
                s.Append('#');
            }
        }

        return s.ToString();
    }

    private static int TrailingDigits(string text)
    {
        int k = text.Length;
        while (k > 0 && char.IsAsciiDigit(text[k - 1]))
        {
            k--;
        }

        return text.Length - k;
    }
}
