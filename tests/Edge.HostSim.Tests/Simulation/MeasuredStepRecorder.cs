// Licensed under the MIT License.

using Edge.HostSim.Simulation;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Watches a closed-loop run through <see cref="RunOptions.Observer"/> and cuts it into steps of constant commanded
/// module current, keeping for each step the mean of its first and of its last few measured voltage samples: the
/// voltages as the controller read them (noise, ADC step and all), not the model's true values. The trace cannot
/// serve here: it keeps true voltages, decimated. Allocates once per step, so runs of millions of ticks stay cheap.
/// </summary>
internal sealed class MeasuredStepRecorder
{
    private readonly int _module;
    private readonly int _cell;
    private readonly int _headSamples;
    private readonly int[] _tailMv;
    private readonly List<MeasuredStep> _steps = new List<MeasuredStep>();
    private int _flowingUa;
    private bool _open;
    private int _currentUa;
    private double _startS;
    private double _lastS;
    private long _samples;
    private long _headSumMv;

    /// <param name="headSamples">Samples averaged at the start of each step.</param>
    /// <param name="tailSamples">Samples averaged at the end of each step (a single reading carries a few mV of noise).</param>
    public MeasuredStepRecorder(int headSamples, int tailSamples, int module = 0, int cell = 0)
    {
        _headSamples = headSamples;
        _tailMv = new int[tailSamples];
        _module = module;
        _cell = cell;
    }

    /// <summary>Steps in order; the last one is closed by <see cref="Finish"/>.</summary>
    public IReadOnlyList<MeasuredStep> Steps => _steps;

    /// <summary>Pass as <see cref="RunOptions.Observer"/>.</summary>
    public void Observe(TickObservation o)
    {
        // This tick's frame ends the interval that carried the current the previous tick commanded.
        int current = _flowingUa;
        _flowingUa = o.Actions.SwitchClosed[_module] ? o.Actions.CurrentSetpointUa[_module] : 0;
        if (o.TickIndex == 0)
        {
            _lastS = o.TimeS;
            return;
        }

        if (!_open || current != _currentUa)
        {
            Finish();
            _open = true;
            _currentUa = current;
            _startS = _lastS;
            _samples = 0;
            _headSumMv = 0;
        }

        int mv = o.Frame.CellVoltageMv[o.Frame.Layout.FirstCellOf(_module) + _cell];
        if (_samples < _headSamples)
        {
            _headSumMv += mv;
        }

        _tailMv[_samples % _tailMv.Length] = mv;
        _samples++;
        _lastS = o.TimeS;
    }

    /// <summary>Closes the step still open when the run ended.</summary>
    public void Finish()
    {
        if (!_open)
        {
            return;
        }

        int tail = (int)Math.Min(_samples, _tailMv.Length);
        long tailSumMv = 0;
        for (int k = 0; k < tail; k++)
        {
            tailSumMv += _tailMv[k];
        }

        double headMv = (double)_headSumMv / Math.Min(_samples, _headSamples);
        _steps.Add(new MeasuredStep(_currentUa, _startS, _lastS, headMv, (double)tailSumMv / tail));
        _open = false;
    }
}

/// <summary>
/// One step of constant commanded current (uA, positive = stripping) from <see cref="StartS"/> to the time of its
/// last sample, with the mean measured voltage of its first and last samples (mV).
/// </summary>
internal sealed record MeasuredStep(int CurrentUa, double StartS, double EndS, double StartVoltageMv, double EndVoltageMv)
{
    public double DurationS => EndS - StartS;

    public bool Contains(double timeS) => timeS > StartS && timeS <= EndS;

    public double CurrentDensityMAPerCm2(double areaCm2) => CurrentUa / 1000.0 / areaCm2;
}
