// Licensed under the MIT License.

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Studies;

/// <summary>
/// Every {name} in the base scenario's strings is an axis's placeholder. One with no axis of its name (a misspelt
/// {restSec} for restS) was left in the text: in a number's place every variant was refused as "must be a number,
/// not a string", and in a name it ran under the literal braces.
/// </summary>
internal static partial class PlaceholderWithoutAxis
{
    /// <exception cref="ScenarioException">A base string holds a {name} that no axis is named.</exception>
    public static void Check(IReadOnlyList<StudyAxis> axes, JsonObject baseScenario) => Check(axes, baseScenario, "base");

    private static void Check(IReadOnlyList<StudyAxis> axes, JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> entry in obj)
                {
                    Check(axes, entry.Value, path + "." + entry.Key);
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Check(axes, array[i], path + "[" + i + "]");
                }

                break;
            case JsonValue value when value.TryGetValue(out string? text):
                foreach (Match match in Placeholder().Matches(text))
                {
                    string name = match.Groups[1].Value;
                    if (!axes.Any(a => a.Name == name))
                    {
                        throw new ScenarioException(path, "holds the {" + name + "} placeholder, but no axis is named '" + name + "' (axes: "
                            + string.Join(", ", axes.Select(a => a.Name)) + "); name an axis " + name + " or write the value in");
                    }
                }

                break;
        }
    }

    // The characters an axis name may have (StudyLoader.ReadAxis).
    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
