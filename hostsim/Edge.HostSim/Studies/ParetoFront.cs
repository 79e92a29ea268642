// Licensed under the MIT License.

namespace Edge.HostSim.Studies;

/// <summary>
/// The variants no other variant beats on both capacity and duty cycle (more charge before the stop, and more
/// of the time under current). Duty cycles within <see cref="DutyTolerance"/> of each other count as the same duty.
/// Ties are all on the front.
/// </summary>
public static class ParetoFront
{
    /// <summary>
    /// The measured duty of one nominal duty cycle moves in its 5th or 6th decimal with where the run stopped in its
    /// cycle (the example study: 1/3 measured as 0.333334 and 0.333335): compared exactly, a variant with far less
    /// capacity stayed on the front for 0.000001 more duty. 0.001 is the duty study.csv's readers see (3 decimals).
    /// </summary>
    public const double DutyTolerance = 0.001;

    /// <summary>
    /// True when A has at least B's capacity and duty cycle and more of one: B is dominated. Duty cycles within
    /// <see cref="DutyTolerance"/> count as equal.
    /// </summary>
    public static bool Dominates(double capacityA, double dutyA, double capacityB, double dutyB) =>
        capacityA >= capacityB && dutyA >= dutyB - DutyTolerance && (capacityA > capacityB || dutyA > dutyB + DutyTolerance);

    /// <summary>Indexes (into <paramref name="rows"/>) of the front, by rising duty cycle.</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<StudyRow> rows)
    {
        List<int> front = new List<int>();
        for (int i = 0; i < rows.Count; i++)
        {
            bool dominated = false;
            for (int k = 0; k < rows.Count && !dominated; k++)
            {
                dominated = k != i && Dominates(rows[k].CapacityMAhPerCm2, rows[k].DutyCycle, rows[i].CapacityMAhPerCm2, rows[i].DutyCycle);
            }

            if (!dominated)
            {
                front.Add(i);
            }
        }

        return front.OrderBy(i => rows[i].DutyCycle).ThenBy(i => rows[i].Index).ToList();
    }
}
