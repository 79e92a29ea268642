// Licensed under the MIT License.

namespace Edge.HostSim.Output;

/// <summary>One line (or marker set) of a chart panel.</summary>
public sealed class PlotSeries
{
    public PlotSeries(string label, double[] x, double[] y, string color, bool markers = false)
    {
        Label = label;
        X = x;
        Y = y;
        Color = color;
        Markers = markers;
    }

    public string Label { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public string Color { get; }

    /// <summary>Draw a circle at every point as well as the line.</summary>
    public bool Markers { get; }
}
