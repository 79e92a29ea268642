// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Output;

namespace Edge.HostSim.Replay;

/// <summary>
/// Which of an edge-sim trace's values a replay feeds the core, as its provenance says it: the millivolts and
/// microamperes the run's core read (the trace's measured columns), with their statuses or each as valid, and the
/// temperatures it read where the trace has them, or the cell model's true values, and why.
/// </summary>
public static class TraceValuesFed
{
    /// <summary>What the reader calls an edge-sim trace before the replay knows which of its values it feeds.</summary>
    public const string TraceFile = "an edge-sim trace.csv";

    /// <summary>
    /// The recording's <see cref="LabRecording.SimulatedBecause"/>, for an edge-sim trace completed with the values
    /// <paramref name="series"/> feeds the core; other recordings' unchanged.
    /// </summary>
    public static string? SimulatedBecause(LabRecording recording, TickSeries series)
    {
        if (recording.Format != "edge-sim-trace")
        {
            return recording.SimulatedBecause;
        }

        if (series.FeedsMeasured)
        {
            return TraceFile + ": fed the millivolts and microamperes its run's core read (columns module<m>Cell<c>" + TraceColumns.MeasuredCellVoltageSuffix
                + " and module<m>" + TraceColumns.MeasuredModuleCurrentSuffix + ")"
                + (series.FeedsStatus
                    ? " with the status of each reading (columns module<m>Cell<c>" + TraceColumns.CellVoltageStatusSuffix + " and module<m>" + TraceColumns.ModuleCurrentStatusSuffix + ")"
                    : ", each as a valid reading: the trace has no status columns (written before them), so a reading its run's core took as saturated or implausible is fed as a value")
                + (series.FeedsTemperatures
                    ? ", and the temperatures it read with their statuses (columns temperature<t>" + TraceColumns.MeasuredTemperatureSuffix + " and temperature<t>" + TraceColumns.TemperatureStatusSuffix + ")"
                    : string.Empty);
        }

        if (recording.MeasuredCellVoltageMv != null)
        {
            return string.Format(CultureInfo.InvariantCulture,
                "{0}: fed the cell model's true voltages, not its measured columns, which the run's core read only at its rows, {1:0.###} s apart (median), not at every {2} ms tick (trace.periodMs equal to samplePeriodMs keeps a row each tick), each as a valid reading{3}",
                TraceFile, series.MedianSampleIntervalS, series.PeriodMs,
                recording.MeasuredCellVoltageStatus != null
                    ? ": the statuses its status columns record, like the readings, are of its rows only"
                    : ": the trace records no statuses (written before its status columns)");
        }

        return TraceFile + ": fed the cell model's true voltages, at 10 uV, not the millivolts its run's core read: the trace has no measured columns (written before traces had them)";
    }
}
