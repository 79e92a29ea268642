// Licensed under the MIT License.

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// A run's time (simulated, or a replayed recording's) in the unit that keeps its axis readable: s up to 10 min, min
/// up to 5 h, h beyond.
/// </summary>
public sealed class TimeAxis
{
    private readonly bool _recorded;

    private TimeAxis(double secondsPerUnit, string unit, bool recorded)
    {
        SecondsPerUnit = secondsPerUnit;
        Unit = unit;
        _recorded = recorded;
    }

    public double SecondsPerUnit { get; }

    public string Unit { get; }

    public string Label => (_recorded ? "recording time (" : "simulated time (") + Unit + ")";

    /// <param name="recorded">True for a replayed recording's time.</param>
    public static TimeAxis For(double spanS, bool recorded = false)
    {
        if (spanS > 5 * 3600)
        {
            return new TimeAxis(3600, "h", recorded);
        }

        return spanS > 600 ? new TimeAxis(60, "min", recorded) : new TimeAxis(1, "s", recorded);
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
