// Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// Where a saved ScottPlot SVG puts things, read from its text: the data area (the rectangle the plottables are
/// clipped to), the legend's box (its white background rectangle), the points drawn in the data area (marker
/// centres and the vertices of every path there) and the texts drawn there, each with the box it covers.
/// </summary>
public sealed class SvgLayout
{
    private SvgLayout(string svg)
    {
        Width = Number(Regex.Match(svg, @"<svg[^>]*\bwidth=""([-0-9.]+)""").Groups[1].Value);
        Dictionary<string, Box> clips = Regex.Matches(svg, @"<clipPath id=""([^""]+)"">\s*<rect x=""([-0-9.]+)"" y=""([-0-9.]+)"" width=""([-0-9.]+)"" height=""([-0-9.]+)""/>")
            .ToDictionary(m => m.Groups[1].Value, m => Box.Of(Number(m.Groups[2].Value), Number(m.Groups[3].Value), Number(m.Groups[4].Value), Number(m.Groups[5].Value)));
        Assert.NotEmpty(clips);

        // ScottPlot clips each plottable to the data area; the first clip is the data area's.
        DataArea = clips.Values.First();
        MatchCollection legends = Regex.Matches(svg, @"<rect fill=""white"" x=""([-0-9.]+)"" y=""([-0-9.]+)"" width=""([-0-9.]+)"" height=""([-0-9.]+)""/>");
        Legend = Assert.Single(legends.Select(m => Box.Of(Number(m.Groups[1].Value), Number(m.Groups[2].Value), Number(m.Groups[3].Value), Number(m.Groups[4].Value))));
        foreach (Match group in Regex.Matches(svg, @"<g clip-path=""url\(#([^)]+)\)"">(.*?)</g>", RegexOptions.Singleline))
        {
            if (!clips[group.Groups[1].Value].Equals(DataArea))
            {
                continue;
            }

            string body = group.Groups[2].Value;
            foreach (Match ellipse in Regex.Matches(body, @"<ellipse[^>]*\bcx=""([-0-9.]+)"" cy=""([-0-9.]+)"" rx=""([-0-9.]+)"" ry=""([-0-9.]+)"""))
            {
                double x = Number(ellipse.Groups[1].Value);
                double y = Number(ellipse.Groups[2].Value);
                double r = Number(ellipse.Groups[3].Value);
                Points.Add(Box.Of(x - r, y - r, 2 * r, 2 * r));
            }

            foreach (Match square in Regex.Matches(body, @"<rect[^>]*\bx=""([-0-9.]+)"" y=""([-0-9.]+)"" width=""([-0-9.]+)"" height=""([-0-9.]+)"""))
            {
                Points.Add(Box.Of(Number(square.Groups[1].Value), Number(square.Groups[2].Value), Number(square.Groups[3].Value), Number(square.Groups[4].Value)));
            }

            foreach (Match path in Regex.Matches(body, @"<path[^>]*\bd=""([^""]*)"""))
            {
                foreach (Match vertex in Regex.Matches(path.Groups[1].Value, @"[ML]([-0-9.]+) ([-0-9.]+)"))
                {
                    Points.Add(Box.Of(Number(vertex.Groups[1].Value), Number(vertex.Groups[2].Value), 0, 0));
                }
            }

            // A text's glyphs start at the offsets of its x list from its translate; the last one is taken as wide as
            // the mean advance of the others.
            foreach (Match text in Regex.Matches(body, @"<text[^>]*transform=""translate\(([-0-9.]+) ([-0-9.]+)\)""[^>]*font-size=""([0-9.]+)""[^>]*\bx=""([^""]*)""[^>]*>\s*([^<]*?)\s*</text>"))
            {
                double size = Number(text.Groups[3].Value);
                double[] glyphs = text.Groups[4].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Number).ToArray();
                double left = Number(text.Groups[1].Value) + glyphs.Min();
                double advance = glyphs.Length > 1 ? (glyphs.Max() - glyphs.Min()) / (glyphs.Length - 1) : size;
                double right = Number(text.Groups[1].Value) + glyphs.Max() + advance;
                Labels.Add((text.Groups[5].Value, Box.Of(left, Number(text.Groups[2].Value), right - left, 1.2 * size)));
            }
        }
    }

    public double Width { get; }

    public Box DataArea { get; }

    public Box Legend { get; }

    public List<Box> Points { get; } = new List<Box>();

    public List<(string Text, Box Box)> Labels { get; } = new List<(string Text, Box Box)>();

    public static SvgLayout Read(string path) => new SvgLayout(File.ReadAllText(path));

    /// <summary>Asserts that no point or label of the data area lies under the legend, and that every label is drawn whole.</summary>
    public void AssertNothingUnderTheLegendAndEveryLabelWhole()
    {
        Assert.NotEmpty(Points);
        foreach (Box point in Points)
        {
            Assert.False(point.Overlaps(Legend), "a point at " + point + " lies under the legend " + Legend);
        }

        foreach ((string text, Box box) in Labels)
        {
            Assert.False(box.Overlaps(Legend), "label '" + text + "' " + box + " lies under the legend " + Legend);

            // Texts are clipped to the data area: a label past its edge is cut there (and the data area ends inside the figure).
            Assert.True(box.Left >= DataArea.Left && box.Right <= DataArea.Right && box.Top >= DataArea.Top && box.Bottom <= DataArea.Bottom, "label '" + text + "' " + box + " is not inside the data area " + DataArea);
            Assert.True(box.Right <= Width, "label '" + text + "' " + box + " runs past the figure's width " + Width);
        }
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>A rectangle in SVG pixels (y down).</summary>
    public readonly record struct Box(double Left, double Top, double Right, double Bottom)
    {
        public static Box Of(double x, double y, double width, double height) => new Box(x, y, x + width, y + height);

        public bool Overlaps(Box other) => Left <= other.Right && other.Left <= Right && Top <= other.Bottom && other.Top <= Bottom;

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "[{0:0.#}..{1:0.#} x {2:0.#}..{3:0.#}]", Left, Right, Top, Bottom);
    }
}
