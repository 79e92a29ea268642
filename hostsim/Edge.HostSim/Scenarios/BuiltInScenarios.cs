// Licensed under the MIT License.

using System.Reflection;

namespace Edge.HostSim.Scenarios;

/// <summary>Scenarios shipped inside the assembly.</summary>
public static class BuiltInScenarios
{
    /// <summary>
    /// NaK50, 1 s pulses at 1 mA/cm2 with adaptive rest in act mode on two modules of two cells; module 1
    /// develops an intermittent soft short and later a hard short.
    /// </summary>
    public static string DemoJson()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Edge.HostSim.Scenarios.demo.json")
            ?? throw new InvalidOperationException("The built-in demo scenario is missing from the assembly.");
        using StreamReader reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Scenario Demo() => ScenarioLoader.Parse(DemoJson());
}
