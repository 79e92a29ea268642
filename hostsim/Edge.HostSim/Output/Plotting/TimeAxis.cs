// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// A run's time (simulated, or a replay's) in the unit that keeps its axis readable: s up to 10 min, min up to 5 h, h
/// beyond. A replay's time counts from its first tick, not from the recording's own zero: its label says from which
/// recording time, so a reader can find a point in the lab file.
/// </summary>
public sealed class TimeAxis
{
    private readonly double? _recordingStartS;

    private TimeAxis(double secondsPerUnit, string unit, double? recordingStartS)
    {
        SecondsPerUnit = secondsPerUnit;
        Unit = unit;
        _recordingStartS = recordingStartS;
    }

    public double SecondsPerUnit { get; }

    public string Unit { get; }

    public string Label => _recordingStartS is double start
        ? "replay time (" + Unit + ") from recording time " + start.ToString("0.###", CultureInfo.InvariantCulture) + " s"
        : "simulated time (" + Unit + ")";

    /// <param name="recordingStartS">For a replay, the recording time of its first tick, s; null for a simulated run.</param>
    public static TimeAxis For(double spanS, double? recordingStartS = null)
    {
        if (spanS > 5 * 3600)
        {
            return new TimeAxis(3600, "h", recordingStartS);
        }

        return spanS > 600 ? new TimeAxis(60, "min", recordingStartS) : new TimeAxis(1, "s", recordingStartS);
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
