// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// Keeps a resampled voltage from being interpolated across a current step when the samples are further apart
/// than a tick. The core measures a pulse's edge as the change from the mean of the ticks before it to the
/// tick at it, and the rise within a pulse from the ticks after it; a straight line from a rest sample to a
/// pulse sample spreads the jump over every tick between them: at 0.5 s samples the edge then looks like a
/// near-zero resistance (a hard short) and at 50 ms the pulse's onset looks like a depletion rise. Across a
/// step the ticks before the sample where the current changes go on along the line of the two samples before
/// it, and the ticks after it follow the line of the two samples after it, extended back (a level where a side
/// has only one sample), so the whole jump falls on the tick where the current changes. Which side a step sample's own voltage is on differs between loggers (a cycler's first
/// point of a step has already jumped; edge-sim's trace logs the voltage before the current it commands), so
/// neither side relies on it. Samples one tick apart are used as they are where the file's step rows hold the voltage
/// from before the step; where they hold the jumped one (decided per module from the rows around its steps, see
/// <see cref="StepRowsAfterJump"/>), and for a session's first tick, its first pulse's only reference, the tick at a
/// step takes its voltage from before the step as well, as it takes the current from before it: a cycler's row at a
/// pulse's end otherwise paired the relaxed voltage with the pulse's current, and a cell relaxed to 5 mV within a
/// tick read as a hard short. No line reaches across a gap: the last samples before a logging pause say nothing
/// about the voltage after it (a line through two samples 10 ms apart, carried over a 2000 s pause, put the first
/// tick after it at -4 V).
/// </summary>
internal sealed class CurrentStepHold
{
    /// <summary>A change in a module's current above this share of its largest current is a step.</summary>
    private const double StepShareOfLargestCurrent = 0.05;

    private readonly double[] _t;
    private readonly double[][] _currentMA;
    private readonly double[] _stepMA;
    private readonly double _tickS;
    private readonly int[] _gapsAfter;
    private readonly bool[] _stepRowsAfterJump;

    /// <param name="gapsAfter">In rising order, the samples after which the recording has a gap (no ticks fed until the next sample).</param>
    public CurrentStepHold(LabRecording recording, int periodMs, int[] gapsAfter)
    {
        _gapsAfter = gapsAfter;
        _t = recording.TimeS;
        _currentMA = recording.ModuleCurrentMA;
        _tickS = periodMs / 1000.0;
        _stepMA = new double[recording.Modules];
        for (int m = 0; m < recording.Modules; m++)
        {
            double largest = 0;
            foreach (double i in _currentMA[m])
            {
                largest = Math.Max(largest, Math.Abs(i));
            }

            // At least 1 uA: a rest's noise is not a step.
            _stepMA[m] = Math.Max(StepShareOfLargestCurrent * largest, 0.001);
        }

        _stepRowsAfterJump = new bool[recording.Modules];
        for (int m = 0; m < recording.Modules; m++)
        {
            _stepRowsAfterJump[m] = StepRowsAfterJump(recording, m);
        }
    }

    /// <summary>
    /// For a tick held before a step (<see cref="LineFor"/> holds <paramref name="before"/> because the current
    /// changes at the next sample): the sample whose current the tick takes instead when the step is placed before
    /// it (the core's switch changed inside the interval), and the line its voltage follows then
    /// (<see cref="AfterJump"/>). Otherwise (-1, none).
    /// </summary>
    public (int CurrentSample, SampleLine Voltage) AfterStep(int module, int before)
    {
        if (!Coarse(before) || GapAfter(before) || !Steps(module, before, before + 1))
        {
            return (-1, SampleLine.None);
        }

        return (before + 1, AfterJump(module, before + 1));
    }

    /// <summary>
    /// The line a tick's voltage follows, or <see cref="SampleLine.None"/> to interpolate as usual. The tick lies
    /// after sample <paramref name="before"/> (the last sample strictly before it), before the next sample or,
    /// <paramref name="atNext"/>, at it.
    /// </summary>
    public SampleLine LineFor(int module, int before, bool atNext, bool sessionStart = false)
    {
        // The only tick fed in a gap's interval is the one at its closing sample: that sample's own voltage, as
        // nothing recorded before the gap says what came after it.
        if (GapAfter(before))
        {
            return SampleLine.None;
        }

        // A session's first tick (the core's start, at a pulse's first sample) is its first pulse's only reference:
        // it takes the voltage before the step even where samples are a tick apart, since a cycler's first point of
        // a step has already jumped.
        // So does the tick at a step whose own row holds the voltage after it: the tick carries the current before the
        // step, and the voltage must be from the same side.
        bool stepAtNext = before >= 0 && before + 1 < _t.Length && Steps(module, before, before + 1);
        if (!Coarse(before) && !(atNext && stepAtNext && (sessionStart || _stepRowsAfterJump[module])))
        {
            return SampleLine.None;
        }

        if (stepAtNext)
        {
            // The current changes at the next sample: this tick still carries the one before it, and the voltage
            // goes on as it went (a level held from the last sample would cut a pulse's end short by up to a sample
            // interval, differently at every pulse, and the per-pulse trend test would read that as a trend).
            // Both samples of the line lie inside the step's segment: a step's own sample may be on either side of
            // its jump.
            bool inside = before > 1 && Joined(module, before - 1) && Joined(module, before - 2);
            return inside ? new SampleLine(before - 1, before) : new SampleLine(before, before);
        }

        // Before the first sample the cell is taken to be at rest, as tick 0 carries no current.
        bool stepAtBefore = before > 0 ? Steps(module, before - 1, before) : Math.Abs(_currentMA[module][0]) > _stepMA[module];
        if (!atNext && stepAtBefore)
        {
            // The current changed at the sample before: this tick carries the new one all the way.
            return AfterJump(module, before);
        }

        return SampleLine.None;
    }

    /// <summary>
    /// True when the module's step rows, where a step's row comes a tick or less after the row before it, mostly hold the
    /// voltage after the step (a cycler's: the row's voltage jumped from the row before it more than it moves to the row
    /// after it), false when they mostly hold the voltage before it (edge-sim's trace: the jump comes after the row) or
    /// the recording has no such step. Counted over every cell of the module and every such step.
    /// </summary>
    private bool StepRowsAfterJump(LabRecording recording, int module)
    {
        double[][] voltages = recording.CellVoltageV;
        int firstCell = module * recording.CellsPerModule;
        int after = 0;
        int before = 0;
        for (int j = 1; j + 1 < _t.Length; j++)
        {
            // The row after the step may come later (a cycler that logs every 10 ms under current and every 0.5 s at rest):
            // what moves after a step is much less than the step's jump either way.
            if (!Steps(module, j - 1, j) || Coarse(j - 1) || GapAfter(j - 1) || !Joined(module, j))
            {
                continue;
            }

            for (int c = firstCell; c < firstCell + recording.CellsPerModule; c++)
            {
                double[] v = voltages[c];
                double jumpToRow = Math.Abs(v[j] - v[j - 1]);
                double jumpAfterRow = Math.Abs(v[j + 1] - v[j]);
                if (jumpToRow > jumpAfterRow)
                {
                    after++;
                }
                else if (jumpAfterRow > jumpToRow)
                {
                    before++;
                }
            }
        }

        return after > before;
    }

    /// <summary>True when the recording has a gap between sample <paramref name="sample"/> and the next.</summary>
    public bool GapAfter(int sample) => sample >= 0 && Array.BinarySearch(_gapsAfter, sample) >= 0;

    /// <summary>
    /// After a step at sample <paramref name="step"/>: the line through the next two samples, extended back, when
    /// the current holds over them (a level held until the second sample and a line from there would make a
    /// bend the depletion test reads as a rise); the next sample's level when only it has the same current; the
    /// step's own otherwise.
    /// </summary>
    private SampleLine AfterJump(int module, int step)
    {
        bool first = step + 1 < _t.Length && Joined(module, step);
        bool second = first && step + 2 < _t.Length && Joined(module, step + 1);
        return second ? new SampleLine(step + 1, step + 2) : first ? new SampleLine(step + 1, step + 1) : new SampleLine(step, step);
    }

    /// <summary>True when the module's current changes between samples <paramref name="a"/> and <paramref name="b"/>.</summary>
    private bool Steps(int module, int a, int b) => Math.Abs(_currentMA[module][b] - _currentMA[module][a]) > _stepMA[module];

    /// <summary>True when samples <paramref name="a"/> and <paramref name="a"/> + 1 may share a line: no step and no gap between them.</summary>
    private bool Joined(int module, int a) => !Steps(module, a, a + 1) && !GapAfter(a);

    private bool Coarse(int before) => before >= 0 && before + 1 < _t.Length && _t[before + 1] - _t[before] > _tickS * 1.000001;
}

/// <summary>A voltage taken from the line through two samples (one sample twice: its level); From -1: none.</summary>
internal readonly record struct SampleLine(int From, int To)
{
    public static SampleLine None => new SampleLine(-1, -1);

    public bool IsNone => From < 0;

    public double At(double[] timeS, double[] value, double t) =>
        From == To ? value[From] : value[From] + ((t - timeS[From]) * (value[To] - value[From]) / (timeS[To] - timeS[From]));
}
