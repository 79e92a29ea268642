// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Scenarios;

/// <summary>
/// What the simulator warns of in a scenario before it runs, the device's own warnings aside: its fields without effect
/// (<see cref="FieldsWithoutEffect"/>), then its board's cell channels too coarse for the detectors at the run's noise
/// (<see cref="ScenarioBoardResolution"/>). run says them on stderr and keeps them in summary.json's warnings; sweep and
/// study keep each distinct one once.
/// </summary>
public static class SimulatorWarnings
{
    /// <summary>The warnings of <paramref name="scenario"/> (loaded and valid) when <paramref name="use"/> runs it; empty when none.</summary>
    public static IReadOnlyList<string> Find(Scenario scenario, ScenarioUse use) =>
        FieldsWithoutEffect.Find(scenario, use).Concat(ScenarioBoardResolution.Warnings(scenario)).ToList();

    /// <summary>
    /// The warnings of a sweep's or a study's variants, each distinct one once in the order first met; one that only some
    /// variants give says in how many (" (in 3 of 12 variants)").
    /// </summary>
    public static IReadOnlyList<string> Across(IReadOnlyList<Scenario> variants, ScenarioUse use)
    {
        List<string> order = new List<string>();
        Dictionary<string, int> counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Scenario variant in variants)
        {
            foreach (string warning in Find(variant, use).Distinct())
            {
                if (counts.TryGetValue(warning, out int count))
                {
                    counts[warning] = count + 1;
                }
                else
                {
                    counts[warning] = 1;
                    order.Add(warning);
                }
            }
        }

        return order.Select(w => counts[w] == variants.Count ? w : string.Format(CultureInfo.InvariantCulture, "{0} (in {1} of {2} variants)", w, counts[w], variants.Count)).ToList();
    }
}
