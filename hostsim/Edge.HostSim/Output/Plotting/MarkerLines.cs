// Licensed under the MIT License.

using System.Globalization;
using ScottPlot;

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// The run plot's vertical markers (events, module stops, injected faults) and the key row listing every one of them.
/// </summary>
internal static class MarkerLines
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Markers concerning <paramref name="module"/> (and the pack); -2 = every marker. Markers closer than
    /// <see cref="MarkerSpacingPx"/> to the first of a group are drawn as one line, the group's most severe kind,
    /// labelled with their count and time span: a dozen lines a pixel apart merged into a solid bar that read as a
    /// voltage spike (the key row lists each of them). Labels run up the lines; a label closer than a text height to the
    /// previous one is left off (the key row lists every marker).
    /// </summary>
    public static void Draw(Plot plot, ChartMarkers markers, TimeAxis time, int module, bool labels, float fontSize, double xEnd, float plotWidthPx, float labelRoomPx)
    {
        // Labels alternate between the top and the bottom edge when markers crowd; a bottom label shares
        // its column with the top label just before it, so the two split the room.
        int roomChars = (int)(labelRoomPx / (fontSize * AverageGlyphWidthEm));
        double lastTopPx = double.NegativeInfinity;
        double lastBottomPx = double.NegativeInfinity;
        ScottPlot.Plottables.VerticalLine? lastTopLine = null;
        string lastTopText = string.Empty;
        List<ChartMarker> shown = markers.Markers.Where(m => module == -2 || m.Module == module || m.Module == -1).ToList();
        foreach (List<ChartMarker> group in Groups(shown, time, xEnd, plotWidthPx))
        {
            ChartMarker first = group[0];
            ChartMarker severest = group.OrderBy(m => (int)m.Kind).First();
            Color color = PlotPalette.Marker(severest.Kind);
            var line = plot.Add.VerticalLine(time.FromSeconds(first.TimeS), 1.4f, color, Pattern(severest.Kind));
            line.EnableAutoscale = false;
            line.ExcludeFromLegend = true;
            double px = xEnd > 0 ? time.FromSeconds(first.TimeS) / xEnd * plotWidthPx : 0;
            bool top = px - lastTopPx >= fontSize + 6;
            bool bottom = !top && px - lastBottomPx >= fontSize + 6;
            if (!labels || (!top && !bottom))
            {
                continue;
            }

            string text = GroupText(group, severest, time);
            if (top)
            {
                lastTopPx = px;
                lastTopLine = line;
                lastTopText = text;
                line.Text = Fit(text, roomChars);
            }
            else
            {
                lastBottomPx = px;
                line.Text = Fit(text, (roomChars / 2) - 1);
                if (lastTopLine != null)
                {
                    lastTopLine.Text = Fit(lastTopText, (roomChars / 2) - 1);
                }
            }

            line.LabelFontSize = fontSize;
            line.LabelOppositeAxis = top;
            line.LabelRotation = -90;
            line.ManualLabelAlignment = top ? Alignment.UpperRight : Alignment.UpperLeft;
            line.LabelFontColor = color;
            line.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            line.LabelBorderColor = color;
        }
    }

    /// <summary>Markers at least this far apart (px) get a line each; closer ones share one.</summary>
    public const double MarkerSpacingPx = 6;

    /// <summary>The markers in time order, each group starting at a marker and holding those less than <see cref="MarkerSpacingPx"/> after it.</summary>
    internal static List<List<ChartMarker>> Groups(IReadOnlyList<ChartMarker> markers, TimeAxis time, double xEnd, float plotWidthPx)
    {
        List<List<ChartMarker>> groups = new List<List<ChartMarker>>();
        double firstPx = double.NegativeInfinity;
        foreach (ChartMarker marker in markers.OrderBy(m => m.TimeS))
        {
            double px = xEnd > 0 ? time.FromSeconds(marker.TimeS) / xEnd * plotWidthPx : 0;
            if (groups.Count == 0 || px - firstPx >= MarkerSpacingPx)
            {
                groups.Add(new List<ChartMarker>());
                firstPx = px;
            }

            groups[^1].Add(marker);
        }

        return groups;
    }

    /// <summary>One marker's text; for a group, "18 markers 40.41-40.79 h: " (or "6 markers at 0 h: ") and its most severe marker's text.</summary>
    private static string GroupText(List<ChartMarker> group, ChartMarker severest, TimeAxis time)
    {
        if (group.Count == 1)
        {
            return group[0].Text;
        }

        string from = time.FromSeconds(group[0].TimeS).ToString("0.###", s_inv);
        string to = time.FromSeconds(group[^1].TimeS).ToString("0.###", s_inv);
        return group.Count + " markers " + (from == to ? "at " + from : from + "-" + to) + " " + time.Unit + ": " + severest.Text + ", ...";
    }

    /// <summary>Title, axes and padding of a row: what is left of its height is room for a label running up a marker line.</summary>
    public const float MarginsPx = 70;

    /// <summary>Mean advance of a glyph of the figures' sans font, in em.</summary>
    private const double AverageGlyphWidthEm = 0.62;

    /// <summary>A label cut to the room its chart has (a longer one would run over the title); the key row lists it in full.</summary>
    private static string Fit(string text, int maxChars) => text.Length <= maxChars || maxChars < 2 ? text : text.Substring(0, maxChars - 1) + "\u2026";

    private static LinePattern Pattern(MarkerKind kind) => kind == MarkerKind.Injected ? LinePattern.Dotted : kind == MarkerKind.Stop ? LinePattern.Dashed : LinePattern.Solid;

    /// <summary>A row listing every marker with its time, in the markers' colours and patterns.</summary>
    private static Plot Key(ChartMarkers markers, TimeAxis time, out int height)
    {
        Plot key = new Plot();
        key.Font.Set(RunFigure.SansFont);
        key.HideAxesAndGrid();
        key.Layout.Frameless();
        foreach (ChartMarker marker in markers.Markers)
        {
            key.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = time.FromSeconds(marker.TimeS).ToString("0.###", s_inv) + " " + time.Unit + "  " + marker.Text,
                LineColor = PlotPalette.Marker(marker.Kind),
                LinePattern = Pattern(marker.Kind),
                LineWidth = 2,
            });
        }

        key.Legend.Orientation = Orientation.Horizontal;
        key.Legend.FontSize = 11;
        key.Legend.OutlineWidth = 0;

        // Without its outline, the legend's shadow drew a stray right and bottom edge across the figure.
        key.Legend.ShadowColor = Colors.Transparent;
        key.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);
        height = 26 + (22 * (int)Math.Ceiling(markers.Markers.Count / 4.0));
        return key;
    }

    public static void AddKey(StackedFigure figure, ChartMarkers markers, TimeAxis time)
    {
        if (markers.Markers.Count > 0)
        {
            Plot key = Key(markers, time, out int height);
            figure.AddRow(height, key);
        }
    }
}
