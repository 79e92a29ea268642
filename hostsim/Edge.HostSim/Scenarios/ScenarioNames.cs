// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>Naming conventions shared by the scenario files and the outputs (camelCase enum names).</summary>
public static class ScenarioNames
{
    public static string Camel(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
}
