// Licensed under the MIT License.

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// One trace column reduced to at most one point per pixel column: per bin the lowest row minimum, the
/// highest row maximum and the last sample. When the rows are denser than the bins (<see cref="Dense"/>)
/// a plot draws the min/max band, so a pulse shorter than a pixel still shows its true peak and trough
/// instead of a barcode or an aliased sample.
/// </summary>
public sealed class SeriesEnvelope
{
    private SeriesEnvelope(double[] x, double[] min, double[] max, double[] last, bool dense)
    {
        X = x;
        Min = min;
        Max = max;
        Last = last;
        Dense = dense;
    }

    /// <summary>Time of each bin (its last row), in the caller's unit.</summary>
    public double[] X { get; }

    public double[] Min { get; }

    public double[] Max { get; }

    /// <summary>The bin's last sample.</summary>
    public double[] Last { get; }

    /// <summary>More rows than bins: several rows share a pixel column.</summary>
    public bool Dense { get; }

    /// <summary>
    /// Bins column <paramref name="index"/> of row-major arrays of <paramref name="width"/> columns
    /// (values, per-row minima and maxima) over <paramref name="rows"/> rows at <paramref name="x"/>.
    /// </summary>
    public static SeriesEnvelope Build(double[] x, int rows, int bins, float[] values, float[] minima, float[] maxima, int width, int index)
    {
        return Build(x, rows, bins, r => values[(r * width) + index], r => minima[(r * width) + index], r => maxima[(r * width) + index]);
    }

    /// <summary>Bins any series given per row by value, minimum and maximum.</summary>
    public static SeriesEnvelope Build(double[] x, int rows, int bins, Func<int, double> value, Func<int, double> minimum, Func<int, double> maximum)
    {
        bins = Math.Max(1, bins);
        if (rows == 0)
        {
            return new SeriesEnvelope(Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>(), false);
        }

        double x0 = x[0];
        double span = Math.Max(x[rows - 1] - x0, 1e-9);
        List<double> bx = new List<double>();
        List<double> bmin = new List<double>();
        List<double> bmax = new List<double>();
        List<double> blast = new List<double>();
        int current = -1;
        for (int r = 0; r < rows; r++)
        {
            int bin = Math.Min(bins - 1, (int)((x[r] - x0) / span * bins));
            double lo = minimum(r);
            double hi = maximum(r);
            double v = value(r);
            if (bin != current)
            {
                current = bin;
                bx.Add(x[r]);
                bmin.Add(Math.Min(lo, v));
                bmax.Add(Math.Max(hi, v));
                blast.Add(v);
                continue;
            }

            int i = bx.Count - 1;
            bx[i] = x[r];
            bmin[i] = Math.Min(bmin[i], Math.Min(lo, v));
            bmax[i] = Math.Max(bmax[i], Math.Max(hi, v));
            blast[i] = v;
        }

        return new SeriesEnvelope(bx.ToArray(), bmin.ToArray(), bmax.ToArray(), blast.ToArray(), rows > bins);
    }

    /// <summary>Per bin the lowest minimum and highest maximum over several envelopes of the same rows and bins.</summary>
    public static SeriesEnvelope Union(IReadOnlyList<SeriesEnvelope> parts)
    {
        SeriesEnvelope first = parts[0];
        double[] min = (double[])first.Min.Clone();
        double[] max = (double[])first.Max.Clone();
        foreach (SeriesEnvelope part in parts)
        {
            for (int i = 0; i < min.Length; i++)
            {
                min[i] = Math.Min(min[i], part.Min[i]);
                max[i] = Math.Max(max[i], part.Max[i]);
            }
        }

        return new SeriesEnvelope(first.X, min, max, first.Last, first.Dense);
    }
}
