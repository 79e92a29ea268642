// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Studies;

/// <summary>
/// Each scenario field is set by one axis at most. A variant's fields are set in manifest order, so of two axes on one
/// field (or one inside the other's) only the later one's value ran, while study.csv labelled the row with both: a
/// study of tau 2 and 3 crossed with tau 3 and 4 ran tau 3 and 4 under the labels 2 and 3 as well. Likewise an axis
/// that sets the field holding another axis's {placeholder} replaces it, and the other axis's values never ran.
/// </summary>
internal static class AxisFieldOverlap
{
    /// <exception cref="ScenarioException">Two axes set one field, or an axis sets a field that holds another's placeholder.</exception>
    public static void Check(IReadOnlyList<StudyAxis> axes, JsonObject baseScenario)
    {
        for (int i = 0; i < axes.Count; i++)
        {
            StudyAxis axis = axes[i];
            if (axis.Field == null)
            {
                continue;
            }

            string at = "axes[" + i + "].field";
            IReadOnlyList<string> steps = JsonFieldPath.Steps(axis.Field);
            for (int j = 0; j < i; j++)
            {
                if (axes[j].Field is string other && Overlap(steps, JsonFieldPath.Steps(other)))
                {
                    string relation = other == axis.Field ? "as axis '" + axes[j].Name + "' does"
                        : steps.Count > JsonFieldPath.Steps(other).Count ? "inside " + other + ", which axis '" + axes[j].Name + "' sets"
                        : "which holds " + other + ", which axis '" + axes[j].Name + "' sets";
                    throw new ScenarioException(at, "axis '" + axis.Name + "' sets " + axis.Field + ", " + relation
                        + ": each variant would run one axis's value there and be labelled with both; give the field to one axis");
                }
            }

            string? held = JsonFieldPath.Find(baseScenario, axis.Field)?.ToJsonString();
            StudyAxis? filled = held == null ? null : axes.FirstOrDefault(a => a != axis && held.Contains("{" + a.Name + "}", StringComparison.Ordinal));
            if (filled != null)
            {
                throw new ScenarioException(at, "axis '" + axis.Name + "' sets " + axis.Field + ", which holds the {" + filled.Name + "} placeholder of axis '" + filled.Name
                    + "': its value would replace the placeholder, and " + filled.Name + "'s values would label rows without running; fill the placeholder elsewhere or leave the field to one axis");
            }
        }
    }

    /// <summary>True when one path's steps begin the other's: the same field, or one inside the other.</summary>
    private static bool Overlap(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Take(Math.Min(a.Count, b.Count)).SequenceEqual(b.Take(Math.Min(a.Count, b.Count)), StringComparer.Ordinal);
}
