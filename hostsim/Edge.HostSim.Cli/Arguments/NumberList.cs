// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Cli.Arguments;

/// <summary>
/// A comma-separated list of numbers on the command line (e.g. --rest 0,0.1,1,2): every entry present,
/// finite, in range and given once; otherwise a message naming the option and the entry.
/// </summary>
public static class NumberList
{
    /// <summary>Parses the list; on failure <paramref name="problem"/> says what is wrong and the result is null.</summary>
    public static double[]? TryParse(string text, double minimum, double maximum, string unit, out string? problem)
    {
        problem = null;
        string[] parts = text.Split(',');
        double[] values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i].Trim();
            if (part.Length == 0)
            {
                problem = "entry " + (i + 1) + " of '" + text + "' is empty; separate the values with single commas";
                return null;
            }

            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                problem = "'" + part + "' is not a number" + (part.Contains(' ') ? string.Empty : " (use '.' for decimals)");
                if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double special) && !double.IsFinite(special))
                {
                    problem = "'" + part + "' is not a finite number";
                }

                return null;
            }

            if (value < minimum || value > maximum)
            {
                problem = part + " " + unit + " is outside " + minimum.ToString(CultureInfo.InvariantCulture) + " to " + maximum.ToString(CultureInfo.InvariantCulture) + " " + unit;
                return null;
            }

            for (int k = 0; k < i; k++)
            {
                if (values[k] == value)
                {
                    problem = part + " is given twice (entries " + (k + 1) + " and " + (i + 1) + ")";
                    return null;
                }
            }

            values[i] = value;
        }

        return values;
    }
}
