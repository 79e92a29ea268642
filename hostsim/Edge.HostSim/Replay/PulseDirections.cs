// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// Counts a recording's pulses by direction: runs of samples under current of one sign, at least
/// <see cref="ProtocolInference.MinimumSamplesPerPulse"/> long, so that a lone sample of the other sign at a step (a
/// cycler's overshoot) is no pulse. A symmetric cell's usual cycling strips and plates by turns; the core infers one
/// direction's pulses, so such a recording must be told apart from one that only strips or only plates.
/// </summary>
internal sealed class PulseDirections
{
    private readonly List<double> _runCurrentsMA = new List<double>();
    private int _runSign;
    private int _runSamples;
    private double _runStartS;

    public int Stripping { get; private set; }

    public int Plating { get; private set; }

    /// <summary>Recording time of the first plating pulse's first sample, s; NaN while none plated.</summary>
    public double FirstPlatingS { get; private set; } = double.NaN;

    /// <summary>Each counted pulse's first sample's time, s, and its samples' median current, mA (signed).</summary>
    public List<(double StartS, double CurrentMA)> Pulses { get; } = new List<(double, double)>();

    /// <summary>The next sample: its time and its current, 0 where it is under the pulse threshold.</summary>
    public void Add(double timeS, double currentMA)
    {
        int sign = Math.Sign(currentMA);
        if (sign == _runSign)
        {
            _runSamples++;
            _runCurrentsMA.Add(currentMA);
            return;
        }

        End();
        _runSign = sign;
        _runSamples = 1;
        _runStartS = timeS;
        _runCurrentsMA.Add(currentMA);
    }

    /// <summary>Counts the run in progress (at the recording's end).</summary>
    public void End()
    {
        if (_runSign != 0 && _runSamples >= ProtocolInference.MinimumSamplesPerPulse)
        {
            _runCurrentsMA.Sort();
            Pulses.Add((_runStartS, _runCurrentsMA[_runCurrentsMA.Count / 2]));
            if (_runSign > 0)
            {
                Stripping++;
            }
            else
            {
                Plating++;
                FirstPlatingS = double.IsNaN(FirstPlatingS) ? _runStartS : FirstPlatingS;
            }
        }

        _runSign = 0;
        _runSamples = 0;
        _runCurrentsMA.Clear();
    }
}
