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

    /// <summary>The height of a title line past the first at 14 px, with its spacing.</summary>
    private const float TitleLinePx = 18;

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
            + RestText(configuration) + ", " + (scenario.Controller.Act ? "act" : "observe") + " mode"
            + (result.RecordedFrom == null ? ", seed " + scenario.Seed.ToString(s_inv) : string.Empty) + "  |  "
            + (result.RecordedFrom == null ? "simulated, true cell voltages"
                : result.RecordingSimulatedBecause != null ? "simulated recording (" + result.RecordedFrom + "), replayed: not a bench measurement"
                : "recorded (" + result.RecordedFrom + "), replayed");
        double xEnd = Math.Max(x.Length > 0 ? x[^1] : 0, 1e-6);

        if (selection.Mode == SelectionMode.PanelPerModule)
        {
            Plot header = NewPlot(0, xEnd, time, showX: false);
            DrawCurrents(header, trace, x, selection, Width, markers, time, labels: true, notes, labelRoomPx: 300 - MarkerLines.MarginsPx);
            header.YLabel("module current density (mA/cm2)");
            if (trace.Modules > 8)
            {
                header.HideLegend();
                notes.Add("module colours: as in the panels below (one hue per module, cells as its shades)");
            }
            else
            {
                header.ShowLegend(Alignment.UpperRight);
            }

            SetTitle(header, title, 300);
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
                    panel.Title("module " + m + "  (" + module.StopReason + ", " + module.CapacityMAhPerCm2.ToString("0.##", s_inv) + " mAh/cm2 net)", 11);
                    panel.YLabel(PanelVoltageLabel(m, cellsPerModule), 10);
                    panel.XLabel(time.Label, 10);
                    for (int c = 0; c < cellsPerModule; c++)
                    {
                        DrawCell(panel, trace, x, (m * cellsPerModule) + c, cellsPerModule, panelWidth - 66, legend: false);
                    }

                    LimitLines.Draw(panel, trace, configuration, scenario, null);
                    MarkerLines.Draw(panel, markers, time, m, labels: true, fontSize: 9, xEnd, panelWidth - 66, labelRoomPx: 210 - MarkerLines.MarginsPx);
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
            MarkerLines.AddKey(figure, markers, time);
            return figure;
        }

        Plot voltage = NewPlot(0, xEnd, time, showX: false);
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

        LimitLines.Draw(voltage, trace, configuration, scenario, notes);
        MarkerLines.Draw(voltage, markers, time, -2, labels: true, fontSize: 11, xEnd, Width - LeftPx - RightPx, labelRoomPx: 470 - MarkerLines.MarginsPx);
        voltage.ShowLegend(LegendCorner(markers, time, xEnd));
        AddNotes(voltage, notes);
        SetTitle(voltage, title, 470);
        figure.AddRow(470, voltage);

        Plot current = NewPlot(0, xEnd, time, showX: true);
        current.YLabel("module current density (mA/cm2)");
        current.XLabel(time.Label);
        DrawCurrents(current, trace, x, selection, Width, markers, time, labels: false, null, labelRoomPx: 280 - MarkerLines.MarginsPx);
        current.ShowLegend(Alignment.UpperRight);
        figure.AddRow(280, current);
        MarkerLines.AddKey(figure, markers, time);
        return figure;
    }

    /// <summary>
    /// A module panel's voltage axis: the quantity and the cells drawn in it, in the legend's names (the panels have no
    /// legend): "M12 C0-15 voltage (V)", "M3 C0 voltage (V)".
    /// </summary>
    public static string PanelVoltageLabel(int module, int cellsPerModule) =>
        "M" + module.ToString(s_inv) + " C0" + (cellsPerModule > 1 ? "-" + (cellsPerModule - 1).ToString(s_inv) : string.Empty) + " voltage (V)";

    /// <summary>
    /// How the protocol rests, as titles say it: "adaptive rest" or "fixed rest" when it has rest steps; "continuous
    /// current" when it has none and one current direction (the rest setting never applies: the switch stays closed
    /// until a stop); "direction-change rests only" when it has none but strips and plates.
    /// </summary>
    public static string RestText(ControllerConfiguration configuration) => ProtocolRest.Text(configuration);

    /// <summary>Writes plot.svg and plot.png into <paramref name="directory"/>.</summary>
    public static void Write(string directory, Scenario scenario, SimulationResult result, string svgName, string pngName)
    {
        StackedFigure figure = Build(scenario, result);
        figure.SaveSvg(Path.Combine(directory, svgName));
        figure.SavePng(Path.Combine(directory, pngName));
    }

    /// <summary>
    /// The figure's title over <paramref name="plot"/>'s data area (a top plot's, no x axis), broken into lines that fit
    /// it: on one line a long scenario or recording name ran past the figure's edges. The top margin grows by a line for
    /// each line past the first, so the title does not run into the data.
    /// </summary>
    private static void SetTitle(Plot plot, string title, int heightPx)
    {
        PlotTitle.Set(plot, title, 14, Width, heightPx);
        int moreLines = plot.Axes.Title.Label.Text.Count(c => c == '\n');
        plot.Layout.Fixed(new PixelPadding(LeftPx, RightPx, 22, 34 + (moreLines * TitleLinePx)));
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

        MarkerLines.Draw(plot, markers, time, -2, labels, 11, x.Length > 0 ? x[^1] : 1, width - LeftPx - RightPx, labelRoomPx);
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
