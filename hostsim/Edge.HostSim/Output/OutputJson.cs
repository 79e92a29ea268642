// Licensed under the MIT License.

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edge.HostSim.Output;

/// <summary>JSON conventions of every output file: camelCase, nulls omitted.</summary>
public static class OutputJson
{
    public static readonly JsonSerializerOptions Indented = new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>
    /// <see cref="Indented"/> for a file people read (summary.json): a quote inside a text is written \" and
    /// non-ASCII as itself, where the default escaping, made for JSON inside HTML, wrote \u0022 and \u00B5. Only
    /// files no page embeds take it; events.jsonl and the report's embedded data keep the default.
    /// </summary>
    public static readonly JsonSerializerOptions Readable = new JsonSerializerOptions(Indented)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Compact = new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
