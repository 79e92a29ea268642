// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// The column names an option gives as a comma-separated list (--voltage-column "V1,V2"), read as a CSV row: a name that
/// holds a comma is written in double quotes ("\"I, mA\""), a quote inside quotes doubled.
/// </summary>
public static class ColumnNames
{
    /// <param name="option">The option, for the refusal.</param>
    public static IReadOnlyList<string> Parse(string option, string text)
    {
        string[] names;
        try
        {
            names = DelimitedTable.Fields(option, 0, text, ',').Select(n => n.Trim()).ToArray();
        }
        catch (LabFileException)
        {
            throw new LabFileException(option + ": '" + text + "' opens a quote it does not close; a name that holds a comma is written in double quotes, as in '\"I, mA\"'");
        }

        if (names.Any(n => n.Length == 0))
        {
            throw new LabFileException(option + ": '" + text + "' has an empty name; names are separated by commas, and a name that holds a comma is written in double quotes, as in '\"I, mA\"'");
        }

        return names;
    }
}
