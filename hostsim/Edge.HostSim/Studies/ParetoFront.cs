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
        // By falling capacity, a row is dominated by one of more capacity whose duty is at most the tolerance below its
        // own, or by one of the same capacity whose duty is more than the tolerance above: the highest duty of each
        // decides, so one sort does what comparing every pair did (at the 100,000 variants a study may have, 10^10
        // comparisons in each of the table, the plot and the report). A capacity or duty that is NaN (a variant that
        // ran nothing) neither dominates nor is dominated, as Dominates has it.
        int[] byCapacity = Enumerable.Range(0, rows.Count)
            .Where(i => !double.IsNaN(rows[i].CapacityMAhPerCm2) && !double.IsNaN(rows[i].DutyCycle))
            .OrderByDescending(i => rows[i].CapacityMAhPerCm2)
            .ToArray();
        bool[] dominated = new bool[rows.Count];
        double highestDutyAbove = double.NegativeInfinity;
        int group = 0;
        while (group < byCapacity.Length)
        {
            double capacity = rows[byCapacity[group]].CapacityMAhPerCm2;
            double highestDutyHere = double.NegativeInfinity;
            int end = group;
            for (; end < byCapacity.Length && rows[byCapacity[end]].CapacityMAhPerCm2 == capacity; end++)
            {
                highestDutyHere = Math.Max(highestDutyHere, rows[byCapacity[end]].DutyCycle);
            }

            // A row's own duty is never above itself by more than the tolerance, so the group's highest may include it.
            for (int k = group; k < end; k++)
            {
                double duty = rows[byCapacity[k]].DutyCycle;
                dominated[byCapacity[k]] = (group > 0 && highestDutyAbove >= duty - DutyTolerance) || highestDutyHere > duty + DutyTolerance;
            }

            highestDutyAbove = Math.Max(highestDutyAbove, highestDutyHere);
            group = end;
        }

        return Enumerable.Range(0, rows.Count).Where(i => !dominated[i]).OrderBy(i => rows[i].DutyCycle).ThenBy(i => rows[i].Index).ToList();
    }
}
