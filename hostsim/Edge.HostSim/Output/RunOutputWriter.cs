// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using Edge.Core.Records;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Output;

/// <summary>Writes a run's files: summary.json, events.jsonl, trace.csv, plot.svg, plot.png and report.html.</summary>
public static class RunOutputWriter
{
    public const string SummaryFile = "summary.json";
    public const string EventsFile = "events.jsonl";
    public const string TraceFile = "trace.csv";
    public const string PlotFile = "plot.svg";
    public const string PlotPngFile = "plot.png";
    public const string ReportFile = Report.ReportPage.FileName;

    /// <summary>Every name a run may write in its folder: an input under one of them would be written over.</summary>
    public static readonly IReadOnlyList<string> FileNames = new[] { SummaryFile, EventsFile, TraceFile, PlotFile, PlotPngFile, ReportFile };

    /// <param name="warnings">
    /// The simulator's warnings of the scenario as the run was made (<see cref="SimulatorWarnings"/>); null: those of a
    /// plain run. A replay has none: its scenario is not the designer's run.
    /// </param>
    public static void WriteAll(string directory, Scenario scenario, SimulationResult result, IReadOnlyList<string>? warnings = null)
    {
        Directory.CreateDirectory(directory);
        warnings = Warnings(scenario, result, warnings);
        WriteSummary(Path.Combine(directory, SummaryFile), scenario, result, warnings);
        WriteEvents(Path.Combine(directory, EventsFile), result);
        if (result.Trace != null)
        {
            WriteTrace(Path.Combine(directory, TraceFile), result.Trace, scenario.Pack.Demand != null ? scenario.Pack.AreaCm2 : 0);
            Plotting.RunFigure.Write(directory, scenario, result, PlotFile, PlotPngFile);
        }

        Report.RunReport.Write(Path.Combine(directory, ReportFile), scenario, result, warnings);
    }

    /// <summary>A simulated run's warnings (those given, else a plain run's); null for a replay.</summary>
    private static IReadOnlyList<string>? Warnings(Scenario scenario, SimulationResult result, IReadOnlyList<string>? warnings) =>
        result.RecordedFrom != null ? null : warnings ?? SimulatorWarnings.Find(scenario, ScenarioUse.Run);

    public static void WriteSummary(string path, Scenario scenario, SimulationResult result, IReadOnlyList<string>? warnings = null)
    {
        // A replay steps no cell model and has no pack window: the throughput of cell-steps and the pack's delivery
        // against a demand are a simulation's figures, left out of a replay's summary rather than counted on recorded data.
        bool simulated = result.RecordedFrom == null;
        var summary = new
        {
            scenario = result.Scenario,

            // The seed of the run's noise, spread and probabilistic faults: with the scenario it reproduces the run. A
            // replay draws nothing.
            seed = simulated ? scenario.Seed : (ulong?)null,
            provenance = result.Provenance,
            preset = scenario.Pack.Preset,
            steps = scenario.Protocol.Steps,
            rest = ProtocolRest.Of(ScenarioCompiler.Compile(scenario)),
            mode = scenario.Controller.Act ? "act" : "observe",
            samplePeriodMs = scenario.SamplePeriodMs,
            terminatedBy = result.TerminatedBy,
            // A replay's time is the recording's, not simulated: its summary named it simulatedS, which called the
            // measured time of a lab recording simulated. One of the two is written, in the same place.
            simulatedS = simulated ? result.SimulatedS : (double?)null,
            replayedS = simulated ? (double?)null : result.SimulatedS,
            wallS = result.WallS,
            ticks = result.Ticks,
            cellSteps = simulated ? result.CellSteps : (long?)null,
            cellStepsPerSecond = !simulated ? (double?)null : result.WallS > 0 ? result.CellSteps / result.WallS : 0,
            packDemandMA = !simulated || scenario.Pack.Demand == null ? (double?)null : Edge.HostSim.Scenarios.DemandSpec.ToMicroamps(scenario.Pack.Demand.CurrentMA, scenario.Pack.Demand.CurrentDensityMAPerCm2, scenario.Pack.AreaCm2) / 1000.0,
            packWindowEndS = result.Pack?.WindowEndS,
            packDemandedMAh = result.Pack?.DemandedMAh,
            packDeliveredMAh = result.Pack?.DeliveredMAh,
            packDeliveredFraction = result.Pack?.DeliveredFraction,
            packCurrentMinMA = result.Pack?.CurrentMinMA,
            packCurrentMeanMA = result.Pack?.CurrentMeanMA,
            packDeratedS = result.Pack?.DeratedS,
            packControllerShortfallS = result.Pack?.ControllerShortfallS,
            modules = result.Modules,
            events = result.Events,
            eventsDropped = result.EventsDropped,
            tickTiming = TickTiming(result.TickTiming),

            // Only a board chain has a unit: its ADC reference, whether it ran on its own calibration, the board's warnings.
            // A replay's: where its settings came from (a default or an inference is no figure of the recording's), and
            // the recording's gaps, each listed in replay.json.
            settingSources = SettingSources(result.SettingSources),
            gaps = result.RecordingGaps == null ? null : new
            {
                count = result.RecordingGaps.Count,
                longestS = result.RecordingGaps.Count == 0 ? 0 : result.RecordingGaps.Max(g => g.DurationS),
                totalS = result.RecordingGaps.Sum(g => g.DurationS),
            },

            unitAdcVrefMv = result.UnitAdcVrefMv,
            unitCalibrated = result.UnitCalibrated,
            boardWarnings = result.UnitCalibrated == null ? null : result.BoardWarnings,

            // The simulator's warnings: the scenario's fields that had no effect in this run and a board too coarse for
            // the detectors at its noise (empty when none; a replay has no such list).
            warnings = Warnings(scenario, result, warnings),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(summary, OutputJson.Readable));
    }

    private static object? SettingSources(ReplaySettingSources? sources) => sources == null ? null : new
    {
        areaCm2 = ScenarioNames.Camel(sources.AreaCm2.ToString()),
        preset = ScenarioNames.Camel(sources.Preset.ToString()),
        cutoffV = ScenarioNames.Camel(sources.CutoffV.ToString()),
        samplePeriodMs = ScenarioNames.Camel(sources.SamplePeriodMs.ToString()),
        protocol = ScenarioNames.Camel(sources.Protocol.ToString()),
    };

    /// <summary>Where tickTiming's figures come from, written with them: none of them is a device's measurement.</summary>
    public static readonly string TickTimingProvenance = "simulated: ticks, missedReleases and the latencies come from the simulated scheduling "
        + "(the runtimeHang and tickJitter faults; without them every tick starts on its release), not measured on a device; "
        + "hostExecution* is measured on this host (.NET, one tick in " + ClosedLoopRunner.ExecutionSampleTicks.ToString(CultureInfo.InvariantCulture) + "), not the device";

    /// <summary>
    /// The ticks' timing in the health telemetry's terms. The latency is the simulated scheduling's, the same on
    /// every run of the scenario; the execution time is this host's (.NET, not the device) and varies like wallS.
    /// </summary>
    private static object? TickTiming(TickTimingSummary? timing) => timing == null ? null : new
    {
        provenance = TickTimingProvenance,
        ticks = timing.Ticks,
        missedReleases = timing.MissedReleases,
        latencyMaxUs = timing.TickLatencyMaxUs,
        histogramUpperEdgesUs = timing.TickHistogramEdgesUs,
        latencyHistogram = timing.TickLatencyHistogram,
        hostExecutionMaxUs = timing.TickExecutionMaxUs,
        hostExecutionHistogram = timing.TickExecutionHistogram,
    };

    public static void WriteEvents(string path, SimulationResult result)
    {
        using StreamWriter writer = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (SimulationEvent e in result.Events)
        {
            writer.WriteLine(JsonSerializer.Serialize(e, OutputJson.Compact));
        }
    }

    /// <summary>
    /// Writes trace.csv; with <paramref name="packAreaCm2"/> above 0 (a pack demand) a packCurrentMA column follows the time.
    /// The measured columns (<see cref="TraceColumns"/>) come last, so a reader that counts the others' places still finds them,
    /// and after them the status of each reading, empty where it was valid; then each temperature sensor's reading and its status.
    /// </summary>
    public static void WriteTrace(string path, TraceBuffer trace, double packAreaCm2 = 0)
    {
        using StreamWriter writer = new StreamWriter(path, false, new UTF8Encoding(false));
        StringBuilder line = new StringBuilder();
        line.Append("tS");
        if (packAreaCm2 > 0)
        {
            line.Append(",packCurrentMA");
        }

        for (int m = 0; m < trace.Modules; m++)
        {
            line.Append(",module").Append(m).Append("CurrentMAPerCm2");
        }

        int cellsPerModule = trace.Cells / trace.Modules;
        for (int c = 0; c < trace.Cells; c++)
        {
            line.Append(",module").Append(c / cellsPerModule).Append("Cell").Append(c % cellsPerModule).Append("V");
        }

        for (int m = 0; m < trace.Modules; m++)
        {
            line.Append(",module").Append(m).Append("State");
        }

        for (int c = 0; c < trace.Cells; c++)
        {
            line.Append(',').Append(TraceColumns.MeasuredCellVoltage(c / cellsPerModule, c % cellsPerModule));
        }

        for (int m = 0; m < trace.Modules; m++)
        {
            line.Append(',').Append(TraceColumns.MeasuredModuleCurrent(m));
        }

        for (int c = 0; c < trace.Cells; c++)
        {
            line.Append(',').Append(TraceColumns.CellVoltageStatus(c / cellsPerModule, c % cellsPerModule));
        }

        for (int m = 0; m < trace.Modules; m++)
        {
            line.Append(',').Append(TraceColumns.ModuleCurrentStatus(m));
        }

        // The temperatures last, so a trace without sensors reads as before them.
        for (int t = 0; t < trace.TemperatureSensors; t++)
        {
            line.Append(',').Append(TraceColumns.MeasuredTemperature(t)).Append(',').Append(TraceColumns.TemperatureStatus(t));
        }

        writer.WriteLine(line.ToString());
        for (int row = 0; row < trace.Count; row++)
        {
            line.Clear();
            line.Append(trace.TimeS[row].ToString("0.###", CultureInfo.InvariantCulture));
            if (packAreaCm2 > 0)
            {
                double packMA = 0;
                for (int m = 0; m < trace.Modules; m++)
                {
                    packMA += trace.CurrentMAPerCm2[(row * trace.Modules) + m] * packAreaCm2;
                }

                line.Append(',').Append(packMA.ToString("0.#####", CultureInfo.InvariantCulture));
            }

            for (int m = 0; m < trace.Modules; m++)
            {
                line.Append(',').Append(CurrentDensityText(trace.CurrentMAPerCm2[(row * trace.Modules) + m]));
            }

            for (int c = 0; c < trace.Cells; c++)
            {
                line.Append(',').Append(trace.VoltageV[(row * trace.Cells) + c].ToString("0.#####", CultureInfo.InvariantCulture));
            }

            for (int m = 0; m < trace.Modules; m++)
            {
                line.Append(',').Append(ScenarioNames.Camel(((ModuleState)trace.State[(row * trace.Modules) + m]).ToString()));
            }

            for (int c = 0; c < trace.Cells; c++)
            {
                line.Append(',').Append(trace.MeasuredCellVoltageMv[(row * trace.Cells) + c].ToString(CultureInfo.InvariantCulture));
            }

            for (int m = 0; m < trace.Modules; m++)
            {
                line.Append(',').Append(trace.MeasuredModuleCurrentUa[(row * trace.Modules) + m].ToString(CultureInfo.InvariantCulture));
            }

            for (int c = 0; c < trace.Cells; c++)
            {
                line.Append(',').Append(TraceColumns.StatusWord(trace.MeasuredCellVoltageStatus[(row * trace.Cells) + c]));
            }

            for (int m = 0; m < trace.Modules; m++)
            {
                line.Append(',').Append(TraceColumns.StatusWord(trace.MeasuredModuleCurrentStatus[(row * trace.Modules) + m]));
            }

            for (int t = 0; t < trace.TemperatureSensors; t++)
            {
                int at = (row * trace.TemperatureSensors) + t;
                line.Append(',').Append(trace.MeasuredTemperatureDeciC[at].ToString(CultureInfo.InvariantCulture)).Append(',').Append(TraceColumns.StatusWord(trace.MeasuredTemperatureStatus[at]));
            }

            writer.WriteLine(line.ToString());
        }
    }

    /// <summary>
    /// A trace current density to the 7 significant digits its float holds (at least 4 decimals): whole uA over the
    /// area, so the trace integrates to the charge the summary reports. Fixed at 4 decimals, 38 uA on 0.3848 cm2
    /// (0.0987526 mA/cm2) read 0.0988, 0.05 % more charge (TraceCurrentPrecisionTests).
    /// </summary>
    private static string CurrentDensityText(float currentMAPerCm2)
    {
        double value = currentMAPerCm2;
        if (value == 0)
        {
            return "0";
        }

        int decimals = Math.Clamp(6 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 4, 12);
        return value.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}
