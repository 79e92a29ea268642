// Licensed under the MIT License.

namespace Edge.HostSim.Output.Plotting;

/// <summary>Simulated time in the unit that keeps a run's axis readable: s up to 10 min, min up to 5 h, h beyond.</summary>
public sealed class TimeAxis
{
    private TimeAxis(double secondsPerUnit, string unit)
    {
        SecondsPerUnit = secondsPerUnit;
        Unit = unit;
    }

    public double SecondsPerUnit { get; }

    public string Unit { get; }

    public string Label => "simulated time (" + Unit + ")";

    public static TimeAxis For(double spanS)
    {
        if (spanS > 5 * 3600)
        {
            return new TimeAxis(3600, "h");
        }

        return spanS > 600 ? new TimeAxis(60, "min") : new TimeAxis(1, "s");
    }

    public double FromSeconds(double s) => s / SecondsPerUnit;

    public double[] FromSeconds(double[] s, int count)
    {
        double[] x = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = s[i] / SecondsPerUnit;
        }

        return x;
    }
}
