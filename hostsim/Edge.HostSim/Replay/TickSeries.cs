// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Sampling;

namespace Edge.HostSim.Replay;

/// <summary>
/// A recording resampled to the core's tick: voltages interpolated linearly at each tick, each module's
/// current the one that flowed over the interval ending at the tick (the last sample before it: a cycler's
/// current holds between samples). Ticks inside a gap are left out, so the core sees the longer interval.
/// Where samples are further apart than a tick, the voltage is not interpolated across a current step (see
/// <see cref="CurrentStepHold"/>). A fed tick's values are computed when asked for, from the samples around it,
/// so a long recording costs its samples' memory, not its ticks' (a month at 10 ms ticks is 259 million of them).
/// </summary>
public sealed class TickSeries
{
    private readonly LabRecording _recording;
    private readonly CurrentStepHold _hold;

    // The ticks left out (inside gaps) as inclusive ranges in rising order, none adjacent to the next, and the
    // fed ticks before each range and the ticks left out up to and including it.
    private readonly long[] _skipFirst;
    private readonly long[] _skipLast;
    private readonly long[] _fedBeforeSkip;
    private readonly long[] _skippedThrough;

    // The fed tick last located: its tick number, time, the last sample at or before it, the last strictly before.
    private int _located = -1;
    private long _tick;
    private double _time;
    private int _sample;
    private int _before;

    private TickSeries(LabRecording recording, CurrentStepHold hold, int periodMs, double startS, int count, List<long> skipFirst, List<long> skipLast, List<RecordingGap> gaps, double medianIntervalS, bool feedsMeasured)
    {
        _recording = recording;
        FeedsMeasured = feedsMeasured;
        _hold = hold;
        PeriodMs = periodMs;
        StartS = startS;
        Count = count;
        _skipFirst = skipFirst.ToArray();
        _skipLast = skipLast.ToArray();
        _fedBeforeSkip = new long[_skipFirst.Length];
        _skippedThrough = new long[_skipFirst.Length];
        long skipped = 0;
        for (int j = 0; j < _skipFirst.Length; j++)
        {
            _fedBeforeSkip[j] = _skipFirst[j] - skipped;
            skipped += _skipLast[j] - _skipFirst[j] + 1;
            _skippedThrough[j] = skipped;
        }

        Gaps = gaps;
        MedianSampleIntervalS = medianIntervalS;
    }

    public int PeriodMs { get; }

    /// <summary>Recording time of tick 0, s.</summary>
    public double StartS { get; }

    public IReadOnlyList<RecordingGap> Gaps { get; }

    public double MedianSampleIntervalS { get; }

    /// <summary>Fed ticks.</summary>
    public int Count { get; }

    /// <summary>
    /// True when the recording holds what a simulated run's core read (an edge-sim trace's measured columns) and every fed
    /// tick has its own sample, so the core is fed those (<see cref="MeasuredCellMv"/>, <see cref="MeasuredModuleUa"/>) and
    /// meets the run's numbers tick for tick. A trace thinned to rows further apart than a tick has them only at its rows:
    /// mixed with values resampled between them, the core would meet neither the run's numbers nor smooth ones.
    /// </summary>
    public bool FeedsMeasured { get; }

    /// <summary>
    /// True when the core is fed the recording's measured values (<see cref="FeedsMeasured"/>) and the status each had
    /// (an edge-sim trace's status columns): a reading the run's core took as saturated or implausible is fed so, not as a
    /// valid value. False: every reading is fed as valid.
    /// </summary>
    public bool FeedsStatus => FeedsMeasured && _recording.MeasuredCellVoltageStatus != null;

    /// <summary>
    /// True when the core is fed the recording's measured values (<see cref="FeedsMeasured"/>) and it holds the temperature
    /// each sensor read, with its status (an edge-sim trace of a pack with sensors): an overtemperature or a missing sensor
    /// the run's core met is met again. False: a replay with sensors feeds them as before the trace held them.
    /// </summary>
    public bool FeedsTemperatures => FeedsMeasured && _recording.MeasuredTemperatureDeciC != null;

    /// <summary>The temperature sensors the recording holds readings of (<see cref="LabRecording.TemperatureSensors"/>).</summary>
    public int TemperatureSensors => _recording.TemperatureSensors;

    /// <summary>The tick number of fed tick <paramref name="k"/> (rising with k; jumps over gaps).</summary>
    public long TickIndex(int k)
    {
        // Ranges that start before the k-th fed tick lie wholly before it.
        int ranges = UpperBound(_fedBeforeSkip, k);
        return ranges == 0 ? k : k + _skippedThrough[ranges - 1];
    }

    /// <summary>The fed tick whose tick number is <paramref name="tick"/>, or -1 when that tick was left out or lies outside.</summary>
    public int IndexOfTick(long tick)
    {
        if (tick < 0)
        {
            return -1;
        }

        int ranges = UpperBound(_skipFirst, tick);
        if (ranges > 0 && tick <= _skipLast[ranges - 1])
        {
            return -1;
        }

        long k = ranges == 0 ? tick : tick - _skippedThrough[ranges - 1];
        return k < Count ? (int)k : -1;
    }

    /// <summary>Cell <paramref name="cell"/>'s voltage at fed tick <paramref name="k"/>, mV.</summary>
    public int CellMv(int k, int cell)
    {
        Locate(k);
        return VoltageMv(_recording, _hold, cell, _time, _sample, _before, _tick == 0);
    }

    /// <summary>Module <paramref name="module"/>'s current over the interval ending at fed tick <paramref name="k"/>, uA.</summary>
    public int ModuleUa(int k, int module)
    {
        Locate(k);
        return _tick == 0 || _before < 0 ? 0 : Microamps(_recording.ModuleCurrentMA[module][_before]);
    }

    /// <summary>
    /// Inside an interval whose current steps at its closing sample (further apart than a tick), the current after
    /// the step, uA, for a replay that places the step where the core's switch changed; int.MinValue elsewhere.
    /// <see cref="AfterStepMv"/> gives the voltage that goes with it.
    /// </summary>
    public int AfterStepUa(int k, int module)
    {
        Locate(k);
        (int currentSample, _) = AfterStep(module);
        return currentSample >= 0 ? Microamps(_recording.ModuleCurrentMA[module][currentSample]) : int.MinValue;
    }

    /// <summary>The voltage after the step for the ticks <see cref="AfterStepUa"/> marks, mV; 0 elsewhere.</summary>
    public int AfterStepMv(int k, int cell)
    {
        Locate(k);
        (int currentSample, SampleLine line) = AfterStep(cell / _recording.CellsPerModule);
        return currentSample >= 0 ? (int)Math.Round(line.At(_recording.TimeS, _recording.CellVoltageV[cell], _time) * 1000.0) : 0;
    }

    /// <summary>Cell <paramref name="cell"/>'s voltage as the run's core read it at fed tick <paramref name="k"/>, mV (<see cref="FeedsMeasured"/> only).</summary>
    public int MeasuredCellMv(int k, int cell)
    {
        Locate(k);
        return _recording.MeasuredCellVoltageMv![cell][_sample];
    }

    /// <summary>Module <paramref name="module"/>'s current as the run's core read it at fed tick <paramref name="k"/>, uA (<see cref="FeedsMeasured"/> only).</summary>
    public int MeasuredModuleUa(int k, int module)
    {
        Locate(k);
        return _recording.MeasuredModuleCurrentUa![module][_sample];
    }

    /// <summary>The status of cell <paramref name="cell"/>'s reading at fed tick <paramref name="k"/> (<see cref="FeedsStatus"/> only).</summary>
    public ChannelStatus MeasuredCellStatus(int k, int cell)
    {
        Locate(k);
        return _recording.MeasuredCellVoltageStatus![cell][_sample];
    }

    /// <summary>The status of module <paramref name="module"/>'s current reading at fed tick <paramref name="k"/> (<see cref="FeedsStatus"/> only).</summary>
    public ChannelStatus MeasuredModuleStatus(int k, int module)
    {
        Locate(k);
        return _recording.MeasuredModuleCurrentStatus![module][_sample];
    }

    /// <summary>Sensor <paramref name="sensor"/>'s temperature as the run's core read it at fed tick <paramref name="k"/>, 0.1 degC (<see cref="FeedsTemperatures"/> only).</summary>
    public int MeasuredTemperatureDeciC(int k, int sensor)
    {
        Locate(k);
        return _recording.MeasuredTemperatureDeciC![sensor][_sample];
    }

    /// <summary>The status of sensor <paramref name="sensor"/>'s reading at fed tick <paramref name="k"/> (<see cref="FeedsTemperatures"/> only).</summary>
    public ChannelStatus MeasuredTemperatureStatus(int k, int sensor)
    {
        Locate(k);
        return _recording.MeasuredTemperatureStatus![sensor][_sample];
    }

    /// <summary>
    /// True when fed tick <paramref name="k"/> lies at the first sample after a gap: the interval ending at it is the
    /// gap's, so nothing recorded after the gap comes before it, and a step there has no reference voltage.
    /// </summary>
    public bool FollowsGap(int k)
    {
        Locate(k);
        return _hold.GapAfter(_before);
    }

    /// <summary>
    /// The voltage of fed tick <paramref name="k"/> as a core session's first tick takes it, mV: from before the
    /// step where the tick lies at a pulse's first sample (<see cref="CurrentStepHold.LineFor"/>). Tick 0's is
    /// <see cref="CellMv"/>; a session restarted after a gap asks here.
    /// </summary>
    public int SessionStartMv(int k, int cell)
    {
        Locate(k);
        return VoltageMv(_recording, _hold, cell, _time, _sample, _before, true);
    }

    /// <summary>
    /// Resamples from <paramref name="startS"/> (tick 0) to the end of the recording. A gap is an interval between
    /// samples longer than <paramref name="gapS"/> (default: 5 median intervals of its kind, under current or at rest
    /// by the first module's current at its start, and at least 2 ticks).
    /// </summary>
    /// <exception cref="LabFileException">The recording spans more ticks than one replay counts (2^31).</exception>
    public static TickSeries Create(LabRecording recording, int periodMs, double startS, double? gapS = null)
    {
        double[] t = recording.TimeS;
        double[] intervals = new double[t.Length - 1];
        for (int i = 1; i < t.Length; i++)
        {
            intervals[i - 1] = t[i] - t[i - 1];
        }

        double median = intervals.Order().ElementAt(intervals.Length / 2);
        if (gapS is double given)
        {
            CheckGapThreshold(given, median, periodMs);
        }

        // Cyclers log under current and at rest at different rates (every 10 ms in a pulse, every second at rest):
        // measured against the median of all intervals, dominated by the pulses', every rest was a gap and the core
        // restarted at every pulse, its depletion history lost. Each interval is measured against its own kind.
        double[] current = recording.ModuleCurrentMA[0];
        double onMA = 0.05 * current.Max(Math.Abs);
        double flowingGapS = gapS ?? Math.Max(5 * MedianOf(intervals, current, onMA, true, median), 2 * periodMs / 1000.0);
        double restingGapS = gapS ?? Math.Max(5 * MedianOf(intervals, current, onMA, false, median), 2 * periodMs / 1000.0);
        double Threshold(int sample) => Math.Abs(current[sample]) > onMA ? flowingGapS : restingGapS;
        List<RecordingGap> gaps = new List<RecordingGap>();
        List<int> gapsAfter = new List<int>();
        for (int i = 1; i < t.Length; i++)
        {
            if (t[i] - t[i - 1] > Threshold(i - 1))
            {
                gapsAfter.Add(i - 1);
                if (t[i] > startS)
                {
                    gaps.Add(new RecordingGap(t[i - 1], t[i]));
                }
            }
        }

        // Which ticks are fed: every tick but those strictly inside a gap, where nothing was recorded. Too many
        // for one replay even with every gap left out: say so before counting them one by one.
        long last = (long)Math.Floor(((t[^1] - startS) * 1000.0 / periodMs) + 1e-9);
        double mostLeftOut = gaps.Sum(g => ((g.EndS - g.StartS) * 1000.0 / periodMs) + 1);
        if (last + 1 - mostLeftOut > int.MaxValue)
        {
            throw TooManyTicks(last + 1, periodMs);
        }

        List<long> skipFirst = new List<long>();
        List<long> skipLast = new List<long>();
        long fed = 0;
        int sample = 0;
        bool everyTickSampled = true;
        for (long k = 0; k <= last; k++)
        {
            double time = startS + (k * periodMs / 1000.0);
            while (sample + 1 < t.Length && t[sample + 1] <= time + 1e-9)
            {
                sample++;
            }

            if (sample + 1 < t.Length && t[sample + 1] - t[sample] > Threshold(sample) && time > t[sample] + 1e-9)
            {
                if (skipLast.Count > 0 && skipLast[^1] == k - 1)
                {
                    skipLast[^1] = k;
                }
                else
                {
                    skipFirst.Add(k);
                    skipLast.Add(k);
                }

                continue;
            }

            everyTickSampled &= Math.Abs(t[sample] - time) <= 1e-9;
            fed++;
        }

        if (fed > int.MaxValue)
        {
            throw TooManyTicks(fed, periodMs);
        }

        return new TickSeries(recording, new CurrentStepHold(recording, periodMs, gapsAfter.ToArray()), periodMs, startS, (int)fed, skipFirst, skipLast, gaps, median,
            recording.MeasuredCellVoltageMv != null && everyTickSampled);
    }

    /// <summary>
    /// A given gap threshold must single out outages: at or under the median sample interval, half the recording's
    /// intervals or more were listed as gaps (every interval of a file logged every 10 ms, at --gap-s 0.005), each
    /// said to restart the core; under one tick, an interval over it can lie between two ticks and leave none out,
    /// listed as a gap the core never saw.
    /// </summary>
    private static void CheckGapThreshold(double gapS, double medianIntervalS, int periodMs)
    {
        if (!(gapS > medianIntervalS))
        {
            throw new LabFileException(string.Format(CultureInfo.InvariantCulture,
                "--gap-s {0:R}: the recording's median sample interval is {1:0.######} s, so most of its intervals would be gaps; give more than that", gapS, medianIntervalS));
        }

        if (gapS * 1000.0 < periodMs)
        {
            throw new LabFileException(string.Format(CultureInfo.InvariantCulture,
                "--gap-s {0:R}: shorter than the {1} ms tick, an interval without samples can leave no tick out, so it is no gap the core sees; give at least {2:0.###}", gapS, periodMs, periodMs / 1000.0));
        }
    }

    /// <summary>
    /// The median of the intervals (interval i runs from sample i to i + 1) that begin under current above
    /// <paramref name="onMA"/> (<paramref name="flowing"/>) or at rest; <paramref name="none"/> when there are none.
    /// Sorted in one array, no larger than the intervals: a month's recording has millions of them.
    /// </summary>
    private static double MedianOf(double[] intervals, double[] current, double onMA, bool flowing, double none)
    {
        double[] chosen = new double[intervals.Length];
        int count = 0;
        for (int i = 0; i < intervals.Length; i++)
        {
            if ((Math.Abs(current[i]) > onMA) == flowing)
            {
                chosen[count++] = intervals[i];
            }
        }

        if (count == 0)
        {
            return none;
        }

        Array.Sort(chosen, 0, count);
        return chosen[count / 2];
    }

    private static LabFileException TooManyTicks(long ticks, int periodMs) => new LabFileException(string.Format(CultureInfo.InvariantCulture,
        "the recording spans {0} ticks of {1} ms, more than one replay counts ({2}): replay it in parts or at a longer --sample-period-ms", ticks, periodMs, int.MaxValue));

    /// <summary>Where fed tick <paramref name="k"/> lies among the samples (kept for the next call: ticks are mostly asked for in order).</summary>
    private void Locate(int k)
    {
        if (k == _located)
        {
            return;
        }

        if (k < 0 || k >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "no such fed tick");
        }

        double[] t = _recording.TimeS;
        long tick = TickIndex(k);
        double time = StartS + (tick * PeriodMs / 1000.0);

        // The last sample at or before the tick (the first when none is): ahead of the last one located, or found anew.
        int sample = _located >= 0 && t[_sample] <= time + 1e-9 ? _sample : Math.Max(0, LastAtOrBefore(t, time + 1e-9));
        while (sample + 1 < t.Length && t[sample + 1] <= time + 1e-9)
        {
            sample++;
        }

        _located = k;
        _tick = tick;
        _time = time;
        _sample = sample;
        _before = t[sample] < time - 1e-9 ? sample : sample - 1;
    }

    /// <summary>The step after the located tick's interval (<see cref="CurrentStepHold.AfterStep"/>); none at tick 0.</summary>
    private (int CurrentSample, SampleLine Voltage) AfterStep(int module) => _tick == 0 ? (-1, SampleLine.None) : _hold.AfterStep(module, _before);

    private static int LastAtOrBefore(double[] t, double time)
    {
        int found = Array.BinarySearch(t, time);
        return found >= 0 ? found : ~found - 1;
    }

    /// <summary>How many of the rising <paramref name="values"/> are at or below <paramref name="value"/>.</summary>
    private static int UpperBound(long[] values, long value)
    {
        int low = 0;
        int high = values.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (values[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int Microamps(double currentMA) => (int)Math.Round(currentMA * 1000.0);

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
