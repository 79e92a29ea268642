// Licensed under the MIT License.

using System.Text;
using ScottPlot;

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// A plot title broken into lines that fit over the data area. ScottPlot centres the title over the data area and
/// draws it on one line: a sweep's shared settings (preset, every current step, mode, seed, sample period) ran off
/// both edges of its 1000 px figure.
/// </summary>
public static class PlotTitle
{
    /// <summary>
    /// Sets <paramref name="plot"/>'s title to <paramref name="text"/>, wrapped to the width of the data area the plot
    /// has at <paramref name="widthPx"/> x <paramref name="heightPx"/>, the size it is saved at. Call it once the axis
    /// labels and the legend are set: they take part of the figure's width from the data area.
    /// </summary>
    /// <param name="fontSize">As <see cref="Plot.Title(string, float?)"/>'s: null keeps ScottPlot's size.</param>
    public static void Set(Plot plot, string text, float? fontSize, int widthPx, int heightPx)
    {
        plot.Title(text, fontSize);
        plot.RenderInMemory(widthPx, heightPx);
        float maximumPx = plot.RenderManager.LastRender.DataRect.Width;
        plot.Axes.Title.Label.Text = Wrap(text, plot.Axes.Title.Label, maximumPx);
    }

    /// <summary>
    /// The text with line breaks where a line would be wider than <paramref name="maximumPx"/> in
    /// <paramref name="style"/>'s font: after a comma or colon where one fits (a setting stays whole), otherwise between
    /// words. A single word wider than that stays whole on its own line.
    /// </summary>
    public static string Wrap(string text, LabelStyle style, float maximumPx)
    {
        string original = style.Text;
        using Paint paint = Paint.NewDisposablePaint();
        float Width(string line)
        {
            style.Text = line;
            return style.Measure(paint).Width;
        }

        try
        {
            StringBuilder wrapped = new StringBuilder();
            string line = string.Empty;
            foreach (string phrase in Split(text, ", ", ": "))
            {
                if (line.Length > 0 && Width(line + phrase) <= maximumPx)
                {
                    line += phrase;
                    continue;
                }

                if (line.Length > 0)
                {
                    wrapped.Append(line.TrimEnd()).Append('\n');
                    line = string.Empty;
                }

                // A phrase wider than a line on its own (a long scenario name with its colon) is broken between words.
                foreach (string word in Width(phrase) <= maximumPx ? new List<string> { phrase } : Split(phrase, " "))
                {
                    if (line.Length > 0 && Width(line + word) > maximumPx)
                    {
                        wrapped.Append(line.TrimEnd()).Append('\n');
                        line = string.Empty;
                    }

                    line += word;
                }
            }

            return wrapped.Append(line.TrimEnd()).ToString();
        }
        finally
        {
            style.Text = original;
        }
    }

    /// <summary>The text cut after every separator, each piece keeping its separator: joined, they give the text back.</summary>
    private static List<string> Split(string text, params string[] separators)
    {
        List<string> pieces = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            foreach (string separator in separators)
            {
                if (string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
                {
                    pieces.Add(text.Substring(start, i + separator.Length - start));
                    start = i + separator.Length;
                    i = start - 1;
                    break;
                }
            }
        }

        if (start < text.Length)
        {
            pieces.Add(text.Substring(start));
        }

        return pieces;
    }
}
