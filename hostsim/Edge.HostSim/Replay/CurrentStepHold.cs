// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// Keeps a resampled voltage from being interpolated across a current step when the samples are further apart
/// than a tick. The core measures a pulse's edge as the change from the mean of the ticks before it to the
/// tick at it, and the rise within a pulse from the ticks after it; a straight line from a rest sample to a
/// pulse sample spreads the jump over every tick between them: at 0.5 s samples the edge then looks like a
/// near-zero resistance (a hard short) and at 50 ms the pulse's onset looks like a depletion rise. Across a
/// step the ticks before the sample where the current changes keep the voltage of the sample before it, and
/// the ticks after it take the voltage of the next sample, so the whole jump falls on the tick where the
/// current changes. Which side a step sample's own voltage is on differs between loggers (a cycler's first
/// point of a step has already jumped; edge-sim's trace logs the voltage before the current it commands), so
/// neither side relies on it. Samples one tick apart are used as they are.
/// </summary>
internal sealed class CurrentStepHold
{
    /// <summary>A change in a module's current above this share of its largest current is a step.</summary>
    private const double StepShareOfLargestCurrent = 0.05;

    private readonly double[] _t;
    private readonly double[][] _currentMA;
    private readonly double[] _stepMA;
    private readonly double _tickS;

    public CurrentStepHold(LabRecording recording, int periodMs)
    {
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
    }

    /// <summary>
    /// The sample whose voltage a tick of <paramref name="module"/> takes as it is, or -1 to interpolate. The tick
    /// lies after sample <paramref name="before"/> (the last sample strictly before it), before the next sample or,
    /// <paramref name="atNext"/>, at it.
    /// </summary>
    public int SampleFor(int module, int before, bool atNext)
    {
        int next = before + 1;
        if (before < 0 || next >= _t.Length || _t[next] - _t[before] <= _tickS * 1.000001)
        {
            return -1;
        }

        double[] current = _currentMA[module];
        if (Math.Abs(current[next] - current[before]) > _stepMA[module])
        {
            // The current changes at the next sample: this tick still carries the one before it.
            return before;
        }

        // Before the first sample the cell is taken to be at rest, as tick 0 carries no current.
        double earlier = before > 0 ? current[before - 1] : 0;
        if (!atNext && Math.Abs(current[before] - earlier) > _stepMA[module])
        {
            // The current changed at the sample before: this tick carries the new one all the way.
            return next;
        }

        return -1;
    }
}
