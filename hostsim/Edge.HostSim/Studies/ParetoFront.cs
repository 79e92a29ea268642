// Licensed under the MIT License.

namespace Edge.HostSim.Studies;

/// <summary>
/// The variants no other variant beats on both capacity and duty cycle (more charge before the stop, and more
/// of the time under current). Ties are all on the front.
/// </summary>
public static class ParetoFront
{
    /// <summary>Indexes (into <paramref name="rows"/>) of the front, by rising duty cycle.</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<StudyRow> rows)
    {
        List<int> front = new List<int>();
        for (int i = 0; i < rows.Count; i++)
        {
            bool dominated = false;
            for (int k = 0; k < rows.Count && !dominated; k++)
            {
                dominated = k != i
                    && rows[k].CapacityMAhPerCm2 >= rows[i].CapacityMAhPerCm2
                    && rows[k].DutyCycle >= rows[i].DutyCycle
                    && (rows[k].CapacityMAhPerCm2 > rows[i].CapacityMAhPerCm2 || rows[k].DutyCycle > rows[i].DutyCycle);
            }

            if (!dominated)
            {
                front.Add(i);
            }
        }

        return front.OrderBy(i => rows[i].DutyCycle).ThenBy(i => rows[i].Index).ToList();
    }
}
