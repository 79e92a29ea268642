// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Configuration;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using ScottPlot;

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// The run plot (plot.svg and plot.png): cell voltages above, module currents below, on one simulated
/// time axis, with events, module stops and injected faults as vertical markers and the cut-off and
/// safety limits as horizontal lines. Rows denser than pixels are drawn as min/max envelopes; large packs
/// get one panel per module or a selection (<see cref="CellSelection"/>), never a silent cut.
/// </summary>
public static class RunFigure
{
    public const int Width = 1400;

    private const float LeftPx = 78;
    private const float RightPx = 24;

    /// <summary>Debian's fonts-dejavu-core; ScottPlot falls back to its default typeface where it is missing.</summary>
    public const string SansFont = "DejaVu Sans";

    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the figure for a run with a trace.</summary>
    public static StackedFigure Build(Scenario scenario, SimulationResult result)
    {
        TraceBuffer trace = result.Trace ?? throw new ArgumentException("the run kept no trace", nameof(result));
        ControllerConfiguration configuration = ScenarioCompiler.Compile(scenario);
        int rows = trace.Count;
        double endS = rows > 0 ? trace.TimeS[rows - 1] : 0;
        TimeAxis time = TimeAxis.For(endS, result.RecordingStartS);
        double[] x = time.FromSeconds(trace.TimeS, rows);
        CellSelection selection = CellSelection.Choose(trace, result);
        ChartMarkers markers = ChartMarkers.Collect(scenario, result);
        int cellsPerModule = trace.Cells / trace.Modules;
        List<string> notes = new List<string>();
        if (markers.Omitted > 0)
        {
            notes.Add(markers.Omitted + " more markers not drawn (the " + markers.Limit + " most severe are; every event is in events.jsonl)");
        }

        StackedFigure figure = new StackedFigure(Width);
        string title = scenario.Name + "  |  " + scenario.Pack.Modules + " x " + scenario.Pack.CellsPerModule + " " + scenario.Pack.Preset + ", "
            + (scenario.Protocol.AdaptiveRest ? "adaptive" : "fixed") + " rest, " + (scenario.Controller.Act ? "act" : "observe") + " mode  |  "
            + (result.RecordedFrom == null ? "simulated, true cell voltages" : "recorded (" + result.RecordedFrom + "), replayed");
        double xEnd = Math.Max(x.Length > 0 ? x[^1] : 0, 1e-6);

        if (selection.Mode == SelectionMode.PanelPerModule)
        {
            Plot header = NewPlot(0, xEnd, time, showX: false);
            header.Title(title, 14);
            DrawCurrents(header, trace, x, selection, Width, markers, time, labels: true, notes, labelRoomPx: 300 - MarginsPx);
            header.YLabel("module current (mA/cm2)");
            if (trace.Modules > 8)
            {
                header.HideLegend();
                notes.Add("module colours: as in the panels below (one hue per module, cells as its shades)");
            }
            else
            {
                header.ShowLegend(Alignment.UpperRight);
            }

            figure.AddRow(300, header);
            const int columns = 4;
            int panelWidth = Width / columns;
            for (int first = 0; first < trace.Modules; first += columns)
            {
                List<Plot> row = new List<Plot>();
                for (int m = first; m < Math.Min(trace.Modules, first + columns); m++)
                {
                    Plot panel = NewPlot(0, xEnd, time, showX: true, leftPx: 56, rightPx: 10);
                    ModuleResult module = result.Modules[m];
                    panel.Title("module " + m + "  (" + module.StopReason + ", " + module.CapacityMAhPerCm2.ToString("0.##", s_inv) + " mAh/cm2)", 11);
                    panel.YLabel("V", 11);
                    panel.XLabel(time.Label, 10);
                    for (int c = 0; c < cellsPerModule; c++)
                    {
                        DrawCell(panel, trace, x, (m * cellsPerModule) + c, cellsPerModule, panelWidth - 66, legend: false);
                    }

                    DrawLimits(panel, trace, configuration, scenario, null);
                    DrawMarkers(panel, markers, time, m, labels: true, fontSize: 9, xEnd, panelWidth - 66, labelRoomPx: 210 - MarginsPx);
                    row.Add(panel);
                }

                while (row.Count < columns)
                {
                    Plot empty = new Plot();
                    empty.Font.Set(SansFont);
                    empty.HideAxesAndGrid();
                    row.Add(empty);
                }

                figure.AddRow(210, row.ToArray());
            }

            AddNotes(header, notes);
            AddMarkerKey(figure, markers, time);
            return figure;
        }

        Plot voltage = NewPlot(0, xEnd, time, showX: false);
        voltage.Title(title, 14);
        voltage.YLabel("cell voltage (V)");
        int bins = (int)(Width - LeftPx - RightPx);
        if (selection.Mode == SelectionMode.WorstCells)
        {
            List<SeriesEnvelope> all = new List<SeriesEnvelope>();
            for (int c = 0; c < trace.Cells; c++)
            {
                all.Add(SeriesEnvelope.Build(x, rows, bins, trace.VoltageV, trace.VoltageMinV, trace.VoltageMaxV, trace.Cells, c));
            }

            SeriesEnvelope pack = SeriesEnvelope.Union(all);
            var band = voltage.Add.FillY(pack.X, pack.Min, pack.Max);
            band.FillColor = PlotPalette.OmittedBand;
            band.LineWidth = 0;
            band.LegendText = "range of all " + trace.Cells + " cells";
            notes.Add(selection.Cells.Length + " of " + selection.TotalCells + " cells drawn as lines (cells named by events first, then the highest peaks and lowest troughs); "
                + selection.OmittedCells + " more only within the grey range band");
        }

        foreach (int c in selection.Cells)
        {
            DrawCell(voltage, trace, x, c, cellsPerModule, bins, legend: selection.Cells.Length <= CellSelection.MaximumLines);
        }

        DrawLimits(voltage, trace, configuration, scenario, notes);
        DrawMarkers(voltage, markers, time, -2, labels: true, fontSize: 11, xEnd, Width - LeftPx - RightPx, labelRoomPx: 470 - MarginsPx);
        voltage.ShowLegend(LegendCorner(markers, time, xEnd));
        AddNotes(voltage, notes);
        figure.AddRow(470, voltage);

        Plot current = NewPlot(0, xEnd, time, showX: true);
        current.YLabel("module current (mA/cm2)");
        current.XLabel(time.Label);
        DrawCurrents(current, trace, x, selection, Width, markers, time, labels: false, null, labelRoomPx: 280 - MarginsPx);
        current.ShowLegend(Alignment.UpperRight);
        figure.AddRow(280, current);
        AddMarkerKey(figure, markers, time);
        return figure;
    }

    /// <summary>Writes plot.svg and plot.png into <paramref name="directory"/>.</summary>
    public static void Write(string directory, Scenario scenario, SimulationResult result, string svgName, string pngName)
    {
        StackedFigure figure = Build(scenario, result);
        figure.SaveSvg(Path.Combine(directory, svgName));
        figure.SavePng(Path.Combine(directory, pngName));
    }

    private static Plot NewPlot(double x0, double x1, TimeAxis time, bool showX, float leftPx = LeftPx, float rightPx = RightPx)
    {
        Plot plot = new Plot();
        plot.Font.Set(SansFont);
        plot.Layout.Fixed(new PixelPadding(leftPx, rightPx, showX ? 46 : 22, 34));
        plot.Axes.SetLimitsX(x0, x1);
        plot.Axes.Margins(horizontal: 0, vertical: 0.06);
        plot.Grid.MajorLineColor = Color.FromHex("#e5e7eb");
        return plot;
    }

    private static void DrawCell(Plot plot, TraceBuffer trace, double[] x, int cell, int cellsPerModule, int bins, bool legend)
    {
        int module = cell / cellsPerModule;
        int inModule = cell % cellsPerModule;
        Color color = PlotPalette.Cell(module, inModule, cellsPerModule);
        SeriesEnvelope env = SeriesEnvelope.Build(x, trace.Count, bins, trace.VoltageV, trace.VoltageMinV, trace.VoltageMaxV, trace.Cells, cell);
        DrawSeries(plot, env, color, PlotPalette.CellPattern(inModule), legend ? "M" + module + " C" + inModule : null);
    }

    /// <summary>A min/max band when dense (or when rows span several ticks), the sampled line when not.</summary>
    private static void DrawSeries(Plot plot, SeriesEnvelope env, Color color, LinePattern pattern, string? legend)
    {
        if (env.X.Length == 0)
        {
            return;
        }

        bool spread = false;
        for (int i = 0; i < env.Min.Length && !spread; i++)
        {
            spread = env.Max[i] - env.Min[i] > 1e-4;
        }

        if (env.Dense || spread)
        {
            var band = plot.Add.FillY(env.X, env.Min, env.Max);
            band.FillColor = color.WithAlpha(env.Dense ? 0.55 : 0.25);
            band.LineColor = color;
            band.LineWidth = env.Dense ? 0.8f : 0;
            if (env.Dense)
            {
                band.LegendText = legend == null ? string.Empty : legend + " (min..max)";
                return;
            }
        }

        var line = plot.Add.Scatter(env.X, env.Last, color);
        line.MarkerSize = 0;
        line.LineWidth = 1.6f;
        line.LinePattern = pattern;
        line.LegendText = legend ?? string.Empty;
    }

    private static void DrawCurrents(Plot plot, TraceBuffer trace, double[] x, CellSelection selection, int width, ChartMarkers markers, TimeAxis time, bool labels, List<string>? notes, float labelRoomPx)
    {
        int bins = (int)(width - LeftPx - RightPx);
        if (selection.OmittedModules > 0)
        {
            List<SeriesEnvelope> all = new List<SeriesEnvelope>();
            for (int m = 0; m < trace.Modules; m++)
            {
                all.Add(SeriesEnvelope.Build(x, trace.Count, bins, trace.CurrentMAPerCm2, trace.CurrentMinMAPerCm2, trace.CurrentMaxMAPerCm2, trace.Modules, m));
            }

            SeriesEnvelope pack = SeriesEnvelope.Union(all);
            var band = plot.Add.FillY(pack.X, pack.Min, pack.Max);
            band.FillColor = PlotPalette.OmittedBand;
            band.LineWidth = 0;
            band.LegendText = "range of all " + trace.Modules + " modules";
            notes?.Add(selection.Modules.Length + " of " + selection.TotalModules + " module currents drawn as lines; the others only within the grey band");
        }

        foreach (int m in selection.Modules)
        {
            SeriesEnvelope env = SeriesEnvelope.Build(x, trace.Count, bins, trace.CurrentMAPerCm2, trace.CurrentMinMAPerCm2, trace.CurrentMaxMAPerCm2, trace.Modules, m);
            DrawSeries(plot, env, PlotPalette.Module(m), LinePattern.Solid, "module " + m);
        }

        DrawMarkers(plot, markers, time, -2, labels, 11, x.Length > 0 ? x[^1] : 1, width - LeftPx - RightPx, labelRoomPx);
    }

    private static void DrawLimits(Plot plot, TraceBuffer trace, ControllerConfiguration configuration, Scenario scenario, List<string>? notes)
    {
        double highest = double.MinValue;
        double lowest = double.MaxValue;
        for (int i = 0; i < trace.Count * trace.Cells; i++)
        {
            highest = Math.Max(highest, trace.VoltageMaxV[i]);
            lowest = Math.Min(lowest, trace.VoltageMinV[i]);
        }

        bool plates = configuration.Protocol.Steps.Any(s => s.CurrentUa < 0);
        Limit(plot, configuration.Protocol.StripCutoffMv / 1000.0, "cut-off", PlotPalette.Limit, LinePattern.Dashed, highest, lowest, notes);
        if (plates)
        {
            Limit(plot, configuration.Protocol.PlateCutoffMv / 1000.0, "plating cut-off", PlotPalette.Limit, LinePattern.Dashed, highest, lowest, notes);
        }

        Limit(plot, configuration.Protection.CellMaximumMv / 1000.0, "safety max", PlotPalette.SafetyLimit, LinePattern.Dotted, highest, lowest, notes);
        if (plates || lowest < 0)
        {
            Limit(plot, configuration.Protection.CellMinimumMv / 1000.0, "safety min", PlotPalette.SafetyLimit, LinePattern.Dotted, highest, lowest, notes);
        }
    }

    /// <summary>Draws a limit line when the data come within half its distance from 0; otherwise says on the plot where it is.</summary>
    private static void Limit(Plot plot, double valueV, string name, Color color, LinePattern pattern, double highest, double lowest, List<string>? notes)
    {
        string text = name + " " + valueV.ToString("0.00", s_inv) + " V";
        bool near = valueV > 0 ? highest >= valueV * 0.5 : lowest <= valueV * 0.5;
        if (!near)
        {
            notes?.Add(text + (valueV > 0 ? " (above the plotted range)" : " (below the plotted range)"));
            return;
        }

        var line = plot.Add.HorizontalLine(valueV, 1.5f, color, pattern);
        line.ExcludeFromLegend = true;

        // The label sits on the line at the left edge of the data area (an axis-edge label would be clipped).
        var label = plot.Add.Text(text, 0, valueV);
        label.LabelFontSize = 10;
        label.LabelFontColor = color;
        label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        label.Alignment = valueV > 0 ? Alignment.LowerLeft : Alignment.UpperLeft;
        label.OffsetX = 4;
    }

    /// <summary>
    /// The upper corner whose fifth of the time axis holds fewer markers: a run's first markers (every module's start)
    /// sit at its left edge, where their labels covered the cells' legend.
    /// </summary>
    private static Alignment LegendCorner(ChartMarkers markers, TimeAxis time, double xEnd)
    {
        const double LegendShare = 0.2;
        int left = markers.Markers.Count(m => time.FromSeconds(m.TimeS) <= LegendShare * xEnd);
        int right = markers.Markers.Count(m => time.FromSeconds(m.TimeS) >= (1 - LegendShare) * xEnd);
        return left <= right ? Alignment.UpperLeft : Alignment.UpperRight;
    }

    /// <summary>
    /// Markers concerning <paramref name="module"/> (and the pack); -2 = every marker. Markers closer than
    /// <see cref="MarkerSpacingPx"/> to the first of a group are drawn as one line, the group's most severe kind,
    /// labelled with their count and time span: a dozen lines a pixel apart merged into a solid bar that read as a
    /// voltage spike (the key row lists each of them). Labels run up the lines; a label closer than a text height to the
    /// previous one is left off (the key row lists every marker).
    /// </summary>
    private static void DrawMarkers(Plot plot, ChartMarkers markers, TimeAxis time, int module, bool labels, float fontSize, double xEnd, float plotWidthPx, float labelRoomPx)
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
    private const float MarginsPx = 70;

    /// <summary>Mean advance of a glyph of the figures' sans font, in em.</summary>
    private const double AverageGlyphWidthEm = 0.62;

    /// <summary>A label cut to the room its chart has (a longer one would run over the title); the key row lists it in full.</summary>
    private static string Fit(string text, int maxChars) => text.Length <= maxChars || maxChars < 2 ? text : text.Substring(0, maxChars - 1) + "\u2026";

    private static LinePattern Pattern(MarkerKind kind) => kind == MarkerKind.Injected ? LinePattern.Dotted : kind == MarkerKind.Stop ? LinePattern.Dashed : LinePattern.Solid;

    /// <summary>A row listing every marker with its time, in the markers' colours and patterns.</summary>
    private static Plot MarkerKey(ChartMarkers markers, TimeAxis time, out int height)
    {
        Plot key = new Plot();
        key.Font.Set(SansFont);
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

    private static void AddMarkerKey(StackedFigure figure, ChartMarkers markers, TimeAxis time)
    {
        if (markers.Markers.Count > 0)
        {
            Plot key = MarkerKey(markers, time, out int height);
            figure.AddRow(height, key);
        }
    }

    private static void AddNotes(Plot plot, List<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        var note = plot.Add.Annotation(string.Join("\n", notes), Alignment.LowerRight);
        note.LabelFontSize = 10;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        note.LabelBorderColor = Color.FromHex("#94a3b8");
    }
}
