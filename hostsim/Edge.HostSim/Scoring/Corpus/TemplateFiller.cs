// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>
/// Fills a scenario template with one draw: a string that is exactly "${name}" becomes the number, a string
/// holding "${name}" among other text gets the number written in (invariant culture, no exponent), and a
/// variant's dotted paths replace fields (creating objects on the way).
/// </summary>
public static partial class TemplateFiller
{
    /// <summary>Names used as ${name} anywhere in the node.</summary>
    public static IEnumerable<string> Placeholders(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> entry in obj)
                {
                    foreach (string name in Placeholders(entry.Value))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    foreach (string name in Placeholders(item))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                foreach (Match match in PlaceholderPattern().Matches(value.GetValue<string>()))
                {
                    yield return match.Groups[1].Value;
                }

                break;
        }
    }

    /// <summary>A filled deep copy of <paramref name="node"/>.</summary>
    public static JsonNode? Fill(JsonNode? node, IReadOnlyDictionary<string, double> values)
    {
        return JsonTemplate.FillStrings(node, text =>
        {
            Match whole = PlaceholderPattern().Match(text);
            if (whole.Success && whole.Index == 0 && whole.Length == text.Length)
            {
                return JsonValue.Create(values[whole.Groups[1].Value]);
            }

            return JsonValue.Create(PlaceholderPattern().Replace(text, m => Format(values[m.Groups[1].Value])));
        });
    }

    /// <summary>Sets a dotted path ("controller.mode") in <paramref name="root"/>, creating objects on the way.</summary>
    public static void Set(JsonObject root, string dottedPath, JsonNode? value)
    {
        string[] parts = dottedPath.Split('.');
        JsonObject target = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (target[parts[i]] is JsonObject child)
            {
                target = child;
            }
            else
            {
                JsonObject created = new JsonObject();
                target[parts[i]] = created;
                target = created;
            }
        }

        target[parts[^1]] = value;
    }

    /// <summary>Invariant, round-trippable and without exponent for the magnitudes scenarios use.</summary>
    public static string Format(double value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\$\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex PlaceholderPattern();
}
