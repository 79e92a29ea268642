// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edge.HostSim.Scenarios;

/// <summary>
/// Scenario templates (a study's base scenario, a scoring family's): a deep copy of a JSON tree in which
/// every string value is passed through a filler, which may turn it into any node (a placeholder that
/// stands alone becomes the value's own type).
/// </summary>
public static class JsonTemplate
{
    /// <summary>A deep copy of <paramref name="node"/> with each string value replaced by <paramref name="fill"/>'s node for it.</summary>
    public static JsonNode? FillStrings(JsonNode? node, Func<string, JsonNode?> fill)
    {
        switch (node)
        {
            case JsonObject obj:
                JsonObject filledObject = new JsonObject();
                foreach (KeyValuePair<string, JsonNode?> entry in obj)
                {
                    filledObject[entry.Key] = FillStrings(entry.Value, fill);
                }

                return filledObject;
            case JsonArray array:
                JsonArray filledArray = new JsonArray();
                foreach (JsonNode? item in array)
                {
                    filledArray.Add(FillStrings(item, fill));
                }

                return filledArray;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return fill(value.GetValue<string>());
            default:
                return node?.DeepClone();
        }
    }
}
