// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Configuration;
using Edge.HostSim.Output.Plotting;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Output.Report;

/// <summary>
/// report.html of a run: the summary, zoomable voltage and current charts on the simulated time axis
/// (the same selection, colours, envelopes and markers as plot.svg, at a finer binning) and the event list.
/// </summary>
public static class RunReport
{
    /// <summary>Events listed in the page at most; the rest are counted and left to events.jsonl.</summary>
    public const int MaximumEventRows = 5000;

    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static ReportData Build(Scenario scenario, SimulationResult result, IReadOnlyList<string>? warnings = null)
    {
        List<ReportChart> charts = new List<ReportChart>();
        if (result.Trace is TraceBuffer trace && trace.Count > 0)
        {
            charts.AddRange(Charts(scenario, result, trace));
        }

        return new ReportData
        {
            Title = scenario.Name + (result.RecordedFrom == null ? ": simulated run" : result.RecordingSimulatedBecause != null ? ": replayed simulated recording" : ": replayed recording"),
            Provenance = result.RecordedFrom == null
                ? "Simulated by the Edge host simulator (closed loop: the control core against the cell model); voltages are the model's true cell voltages, not a bench measurement."
                : result.RecordingSimulatedBecause != null
                    ? "Simulator output (" + result.RecordedFrom + "; " + result.RecordingSimulatedBecause + "), not a bench measurement, replayed through the Edge control core in observe mode, resampled to its tick. Voltages and currents are the file's; the events and rest analysis are the core's."
                    : "Recorded data (" + result.RecordedFrom + ") replayed through the Edge control core in observe mode, resampled to its tick; no cell model ran. Voltages and currents are the recording's; the events and rest analysis are the core's.",
            Facts = Facts(scenario, result, warnings),
            Charts = charts,
            Tables = warnings != null && warnings.Count > 0
                ? new List<ReportTable> { Warnings(warnings), Modules(result), Events(result) }
                : new List<ReportTable> { Modules(result), Events(result) },
        };
    }

    /// <summary>The simulator's warnings of the scenario in the run, one a row (SimulatorWarnings).</summary>
    public static ReportTable Warnings(IReadOnlyList<string> warnings) => new ReportTable
    {
        Title = "Scenario warnings",
        Columns = new[] { "warning" },
        Rows = warnings.Select(w => new[] { w }).ToList(),
        Note = "the simulator's, not the device's: well-formed fields the run did not act on in the configuration the scenario chose, and board cell channels too coarse for the detectors at the run's noise; each says what would change it",
    };

    /// <summary>What the page's fallback names: the files a run (or a replay) writes next to it.</summary>
    public const string DataFiles = "the summary is in " + RunOutputWriter.SummaryFile + " and the events in " + RunOutputWriter.EventsFile;

    public static void Write(string path, Scenario scenario, SimulationResult result, IReadOnlyList<string>? warnings = null) => ReportPage.Write(path, Build(scenario, result, warnings), DataFiles);

    /// <summary>"2 modules x 1 cell": each count with its noun in the number it takes.</summary>
    private static string PackCount(Scenario scenario) =>
        Counted(scenario.Pack.Modules, "module") + " x " + Counted(scenario.Pack.CellsPerModule, "cell");

    private static string Counted(int count, string noun) => count.ToString(s_inv) + " " + noun + (count == 1 ? string.Empty : "s");

    private static List<string[]> Facts(Scenario scenario, SimulationResult result, IReadOnlyList<string>? warnings)
    {
        if (result.SettingSources is ReplaySettingSources sources)
        {
            return ReplayFacts(scenario, result, sources);
        }

        return new List<string[]>
        {
            new[] { "pack", PackCount(scenario) + ", " + scenario.Pack.Preset + ", " + scenario.Pack.AreaCm2.ToString("0.####", s_inv) + " cm2" },
            new[] { "protocol", string.Join(", ", scenario.Protocol.Steps) + (scenario.Protocol.Repeat ? " (repeated)" : " (once)") },
            new[] { "rest", RestFact(scenario) },
            new[] { "mode", scenario.Controller.Act ? "act" : "observe" },
            new[] { "seed", scenario.Seed.ToString(s_inv) + " (noise, spread and probabilistic faults)" },
            new[] { "sample period", scenario.SamplePeriodMs + " ms" },
            new[] { "simulated", SimulatedTime.Seconds(result.SimulatedS) + " s (" + result.TerminatedBy + ")" },
            new[] { "wall time", result.WallS.ToString("0.##", s_inv) + " s" },
            new[] { "events", EventCount(result) },
            new[] { "scenario warnings", warnings == null || warnings.Count == 0 ? "none" : warnings.Count + " (the simulator's, listed below)" },
        };
    }

    /// <summary>Column of the cell model's hard-short time (simulator ground truth, which the controller never sees).</summary>
    public const string CellHardShortColumn = "cell hard short (s, simulated)";

    /// <summary>The rest setting, or what the protocol does instead when it has no rest step for the setting to apply to.</summary>
    private static string RestFact(Scenario scenario)
    {
        string text = RunFigure.RestText(ScenarioCompiler.Compile(scenario));
        return text.EndsWith(" rest", StringComparison.Ordinal) ? text.Substring(0, text.Length - " rest".Length) : "none: " + text;
    }

    /// <summary>
    /// A replay's facts, each setting with where it came from: a default for an option not given, or a protocol inferred
    /// from the current steps, is no figure of the recording's and no statement of the user's. The recording's gaps too.
    /// </summary>
    private static List<string[]> ReplayFacts(Scenario scenario, SimulationResult result, ReplaySettingSources sources)
    {
        return new List<string[]>
        {
            new[] { "pack", PackCount(scenario) + " (" + (sources.Protocol == SettingSource.Scenario ? "the --scenario file's" : "the recording's columns") + ")" },
            new[] { "electrode area", scenario.Pack.AreaCm2.ToString("0.####", s_inv) + " cm2 (" + Source(sources.AreaCm2, "--area", "pack.areaCm2") + ")" },
            new[] { "cell kind", scenario.Pack.Preset + " (" + Source(sources.Preset, "--preset", "pack.preset") + ")" },
            new[] { "cut-off", (ScenarioCompiler.Compile(scenario).Protocol.StripCutoffMv / 1000.0).ToString("0.###", s_inv) + " V (" + Source(sources.CutoffV, "--cutoff", "protocol.cutoffV") + ")" },
            new[] { "protocol", string.Join(", ", scenario.Protocol.Steps) + (scenario.Protocol.Repeat ? ", repeated" : ", once") + " (" + Source(sources.Protocol, null, "protocol") + ")" },
            new[] { "rest", RestFact(scenario) + " (" + Source(sources.Protocol, null, "protocol.rest") + ")" },
            new[] { "temperature sensors", scenario.Pack.TemperatureSensors == 0 ? "none" : result.TemperatureAssumed ?? Counted(scenario.Pack.TemperatureSensors, "sensor") + ", fed the trace's readings with their statuses" },
            new[] { "mode", "observe (a replay's, whatever a scenario says)" },
            new[] { "seed", "none: a replay draws nothing" },
            new[] { "sample period", scenario.SamplePeriodMs + " ms (" + Source(sources.SamplePeriodMs, "--sample-period-ms", "samplePeriodMs") + ")" },
            new[] { "gaps in the recording", Gaps(result.RecordingGaps ?? Array.Empty<ReplayGap>()) },
            new[] { "replayed", SimulatedTime.Seconds(result.SimulatedS) + " s (" + result.TerminatedBy + ")" },
            new[] { "wall time", result.WallS.ToString("0.##", s_inv) + " s" },
            new[] { "events", EventCount(result) },
        };
    }

    /// <summary>Where a replay's setting came from, in words: given, the default of an option not given, the scenario's or inferred.</summary>
    private static string Source(SettingSource source, string? option, string field) => source switch
    {
        SettingSource.Option => "given with " + option,
        SettingSource.Default => "default, not given with " + option,
        SettingSource.Scenario => "the --scenario file's " + field,
        SettingSource.ScenarioDefault => "default, the --scenario file leaves out " + field,
        SettingSource.Recording => "the recording's header's Electrode surface area, not given with " + option,
        _ => "inferred from the recording's current steps",
    };

    /// <summary>The recording's gaps: how many, the longest, their time in all (no ticks are fed across them).</summary>
    private static string Gaps(IReadOnlyList<ReplayGap> gaps) => gaps.Count == 0
        ? "none"
        : string.Format(s_inv, "{0}, the longest {1:0.###} s, {2:0.###} s in all without samples (no ticks fed across them; replay.json lists each)", gaps.Count, gaps.Max(g => g.DurationS), gaps.Sum(g => g.DurationS));

    private static string EventCount(SimulationResult result) => result.Events.Count + (result.EventsDropped > 0 ? " kept, " + result.EventsDropped + " more counted only" : string.Empty);

    private static ReportTable Modules(SimulationResult result)
    {
        // A replay has no cell model, so no ground truth to show.
        bool simulated = result.RecordedFrom == null;
        string[] columns = { "module", "net stripped (mAh/cm2)", "stripped (mAh/cm2)", "plated (mAh/cm2)", "duty cycle", "mean rest (s)", "pulses", "current at end (%)", "derates in effect", "state", "stop reason", "stopped at (s)" };
        List<string> notes = HardShortTruth.Notes(result).ToList();
        if (result.Modules.Any(m => RunningAtEnd.IsLowerBound(m, result.TerminatedBy)))
        {
            notes.Add(RunningAtEnd.Note(result.TerminatedBy));
        }

        return new ReportTable
        {
            Title = "Modules",
            Columns = simulated ? columns.Append(CellHardShortColumn).ToArray() : columns,
            Rows = result.Modules.Select(m =>
            {
                string[] row =
                {
                    m.Index.ToString(s_inv), RunningAtEnd.Capacity(m, result.TerminatedBy, "0.###"), m.StrippedMAhPerCm2.ToString("0.###", s_inv), m.PlatedMAhPerCm2.ToString("0.###", s_inv), m.DutyCycle.ToString("0.###", s_inv), m.MeanRestS.ToString("0.##", s_inv),
                    m.Pulses.ToString(s_inv), m.CurrentPercent.ToString(s_inv), m.DerateSteps.ToString(s_inv), m.State, RunningAtEnd.StopText(m, result.TerminatedBy), (m.StoppedAtS is double stoppedS ? SimulatedTime.Seconds(stoppedS) : "-"),
                };
                return simulated ? row.Append(HardShortTruth.CellText(result, m)).ToArray() : row;
            }).ToList(),
            Note = notes.Count > 0 ? string.Join("; ", notes) : null,
        };
    }

    private static ReportTable Events(SimulationResult result)
    {
        int shown = Math.Min(result.Events.Count, MaximumEventRows);
        long more = result.Events.Count - shown + result.EventsDropped;
        return new ReportTable
        {
            Title = "Events",
            Columns = new[] { "t (s)", "severity", "kind", "diagnosis", "module", "cell", "value", "threshold", "unit" },
            SeverityColumn = 1,
            Rows = result.Events.Take(shown).Select(e => new[]
            {
                e.TS.ToString("0.00", s_inv), e.Severity, e.Kind, e.Diagnosis ?? "-", e.Module < 0 ? "pack" : e.Module.ToString(s_inv),
                e.Cell < 0 ? "-" : e.Cell.ToString(s_inv), e.Value.ToString(s_inv), e.Threshold.ToString(s_inv), e.Unit ?? "-",
            }).ToList(),
            Note = more > 0 ? more + " more events not listed here (events.jsonl has every kept event)" : (result.Events.Count == 0 ? "no events" : null),
        };
    }

    private static IEnumerable<ReportChart> Charts(Scenario scenario, SimulationResult result, TraceBuffer trace)
    {
        ControllerConfiguration configuration = ScenarioCompiler.Compile(scenario);
        TimeAxis time = TimeAxis.For(trace.TimeS[trace.Count - 1], result.RecordingStartS);
        double[] x = time.FromSeconds(trace.TimeS, trace.Count);
        CellSelection selection = CellSelection.Choose(trace, result);
        ChartMarkers markers = ChartMarkers.Collect(scenario, result, limit: 200);
        int cellsPerModule = trace.Cells / trace.Modules;
        List<ReportLimit> limits = new List<ReportLimit>
        {
            new ReportLimit { Y = configuration.Protocol.StripCutoffMv / 1000.0, Label = "cut-off " + (configuration.Protocol.StripCutoffMv / 1000.0).ToString("0.00", s_inv) + " V", Color = "#b91c1c" },
            new ReportLimit { Y = configuration.Protection.CellMaximumMv / 1000.0, Label = "safety max " + (configuration.Protection.CellMaximumMv / 1000.0).ToString("0.00", s_inv) + " V", Color = "#475569" },
        };
        if (configuration.Protocol.Steps.Any(s => s.CurrentUa < 0))
        {
            limits.Add(new ReportLimit { Y = configuration.Protocol.PlateCutoffMv / 1000.0, Label = "plating cut-off", Color = "#b91c1c" });
        }

        List<string> markerNotes = new List<string>();
        if (markers.Omitted > 0)
        {
            markerNotes.Add(markers.Omitted + " more markers not drawn (the " + markers.Limit + " most severe are); the event table lists every event");
        }

        int lines = selection.Mode == SelectionMode.WorstCells ? selection.Cells.Length + 1 : trace.Cells;
        int bins = Math.Clamp(400000 / (3 * Math.Max(1, lines)), 300, 3000);
        List<ReportChart> charts = new List<ReportChart>();
        if (selection.Mode == SelectionMode.PanelPerModule)
        {
            for (int m = 0; m < trace.Modules; m++)
            {
                ReportChart chart = VoltageChart("module " + m + " cell voltages (V)", RunFigure.PanelVoltageLabel(m, cellsPerModule), time, markers, limits, m, markerNotes);
                for (int c = 0; c < cellsPerModule; c++)
                {
                    chart.Series.Add(CellSeries(trace, x, bins, (m * cellsPerModule) + c, cellsPerModule));
                }

                charts.Add(chart);
            }
        }
        else
        {
            ReportChart chart = VoltageChart("Cell voltages (V)", "cell voltage (V)", time, markers, limits, -2, markerNotes);
            if (selection.Mode == SelectionMode.WorstCells)
            {
                List<SeriesEnvelope> all = Enumerable.Range(0, trace.Cells).Select(c => SeriesEnvelope.Build(x, trace.Count, bins, trace.VoltageV, trace.VoltageMinV, trace.VoltageMaxV, trace.Cells, c)).ToList();
                chart.Series.Add(Series("range of all " + trace.Cells + " cells", "#94a3b8", Array.Empty<int>(), SeriesEnvelope.Union(all), forceBand: true));
                chart.Notes.Add(selection.Cells.Length + " of " + selection.TotalCells + " cells drawn as lines (cells named by events first, then the extremes); the other "
                    + selection.OmittedCells + " lie within the grey range band");
            }

            foreach (int c in selection.Cells)
            {
                chart.Series.Add(CellSeries(trace, x, bins, c, cellsPerModule));
            }

            charts.Add(chart);
        }

        ReportChart current = new ReportChart { Title = "Module current density (mA/cm2)", XLabel = time.Label, YLabel = "current density (mA/cm2)" };
        current.Notes.Add(CurrentDensityNote(scenario.Pack.AreaCm2));
        current.Markers.AddRange(Markers(markers, time, -2));
        if (selection.OmittedModules > 0)
        {
            List<SeriesEnvelope> all = Enumerable.Range(0, trace.Modules).Select(m => SeriesEnvelope.Build(x, trace.Count, bins, trace.CurrentMAPerCm2, trace.CurrentMinMAPerCm2, trace.CurrentMaxMAPerCm2, trace.Modules, m)).ToList();
            current.Series.Add(Series("range of all " + trace.Modules + " modules", "#94a3b8", Array.Empty<int>(), SeriesEnvelope.Union(all), forceBand: true));
            current.Notes.Add(selection.Modules.Length + " of " + selection.TotalModules + " modules drawn as lines; the others lie within the grey band");
        }

        foreach (int m in selection.Modules)
        {
            SeriesEnvelope env = SeriesEnvelope.Build(x, trace.Count, bins, trace.CurrentMAPerCm2, trace.CurrentMinMAPerCm2, trace.CurrentMaxMAPerCm2, trace.Modules, m);
            current.Series.Add(Series("module " + m, "#" + PlotPalette.Module(m).ToHex().Substring(1, 6), Array.Empty<int>(), env, forceBand: false));
        }

        charts.Add(current);
        return charts;
    }

    /// <summary>
    /// What the current chart plots, in a module's terms: a module's cells are in series, so its current is the density
    /// times the one electrode area the run has (the summary's).
    /// </summary>
    public static string CurrentDensityNote(double areaCm2) =>
        "current density: a module's current over the electrode area of " + areaCm2.ToString("0.####", s_inv) + " cm2 (1 mA/cm2 is "
        + areaCm2.ToString("0.####", s_inv) + " mA per module)";

    private static ReportChart VoltageChart(string title, string yLabel, TimeAxis time, ChartMarkers markers, List<ReportLimit> limits, int module, List<string> notes)
    {
        ReportChart chart = new ReportChart { Title = title, XLabel = time.Label, YLabel = yLabel };
        chart.Markers.AddRange(Markers(markers, time, module));
        chart.Limits.AddRange(limits);
        chart.Notes.AddRange(notes);
        return chart;
    }

    private static ReportSeries CellSeries(TraceBuffer trace, double[] x, int bins, int cell, int cellsPerModule)
    {
        int module = cell / cellsPerModule;
        int inModule = cell % cellsPerModule;
        SeriesEnvelope env = SeriesEnvelope.Build(x, trace.Count, bins, trace.VoltageV, trace.VoltageMinV, trace.VoltageMaxV, trace.Cells, cell);
        int[] dash = (inModule % 4) switch { 1 => new[] { 6, 4 }, 2 => new[] { 2, 3 }, 3 => new[] { 9, 3, 2, 3 }, _ => Array.Empty<int>() };
        return Series("M" + module + " C" + inModule, PlotPalette.CellHex(module, inModule, cellsPerModule), dash, env, forceBand: false);
    }

    private static ReportSeries Series(string name, string color, int[] dash, SeriesEnvelope env, bool forceBand)
    {
        bool band = forceBand || env.Dense || env.Min.Zip(env.Max).Any(p => p.Second - p.First > 1e-4);
        return new ReportSeries
        {
            Name = name,
            Color = color,
            Dash = dash,
            X = Round(env.X, 5),
            Y = Round(env.Last, 5),
            Min = band ? Round(env.Min, 5) : null,
            Max = band ? Round(env.Max, 5) : null,
            Band = band,
        };
    }

    private static IEnumerable<ReportMarker> Markers(ChartMarkers markers, TimeAxis time, int module)
    {
        return markers.Markers.Where(m => module == -2 || m.Module == module || m.Module == -1).Select(m => new ReportMarker
        {
            X = time.FromSeconds(m.TimeS),
            Label = m.Text,
            Color = PlotPalette.MarkerHex(m.Kind),
            Kind = ScenarioNames.Camel(m.Kind.ToString()),
        });
    }

    private static double[] Round(double[] values, int decimals)
    {
        double[] rounded = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            rounded[i] = Math.Round(values[i], decimals);
        }

        return rounded;
    }
}
