// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// A recording resampled to the core's tick: voltages interpolated linearly at each tick, each module's
/// current the one that flowed over the interval ending at the tick (the last sample before it: a cycler's
/// current holds between samples). Ticks inside a gap are left out, so the core sees the longer interval.
/// Where samples are further apart than a tick, the voltage is not interpolated across a current step (see
/// <see cref="CurrentStepHold"/>).
/// </summary>
public sealed class TickSeries
{
    private readonly LabRecording _recording;
    private readonly CurrentStepHold _hold;

    private TickSeries(LabRecording recording, CurrentStepHold hold, int periodMs, double startS, long[] tickIndex, int[][] cellMv, int[][] moduleUa, int[][] afterStepUa, int[][] afterStepMv, List<RecordingGap> gaps, double medianIntervalS)
    {
        _recording = recording;
        _hold = hold;
        AfterStepUa = afterStepUa;
        AfterStepMv = afterStepMv;
        PeriodMs = periodMs;
        StartS = startS;
        TickIndex = tickIndex;
        CellMv = cellMv;
        ModuleUa = moduleUa;
        Gaps = gaps;
        MedianSampleIntervalS = medianIntervalS;
    }

    public int PeriodMs { get; }

    /// <summary>Recording time of tick 0, s.</summary>
    public double StartS { get; }

    /// <summary>Tick number of each fed tick (rising; jumps over gaps).</summary>
    public long[] TickIndex { get; }

    /// <summary>[cell][fed tick], mV.</summary>
    public int[][] CellMv { get; }

    /// <summary>[module][fed tick], uA.</summary>
    public int[][] ModuleUa { get; }

    /// <summary>
    /// [module][fed tick]: inside an interval whose current steps at its closing sample (further apart than a
    /// tick), the current after the step, for a replay that places the step where the core's switch changed;
    /// int.MinValue elsewhere. <see cref="AfterStepMv"/> ([cell][fed tick]) holds the voltage that goes with it.
    /// </summary>
    public int[][] AfterStepUa { get; }

    /// <summary>[cell][fed tick]: the voltage after the step for the ticks <see cref="AfterStepUa"/> marks.</summary>
    public int[][] AfterStepMv { get; }

    public IReadOnlyList<RecordingGap> Gaps { get; }

    public double MedianSampleIntervalS { get; }

    public int Count => TickIndex.Length;

    /// <summary>
    /// The voltage of fed tick <paramref name="k"/> as a core session's first tick takes it, mV: from before the
    /// step where the tick lies at a pulse's first sample (<see cref="CurrentStepHold.LineFor"/>). Tick 0's is
    /// <see cref="CellMv"/>; a session restarted after a gap asks here.
    /// </summary>
    public int SessionStartMv(int k, int cell)
    {
        double[] t = _recording.TimeS;
        double time = StartS + (TickIndex[k] * PeriodMs / 1000.0);
        int sample = Array.BinarySearch(t, time + 1e-9);
        sample = Math.Max(0, sample >= 0 ? sample : ~sample - 1);
        int before = t[sample] < time - 1e-9 ? sample : sample - 1;
        return VoltageMv(_recording, _hold, cell, time, sample, before, true);
    }

    /// <summary>
    /// Resamples from <paramref name="startS"/> (tick 0) to the end of the recording. A gap is an interval between
    /// samples longer than <paramref name="gapS"/> (default: 5 median intervals, and at least 2 ticks).
    /// </summary>
    public static TickSeries Create(LabRecording recording, int periodMs, double startS, double? gapS = null)
    {
        double[] t = recording.TimeS;
        double[] intervals = new double[t.Length - 1];
        for (int i = 1; i < t.Length; i++)
        {
            intervals[i - 1] = t[i] - t[i - 1];
        }

        double median = intervals.Order().ElementAt(intervals.Length / 2);
        double threshold = gapS ?? Math.Max(5 * median, 2 * periodMs / 1000.0);
        List<RecordingGap> gaps = new List<RecordingGap>();
        for (int i = 1; i < t.Length; i++)
        {
            if (t[i] - t[i - 1] > threshold && t[i] > startS)
            {
                gaps.Add(new RecordingGap(t[i - 1], t[i]));
            }
        }

        long last = (long)Math.Floor(((t[^1] - startS) * 1000.0 / periodMs) + 1e-9);
        // Sized for every tick and cut to the fed ones at the end: growing lists doubled the memory of a long
        // recording (about 100 bytes a tick at peak for one cell, 1.7 GB for two days of 10 ms ticks).
        int capacity = checked((int)Math.Max(0, last + 1));
        long[] ticks = new long[capacity];
        int[][] mv = Columns(recording.CellVoltageV.Length, capacity);
        int[][] ua = Columns(recording.Modules, capacity);
        int[][] afterUa = Columns(recording.Modules, capacity);
        int[][] afterMv = Columns(recording.CellVoltageV.Length, capacity);
        int fed = 0;
        CurrentStepHold hold = new CurrentStepHold(recording, periodMs);
        int sample = 0;
        for (long k = 0; k <= last; k++)
        {
            double time = startS + (k * periodMs / 1000.0);
            while (sample + 1 < t.Length && t[sample + 1] <= time + 1e-9)
            {
                sample++;
            }

            // Inside a gap (strictly between its samples) nothing was recorded.
            if (sample + 1 < t.Length && t[sample + 1] - t[sample] > threshold && time > t[sample] + 1e-9)
            {
                continue;
            }

            ticks[fed] = k;

            // The current over (time - period, time]: the last sample strictly before this tick.
            int before = t[sample] < time - 1e-9 ? sample : sample - 1;
            for (int c = 0; c < mv.Length; c++)
            {
                mv[c][fed] = VoltageMv(recording, hold, c, time, sample, before, k == 0);
            }

            for (int m = 0; m < ua.Length; m++)
            {
                ua[m][fed] = k == 0 || before < 0 ? 0 : (int)Math.Round(recording.ModuleCurrentMA[m][before] * 1000.0);
                (int currentSample, SampleLine afterLine) = k == 0 ? (-1, SampleLine.None) : hold.AfterStep(m, before);
                afterUa[m][fed] = currentSample >= 0 ? (int)Math.Round(recording.ModuleCurrentMA[m][currentSample] * 1000.0) : int.MinValue;
                for (int c = m * recording.CellsPerModule; c < (m + 1) * recording.CellsPerModule; c++)
                {
                    afterMv[c][fed] = currentSample >= 0 ? (int)Math.Round(afterLine.At(t, recording.CellVoltageV[c], time) * 1000.0) : 0;
                }
            }

            fed++;
        }

        return new TickSeries(recording, hold, periodMs, startS, Cut(ticks, fed), Cut(mv, fed), Cut(ua, fed), Cut(afterUa, fed), Cut(afterMv, fed), gaps, median);
    }

    private static int[][] Columns(int count, int length) => Enumerable.Range(0, count).Select(_ => new int[length]).ToArray();

    private static T[] Cut<T>(T[] column, int length)
    {
        Array.Resize(ref column, length);
        return column;
    }

    private static int[][] Cut(int[][] columns, int length) => columns.Select(c => Cut(c, length)).ToArray();

    /// <summary>
    /// Cell <paramref name="cell"/>'s voltage at <paramref name="time"/>, mV, which lies after sample
    /// <paramref name="before"/> and at or after sample <paramref name="sample"/>: interpolated, or along the line
    /// <see cref="CurrentStepHold"/> gives next to a current step.
    /// </summary>
    private static int VoltageMv(LabRecording recording, CurrentStepHold hold, int cell, double time, int sample, int before, bool sessionStart)
    {
        double[] t = recording.TimeS;
        double[] v = recording.CellVoltageV[cell];
        SampleLine line = hold.LineFor(cell / recording.CellsPerModule, before, sample == before + 1, sessionStart);
        double fraction = sample + 1 < t.Length ? Math.Clamp((time - t[sample]) / (t[sample + 1] - t[sample]), 0, 1) : 0;
        double value = !line.IsNone ? line.At(t, v, time) : sample + 1 < t.Length ? v[sample] + (fraction * (v[sample + 1] - v[sample])) : v[sample];
        return (int)Math.Round(value * 1000.0);
    }
}
