// Licensed under the MIT License.

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

    public static readonly JsonSerializerOptions Compact = new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
