// Licensed under the MIT License.

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Edge.HostSim.Studies;

/// <summary>Sets a value at a scenario field path ("pack.overrides.tauS", "protocol.steps[1]") in a JSON tree.</summary>
public static partial class JsonFieldPath
{
    public static bool IsValid(string path) => PathPattern().IsMatch(path);

    /// <summary>Sets the field, creating objects on the way; an array index must exist already.</summary>
    /// <exception cref="StudyException">The path and why it cannot be set, to follow "axis 'x' sets ".</exception>
    public static void Set(JsonObject root, string path, JsonNode value)
    {
        string[] parts = path.Split('.');
        JsonNode current = root;
        for (int i = 0; i < parts.Length; i++)
        {
            Match match = SegmentPattern().Match(parts[i]);
            string name = match.Groups[1].Value;
            bool last = i == parts.Length - 1;
            JsonObject container = current as JsonObject ?? throw new StudyException(path + ", but " + string.Join('.', parts, 0, i) + " is not an object in the base scenario");
            if (!match.Groups[2].Success)
            {
                if (last)
                {
                    container[name] = value.DeepClone();
                    return;
                }

                if (container[name] == null)
                {
                    container[name] = new JsonObject();
                }

                current = container[name]!;
                continue;
            }

            int index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (container[name] is not JsonArray array || index >= array.Count)
            {
                throw new StudyException(path + ", but the base scenario has no " + name + "[" + index + "]"
                    + (container[name] is JsonArray held ? " (" + name + (held.Count == 0 ? " is empty)" : held.Count == 1 ? " holds [0] only)" : " holds [0] to [" + (held.Count - 1) + "])") : string.Empty));
            }

            if (last)
            {
                array[index] = value.DeepClone();
                return;
            }

            current = array[index] ?? throw new StudyException(path + ", but " + name + "[" + index + "] is null in the base scenario");
        }
    }

    /// <summary>The node at the path, or null where the tree has none (a missing field, an index past the array's end).</summary>
    public static JsonNode? Find(JsonObject root, string path)
    {
        JsonNode? current = root;
        foreach (string part in path.Split('.'))
        {
            Match match = SegmentPattern().Match(part);
            current = current is JsonObject container ? container[match.Groups[1].Value] : null;
            if (match.Groups[2].Success)
            {
                int index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                current = current is JsonArray array && index < array.Count ? array[index] : null;
            }

            if (current == null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// The path's steps, a name or an [index] each: "protocol.steps[1]" is protocol, steps, [1]. One path lies inside
    /// another when the other's steps begin its own.
    /// </summary>
    public static IReadOnlyList<string> Steps(string path)
    {
        List<string> steps = new List<string>();
        foreach (string part in path.Split('.'))
        {
            Match match = SegmentPattern().Match(part);
            steps.Add(match.Groups[1].Value);
            if (match.Groups[2].Success)
            {
                steps.Add("[" + match.Groups[2].Value + "]");
            }
        }

        return steps;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(\[\d+\])?(\.[A-Za-z][A-Za-z0-9]*(\[\d+\])?)*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9]*)(?:\[(\d+)\])?$")]
    private static partial Regex SegmentPattern();
}
