// Licensed under the MIT License.

namespace Edge.HostSim.Scoring;

/// <summary>
/// Distribution of a set of numbers: count, extremes, quantiles (linear interpolation between order statistics,
/// as spreadsheets' PERCENTILE.INC) and mean. Empty sets give nulls.
/// </summary>
public sealed class Summary
{
    private Summary(IReadOnlyList<double> sorted)
    {
        Values = sorted;
    }

    public int Count => Values.Count;

    public double? Min => Count > 0 ? Values[0] : null;

    public double? P10 => Quantile(0.10);

    public double? Median => Quantile(0.5);

    public double? P90 => Quantile(0.90);

    public double? Max => Count > 0 ? Values[^1] : null;

    public double? Mean => Count > 0 ? Values.Average() : null;

    /// <summary>The values, ascending.</summary>
    public IReadOnlyList<double> Values { get; }

    public static Summary Of(IEnumerable<double> values)
    {
        double[] sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(sorted);
        return new Summary(sorted);
    }

    /// <summary>Quantile q in [0, 1]; null for an empty set.</summary>
    public double? Quantile(double q)
    {
        if (Count == 0)
        {
            return null;
        }

        double position = q * (Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, Count - 1);
        return Values[below] + ((position - below) * (Values[above] - Values[below]));
    }
}
