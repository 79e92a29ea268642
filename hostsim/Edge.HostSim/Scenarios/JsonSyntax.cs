// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;

namespace Edge.HostSim.Scenarios;

/// <summary>
/// What System.Text.Json does not check or says in its own terms: a key given twice in one object (the
/// parser keeps the last one, so a typo'd copy would silently win), and syntax errors with 1-based
/// line and column numbers as an editor shows them.
/// </summary>
public static class JsonSyntax
{
    /// <summary>Throws a <see cref="ScenarioException"/> at the first object that names a key twice.</summary>
    public static void RejectDuplicateKeys(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                string child = path.Length == 0 ? property.Name : path + "." + property.Name;
                if (!seen.Add(property.Name))
                {
                    throw new ScenarioException(child, "is given twice; give each field once");
                }

                RejectDuplicateKeys(property.Value, child);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                RejectDuplicateKeys(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                index++;
            }
        }
    }

    /// <summary>"not valid JSON at line 3, column 7: ..." with 1-based positions (the exception's are 0-based).</summary>
    public static string Describe(JsonException e)
    {
        string message = e.Message;
        int position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0)
        {
            message = message.Substring(0, position).TrimEnd();
        }

        // Advice to the program, not to whoever wrote the file ("... not supported in this mode. Change the reader options.").
        int advice = message.IndexOf(" Change the reader options", StringComparison.Ordinal);
        if (advice >= 0)
        {
            message = message.Substring(0, advice);
        }

        message = message.Replace(" which is not supported in this mode", string.Empty, StringComparison.Ordinal).TrimEnd('.');
        if (e.LineNumber.HasValue)
        {
            long column = (e.BytePositionInLine ?? 0) + 1;
            return string.Format(CultureInfo.InvariantCulture, "not valid JSON at line {0}, column {1}: {2}", e.LineNumber.Value + 1, column, message);
        }

        return "not valid JSON: " + message;
    }
}
