// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;

namespace Edge.HostSim.Scenarios;

/// <summary>
/// Strict reader of one JSON object of a scenario: typed getters that name the field path in every error,
/// and a final check that rejects any field nobody asked for.
/// </summary>
internal sealed class JsonSection
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _known = new HashSet<string>(StringComparer.Ordinal);

    public JsonSection(JsonElement element, string path)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException(path, "must be an object, not " + Describe(element.ValueKind));
        }

        _element = element;
    }

    public string Path { get; }

    public string FieldPath(string name) => Path.Length == 0 ? name : Path + "." + name;

    public bool Has(string name)
    {
        _known.Add(name);
        return _element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null;
    }

    public JsonElement Raw(string name)
    {
        if (!Has(name))
        {
            throw new ScenarioException(FieldPath(name), "is required");
        }

        return _element.GetProperty(name);
    }

    public JsonSection Section(string name) => new JsonSection(Raw(name), FieldPath(name));

    public string String(string name)
    {
        JsonElement value = Raw(name);
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ScenarioException(FieldPath(name), "must be a string, not " + Describe(value.ValueKind));
        }

        return value.GetString()!;
    }

    public string String(string name, string fallback) => Has(name) ? String(name) : fallback;

    public double Number(string name, double minimum, double maximum)
    {
        JsonElement value = Raw(name);
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new ScenarioException(FieldPath(name), "must be a number, not " + Describe(value.ValueKind));
        }

        double number = value.GetDouble();
        if (!(number >= minimum && number <= maximum))
        {
            throw new ScenarioException(FieldPath(name), number.ToString(CultureInfo.InvariantCulture) + " is out of range [" + minimum.ToString(CultureInfo.InvariantCulture) + ", " + maximum.ToString(CultureInfo.InvariantCulture) + "]");
        }

        return number;
    }

    public double Number(string name, double minimum, double maximum, double fallback) => Has(name) ? Number(name, minimum, maximum) : fallback;

    public double? OptionalNumber(string name, double minimum, double maximum) => Has(name) ? Number(name, minimum, maximum) : null;

    public long Integer(string name, long minimum, long maximum)
    {
        JsonElement value = Raw(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            throw new ScenarioException(FieldPath(name), "must be an integer, not " + (value.ValueKind == JsonValueKind.Number ? value.GetRawText() : Describe(value.ValueKind)));
        }

        if (number < minimum || number > maximum)
        {
            throw new ScenarioException(FieldPath(name), number.ToString(CultureInfo.InvariantCulture) + " is out of range [" + minimum.ToString(CultureInfo.InvariantCulture) + ", " + maximum.ToString(CultureInfo.InvariantCulture) + "]");
        }

        return number;
    }

    public long Integer(string name, long minimum, long maximum, long fallback) => Has(name) ? Integer(name, minimum, maximum) : fallback;

    public int? OptionalInt(string name, int minimum, int maximum) => Has(name) ? (int)Integer(name, minimum, maximum) : null;

    public bool Boolean(string name, bool fallback)
    {
        if (!Has(name))
        {
            return fallback;
        }

        JsonElement value = Raw(name);
        if (value.ValueKind != JsonValueKind.True && value.ValueKind != JsonValueKind.False)
        {
            throw new ScenarioException(FieldPath(name), "must be true or false, not " + Describe(value.ValueKind));
        }

        return value.GetBoolean();
    }

    public JsonElement Array(string name)
    {
        JsonElement value = Raw(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ScenarioException(FieldPath(name), "must be an array, not " + Describe(value.ValueKind));
        }

        return value;
    }

    /// <summary>
    /// Call first where getters check fields against each other ("give exactly one of step and count"): these are the
    /// object's fields, and any other is an error now, so that a misspelt key ("cuont") is named as unknown, not
    /// reported as the field it should have been missing.
    /// </summary>
    public void AcceptOnly(params string[] names)
    {
        foreach (string name in names)
        {
            _known.Add(name);
        }

        RejectUnknown();
    }

    /// <summary>Call last: any field no getter asked for is an error (typos must not pass silently).</summary>
    public void RejectUnknown()
    {
        foreach (JsonProperty property in _element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                throw new ScenarioException(FieldPath(property.Name), "unknown field (valid: " + string.Join(", ", _known) + ")");
            }
        }
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
