// Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Edge.HostSim.Studies;

/// <summary>study.csv: one row per finished variant in variant order, the axis values first, then the outcome and whether it is on the Pareto front.</summary>
public static class StudyTable
{
    /// <summary>The first column, the variant's id.</summary>
    public const string VariantColumn = "variant";

    public static readonly string[] OutcomeColumns =
    {
        "capacityMAhPerCm2", "dutyCycle", "meanRestS", "stopReason", "holdDiagnosis", "terminatedBy", "simulatedS", "events", "warnings", "faults",
        "depletionOnsets", "softShorts", "hardShorts", "switchCloses", "pareto",
    };

    public static string Csv(StudySpec spec, IReadOnlyList<StudyRow> rows)
    {
        HashSet<int> front = new HashSet<int>(ParetoFront.Of(rows));
        CultureInfo inv = CultureInfo.InvariantCulture;
        StringBuilder csv = new StringBuilder(VariantColumn);
        foreach (StudyAxis axis in spec.Axes)
        {
            csv.Append(',').Append(axis.Name);
        }

        foreach (string column in OutcomeColumns)
        {
            csv.Append(',').Append(column);
        }

        csv.Append('\n');
        for (int i = 0; i < rows.Count; i++)
        {
            StudyRow row = rows[i];
            csv.Append(row.Variant);
            foreach (StudyAxis axis in spec.Axes)
            {
                csv.Append(',').Append(Quote(row.Parameters[axis.Name] is { } value ? StudyPlan.Text(value) : string.Empty));
            }

            csv.Append(',').Append(row.CapacityMAhPerCm2.ToString("0.######", inv))
                .Append(',').Append(row.DutyCycle.ToString("0.######", inv))
                .Append(',').Append(row.MeanRestS.ToString("0.####", inv))
                .Append(',').Append(row.StopReason)
                .Append(',').Append(row.HoldDiagnosis)
                .Append(',').Append(row.TerminatedBy)
                .Append(',').Append(Output.SimulatedTime.Seconds(row.SimulatedS))
                .Append(',').Append(row.Events.ToString(inv))
                .Append(',').Append(row.Warnings.ToString(inv))
                .Append(',').Append(row.Faults.ToString(inv))
                .Append(',').Append(row.DepletionOnsets.ToString(inv))
                .Append(',').Append(row.SoftShorts.ToString(inv))
                .Append(',').Append(row.HardShorts.ToString(inv))
                .Append(',').Append(row.SwitchCloses.ToString(inv))
                .Append(',').Append(front.Contains(i) ? "yes" : "no")
                .Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>True for a column every study.csv has, whatever its axes: an axis of that name would head a second one.</summary>
    public static bool IsFixedColumn(string name) => name == VariantColumn || OutcomeColumns.Contains(name);

    private static string Quote(string text) =>
        text.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
