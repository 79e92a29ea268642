// Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Text;

namespace Edge.HostSim.Output;

/// <summary>
/// Minimal SVG line charts: stacked panels sharing the width, each with axes, "nice" ticks, axis labels
/// and a legend. No plotting package: the output is plain SVG text.
/// </summary>
public sealed class SvgChart
{
    public static readonly string[] Palette = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };

    private const int Width = 960;
    private const int PanelHeight = 300;
    private const int Left = 80;
    private const int Right = 190;
    private const int Top = 50;
    private const int Gap = 60;
    private const int Bottom = 50;

    private readonly List<(string YLabel, List<PlotSeries> Series)> _panels = new();
    private readonly string _title;
    private readonly string _xLabel;

    public SvgChart(string title, string xLabel)
    {
        _title = title;
        _xLabel = xLabel;
    }

    public void AddPanel(string yLabel, List<PlotSeries> series) => _panels.Add((yLabel, series));

    public string Render()
    {
        int height = Top + (_panels.Count * PanelHeight) + ((_panels.Count - 1) * Gap) + Bottom;
        StringBuilder svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Width).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height).Append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append("<text x=\"").Append(Width / 2).Append("\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">").Append(Escape(_title)).Append("</text>\n");
        (double xMin, double xMax) = Range(_panels.SelectMany(p => p.Series).SelectMany(s => s.X));
        for (int p = 0; p < _panels.Count; p++)
        {
            int top = Top + (p * (PanelHeight + Gap));
            RenderPanel(svg, _panels[p].YLabel, _panels[p].Series, top, xMin, xMax, p == _panels.Count - 1);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private void RenderPanel(StringBuilder svg, string yLabel, List<PlotSeries> series, int top, double xMin, double xMax, bool lastPanel)
    {
        int plotWidth = Width - Left - Right;
        (double yMin, double yMax) = Range(series.SelectMany(s => s.Y));
        double[] xTicks = NiceTicks(xMin, xMax, 8);
        double[] yTicks = NiceTicks(yMin, yMax, 6);
        xMin = Math.Min(xMin, xTicks[0]);
        xMax = Math.Max(xMax, xTicks[^1]);
        yMin = Math.Min(yMin, yTicks[0]);
        yMax = Math.Max(yMax, yTicks[^1]);
        double Sx(double x) => Left + ((x - xMin) / (xMax - xMin) * plotWidth);
        double Sy(double y) => top + PanelHeight - ((y - yMin) / (yMax - yMin) * PanelHeight);

        svg.Append("<g>\n");
        foreach (double t in xTicks)
        {
            double x = Sx(t);
            svg.Append("<line x1=\"").Append(F(x)).Append("\" y1=\"").Append(top).Append("\" x2=\"").Append(F(x)).Append("\" y2=\"").Append(top + PanelHeight).Append("\" stroke=\"#e0e0e0\"/>\n");
            svg.Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(top + PanelHeight + 16).Append("\" text-anchor=\"middle\">").Append(Label(t)).Append("</text>\n");
        }

        foreach (double t in yTicks)
        {
            double y = Sy(t);
            svg.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(F(y)).Append("\" x2=\"").Append(Left + plotWidth).Append("\" y2=\"").Append(F(y)).Append("\" stroke=\"#e0e0e0\"/>\n");
            svg.Append("<text x=\"").Append(Left - 6).Append("\" y=\"").Append(F(y + 4)).Append("\" text-anchor=\"end\">").Append(Label(t)).Append("</text>\n");
        }

        svg.Append("<rect x=\"").Append(Left).Append("\" y=\"").Append(top).Append("\" width=\"").Append(plotWidth).Append("\" height=\"").Append(PanelHeight).Append("\" fill=\"none\" stroke=\"black\"/>\n");
        svg.Append("<text transform=\"translate(").Append(Left - 55).Append(',').Append(top + (PanelHeight / 2)).Append(") rotate(-90)\" text-anchor=\"middle\">").Append(Escape(yLabel)).Append("</text>\n");
        if (lastPanel)
        {
            svg.Append("<text x=\"").Append(Left + (plotWidth / 2)).Append("\" y=\"").Append(top + PanelHeight + 40).Append("\" text-anchor=\"middle\">").Append(Escape(_xLabel)).Append("</text>\n");
        }

        for (int i = 0; i < series.Count; i++)
        {
            PlotSeries s = series[i];
            if (s.X.Length > 0)
            {
                svg.Append("<polyline fill=\"none\" stroke-width=\"1.2\" stroke=\"").Append(s.Color).Append("\" points=\"");
                for (int k = 0; k < s.X.Length; k++)
                {
                    svg.Append(F(Sx(s.X[k]))).Append(',').Append(F(Sy(s.Y[k]))).Append(' ');
                }

                svg.Append("\"/>\n");
                if (s.Markers)
                {
                    for (int k = 0; k < s.X.Length; k++)
                    {
                        svg.Append("<circle r=\"4\" fill=\"").Append(s.Color).Append("\" cx=\"").Append(F(Sx(s.X[k]))).Append("\" cy=\"").Append(F(Sy(s.Y[k]))).Append("\"/>\n");
                    }
                }
            }

            // Legend to the right of the panel.
            int ly = top + 12 + (i * 18);
            int lx = Left + plotWidth + 12;
            svg.Append("<line x1=\"").Append(lx).Append("\" y1=\"").Append(ly - 4).Append("\" x2=\"").Append(lx + 20).Append("\" y2=\"").Append(ly - 4).Append("\" stroke-width=\"2\" stroke=\"").Append(s.Color).Append("\"/>\n");
            svg.Append("<text x=\"").Append(lx + 26).Append("\" y=\"").Append(ly).Append("\">").Append(Escape(s.Label)).Append("</text>\n");
        }

        svg.Append("</g>\n");
    }

    /// <summary>Tick values at 1, 2 or 5 times a power of ten covering [min, max].</summary>
    public static double[] NiceTicks(double min, double max, int target)
    {
        if (!(max > min))
        {
            max = min + 1;
        }

        double raw = (max - min) / Math.Max(1, target);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / power;
        double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
        double first = Math.Floor(min / step) * step;
        double last = Math.Ceiling(max / step) * step;
        int count = (int)Math.Round((last - first) / step) + 1;
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++)
        {
            ticks[i] = first + (i * step);
        }

        return ticks;
    }

    private static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (double.IsInfinity(min))
        {
            return (0, 1);
        }

        if (max - min < 1e-9)
        {
            return (min - 0.5, max + 0.5);
        }

        return (min, max);
    }

    private static string Label(double value) => Math.Abs(value) < 1e-12 ? "0" : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
